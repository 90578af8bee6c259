"""What the learner sees, as SVG snapshots (pytest-textual-snapshot): home, a card in study,
a usage card's feedback with its kind of mistake, and the summary. Persian is drawn in visual
mode (terminals without bidi), the clock is fixed and the content is the sample file, so a
snapshot changes only when the screen does. After a deliberate change of a screen:
``pytest tests/ui/test_snapshots.py --snapshot-update``, then look at the new SVGs."""

from __future__ import annotations

from datetime import timedelta

from cxvocab.config import Settings
from cxvocab.quiz import UsageQuestion, grade_usage, term_spans
from cxvocab.scheduling import Scheduling
from cxvocab.ui.widgets.quiz_cards import UsageCard

SIZE = (100, 32)


def test_home(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=SIZE)


def test_a_new_card_revealed(snap_compare, make_app):
    assert snap_compare(make_app(), press=["enter", "space"], terminal_size=SIZE)


def test_the_summary_after_three_answers(snap_compare, make_app):
    keys = ["enter", "space", "3", "space", "3", "space", "1", "q"]
    assert snap_compare(make_app(), press=keys, terminal_size=SIZE)


def test_a_usage_card_names_its_kind_of_mistake(snap_compare, make_app, store, library, clock):
    store.open_cards([("touchpoint", "usage", Scheduling.new_state(clock.now() - timedelta(hours=1)))], clock.now())
    app = make_app(settings=Settings(new_per_day=0))
    term = library.terms["touchpoint"]
    wrong = next(u for u in term.usage if u.mistake == "confusion")

    async def answer_wrongly(pilot):  # type: ignore[no-untyped-def]
        await pilot.press("enter")
        card = pilot.app.screen.query_one(UsageCard)
        question = UsageQuestion(term, wrong, tuple(term_spans(wrong.sentence, term)))
        card.show(question)
        card.show_grade(question, grade_usage(question, says_correct=True))
        await pilot.pause()

    assert snap_compare(app, run_before=answer_wrongly, terminal_size=SIZE)
