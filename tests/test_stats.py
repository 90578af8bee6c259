"""Stats on a hand-built review history, with a fixed clock in Tehran's zone."""

from __future__ import annotations

import json
import random
import shutil
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from cxvocab.clock import day_window, local
from cxvocab.content import Library, TopicGroup
from cxvocab.kinds import ALL_KINDS as CARD_KINDS
from cxvocab.queue import build_queue
from cxvocab.scheduling import REVIEW
from cxvocab.stats import MASTERED_DAYS, PastDays, compute, streak
from cxvocab.store import REVIEW_STATE, Answer, CardState, Store, iso, parse_iso
from tests.conftest import DATA

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
    # The hardest: wrong answers, study and prep, whatever state the card was in.
    assert stats.hardest == [("touchpoint", 2), ("net-promoter-score", 1)]
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


# --- the quick paths against a slow reference, on random databases -----------------------------
#
# compute() counts with indexed SQL, counts today's queue without building it, and keeps the
# numbers of days that are over between calls. The reference below reads every row into Python
# and counts the plain way (today's queue is build_queue's own), so any difference in a rule
# shows up as a difference in a number.

KINDS = CARD_KINDS
MODES = ("study", "study", "study", "prep", "test")  # "test" sorts after "study", "prep" before


def big_library(library: Library, n: int = 30) -> Library:
    """``n`` terms (copies of the fixture's three) in three topics."""
    model = list(library.terms.values())
    big = Library()
    for i in range(n):
        term = replace(model[i % len(model)], id=f"term-{i:02d}")
        topic = f"topic-{i % 3}"
        big.topics.setdefault(topic, TopicGroup(topic, library.topics["sample"].title)).term_ids.append(term.id)
        big.terms[term.id] = term
        big.topic_of[term.id] = topic
    return big


def fill_randomly(store: Store, ids: list[str], now: datetime, rng: random.Random) -> None:
    """Cards in every state (some suspended, some of terms no longer loaded, siblings never
    answered) and answers of every mode over 200 days, many of them today."""
    cards = []
    for term_id in ids:
        for kind in rng.sample(KINDS, rng.randint(1, len(KINDS))):
            answered = rng.random() < 0.85
            due = now + timedelta(days=rng.choice((rng.uniform(-4, 16), rng.uniform(0, 2))))
            last = due - timedelta(days=rng.uniform(0, 30)) if answered else None
            stability = rng.choice((None, rng.uniform(0, 60), MASTERED_DAYS))
            fsrs_state = (rng.choice((1, 2, 2, 3)), rng.choice((None, 0, 1)), stability)
            suspended = int(rng.random() < 0.1)
            cards.append((term_id, kind, *fsrs_state, iso(due), iso(last) if last else None, suspended, iso(now)))
    store.conn.executemany(
        "insert into cards (term_id, kind, state, step, stability, due, last_review, suspended, created_at)"
        " values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        cards,
    )
    reviews = []
    for _ in range(rng.randint(50, 600)):
        term_id, kind = rng.choice(cards)[:2]
        ago = rng.choice((rng.uniform(0, 1.5), rng.uniform(0, 40), rng.uniform(0, 200), rng.uniform(-0.5, 0)))
        state_before = rng.choice((None, 1, 2, 2, 3))
        before = None if state_before is None else json.dumps(state(state_before, now).to_row())
        rating = rng.randint(1, 4)
        reviews.append(
            (term_id, kind, rating, rating > 1, iso(now - timedelta(days=ago)), rng.choice(MODES), before, state_before)
        )
    store.conn.executemany(
        "insert into reviews (term_id, kind, rating, correct, reviewed_at, duration_ms, mode, card_before, state_before)"
        " values (?, ?, ?, ?, ?, 1000, ?, ?, ?)",
        reviews,
    )


