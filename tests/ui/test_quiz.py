"""Pilot tests of the app-graded kinds and of meeting prep: keys in, review rows out."""

from __future__ import annotations

from datetime import timedelta

import pytest
from rich.text import Text

from cxvocab.config import Settings
from cxvocab.prep import PrepRequest
from cxvocab.quiz import UsageQuestion, grade_usage, term_spans
from cxvocab.rtl import Persian
from cxvocab.scheduling import Scheduling
from cxvocab.ui.app import CxVocabApp
from cxvocab.ui.screens.home import HomeScreen
from cxvocab.ui.screens.prep import PrepSetupScreen, PrepSummaryScreen
from cxvocab.ui.screens.study import PrepScreen, StudyScreen
from cxvocab.ui.widgets.quiz_cards import Feedback, UsageCard
from cxvocab.ui.widgets.rtl_text import RtlText
from tests.ui.conftest import build_app


def app_with_due(store, library, scheduling, clock, kind: str, term_id: str = "touchpoint") -> CxVocabApp:
    """An app whose first card is ``term_id`` as ``kind`` (a sibling card due now)."""
    store.open_cards([(term_id, kind, Scheduling.new_state(clock.now() - timedelta(hours=1)))], clock.now())
    return build_app(store, library, clock, settings=Settings(new_per_day=0), scheduling=scheduling, rtl_mode="visual")


def feedback_text(app) -> str:
    """The text of the feedback under the card on screen."""
    (feedback,) = [f for f in app.screen.query(Feedback) if f.display and f.parent.display]
    return " ".join(drawn_text(w) for w in feedback.query("Static, RtlText") if w.display)


def drawn_text(widget) -> str:
    """A widget's text as a reader gets it (logical order): a label's Text, or Persian's own."""
    rendered = widget.render()
    return rendered.plain if isinstance(rendered, Text | Persian) else str(rendered)


async def start(pilot, kind: str):
    await pilot.press("enter")
    screen = pilot.app.screen
    assert isinstance(screen, StudyScreen) and screen.question is not None and screen.question.kind == kind
    return screen


@pytest.mark.parametrize("right", [True, False])
async def test_usage_y_n(store, library, scheduling, clock, right):
    app = app_with_due(store, library, scheduling, clock, "usage")
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await start(pilot, "usage")
        usage = screen.question.usage.usage  # type: ignore[union-attr]
        clock.advance(seconds=6)
        await pilot.press("y" if usage.correct == right else "n")
        (review,) = store.reviews()
        assert (review.kind, review.rating, review.correct, review.duration_ms) == ("usage", 3 if right else 1, right, 6000)
        assert review.answer in ("correct", "incorrect") and review.mode == "study"
        assert screen.phase == "feedback"
        shown = feedback_text(app)
        assert ("Right" if right else "Not quite") in shown and usage.why.en in shown
        assert ("Kind of mistake" in shown) == (not usage.correct)  # touchpoint's are all labelled
        await pilot.press("space")
        # A learning card either way: its next step (10 minutes if right, 1 if missed) is
        # within the learn-ahead window, so the same card is asked again now.
        due = store.card("touchpoint", "usage").state.due  # type: ignore[union-attr]
        assert due - clock.now() == timedelta(minutes=10 if right else 1)
        assert app.screen is screen and screen.phase == "ask" and screen.question.kind == "usage"  # type: ignore[union-attr]


@pytest.mark.parametrize(("typed", "rating", "correct"), [("touchpoint", 3, True), ("touchpiont", 2, True), ("journey", 1, False)])
async def test_recall_typed(store, library, scheduling, clock, typed, rating, correct):
    app = app_with_due(store, library, scheduling, clock, "recall")
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await start(pilot, "recall")
        await pilot.press(*typed, "enter")
        (review,) = store.reviews()
        assert (review.kind, review.rating, review.correct, review.answer) == ("recall", rating, correct, typed)
        shown = feedback_text(app)
        if rating == 2:
            assert "one typo" in shown and "touchpoint" in shown
        if rating == 1:
            assert "The answer: touchpoint" in shown and "You typed:  journey" in shown
        assert screen.phase == "feedback"


async def test_the_answer_keys_come_back_from_their_worker_to_the_session(store, library, scheduling, clock):
    """The keys are worked out in a thread once the recall card is drawn; the screen hands the
    result to its session, and another term's exact name is then graded as a confusion."""
    app = app_with_due(store, library, scheduling, clock, "recall")
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await start(pilot, "recall")
        await pilot.pause()  # the call after the card's refresh starts the worker
        assert screen._grading is not None
        await screen._grading.wait()
        await pilot.pause()  # its state change is delivered to the screen
        keys = screen.session.answer_keys
        assert keys is screen._grading.result and keys.named("painpoint", "touchpoint") is library.terms["pain-point"]
        await pilot.press(*"pain point", "enter")
        assert "That is pain point" in feedback_text(app)
        assert screen.session.answer_keys is keys  # made once


