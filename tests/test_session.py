from __future__ import annotations

from datetime import timedelta, timezone

import pytest

from cxvocab.scheduling import Rating
from cxvocab.session import StudySession
from tests.conftest import NOW


def make(store, library, scheduling, **kw) -> StudySession:
    return StudySession(store, library, scheduling, NOW, timezone.utc, **kw)


def test_each_answer_is_saved_before_the_next_card(store, library, scheduling):
    session = make(store, library, scheduling)
    assert session.current and session.current.term.id == "pain-point" and session.current.is_new
    session.answer(Rating.GOOD, NOW + timedelta(seconds=4))
    assert store.count("reviews") == 1
    (review,) = store.reviews()
    assert (review.term_id, review.kind, review.rating, review.correct, review.duration_ms) == (
        "pain-point", "meaning", 3, True, 4000,
    )
    assert session.current and session.current.term.id == "touchpoint"


def test_again_is_recorded_as_incorrect(store, library, scheduling):
    session = make(store, library, scheduling)
    session.answer(Rating.AGAIN, NOW)
    assert store.reviews()[0].correct is False
    assert session.summary(NOW).again == 1


def test_whole_day_then_finished(store, library, scheduling):
    session = make(store, library, scheduling)
    now = NOW
    seen = []
    while not session.finished:
        seen.append(session.current.term.id)  # type: ignore[union-attr]
        now += timedelta(seconds=5)
        session.answer(Rating.GOOD, now)
    # Each new term once, then once more for its 10-minute learning step (learn-ahead).
    assert seen == ["pain-point", "touchpoint", "net-promoter-score"] * 2
    # 3 meaning cards, and 3 x 3 other kinds opened for tomorrow.
    assert store.count("cards") == 12 and store.count("reviews") == 6
    assert session.summary(now).answered == 6
    with pytest.raises(RuntimeError):
        session.answer(Rating.GOOD, now)


def test_new_per_day_limit_applies(store, library, scheduling):
    session = make(store, library, scheduling, new_per_day=1)
    assert session.remaining() == (1, 0, 0)


def test_undo_puts_the_card_back_and_the_rows_back(store, library, scheduling):
    session = make(store, library, scheduling)
    session.answer(Rating.GOOD, NOW)
    session.answer(Rating.EASY, NOW)
    assert session.current and session.current.term.id == "net-promoter-score"
    assert session.undo(NOW)
    assert session.current and session.current.term.id == "touchpoint" and session.current.is_new
    assert store.count("reviews") == 1 and store.met_terms() == {"pain-point"}
    assert session.undo(NOW)
    assert store.count("reviews") == 0 and store.count("cards") == 0
    assert not session.undo(NOW)


def test_undo_of_a_review_restores_its_state(store, library, scheduling):
    session = make(store, library, scheduling)
    for _ in range(3):
        session.answer(Rating.GOOD, NOW)
    later = NOW + timedelta(minutes=11)
    session = StudySession(store, library, scheduling, later, timezone.utc)
    before = session.current.item.card  # type: ignore[union-attr]
    assert before is not None
    session.answer(Rating.AGAIN, later)
    session.undo(later)
    assert store.card_by_id(before.id) == before
    assert session.current and session.current.item.card == before


def test_intervals_for_the_buttons(store, library, scheduling):
    session = make(store, library, scheduling)
    intervals = session.intervals(NOW)
    assert intervals[Rating.AGAIN] == timedelta(minutes=1)
    assert intervals[Rating.GOOD] == timedelta(minutes=10)


def test_overview_counts_per_topic(store, library, scheduling):
    from cxvocab.queue import build_queue
    from cxvocab.session import overview

    session = make(store, library, scheduling, new_per_day=2)
    session.answer(Rating.GOOD, NOW)
    today = overview(build_queue(store, list(library.terms), NOW, timezone.utc, new_per_day=2), library)
    assert (today.due, today.new) == (1, 1)
    assert today.by_topic == {"sample": (1, 1)}


