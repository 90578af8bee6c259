from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from cxvocab.clock import day_window
from cxvocab.queue import build_queue
from cxvocab.scheduling import LEARNING, REVIEW, Rating, Scheduling, format_interval
from cxvocab.store import Answer, Store
from tests.conftest import NOW

TEHRAN = timezone(timedelta(hours=3, minutes=30))
TERMS = [f"t{i:02d}" for i in range(30)]


def introduce(store: Store, scheduling: Scheduling, term_id: str, at: datetime, rating: int = 3, kind: str = "meaning"):
    card = store.card(term_id, kind)
    state = scheduling.review(card.id if card else 0, card.state if card else None, rating, at)
    store.record(Answer(term_id, kind, rating, rating > 1, at, 1000, new_state=state))


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (timedelta(seconds=30), "<1m"),
        (timedelta(minutes=1), "1m"),
        (timedelta(minutes=10), "10m"),
        (timedelta(hours=5), "5h"),
        (timedelta(days=3), "3d"),
        (timedelta(days=45), "1.5mo"),
        (timedelta(days=90), "3mo"),
        (timedelta(days=800), "2.2y"),
    ],
)
def test_format_interval(delta, text):
    assert format_interval(delta) == text


def test_first_review_intervals_without_fuzz(scheduling):
    assert scheduling.preview(0, None, NOW) == {
        Rating.AGAIN: timedelta(minutes=1),
        Rating.HARD: timedelta(minutes=5, seconds=30),
        Rating.GOOD: timedelta(minutes=10),
        Rating.EASY: scheduling.review(0, None, Rating.EASY, NOW).due - NOW,
    }
    easy = scheduling.review(0, None, Rating.EASY, NOW)
    assert easy.state == REVIEW and easy.due - NOW >= timedelta(days=1)
    assert scheduling.review(0, None, Rating.GOOD, NOW).state == LEARNING


def test_review_is_pure_and_utc(scheduling):
    state = scheduling.review(0, None, 3, NOW)
    assert scheduling.review(0, None, 3, NOW) == state
    assert state.due.tzinfo == timezone.utc
    with pytest.raises(ValueError):
        scheduling.review(0, None, 3, NOW.replace(tzinfo=None))


def test_desired_retention_changes_intervals():
    strict, relaxed = Scheduling(0.97, fuzzing=False), Scheduling(0.8, fuzzing=False)
    s1 = strict.review(0, None, 4, NOW)
    s2 = relaxed.review(0, None, 4, NOW)
    assert s1.due < s2.due


def test_day_window_is_local():
    # 22:00 UTC is already 01:30 next day in Tehran.
    late = datetime(2026, 11, 22, 22, 0, tzinfo=timezone.utc)
    start, end = day_window(late, TEHRAN)
    assert start == datetime(2026, 11, 22, 20, 30, tzinfo=timezone.utc)
    assert end - start == timedelta(days=1)
    assert day_window(late, timezone.utc)[0] == datetime(2026, 11, 22, tzinfo=timezone.utc)


def test_new_terms_per_day_limit_counts_what_was_introduced_today(store, scheduling):
    queue = build_queue(store, TERMS, NOW, timezone.utc, new_per_day=10)
    assert queue.new_terms == TERMS[:10]
    for term in TERMS[:4]:
        introduce(store, scheduling, term, NOW)
    queue = build_queue(store, TERMS, NOW, timezone.utc, new_per_day=10)
    assert queue.new_terms == TERMS[4:10]
    # Tomorrow the limit starts again, and the four are no longer new.
    tomorrow = NOW + timedelta(days=1)
    assert build_queue(store, TERMS, tomorrow, timezone.utc, new_per_day=10).new_terms == TERMS[4:14]
    assert build_queue(store, TERMS, NOW, timezone.utc, new_per_day=0).new_terms == []


def test_due_cards_today_and_learning_steps(store, scheduling):
    introduce(store, scheduling, "t00", NOW, rating=3)  # learning, due in 10 min
    introduce(store, scheduling, "t01", NOW, rating=4)  # review, due in days
    queue = build_queue(store, TERMS, NOW, timezone.utc)
    assert [c.term_id for c in queue.learning] == ["t00"] and queue.reviews == []
    assert queue.next(NOW, answered=0).term_id == "t02"  # a new term before a step that is not due
    later = store.card("t01", "meaning").state.due  # type: ignore[union-attr]
    queue = build_queue(store, TERMS, later, timezone.utc)
    assert "t01" in [c.term_id for c in queue.reviews]


def test_removed_terms_are_hidden_not_deleted(store, scheduling):
    introduce(store, scheduling, "t00", NOW, rating=1)
    assert [c.term_id for c in build_queue(store, TERMS, NOW + timedelta(minutes=2), timezone.utc).learning] == ["t00"]
    assert build_queue(store, TERMS[1:], NOW + timedelta(minutes=2), timezone.utc).learning == []
    assert store.card("t00", "meaning") is not None


def test_siblings_are_buried_for_the_day(store, scheduling):
    kinds = ("meaning", "usage")
    # t00 was met days ago; both its cards are due today.
    past = NOW - timedelta(days=10)
    introduce(store, scheduling, "t00", past, rating=4)
    introduce(store, scheduling, "t00", past, rating=4, kind="usage")
    queue = build_queue(store, TERMS, NOW + timedelta(days=30), timezone.utc, kinds=kinds, new_per_day=0)
    # Both are due, but only one card of a term is today's (the other waits a day).
    assert len(queue.reviews) == 1 and queue.reviews[0].kind in kinds
    introduce(store, scheduling, "t00", NOW + timedelta(days=30), rating=3, kind="usage")
    queue = build_queue(store, TERMS, NOW + timedelta(days=30, minutes=1), timezone.utc, kinds=kinds, new_per_day=0)
    assert queue.reviews == []  # meaning is buried until tomorrow
    queue = build_queue(store, TERMS, NOW + timedelta(days=31), timezone.utc, kinds=kinds, new_per_day=0)
    assert [c.kind for c in queue.reviews] == ["meaning"]


def test_review_cap(store, scheduling):
    past = NOW - timedelta(days=40)
    for term in TERMS[:6]:
        introduce(store, scheduling, term, past, rating=4)
    later = NOW + timedelta(days=60)
    assert len(build_queue(store, TERMS, later, timezone.utc, new_per_day=0).reviews) == 6
    assert len(build_queue(store, TERMS, later, timezone.utc, new_per_day=0, review_cap=4).reviews) == 4


def test_card_states_are_fsrs_own_numbers():
    """scheduling.py names fsrs's states without importing fsrs (start-up stays light)."""
    import fsrs

    from cxvocab.scheduling import LEARNING, RELEARNING, REVIEW

    assert (LEARNING, REVIEW, RELEARNING) == (fsrs.State.Learning, fsrs.State.Review, fsrs.State.Relearning)