@pytest.mark.parametrize("right", [True, False])
async def test_choice_1_to_4(store, library, scheduling, clock, right):
    app = app_with_due(store, library, scheduling, clock, "choice")
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await start(pilot, "choice")
        choice = screen.question.choice  # type: ignore[union-attr]
        pick = choice.answer if right else (choice.answer + 1) % len(choice.options)
        await pilot.press(str(pick + 1))
        (review,) = store.reviews()
        assert (review.kind, review.rating, review.correct) == ("choice", 3 if right else 1, right)
        assert review.answer == choice.options[pick].label
        if not right:
            assert "is something else" in feedback_text(app)


async def test_undo_after_an_app_graded_answer(store, library, scheduling, clock):
    app = app_with_due(store, library, scheduling, clock, "usage")
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await start(pilot, "usage")
        await pilot.press("y", "u")
        assert store.count("reviews") == 0 and screen.phase == "ask" and screen.question.kind == "usage"  # type: ignore[union-attr]


async def test_prep_drill_saves_answers_and_leaves_cards_alone(store, library, scheduling, clock):
    store.open_cards([("touchpoint", "meaning", Scheduling.new_state(clock.now()))], clock.now())
    cards_before = list(store.db.query("select * from cards"))
    request = PrepRequest(("pain-point", "touchpoint", "net-promoter-score"), ("usage", "choice"), 4, None, "Meeting prep: sample")
    app = build_app(store, library, clock, settings=Settings(), scheduling=scheduling, rtl_mode="visual", prep=request)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PrepScreen)
        assert "Meeting prep: sample" in str(screen.query_one("#progress").render())
        for _ in range(4):
            question = screen.question
            assert question is not None
            if question.kind == "usage":
                await pilot.press("y")
            else:
                await pilot.press("1")
            await pilot.press("space")
        assert isinstance(app.screen, PrepSummaryScreen)
        assert app.screen.summary.answered == 4
        assert [r.mode for r in store.reviews()] == ["prep"] * 4
        assert list(store.db.query("select * from cards")) == cards_before
        await pilot.press("enter")  # started from `cxvocab prep`: done means quit
    assert app.return_code == 0


async def test_m_on_home_starts_a_drill(store, library, scheduling, clock):
    app = build_app(store, library, clock, settings=Settings(), scheduling=scheduling, rtl_mode="visual")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("m")
        assert isinstance(app.screen, PrepSetupScreen)
        await pilot.press("enter")  # nothing picked yet: stays, with a hint
        assert isinstance(app.screen, PrepSetupScreen)
        await pilot.press("down", "space", "enter")  # the first topic
        assert isinstance(app.screen, PrepScreen)
        assert app.screen.prep.deadline == clock.now() + timedelta(minutes=5)
        await pilot.press("escape")
        assert isinstance(app.screen, PrepSummaryScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, HomeScreen)


async def test_countdown_ends_the_drill(store, library, scheduling, clock):
    request = PrepRequest(("pain-point", "touchpoint"), ("usage",), 10, 1, "Meeting prep: sample")
    app = build_app(store, library, clock, settings=Settings(), scheduling=scheduling, rtl_mode="visual", prep=request)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PrepScreen)
        assert "⏱ 1:00 left" in str(screen.query_one("#progress").render())
        clock.advance(seconds=30)
        screen.tick()
        assert "⏱ 0:30 left" in str(screen.query_one("#progress").render())
        clock.advance(seconds=31)
        screen.tick()
        await pilot.pause()
        assert isinstance(app.screen, PrepSummaryScreen) and app.screen.summary.ran_out_of_time


async def answer_wrongly(pilot, screen) -> None:
    """Give a wrong answer to the app-graded question on screen, then go on."""
    question = screen.question
    if question.kind == "usage":
        await pilot.press("n" if question.usage.usage.correct else "y")
    elif question.kind == "choice":
        wrong = next(i for i in range(len(question.choice.options)) if i != question.choice.answer)
        await pilot.press(str(wrong + 1))
    else:
        await pilot.press(*"zzzz", "enter")
    await pilot.press("space")


