"""Pilot tests of the learner's controls (issue 21): suspend, bury, flag and undo on the card;
the leech notice; one topic from Home; review ahead; Browse's filters and unsuspending."""

from __future__ import annotations

from cxvocab.config import Settings
from cxvocab.content import load_library
from cxvocab.paths import builtin_content_dir
from cxvocab.records import TermMarks
from cxvocab.ui.screens.browse import BrowseScreen, TermScreen
from cxvocab.ui.screens.home import HomeScreen
from cxvocab.ui.screens.leech import LeechScreen
from cxvocab.ui.screens.study import PrepScreen, StudyScreen
from cxvocab.ui.screens.summary import SummaryScreen
from cxvocab.ui.widgets.flashcard import Flashcard


def term_on_screen(app) -> str:
    return app.screen.query_one(Flashcard).term.id  # type: ignore[union-attr]


async def test_suspend_bury_flag_and_undo_on_the_card(make_app, store, clock):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        assert term_on_screen(app) == "pain-point"
        assert "! suspend" in str(app.screen.query_one("#marks").render())
        await pilot.press("exclamation_mark")
        assert term_on_screen(app) == "touchpoint" and store.marks_of("pain-point").suspended
        assert store.count("reviews") == 0  # nothing graded
        await pilot.press("minus")
        assert term_on_screen(app) == "net-promoter-score"
        assert store.marks_of("touchpoint").buried(clock.now())
        await pilot.press("f")
        assert store.marks_of("net-promoter-score").flagged and term_on_screen(app) == "net-promoter-score"
        assert "flagged" in str(app.screen.query_one("#marks").render())
        await pilot.press("space", "3")  # an answer, then undo the three marks one at a time
        assert store.count("reviews") == 1
        await pilot.press("u")  # the answer
        assert store.count("reviews") == 0 and term_on_screen(app) == "net-promoter-score"
        await pilot.press("u")  # the flag
        assert not store.marks_of("net-promoter-score").flagged
        await pilot.press("u")  # the bury
        assert term_on_screen(app) == "touchpoint" and store.marks() == {"pain-point": TermMarks(suspended=True)}
        await pilot.press("u")  # the suspend
        assert term_on_screen(app) == "pain-point" and store.marks() == {}
        # Fast keys end in no traceback.
        await pilot.press(*"!-f!-fu" * 3, "u", "u", "u", "u", "u")
        assert isinstance(app.screen, (StudyScreen, HomeScreen, SummaryScreen))


async def test_a_leech_shows_its_confusables_and_offers_a_drill(make_app, store, clock):
    app = make_app(settings=Settings(leech_threshold=2))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        while not isinstance(app.screen, LeechScreen):
            again = term_on_screen(app) == "pain-point"
            await pilot.press("space", "1" if again else "3")
            clock.advance(minutes=2)
        assert store.marks_of("pain-point") == TermMarks(flagged=True, leech=True)
        said = " ".join(str(w.render()) for w in app.screen.query("RtlText"))
        assert "pain point" in said and "leech" in said
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, PrepScreen)
        asked = {item.term_id for item in app.screen.prep.plan}  # type: ignore[attr-defined]
        assert "pain-point" in asked and asked <= {"pain-point", *app.library.terms["pain-point"].confusables}


async def test_one_topic_from_home(store, scheduling, clock):
    from tests.ui.conftest import build_app

    library = load_library([builtin_content_dir()])
    app = build_app(store, library, clock, settings=Settings(new_per_day=40), scheduling=scheduling, rtl_mode="visual")
    second = list(library.topics)[1]
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("down", "down")
        assert isinstance(app.screen, HomeScreen) and app.screen.cursor == 1
        assert "this topic only" in str(app.screen.query_one("#today").render())
        await pilot.press("enter")
        assert isinstance(app.screen, StudyScreen)
        session = app.screen.session
        assert session.topic == second  # type: ignore[attr-defined]
        assert all(library.topic_of[t] == second for t in session.queue.new_terms)  # type: ignore[attr-defined]
        assert library.topics[second].title.en in str(app.screen.query_one("#progress").render())
        await pilot.press("escape")
        await pilot.press("escape")  # the topic let go: every topic again
        assert app.screen.cursor is None  # type: ignore[attr-defined]


async def test_review_ahead_when_nothing_is_due(make_app, store, clock):
    app = make_app()
    async with app.run_test(size=(120, 32)) as pilot:
        await pilot.press("enter")
        for _ in range(6):
            clock.advance(seconds=30)
            await pilot.press("space", "3")
        await pilot.press("enter")
        assert isinstance(app.screen, HomeScreen) and "review ahead" in str(app.screen.query_one("#today").render())
        await pilot.press("a")
        assert isinstance(app.screen, StudyScreen) and "Reviewing ahead" in str(app.screen.query_one("#progress").render())
        before = store.count("reviews")
        await pilot.press("space", "3") if app.screen.session.shown.kind == "meaning" else None  # type: ignore[union-attr]
        kind = app.screen.session.shown.kind  # type: ignore[union-attr]
        if kind == "usage":
            await pilot.press("y", "space")
        elif kind in ("choice", "gap"):
            await pilot.press("1", "space")
        elif kind == "recall":
            await pilot.press(*"touchpoint", "enter", "space")
        assert store.count("reviews") == before + 1
        (ahead,) = store.conn.execute("select ahead from reviews order by id desc limit 1").fetchone()
        assert ahead == 1


async def test_browse_lists_flagged_and_suspended_terms_and_unsuspends(make_app, store, clock):
    store.set_marks("touchpoint", TermMarks(suspended=True), clock.now())
    store.set_marks("pain-point", TermMarks(flagged=True, leech=True), clock.now())
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("b")
        assert isinstance(app.screen, BrowseScreen)
        box = app.screen.query_one("#browse-query")
        await pilot.press(*"is:suspended")  # typed once; then the box is filled as a paste would
        assert [t.id for t in app.screen.results] == ["touchpoint"]
        for query, found in (("is:leech", ["pain-point"]), ("is:flagged pain", ["pain-point"]), ("is:flagged touch", [])):
            box.value = query  # type: ignore[attr-defined]
            await pilot.pause()
            assert [t.id for t in app.screen.results] == found, query
        box.value = "touch"  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("enter")
        assert isinstance(app.screen, TermScreen) and "suspended" in str(app.screen.query_one("#term-marks").render())
        await pilot.press("exclamation_mark")
        assert not store.marks_of("touchpoint").suspended
        await pilot.press("escape")
    # Back in the queue.
    assert "touchpoint" in app.new_session(open_missing=False).queue.new_terms


async def test_prep_from_home_can_drill_the_flagged_terms(make_app, store, clock):
    store.set_marks("net-promoter-score", TermMarks(flagged=True), clock.now())
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("m")
        await pilot.press("down", "space", "enter")  # the second row: my flagged terms
        await pilot.pause()
        assert isinstance(app.screen, PrepScreen)
        assert {item.term_id for item in app.screen.prep.plan} == {"net-promoter-score"}  # type: ignore[attr-defined]