def reference(store: Store, library: Library, now: datetime, tz, kinds: tuple[str, ...]) -> dict:
    """compute(...).to_json(), the slow and plain way."""
    loaded = library.terms
    start, end = day_window(now, tz)
    today = local(now, tz).date()
    cards = store.conn.execute("select term_id, kind, stability, due, last_review, suspended from cards").fetchall()
    reviews = [
        (t, k, rating, parse_iso(at), mode, before or "")
        for t, k, rating, at, mode, before in store.conn.execute(
            "select term_id, kind, rating, reviewed_at, mode, card_before from reviews"
        )
    ]

    weakest: dict[str, float] = {}
    for term_id, _kind, stability, _due, last_review, _suspended in cards:
        if last_review is not None and term_id in loaded:
            weakest[term_id] = min(weakest.get(term_id, float("inf")), stability or 0)
    seen = set(weakest)
    mastered = {t for t, w in weakest.items() if w >= MASTERED_DAYS}

    minutes = int(local(now, tz).utcoffset().total_seconds() // 60)  # type: ignore[union-attr]
    fixed = timezone(timedelta(minutes=minutes))
    until = end + timedelta(days=13, hours=1)
    due_on: dict[int, set[str]] = {}
    for term_id, kind, _stability, due, _last_review, suspended in cards:
        moment = parse_iso(due)
        if not suspended and kind in kinds and moment < until:
            due_on.setdefault((moment.astimezone(fixed).date() - today).days, set()).add(term_id)
    queue = build_queue(store, list(loaded), now, tz, new_per_day=0, kinds=kinds)
    forecast = [len(queue.learning) + len(queue.reviews)] + [len(due_on.get(i, ())) for i in range(1, 14)]

    in_review = [r for r in reviews if r[4] == "study" and r[5].startswith('{"state": 2')]
    outcomes: dict[str, list[int]] = {}
    for _t, kind, rating, at, _mode, _before in in_review:
        if at >= now - timedelta(days=30):
            counts = outcomes.setdefault(kind, [0, 0])
            counts[0] += rating > 1
            counts[1] += 1
    right, asked = sum(c[0] for c in outcomes.values()), sum(c[1] for c in outcomes.values())

    heatmap = {}
    for back in range(181, -1, -1):
        day_start, day_end = day_window(now - timedelta(days=back), tz)
        label = (today - timedelta(days=back)).isoformat()
        heatmap[label] = sum(1 for r in reviews if r[4] == "study" and day_start <= r[3] < day_end)

    misses: dict[str, int] = {}
    for term_id, _k, rating, _at, _mode, _before in reviews:
        if rating == 1:
            misses[term_id] = misses.get(term_id, 0) + 1
    hardest = sorted(misses.items(), key=lambda item: (-item[1], item[0]))[:50]

    return {
        "today": today.isoformat(),
        "terms_total": len(loaded),
        "terms_seen": len(seen),
        "terms_mastered": len(mastered),
        "reviews_total": len(reviews),
        "reviews_today": sum(1 for r in reviews if r[3] >= start),
        "due_today": forecast[0],
        "due_forecast": forecast,
        "retention_30d": right / asked if asked else None,
        "retention_by_kind": {k: (outcomes[k][0] / outcomes[k][1] if k in outcomes else None) for k in kinds},
        "streak_days": streak(heatmap, today),
        "heatmap": heatmap,
        "topics": {
            topic: {
                "terms": len(group.term_ids),
                "seen": sum(1 for t in group.term_ids if t in seen),
                "mastered": sum(1 for t in group.term_ids if t in mastered),
            }
            for topic, group in library.topics.items()
        },
        "hardest": [{"term": t, "misses": n} for t, n in hardest if t in loaded][:10],
        **_marked(store, loaded),
    }


# Tehran: no daylight saving. New York on the day it leaves daylight saving (before and after
# the change: the forecast's day boundaries are today's offset, the queue's the real ones), and
def _marked(store, loaded) -> dict:
    """The marks' counts, read row by row."""
    rows = [r for r in store.db.query("select * from term_marks") if r["term_id"] in loaded]
    return {
        "suspended": sum(1 for r in rows if r["suspended"]),
        "flagged": sum(1 for r in rows if r["flagged"] or r["leech"]),
        "leeches": [t for t in loaded if any(r["term_id"] == t and r["leech"] for r in rows)],
        "schedule": {"parameters": "default"},
    }


# Berlin the day after it starts: days of 25 and 23 hours in the heatmap, forecast and queue.
MOMENTS = [
    (NOW, TEHRAN),
    (NOW, timezone.utc),
    (datetime(2026, 11, 1, 4, 30, tzinfo=timezone.utc), ZoneInfo("America/New_York")),
    (datetime(2026, 11, 1, 15, 0, tzinfo=timezone.utc), ZoneInfo("America/New_York")),
    (datetime(2026, 3, 30, 0, 30, tzinfo=timezone.utc), ZoneInfo("Europe/Berlin")),
]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize(("now", "tz"), MOMENTS)
def test_numbers_match_a_slow_reference(library, seed, now, tz):
    rng = random.Random(seed)
    big = big_library(library)
    store = Store.memory()
    fill_randomly(store, [*big.terms, "gone-1", "gone-2"], now, rng)
    kinds = KINDS if seed % 2 else ("meaning", "recall", "usage", "choice")
    expected = reference(store, big, now, tz, kinds)
    past = PastDays()
    assert compute(store, big, now, tz, kinds, past).to_json() == expected
    assert past.per_day and past.outcomes
    # Again, with the days that are over kept from the first time.
    assert compute(store, big, now, tz, kinds, past).to_json() == expected
    store.close()


def test_days_that_are_over_are_kept_and_dropped_when_they_change(library):
    big = big_library(library)
    store = Store.memory()
    fill_randomly(store, list(big.terms), NOW, random.Random(11))
    past = PastDays()  # the caller's, as the app keeps one for its Stats screen
    assert compute(store, big, NOW, TEHRAN, past=past).to_json() == reference(store, big, NOW, TEHRAN, KINDS)

    asked: list[int] = []
    counted = store.reviews_per_day
    store.reviews_per_day = lambda days, mode="study": asked.append(len(days)) or counted(days, mode)  # type: ignore[method-assign]
    later = NOW + timedelta(hours=2)
    answer(store, "term-01", "meaning", 1, later - timedelta(minutes=1), new=state(1, later))
    assert compute(store, big, later, TEHRAN, past=past).to_json() == reference(store, big, later, TEHRAN, KINDS)
    assert asked == [1]  # today's count only: a new answer today leaves the other days alone

    # An answer of yesterday undone (a session open across midnight) changes a day that is over.
    yesterday = store.conn.execute(
        "select id from reviews where mode = 'study' and reviewed_at < ? order by reviewed_at desc limit 1",
        (iso(day_window(NOW, TEHRAN)[0]),),
    ).fetchone()[0]
    store.undo(yesterday)
    assert compute(store, big, later, TEHRAN, past=past).to_json() == reference(store, big, later, TEHRAN, KINDS)
    # So does an answer recorded by a clock that is behind.
    answer(store, "term-02", "recall", 1, NOW - timedelta(days=3), new=state(2, NOW + timedelta(days=2)))
    assert compute(store, big, later, TEHRAN, past=past).to_json() == reference(store, big, later, TEHRAN, KINDS)
    # And tomorrow, today is a day that is over.
    tomorrow = NOW + timedelta(days=1)
    assert compute(store, big, tomorrow, TEHRAN, past=past).to_json() == reference(store, big, tomorrow, TEHRAN, KINDS)
    assert asked == [1, 182, 182, 182]
    store.close()


def test_a_database_of_schema_1_gives_the_same_numbers(library, tmp_path):
    # The stats queries name their indexes; a migrated database has them all.
    shutil.copy(DATA / "progress-v1.db", tmp_path / "progress.db")
    store = Store.open(tmp_path / "progress.db")
    big = big_library(library)
    fill_randomly(store, list(big.terms), NOW, random.Random(3))
    big.terms.update(library.terms)  # the database's own terms, loaded too
    big.topics["sample"] = library.topics["sample"]
    assert compute(store, big, NOW, TEHRAN).to_json() == reference(store, big, NOW, TEHRAN, KINDS)
    store.close()


def test_review_state_matches_fsrs():
    assert REVIEW_STATE == REVIEW


def test_the_hardest_terms_count_wrong_answers_while_learning(library, scheduling):
    """22 Agains on a new learner's cards once left "Hardest terms" empty: it counted only
    lapses of cards already in review. Now every wrong answer counts, study or prep."""
    from cxvocab.session import StudySession

    store = Store.memory()
    now = NOW
    session = StudySession(store, library, scheduling, now, TEHRAN, new_per_day=3)
    for _ in range(9):
        if session.current is None:
            break
        now += timedelta(minutes=2)
        session.answer(1 if session.current.term.id == "touchpoint" else 3, now)
    stats = compute(store, library, now, TEHRAN)
    misses = sum(1 for r in store.reviews() if not r.correct)
    assert misses >= 2 and stats.hardest == [("touchpoint", misses)]
