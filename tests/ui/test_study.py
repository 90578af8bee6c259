"""Pilot tests: drive the app with keys, assert on the screen's state and the database."""

from __future__ import annotations

from datetime import timedelta

import pytest

from cxvocab.config import Settings
from cxvocab.ui.app import CxVocabApp
from cxvocab.ui.screens.home import HomeScreen
from cxvocab.ui.screens.study import StudyScreen
from cxvocab.ui.screens.summary import SummaryScreen
from cxvocab.ui.widgets.flashcard import Flashcard
from cxvocab.ui.widgets.rating_bar import RatingBar
from cxvocab.ui.widgets.rtl_text import RtlText
from tests.ui.conftest import build_app


@pytest.fixture
def app(store, library, scheduling, clock) -> CxVocabApp:
    return build_app(store, library, clock, settings=Settings(), scheduling=scheduling)


def text_of(app: CxVocabApp, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def test_home_shows_todays_counts(app):
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "0 due" in text_of(app, "#today") and "3 new" in text_of(app, "#today")


async def test_reveal_rate_and_rows_saved(app, store, clock):
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, StudyScreen)
        card = app.screen.query_one(Flashcard)
        assert card.term and card.term.id == "pain-point"
        assert not app.screen.query_one("#back").display
        assert not app.screen.query_one(RatingBar).display

        clock.advance(seconds=3)
        await pilot.press("space")
        assert app.screen.query_one("#back").display
        assert app.screen.query_one("#term-fa", RtlText).text == "نقطه درد"
        labels = [str(b.label) for b in app.screen.query(RatingBar).first().query("Button")]
        assert labels == ["1 Again  1m", "2 Hard  6m", "3 Good  10m", "4 Easy  8d"]

        clock.advance(seconds=2)
        await pilot.press("3")
        await pilot.pause()
        assert store.count("reviews") == 1
        (review,) = store.reviews()
        assert (review.term_id, review.rating, review.duration_ms, review.mode) == ("pain-point", 3, 5000, "study")
        assert app.screen.query_one(Flashcard).term.id == "touchpoint"  # type: ignore[union-attr]
        assert not app.screen.query_one("#back").display


async def test_rating_keys_do_nothing_before_reveal(app, store):
    async with app.run_test() as pilot:
        await pilot.press("enter", "3", "1")
        assert store.count("reviews") == 0


async def test_space_twice_means_good_and_buttons_work(app, store):
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter", "space", "space")
        assert [r.rating for r in store.reviews()] == [3]
        await pilot.press("space")
        await pilot.click("#rate-1")
        assert [r.rating for r in store.reviews()] == [3, 1]


async def test_undo_restores_rows_and_card(app, store):
    async with app.run_test() as pilot:
        await pilot.press("enter", "space", "3", "space", "4")
        # Each new term's first answer opens its three other kinds (for tomorrow).
        assert store.count("reviews") == 2 and store.count("cards") == 8
        await pilot.press("u")
        assert store.count("reviews") == 1 and store.count("cards") == 4
        assert app.screen.query_one(Flashcard).term.id == "touchpoint"  # type: ignore[union-attr]


async def test_quit_mid_session_shows_summary_and_keeps_answers(app, store, clock):
    async with app.run_test() as pilot:
        await pilot.press("enter")
        for _ in range(2):
            clock.advance(seconds=10)
            await pilot.press("space", "1" if _ == 0 else "3")
        await pilot.press("q")
        assert isinstance(app.screen, SummaryScreen)
        summary = app.screen.summary
        assert (summary.answered, summary.again, summary.elapsed) == (2, 1, timedelta(seconds=20))
        assert text_of(app, "#summary-missed").startswith("To look at again: pain point\n")
        await pilot.press("enter")
        assert isinstance(app.screen, HomeScreen)
        assert "new" in text_of(app, "#today")
    assert store.count("reviews") == 2


async def test_finishing_the_day(app, store, clock):
    async with app.run_test() as pilot:
        await pilot.press("enter")
        for _ in range(6):
            clock.advance(seconds=30)
            await pilot.press("space", "3")
        assert isinstance(app.screen, SummaryScreen) and app.screen.finished
        await pilot.press("enter")
        assert "All done for today" in text_of(app, "#today")


async def test_leaving_before_answering_goes_home(app):
    async with app.run_test() as pilot:
        await pilot.press("enter", "escape")
        assert isinstance(app.screen, HomeScreen)


async def test_markup_in_content_is_shown_literally(store, scheduling, clock, tmp_path):
    from cxvocab.content import load_library
    from tests.conftest import DATA, write

    text = (DATA / "good.yaml").read_text(encoding="utf-8").replace("term: pain point", "term: '[bold]pain[/] point'")
    library = load_library([write(tmp_path / "m.yaml", text)])
    app = build_app(store, library, clock, settings=Settings(), scheduling=scheduling)
    async with app.run_test() as pilot:
        await pilot.press("enter")
        assert "[bold]pain[/] point" in text_of(app, "#term-name")


