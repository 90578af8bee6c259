"""Progress numbers, for the Stats screen and ``cxvocab stats [--json]`` alike (DESIGN §2).

One function, :func:`compute`, so the screen and the command can never disagree. Days are the
learner's local days; the database does the counting (a quarter of a million reviews are
grouped by SQLite, not walked in Python).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from cxvocab.clock import day_window, local
from cxvocab.content import Library
from cxvocab.persian import persian_digits
from cxvocab.scheduling import CARD_KINDS, build_queue
from cxvocab.store import Store

MASTERED_DAYS = 21.0  # a term is mastered when every card of it answered holds for 3 weeks
FORECAST_DAYS = 14
HEATMAP_WEEKS = 26
RETENTION_DAYS = 30


@dataclass
class TopicStats:
    terms: int
    seen: int
    mastered: int


@dataclass
class Stats:
    """Everything the Stats screen shows; :meth:`to_json` has the keys of DESIGN §2."""

    today: str  # the local date, ISO
    terms_total: int
    terms_seen: int
    terms_mastered: int
    reviews_total: int
    reviews_today: int
    due_today: int
    due_forecast: list[int]  # cards to ask on each of the next 14 local days (one per term), today first
    retention_30d: float | None  # right answers on cards in review, last 30 days, study mode
    retention_by_kind: dict[str, float | None]
    streak_days: int
    heatmap: dict[str, int]  # local date -> answers, the last 26 weeks
    topics: dict[str, TopicStats] = field(default_factory=dict)
    hardest: list[tuple[str, int]] = field(default_factory=list)  # (term id, lapses), ten at most

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["hardest"] = [{"term": t, "lapses": n} for t, n in self.hardest]
        return data


def compute(store: Store, library: Library, now: datetime, tz: tzinfo | None, kinds: tuple[str, ...] = CARD_KINDS) -> Stats:
    """Every number, as of ``now`` in the learner's zone ``tz``."""
    start, end = day_window(now, tz)
    today = local(now, tz).date()
    offset = _offset(now, tz)  # for the forecast, which groups cards by their local day
    loaded = library.terms

    progress = {t: p for t, p in store.term_progress().items() if t in loaded}
    seen = {t for t, (answered, _) in progress.items() if answered}
    mastered = {t for t, (answered, weakest) in progress.items() if answered and weakest >= MASTERED_DAYS}
    topics = {
        topic: TopicStats(
            terms=len(group.term_ids),
            seen=sum(1 for t in group.term_ids if t in seen),
            mastered=sum(1 for t in group.term_ids if t in mastered),
        )
        for topic, group in library.topics.items()
    }

    queue = build_queue(store, list(loaded), now, tz, new_per_day=0, kinds=kinds)
    per_day = store.due_per_day(end + timedelta(days=FORECAST_DAYS - 1, hours=1), offset, kinds)
    forecast = [0] * FORECAST_DAYS
    for label, count in per_day.items():
        index = (date.fromisoformat(label) - today).days
        if 0 < index < FORECAST_DAYS:
            forecast[index] += count
    forecast[0] = len(queue.learning) + len(queue.reviews)  # today: exactly what will be asked

    outcomes = store.review_outcomes(now - timedelta(days=RETENTION_DAYS))
    right = sum(r for r, _ in outcomes.values())
    asked = sum(a for _, a in outcomes.values())
    by_kind = {kind: (outcomes[kind][0] / outcomes[kind][1] if kind in outcomes else None) for kind in kinds}

    first_day = today - timedelta(weeks=HEATMAP_WEEKS) + timedelta(days=1)
    windows = []
    for i in range(HEATMAP_WEEKS * 7):
        day = first_day + timedelta(days=i)
        day_start, day_end = day_window(now - timedelta(days=(today - day).days), tz)
        windows.append((day.isoformat(), day_start, day_end))
    heatmap = store.reviews_per_day(windows)

    return Stats(
        today=today.isoformat(),
        terms_total=len(loaded),
        terms_seen=len(seen),
        terms_mastered=len(mastered),
        reviews_total=store.count("reviews"),
        reviews_today=store.reviews_since(start),
        due_today=forecast[0],
        due_forecast=forecast,
        retention_30d=right / asked if asked else None,
        retention_by_kind=by_kind,
        streak_days=streak(heatmap, today),
        heatmap=heatmap,
        topics=topics,
        hardest=[(t, n) for t, n in store.lapses_by_term(50) if t in loaded][:10],
    )


def streak(per_day: dict[str, int], today: date) -> int:
    """Days in a row with at least one answer, up to today (or up to yesterday while today
    has none yet: a streak is not broken before the day is over)."""
    day = today if per_day.get(today.isoformat()) else today - timedelta(days=1)
    count = 0
    while per_day.get(day.isoformat()):
        count += 1
        day -= timedelta(days=1)
    return count


def _offset(now: datetime, tz: tzinfo | None) -> str:
    """The zone's UTC offset at ``now`` as SQLite's "+HH:MM" modifier. (A daylight-saving
    change inside the counted period shifts that period's day boundary by its hour.)"""
    offset = local(now, tz).utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


# --- Persian display --------------------------------------------------------------------------


def jalali(day: date) -> tuple[int, int, int]:
    """The Solar Hijri (Jalali) date of a Gregorian date: the usual arithmetic conversion
    (33-year cycles), checked against known Nowruz dates in the tests."""
    g_days = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
    gy = day.year - 1600
    gm = day.month - 1
    gd = day.day - 1
    g_day_no = 365 * gy + (gy + 3) // 4 - (gy + 99) // 100 + (gy + 399) // 400 + g_days[gm] + gd
    if gm > 1 and ((day.year % 4 == 0 and day.year % 100 != 0) or day.year % 400 == 0):
        g_day_no += 1
    j_day_no = g_day_no - 79
    j_np = j_day_no // 12053
    j_day_no %= 12053
    jy = 979 + 33 * j_np + 4 * (j_day_no // 1461)
    j_day_no %= 1461
    if j_day_no >= 366:
        jy += (j_day_no - 1) // 365
        j_day_no = (j_day_no - 1) % 365
    j_month_days = [31, 31, 31, 31, 31, 31, 30, 30, 30, 30, 30, 29]
    month = 0
    while month < 11 and j_day_no >= j_month_days[month]:
        j_day_no -= j_month_days[month]
        month += 1
    return jy, month + 1, j_day_no + 1


def format_date(day: date, persian: bool) -> str:
    """ISO for everyone; with ``persian``, the Jalali date in Persian digits (۱۴۰۵/۰۹/۰۳)."""
    if not persian:
        return day.isoformat()
    y, m, d = jalali(day)
    return persian_digits(f"{y}/{m:02d}/{d:02d}")


def format_number(value: int | float, persian: bool) -> str:
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return persian_digits(text).replace(".", "٫") if persian else text
