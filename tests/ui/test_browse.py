"""Pilot tests of browse, the term screen, stats, settings and help."""

from __future__ import annotations

import pytest

from cxvocab.config import Settings, load_settings
from cxvocab.ui.app import CxVocabApp
from cxvocab.ui.screens.browse import BrowseScreen, TermScreen
from cxvocab.ui.screens.home import HomeScreen
from cxvocab.ui.screens.stats import HelpScreen, SettingsScreen, StatsScreen
from cxvocab.ui.widgets.persian_input import PersianInput


@pytest.fixture
def app(store, library, scheduling, clock) -> CxVocabApp:
    return CxVocabApp(store, library, Settings(), None, clock, scheduling=scheduling, rtl_mode="visual")


async def type_query(pilot, text: str) -> None:
    box = pilot.app.screen.query_one(PersianInput)
    box.value = text  # what typing ends in; Input.Changed fires as it would
    await pilot.pause()


@pytest.mark.parametrize("query", ["touch", "TOUCHPOINT", "نقطه تماس", "نقطه‌تماس", "نقطه  تماس"])
async def test_browse_finds_by_english_and_persian(app, query):
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("b")
        assert isinstance(app.screen, BrowseScreen)
        assert len(app.screen.results) == 3  # everything before typing
        await type_query(pilot, query)
        assert [t.id for t in app.screen.results][:1] == ["touchpoint"]
        await pilot.press("enter")
        assert isinstance(app.screen, TermScreen) and app.screen.term.id == "touchpoint"


async def test_browse_by_abbreviation_and_arrow_keys(app):
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("b")
        await type_query(pilot, "nps")
        assert [t.id for t in app.screen.results] == ["net-promoter-score"]
        await type_query(pilot, "")
        await pilot.press("down", "enter")
        assert app.screen.term.id == "touchpoint"  # type: ignore[attr-defined]


async def test_a_confusable_link_opens_its_term(app):
    async with app.run_test(size=(100, 32)) as pilot:
        app.push_screen(TermScreen(app.library.terms["pain-point"]))
        await pilot.pause()
        await pilot.click("#link-touchpoint")
        assert isinstance(app.screen, TermScreen) and app.screen.term.id == "touchpoint"
        await pilot.press("escape")
        assert app.screen.term.id == "pain-point"  # type: ignore[attr-defined]


async def test_term_screen_shows_the_history(app, clock):
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter", "space", "3", "escape")  # study pain-point once
        app.push_screen(TermScreen(app.library.terms["pain-point"]))
        await pilot.pause()
        from rich.console import Console

        console = Console(width=100, record=True)
        console.print(app.screen._history())  # type: ignore[attr-defined]
        history = console.export_text()
        assert "Your answers" in history and "meaning" in history and "right" in history


async def test_stats_screen_and_jalali(app):
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, StatsScreen)
        assert app.screen.numbers.terms_total == 3
        await pilot.press("j")
        assert app.screen.persian


async def test_a_changed_setting_takes_effect_and_is_saved(store, library, scheduling, clock, tmp_path):
    config = tmp_path / "config.toml"
    app = CxVocabApp(store, library, Settings(), None, clock, scheduling=scheduling, rtl_mode="visual", config_file=config)
    async with app.run_test(size=(100, 40)) as pilot:
        assert "3 new" in str(app.screen.query_one("#today").render())
        await pilot.press("o")
        assert isinstance(app.screen, SettingsScreen)
        app.screen.query_one("#new-per-day").value = "1"  # type: ignore[attr-defined]
        app.screen.query_one("#desired-retention").value = "0.85"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "1 new" in str(app.screen.query_one("#today").render())  # applied without a restart
        assert app.scheduling.scheduler.desired_retention == 0.85
        assert load_settings(config)[0] == Settings(new_per_day=1, desired_retention=0.85)
        await pilot.press("enter", "space")
        assert app.screen.session.new_per_day == 1  # type: ignore[attr-defined]


async def test_a_bad_setting_is_refused_with_a_reason(app):
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("o")
        app.screen.query_one("#desired-retention").value = "2"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, SettingsScreen)
        assert "desired_retention: 2.0 is not between 0.7 and 0.99" in str(app.screen.query_one("#settings-problems").render())
        assert app.settings.desired_retention == 0.9


async def test_help_lists_the_screens_own_keys(app):
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        described = dict((d, k) for k, d in app.screen.rows)
        for description in ("Study today", "Meeting prep", "Browse", "Stats", "Settings", "Persian display", "Keys"):
            assert description in described
        assert "Cursor left" not in described  # the table's own keys are not ours
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("question_mark")
        rows = dict((d, k) for k, d in app.screen.rows)  # type: ignore[attr-defined]
        # Every key of the study screen, including those that do nothing on this card.
        for description in ("Show answer", "Next card", "Again", "Easy", "Correct", "Incorrect", "Play", "Undo"):
            assert description in rows, description
        assert rows["Correct"] == "y"