async def test_prep_from_home_asks_each_term_once_and_counts_terms(make_app, store):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("m")
        setup = app.screen
        assert isinstance(setup, PrepSetupScreen)
        assert setup.query("Header") and setup.query("KeyLine")  # a screen of its own, with its keys
        await pilot.press("down", "space")
        assert str(setup.query_one("#prep-count-hint").render()) == "empty: each chosen term once (3 terms)"
        setup.query_one("#prep-minutes").value = ""  # type: ignore[attr-defined]  # no time limit
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, PrepScreen) and screen.prep.deadline is None
        assert sorted(item.term_id for item in screen.prep.plan) == ["net-promoter-score", "pain-point", "touchpoint"]
        await answer_wrongly(pilot, screen)
        await answer_wrongly(pilot, screen)
        assert "terms missed 2" in str(screen.query_one("#progress").render())
        await answer_wrongly(pilot, screen)
        summary = app.screen
        assert isinstance(summary, PrepSummaryScreen)
        assert len(summary.summary.missed) == 3 and summary.summary.answered == 3
        assert "terms missed 3" in str(summary.query_one("#summary-title").render())


async def test_prep_setup_refuses_a_bad_number(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("m", "down", "space")
        app.screen.query_one("#prep-count").value = "0"  # type: ignore[attr-defined]
        await pilot.press("enter")
        assert isinstance(app.screen, PrepSetupScreen)
        assert list(app._notifications)[-1].message == "The number of questions must be from 1 to 500."


async def test_a_drill_stopped_before_any_answer_still_gives_the_sheet(make_app):
    request = PrepRequest(("pain-point", "touchpoint"), ("usage",), 2, None, "Meeting prep: sample")
    app = make_app(prep=request)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("escape")
        screen = app.screen
        assert isinstance(screen, PrepSummaryScreen)
        assert str(screen.query_one("#summary-title").render()) == (
            "Nothing answered.  Here are the drill's terms to read before the meeting."
        )
        assert [t.id for t in screen.summary.terms] == ["pain-point", "touchpoint"]


@pytest.mark.parametrize("prep", [False, True])
async def test_an_incorrect_sentence_names_its_kind_of_mistake_in_both_languages(store, library, scheduling, clock, prep):
    """Study and meeting prep show the same card: the kind of mistake, English and Persian, and
    the sentence plain until answered (the term in bold would mark a calque that lacks it)."""
    term = library.terms["touchpoint"]
    wrong = next(u for u in term.usage if not u.correct and u.mistake == "confusion")
    if prep:
        request = PrepRequest(("touchpoint",), ("usage",), 1, None, "Meeting prep: sample")
        app = build_app(store, library, clock, settings=Settings(), scheduling=scheduling, rtl_mode="visual", prep=request)
    else:
        app = app_with_due(store, library, scheduling, clock, "usage")
    async with app.run_test(size=(100, 32)) as pilot:
        if not prep:
            await pilot.press("enter")
        await pilot.pause()
        card = app.screen.query_one(UsageCard)
        question = UsageQuestion(term, wrong, tuple(term_spans(wrong.sentence, term)))
        card.show(question)
        sentence = card.query_one("#usage-sentence").render()
        assert str(sentence) == wrong.sentence and not sentence.spans  # type: ignore[attr-defined]
        card.show_grade(question, grade_usage(question, says_correct=True))
        await pilot.pause()
        shown = feedback_text(app)
        assert "Not quite: the sentence has a mistake." in shown
        assert "Kind of mistake: confusion — a neighbouring term taken for this one" in shown
        persian = card.query_one("#mistake-fa", RtlText)
        assert persian.display and persian.text == "نوع خطا: اشتباه با اصطلاح نزدیک — اصطلاحی نزدیک به‌جای این اصطلاح"
        assert card.query_one("#usage-sentence").render().spans  # type: ignore[attr-defined]


@pytest.mark.parametrize("right", [True, False])
async def test_a_gap_card_picks_the_word_and_explains_it(store, scheduling, clock, tmp_path, right):
    from cxvocab.content import load_library
    from cxvocab.ui.widgets.quiz_cards import GapCard
    from tests.test_gaps import gapped

    library = load_library([gapped(tmp_path)])
    store.open_cards([("touchpoint", "gap", Scheduling.new_state(clock.now() - timedelta(hours=1)))], clock.now())
    app = build_app(store, library, clock, settings=Settings(new_per_day=0), scheduling=scheduling, rtl_mode="visual")
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await start(pilot, "gap")
        question = screen.question.gap  # type: ignore[union-attr]
        card = screen.query_one(GapCard)
        assert "___" in str(card.query_one("#gap-sentence").render())
        assert ("1-4", "Pick an option") in screen.query_one("KeyLine").keys()  # type: ignore[attr-defined]
        pick = question.answer if right else (question.answer + 1) % len(question.options)
        await pilot.press(str(pick + 1))
        (review,) = store.reviews()
        assert (review.kind, review.rating, review.correct, review.answer) == ("gap", 3 if right else 1, right, question.options[pick])
        sentence = str(card.query_one("#gap-sentence").render())
        assert "___" not in sentence and question.gap.answer in sentence
        shown = feedback_text(app)
        assert question.gap.why.en in shown
        assert ("Kind of mistake" in shown) == (not right)
        assert screen.phase == "feedback"
