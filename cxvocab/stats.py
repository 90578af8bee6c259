"""Progress numbers, for the Stats screen and ``cxvocab stats [--json]`` alike (DESIGN §2).

One function, :func:`compute`, so the screen and the command can never disagree. Days are the
learner's local days; the database does the counting (a quarter of a million reviews are
grouped by SQLite, not walked in Python), and what the days that are over give is kept from one
computation to the next on the same store.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Any

from cxvocab.clock import day_window, local
from cxvocab.content import Library
from cxvocab.kinds import ALL_KINDS
from cxvocab.queue import answered_between, buried
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
    hardest: list[tuple[str, int]] = field(default_factory=list)  # (term id, wrong answers), ten at most
    suspended: int = 0  # loaded terms the learner suspended
    flagged: int = 0  # loaded terms flagged (leeches included)
    leeches: list[str] = field(default_factory=list)  # loaded terms that became leeches, in library order
    # The FSRS parameters in use: "default", or "fitted" with when, on how many answers, and how
    # well they predicted those answers (log loss, RMSE), as `cxvocab optimize` measured.
    schedule: dict[str, Any] = field(default_factory=lambda: {"parameters": "default"})

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["hardest"] = [{"term": t, "misses": n} for t, n in self.hardest]
        return data


def compute(
    store: Store,
    library: Library,
    now: datetime,
    tz: tzinfo | None,
    kinds: tuple[str, ...] = ALL_KINDS,
    past: PastDays | None = None,
) -> Stats:
    """Every number, as of ``now`` in the learner's zone ``tz``. ``past``: what an earlier
    call for the same database kept of the days that are over (it is brought up to date)."""
    start, end = day_window(now, tz)
    today = local(now, tz).date()
    loaded = library.terms

    seen: set[str] = set()
    mastered: set[str] = set()
    for term_id, stable in store.answered_terms(MASTERED_DAYS):
        if term_id in loaded:
            seen.add(term_id)
            if stable:
                mastered.add(term_id)
    topics = {
        topic: TopicStats(
            terms=len(group.term_ids),
            seen=sum(map(seen.__contains__, group.term_ids)),
            mastered=sum(map(mastered.__contains__, group.term_ids)),
        )
        for topic, group in library.topics.items()
    }

    # The forecast groups cards by their local day at today's UTC offset; days before tomorrow
    # are not read (today's number is the queue's own).
    minutes = _offset_minutes(now, tz)
    tomorrow = datetime.combine(today + timedelta(days=1), time(), timezone(timedelta(minutes=minutes)))
    until = end + timedelta(days=FORECAST_DAYS - 1, hours=1)
    forecast = [0] * FORECAST_DAYS
    for label, count in store.due_per_day(tomorrow, until, _offset(now, tz), kinds).items():
        index = (date.fromisoformat(label) - today).days
        if 0 < index < FORECAST_DAYS:
            forecast[index] += count
    marks = {t: m for t, m in store.marks().items() if t in loaded}
    held = {t for t, m in marks.items() if m.held(now)}
    in_queue = [t for t in loaded if t not in held] if held else loaded
    forecast[0] = due_today(store, in_queue, now, tz, kinds)  # today: exactly what will be asked

    reviews_total = store.count("reviews")
    reviews_today = store.reviews_since(start)
    past = (past or PastDays()).as_of(start, reviews_total - reviews_today)

    first_day = today - timedelta(weeks=HEATMAP_WEEKS) + timedelta(days=1)
    windows = []
    for i in range(HEATMAP_WEEKS * 7):
        day = first_day + timedelta(days=i)
        day_start, day_end = day_window(now - timedelta(days=(today - day).days), tz)
        windows.append((day.isoformat(), day_start, day_end))
    heatmap = _per_day(store, windows, past)

    since = now - timedelta(days=RETENTION_DAYS)
    outcomes = _outcomes(store, since, [day_start for _, day_start, _ in windows], past)
    right = sum(r for r, _ in outcomes.values())
    asked = sum(a for _, a in outcomes.values())
    by_kind = {kind: (outcomes[kind][0] / outcomes[kind][1] if kind in outcomes else None) for kind in kinds}

    return Stats(
        today=today.isoformat(),
        terms_total=len(loaded),
        terms_seen=len(seen),
        terms_mastered=len(mastered),
        reviews_total=reviews_total,
        reviews_today=reviews_today,
        due_today=forecast[0],
        due_forecast=forecast,
        retention_30d=right / asked if asked else None,
        retention_by_kind=by_kind,
        streak_days=streak(heatmap, today),
        heatmap=heatmap,
        topics=topics,
        hardest=[(t, n) for t, n in store.misses_by_term(50) if t in loaded][:10],
        suspended=sum(m.suspended for m in marks.values()),
        flagged=sum(m.flagged or m.leech for m in marks.values()),
        leeches=[t for t in loaded if t in marks and marks[t].leech],
        schedule=schedule(store),
    )


def schedule(store: Store) -> dict[str, Any]:
    """The parameters in use, for stats: the defaults, or the learner's fit and its measure."""
    from cxvocab.optimize import saved

    kept = saved(store)
    if kept is None:
        return {"parameters": "default"}
    out: dict[str, Any] = {"parameters": "fitted", "fitted_at": kept.fitted_at, "reviews": kept.reviews}
    if kept.evaluation is not None:
        out |= {"log_loss": kept.evaluation.log_loss, "rmse": kept.evaluation.rmse_bins}
    return out