async def test_home_says_when_term_files_have_problems(store, scheduling, clock, tmp_path):
    from cxvocab.content import load_library
    from tests.conftest import DATA, write

    write(tmp_path / "broken.yaml", "topic: [\n")
    library = load_library([DATA, tmp_path])
    command = f"cxvocab check --content {tmp_path}"
    app = build_app(store, library, clock, settings=Settings(), scheduling=scheduling, check_command=command)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert text_of(app, "#problems") == (
            f"1 term file has 1 problem; the terms with problems were left out. To see them: {command}"
        )
        assert "3 new" in text_of(app, "#today")


async def test_accent_setting_picks_the_ipa(store, library, scheduling, clock):
    app = build_app(store, library, clock, settings=Settings(accent="uk"), scheduling=scheduling)
    async with app.run_test() as pilot:
        await pilot.press("enter")
        assert text_of(app, "#term-ipa").startswith("UK /ˈpeɪn ˌpɔɪnt/")


async def test_settings_warnings_are_shown(store, library, scheduling, clock):
    app = build_app(store, library, clock, settings=Settings(), scheduling=scheduling, notices=["config.toml: accent: [bad]"])
    async with app.run_test() as pilot:
        await pilot.pause()
        assert [n.message for n in app._notifications] == ["config.toml: accent: [bad]"]


async def test_space_after_clicking_a_button_still_means_good(app, store):
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter", "space")
        await pilot.click("#rate-1")
        await pilot.press("space", "space")
        assert [r.rating for r in store.reviews()] == [1, 3]


async def test_every_grade_button_shows_its_whole_interval(app, clock):
    """A button once kept the width of its first label: "2 Hard  10m" after "2 Hard  6m" lost
    its last letter. Every button is as wide as its label, on every card."""
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        seen: set[str] = set()
        for rating in ("3", "1", "3", "3", "3", "3"):
            clock.advance(minutes=11)
            await pilot.press("space")
            await pilot.pause()
            for button in app.screen.query_one(RatingBar).query("Button"):
                label = str(button.label)
                seen.add(label)
                assert button.content_size.width >= len(label), label
            await pilot.press(rating)
        assert "2 Hard  10m" in seen and "2 Hard  6m" in seen  # the case that was cut


async def test_keys_typed_ahead_never_crash_the_app(make_app, store, clock):
    """A fast typist (or keys typed ahead while a screen opens): bursts of every key the app
    knows, sent without waiting, on every screen; the app must end cleanly or carry on."""
    import random

    from textual import events

    from cxvocab.scheduling import Scheduling

    keys = list("qsbom?tpPuynjc123 4fad") + ["enter", "escape", "space", "ctrl+s", "ctrl+o", "ctrl+r", "ctrl+l", "ctrl+t", "up", "down", "tab", "exclamation_mark", "minus"]
    for seed in range(6):
        rng = random.Random(seed)
        for kind in ("usage", "recall", "choice"):
            store.open_cards([(term, kind, Scheduling.new_state(clock.now())) for term in ("touchpoint",)], clock.now())
        app = make_app()
        async with app.run_test(size=(rng.choice([60, 100, 160]), 32)) as pilot:
            for _burst in range(8):
                for key in rng.choices(keys, k=12):
                    character = key if len(key) == 1 else (" " if key == "space" else None)
                    app.post_message(events.Key(key, character))
                await pilot.pause()
                if app.exiting:
                    break
        assert app.return_code in (0, None), seed


def plain(renderable, width: int = 100) -> str:
    """A Rich renderable as the text a terminal shows."""
    from rich.console import Console

    console = Console(width=width, record=True, file=open("/dev/null", "w"))
    console.print(renderable)
    return console.export_text()


async def test_nothing_due_says_when_and_offers_more(make_app, clock):
    app = make_app(settings=Settings(new_per_day=1))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter", "space", "4")  # today's one new term, known at once
        assert isinstance(app.screen, SummaryScreen) and app.screen.finished
        assert "next card  tomorrow" in plain(app.screen.query_one("#summary-table").content)  # type: ignore[attr-defined]
        await pilot.press("enter")
        assert text_of(app, "#today") == (
            "All done for today.  The next card is due tomorrow.\n"
            "n  learn 5 more new terms today      m  meeting prep: drill any topic now, without touching your schedule"
        )
        await pilot.press("enter")  # no empty session: it says why
        assert isinstance(app.screen, HomeScreen)
        assert list(app._notifications)[-1].message == (
            "Nothing to study right now. The next card is due tomorrow. Press n for 5 more new terms, or m for"
            " meeting prep."
        )
        await pilot.press("n")
        assert "2 new" in text_of(app, "#today")  # the other two terms, for today only
        await pilot.press("enter")
        assert isinstance(app.screen, StudyScreen) and app.screen.question.term.id == "touchpoint"  # type: ignore[union-attr]
