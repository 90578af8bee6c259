"""The learner steers (issue 21): suspend, bury, flag, undo; one topic; review ahead; leeches.
No answer is ever lost by any of them."""

from __future__ import annotations

from datetime import timedelta, timezone

from cxvocab.content import load_library
from cxvocab.paths import builtin_content_dir
from cxvocab.records import TermMarks
from cxvocab.scheduling import Rating, Scheduling
from cxvocab.session import BURY, FLAG, SUSPEND, StudySession
from tests.conftest import NOW


def make(store, library, scheduling, now=NOW, **kw) -> StudySession:
    return StudySession(store, library, scheduling, now, timezone.utc, **kw)


def _learn_all(store, library, scheduling) -> None:
    """Every term of the sample met and past its learning step, reviews due from tomorrow on."""
    session = make(store, library, scheduling)
    now = NOW
    while not session.finished:
        now += timedelta(seconds=5)
        session.answer(Rating.GOOD, now)


def test_a_suspended_term_leaves_every_queue_unanswered_and_undo_brings_it_back(store, library, scheduling):
    session = make(store, library, scheduling)
    first = session.current
    assert first is not None and first.term.id == "pain-point"
    session.show()
    assert session.mark(SUSPEND, NOW) == TermMarks(suspended=True)
    assert store.count("reviews") == 0  # not graded: its schedule untouched
    assert session.current is not None and session.current.term.id != "pain-point"
    assert "pain-point" not in session.queue.new_terms and session.answered == 0
    # Another session (tomorrow, too) leaves it out: only Browse unsuspends it.
    assert "pain-point" not in make(store, library, scheduling, NOW + timedelta(days=2)).queue.new_terms
    assert session.undo(NOW) and session.undone == SUSPEND
    assert session.current is not None and session.current.term.id == "pain-point"
    assert store.marks() == {} and "pain-point" in session.queue.new_terms


def test_a_buried_term_is_back_tomorrow(store, library, scheduling):
    session = make(store, library, scheduling)
    session.show()
    session.mark(BURY, NOW)
    assert "pain-point" not in make(store, library, scheduling).queue.new_terms
    tomorrow = make(store, library, scheduling, NOW + timedelta(days=1))
    assert "pain-point" in tomorrow.queue.new_terms


def test_suspending_after_an_answer_keeps_the_answer_and_undo_takes_back_one_thing_at_a_time(store, library, scheduling):
    session = make(store, library, scheduling)
    session.show()
    session.reveal()
    session.rate(Rating.AGAIN, NOW)
    session.phase = "feedback"  # as after an app-graded answer: the verdict of pain-point shows
    session.mark(SUSPEND, NOW)
    assert store.count("reviews") == 1 and store.marks_of("pain-point").suspended
    assert session.current is None or session.current.term.id != "pain-point"
    assert session.undo(NOW) and session.undone == SUSPEND
    assert store.count("reviews") == 1  # the answer is still there
    assert session.current is not None and session.current.term.id != "pain-point"  # no second answer
    assert session.undo(NOW) and session.undone == "answer" and store.count("reviews") == 0


def test_flag_toggles_and_stays_on_screen(store, library, scheduling):
    session = make(store, library, scheduling)
    session.show()
    assert session.mark(FLAG, NOW) == TermMarks(flagged=True)
    assert session.current is not None and session.current.term.id == "pain-point"
    assert session.marks().flagged
    assert session.mark(FLAG, NOW) == TermMarks()
    assert session.undo(NOW) and session.undone == FLAG and store.marks_of("pain-point").flagged
    assert session.current is not None and session.current.term.id == "pain-point"


def test_one_topic_only():
    from cxvocab.store import Store

    library = load_library([builtin_content_dir()])
    store = Store.memory()
    scheduling = Scheduling(0.9, fuzzing=False)
    topic = list(library.topics)[1]
    session = make(store, library, scheduling, topic=topic, new_per_day=30)
    assert session.queue.new_terms and all(library.topic_of[t] == topic for t in session.queue.new_terms)
    now = NOW
    while not session.finished:
        now += timedelta(seconds=5)
        assert session.current is not None and library.topic_of[session.current.term.id] == topic
        session.answer(Rating.GOOD, now)
    # Today's limit holds across topics: the whole day's session has that much less room.
    whole = make(store, library, scheduling, now, new_per_day=30)
    assert len(whole.queue.new_terms) == 30 - len(library.topics[topic].term_ids[:30])
    store.close()


def test_review_ahead_asks_tomorrows_cards_now_and_saves_them_as_ahead(store, library, scheduling):
    _learn_all(store, library, scheduling)
    later = NOW + timedelta(hours=2)
    assert make(store, library, scheduling, later).finished  # nothing left today
    ahead = make(store, library, scheduling, later, ahead_days=3)
    assert not ahead.finished and ahead.queue.new_terms == []
    card = ahead.current
    assert card is not None and card.item.card is not None and card.item.card.state.due > later
    ahead.show()
    ahead.reveal() if card.kind == "meaning" else None
    ahead.answer(Rating.GOOD, later)
    (row,) = list(store.conn.execute("select ahead, mode from reviews order by id desc limit 1"))
    assert tuple(row) == (1, "study")
    after = store.card_by_id(card.item.card.id)
    assert after is not None and after.state.due > card.item.card.state.due  # FSRS moved it on
    # A regular session's answers are not ahead.
    assert {r[0] for r in store.conn.execute("select ahead from reviews where id < (select max(id) from reviews)")} == {0}


def test_a_term_answered_again_eight_times_becomes_a_flagged_leech_and_undo_takes_it_back(store, library, scheduling):
    session = make(store, library, scheduling, leech_threshold=3)
    now = NOW
    while store.study_agains("pain-point") < 3:
        assert session.current is not None and session.leech is None
        session.answer(Rating.AGAIN if session.current.term.id == "pain-point" else Rating.GOOD, now)
        now += timedelta(minutes=2)
    assert session.leech is not None and session.leech.id == "pain-point"
    assert store.marks_of("pain-point") == TermMarks(flagged=True, leech=True)
    assert store.study_agains("pain-point") == 3
    while session.history[-1].item.term_id != "pain-point":  # type: ignore[union-attr]
        session.undo(now)
    session.undo(now)
    assert store.marks_of("pain-point") == TermMarks() and store.study_agains("pain-point") == 2


def test_prep_answers_never_make_a_leech(store, library, scheduling):
    from cxvocab.prep import PrepSession

    prep = PrepSession(store, library, ["pain-point"] * 1, NOW, kinds=("usage",), count=1)
    prep.answer(Rating.AGAIN, NOW)
    assert store.study_agains("pain-point") == 0