def due_today(store: Store, loaded: Collection[str], now: datetime, tz: tzinfo | None, kinds: Sequence[str]) -> int:
    """How many cards today's queue asks, new terms aside: ``len(queue.learning) +
    len(queue.reviews)`` of :func:`~cxvocab.scheduling.build_queue` (without a review cap),
    counted from three columns of the due cards instead of building the queue. Its rules, in
    short: loaded terms only; a term answered today keeps only the kinds answered today; every
    learning step counts; a term with none counts one review."""
    start, end = day_window(now, tz)
    answered_today = answered_between(store, start, end)
    learning = 0
    learning_terms: set[str] = set()
    review_terms: set[str] = set()
    for term_id, kind, in_learning in store.due_kinds(end, kinds):
        if term_id not in loaded or buried(answered_today, term_id, kind):
            continue
        if in_learning:
            learning += 1
            learning_terms.add(term_id)
        else:
            review_terms.add(term_id)
    return learning + len(review_terms - learning_terms)


def streak(per_day: dict[str, int], today: date) -> int:
    """Days in a row with at least one answer, up to today (or up to yesterday while today
    has none yet: a streak is not broken before the day is over)."""
    day = today if per_day.get(today.isoformat()) else today - timedelta(days=1)
    count = 0
    while per_day.get(day.isoformat()):
        count += 1
        day -= timedelta(days=1)
    return count


def _offset_minutes(now: datetime, tz: tzinfo | None) -> int:
    """The zone's UTC offset at ``now``, in whole minutes."""
    offset = local(now, tz).utcoffset() or timedelta(0)
    return int(offset.total_seconds() // 60)


def _offset(now: datetime, tz: tzinfo | None) -> str:
    """The zone's UTC offset at ``now`` as SQLite's "+HH:MM" modifier. (A daylight-saving
    change inside the counted period shifts that period's day boundary by its hour.)"""
    minutes = _offset_minutes(now, tz)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


# --- days that are over ------------------------------------------------------------------------


@dataclass
class PastDays:
    """What the answers of days that are over give (answers per day, and retention per day),
    kept by whoever computes the numbers again and again for one database (the app's Stats
    screen) and handed to :func:`compute`: those days do not change, but for an answer undone
    after midnight or one recorded by a clock that is behind, and either changes how many
    answers there are before today, which drops the lot (:meth:`as_of`)."""

    today: datetime = datetime.min.replace(tzinfo=timezone.utc)  # the start of today, UTC: every window kept ends by then
    answers_before: int = -1  # answers (every mode) before it, when they were counted
    per_day: dict[tuple[datetime, datetime], int] = field(default_factory=dict)
    outcomes: dict[tuple[datetime, datetime], dict[str, tuple[int, int]]] = field(default_factory=dict)

    def as_of(self, today: datetime, answers_before: int) -> PastDays:
        """These days, still true for a database with ``answers_before`` answers before
        ``today``: emptied first if they are not."""
        if self.today != today or self.answers_before != answers_before:
            self.today, self.answers_before = today, answers_before
            self.per_day.clear()
            self.outcomes.clear()
        return self


def _per_day(store: Store, windows: list[tuple[str, datetime, datetime]], past: PastDays) -> dict[str, int]:
    """:meth:`Store.reviews_per_day`, with the days that are over taken from ``past``."""
    counted = store.reviews_per_day([w for w in windows if (w[1], w[2]) not in past.per_day])
    per_day = {}
    for label, start, end in windows:
        if label in counted:
            per_day[label] = counted[label]
            if end <= past.today:
                past.per_day[start, end] = counted[label]
        else:
            per_day[label] = past.per_day[start, end]
    return per_day


def _outcomes(store: Store, since: datetime, day_starts: list[datetime], past: PastDays) -> dict[str, tuple[int, int]]:
    """:meth:`Store.review_outcomes` since ``since``, added up from pieces: since to the next
    day's start, each day that is over (from ``past`` when it has it), and today on."""
    if since >= past.today:
        return store.review_outcomes(since)
    bounds = [since, *(d for d in day_starts if since < d < past.today), past.today]
    first, *days = zip(bounds, bounds[1:], strict=False)  # the first piece moves with now: never kept
    todo = [first, *(day for day in days if day not in past.outcomes)]
    counted = dict(zip(todo, store.review_outcomes_between(todo), strict=True))
    past.outcomes.update((day, counted[day]) for day in days if day in counted)
    pieces = [counted[first], *(past.outcomes[day] for day in days), store.review_outcomes(past.today)]
    total: dict[str, tuple[int, int]] = {}
    for outcome in pieces:
        for kind, (right, asked) in outcome.items():
            before = total.get(kind, (0, 0))
            total[kind] = (before[0] + right, before[1] + asked)
    return total
