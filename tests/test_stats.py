"""Stats on a hand-built review history, with a fixed clock in Tehran's zone."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from cxvocab.stats import compute, format_date, jalali, streak
from cxvocab.store import Answer, CardState

TEHRAN = ZoneInfo("Asia/Tehran")  # UTC+03:30, no daylight saving
# 10:00 in Tehran on Tuesday 24 November 2026 (06:30 UTC).
NOW = datetime(2026, 11, 24, 6, 30, tzinfo=timezone.utc)


def state(kind_state: int, due: datetime, stability: float = 5.0) -> CardState:
    return CardState(state=kind_state, step=0, stability=stability, difficulty=5.0, due=due, last_review=due - timedelta(days=1))


def answer(store, term: str, kind: str, rating: int, at: datetime, *, new: CardState, mode: str = "study") -> None:
    store.record(
        Answer(term_id=term, kind=kind, rating=rating, correct=rating > 1, reviewed_at=at, duration_ms=3000,
               mode=mode, new_state=new if mode == "study" else None)
    )


@pytest.fixture
def history(store, library):
    """pain-point: met long ago, mastered; touchpoint: lapsed twice; NPS: never seen."""
    far = NOW - timedelta(days=60)
    answer(store, "pain-point", "meaning", 3, far, new=state(2, far + timedelta(days=3), 3.0))
    answer(store, "touchpoint", "meaning", 3, far, new=state(2, far + timedelta(days=2), 2.0))
    # Reviews of cards in review state (these count for true retention): 3 right, 2 wrong.
    day = timedelta(days=1)
    answer(store, "pain-point", "meaning", 3, NOW - 20 * day, new=state(2, NOW + 30 * day, 40.0))
    answer(store, "touchpoint", "meaning", 1, NOW - 10 * day, new=state(2, NOW - 9 * day, 1.0))
    answer(store, "touchpoint", "meaning", 3, NOW - 9 * day, new=state(2, NOW - 5 * day, 3.0))
    answer(store, "touchpoint", "meaning", 1, NOW - 5 * day, new=state(2, NOW - 4 * day, 1.0))
    answer(store, "touchpoint", "meaning", 3, NOW - 4 * day, new=state(2, NOW + 2 * day, 4.0))
    # A streak in Tehran's days: 23:50 local on the 22nd, 00:10 local on the 23rd, and today.
    answer(store, "pain-point", "meaning", 3, datetime(2026, 11, 22, 20, 20, tzinfo=timezone.utc), new=state(2, NOW + 30 * day, 40.0))
    answer(store, "pain-point", "meaning", 3, datetime(2026, 11, 22, 20, 40, tzinfo=timezone.utc), new=state(2, NOW + 30 * day, 40.0))
    answer(store, "pain-point", "meaning", 3, NOW - timedelta(minutes=5), new=state(2, NOW + 30 * day, 40.0))
    # A prep answer: counted as an answer, never in retention or streaks.
    answer(store, "net-promoter-score", "usage", 1, NOW - timedelta(minutes=1), new=None, mode="prep")  # type: ignore[arg-type]
    return store


def test_numbers(history, library):
    stats = compute(history, library, NOW, TEHRAN, kinds=("meaning",))
    assert stats.today == "2026-11-24"
    assert (stats.terms_total, stats.terms_seen, stats.terms_mastered) == (3, 2, 1)
    assert stats.reviews_total == 11 and stats.reviews_today == 2  # today's study answer and the prep one
    # True retention: answers on cards in review, last 30 days, study mode: 6 right of 8.
    assert stats.retention_30d == pytest.approx(6 / 8)
    assert stats.retention_by_kind == {"meaning": pytest.approx(6 / 8)}
    assert stats.hardest == [("touchpoint", 2)]
    assert stats.topics["sample"].terms == 3 and stats.topics["sample"].seen == 2 and stats.topics["sample"].mastered == 1


def test_streak_crosses_local_midnight(history, library):
    # 20:20 and 20:40 UTC on the 22nd are 23:50 on the 22nd and 00:10 on the 23rd in Tehran:
    # with today, three days in a row. In UTC both fall on the 22nd, the 23rd is empty, and the
    # streak is today alone.
    assert compute(history, library, NOW, TEHRAN, kinds=("meaning",)).streak_days == 3
    assert compute(history, library, NOW, timezone.utc, kinds=("meaning",)).streak_days == 1


def test_streak_is_not_broken_before_the_day_is_over():
    per_day = {"2026-11-22": 4, "2026-11-23": 2}
    assert streak(per_day, date(2026, 11, 24)) == 2  # nothing yet today
    assert streak({**per_day, "2026-11-24": 1}, date(2026, 11, 24)) == 3
    assert streak(per_day, date(2026, 11, 25)) == 0


def test_forecast(history, library):
    stats = compute(history, library, NOW, TEHRAN, kinds=("meaning",))
    assert len(stats.due_forecast) == 14
    assert stats.due_forecast[0] == stats.due_today == 0
    assert stats.due_forecast[2] == 1  # touchpoint, due in two days
    assert sum(stats.due_forecast) == 1  # pain-point is due in 30 days, beyond the chart


def test_heatmap_is_26_weeks_of_local_days(history, library):
    heatmap = compute(history, library, NOW, TEHRAN, kinds=("meaning",)).heatmap
    assert len(heatmap) == 26 * 7 and max(heatmap) == "2026-11-24"
    assert heatmap["2026-11-22"] == 1 and heatmap["2026-11-23"] == 1 and heatmap["2026-11-24"] == 1


def test_json_has_the_keys_of_the_design(history, library):
    data = json.loads(json.dumps(compute(history, library, NOW, TEHRAN).to_json()))
    for key in ("terms_total", "terms_seen", "reviews_total", "reviews_today", "due_today", "due_forecast",
                "retention_30d", "streak_days", "topics"):
        assert key in data
    assert data["topics"]["sample"] == {"terms": 3, "seen": 2, "mastered": 1}
    assert len(data["due_forecast"]) == 14


def test_empty_database(store, library):
    stats = compute(store, library, NOW, TEHRAN)
    assert stats.retention_30d is None and stats.streak_days == 0 and stats.hardest == []


@pytest.mark.parametrize(
    ("day", "expected"),
    [(date(2026, 3, 21), (1405, 1, 1)), (date(2024, 3, 20), (1403, 1, 1)), (date(2025, 3, 21), (1404, 1, 1)),
     (date(2026, 11, 24), (1405, 9, 3)), (date(2025, 3, 20), (1403, 12, 30))],
)
def test_jalali(day, expected):
    assert jalali(day) == expected


def test_persian_dates():
    assert format_date(date(2026, 11, 24), persian=True) == "۱۴۰۵/۰۹/۰۳"
    assert format_date(date(2026, 11, 24), persian=False) == "2026-11-24"