@pytest.mark.parametrize("seed", range(6))
def test_queue_kept_between_answers_is_what_a_fresh_read_gives(store, scheduling, seed):
    """The session patches today's due cards with each answer instead of reading them all
    again; after every answer, over several days with reviews, lapses, new terms opening
    siblings and the review cap, its queue is exactly the one built from the database."""
    import random

    from cxvocab.content import load_library
    from cxvocab.paths import builtin_content_dir
    from cxvocab.queue import build_queue

    library = load_library([builtin_content_dir()])  # 72 terms, with confusables
    rng = random.Random(seed)
    now = NOW
    for _day in range(4):
        cap = 25 if seed % 2 else 0
        session = StudySession(store, library, scheduling, now, timezone.utc, new_per_day=6, review_cap=cap)
        steps = 0
        while not session.finished and steps < 60:
            now += timedelta(seconds=rng.choice([5, 40, 300, 700]))
            session.answer(rng.choice([Rating.AGAIN, Rating.HARD, Rating.GOOD, Rating.GOOD, Rating.EASY]), now)
            fresh = build_queue(
                store,
                list(library.terms),
                now,
                timezone.utc,
                new_per_day=6,
                review_cap=cap,
                kinds=session.kinds,
                related=lambda t: library.terms[t].confusables,
            )
            assert session.queue == fresh
            steps += 1
        now += timedelta(days=rng.choice([1, 2, 5]))


def test_a_second_instance_writing_makes_the_session_read_afresh(library, scheduling, tmp_path):
    from cxvocab.store import Answer, Store

    store = Store.open(tmp_path / "progress.db")
    session = make(store, library, scheduling)
    session.answer(Rating.GOOD, NOW + timedelta(seconds=5))
    target = session.queue.new_terms[1]  # a new term this session will offer soon
    other = Store.open(tmp_path / "progress.db")  # another instance introduces it meanwhile
    try:
        moment = NOW + timedelta(seconds=6)
        state = scheduling.review(0, None, Rating.GOOD, moment, 1000)
        other.record(Answer(target, "meaning", Rating.GOOD, True, moment, 1000, "study", None, state))
    finally:
        other.close()
    session.answer(Rating.GOOD, NOW + timedelta(seconds=8))
    assert target not in session.queue.new_terms
    store.close()


def _due(store, term_id: str, kind: str) -> None:
    from cxvocab.scheduling import Scheduling

    store.open_cards([(term_id, kind, Scheduling.new_state(NOW - timedelta(hours=1)))], NOW)


def test_the_session_owns_a_cards_phase_and_grades_every_kind(store, library, scheduling):
    """Reveal, grading and the phase live in the session: a screen only draws them."""
    _due(store, "touchpoint", "usage")
    _due(store, "pain-point", "recall")
    session = make(store, library, scheduling, new_per_day=0)
    graded = {}
    for answered in (1, 2):  # both cards, whichever comes first
        asked = session.show()
        assert asked is not None and session.phase == "ask"
        assert session.reveal() is False and session.rate(Rating.GOOD, NOW) is False  # not a meaning card
        if asked.kind == "usage":
            assert asked.usage is not None
            grade = session.judge(says_correct=not asked.usage.usage.correct, now=NOW)
            assert grade is not None and not grade.correct and grade.rating == Rating.AGAIN
        else:
            assert session.type_answer("   ", NOW) is None and store.count("reviews") == answered - 1  # nothing typed
            grade = session.type_answer(asked.term.term, NOW)
            assert grade is not None and grade.correct and grade.rating == Rating.GOOD
        graded[asked.kind] = grade
        assert session.phase == "feedback" and session.shown is asked and store.count("reviews") == answered
        assert session.judge(True, NOW) is None and session.type_answer("x", NOW) is None  # answered once only
    assert set(graded) == {"usage", "recall"}


def test_a_meaning_card_is_revealed_then_rated(store, library, scheduling):
    session = make(store, library, scheduling)
    shown = session.show()
    assert shown is not None and shown.kind == "meaning"
    assert session.rate(Rating.GOOD, NOW) is False  # not revealed yet
    assert session.judge(True, NOW) is None and session.choose(1, NOW) is None  # not those kinds
    assert session.reveal() and session.phase == "revealed" and not session.reveal()
    assert session.rate(Rating.GOOD, NOW) and store.count("reviews") == 1
