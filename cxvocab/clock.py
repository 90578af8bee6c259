"""Time as an argument: the app reads "now" from a clock it is given, so tests can fix it.

fsrs wants UTC; the learner's day (new-term limits, "today", burying) runs in local time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Protocol

from cxvocab.i18n import ENGLISH, Translator


class SystemClock:
    """The real time, in UTC; local time from the system's zone."""

    tz: tzinfo | None = None  # None: the system's local zone, DST-aware per instant

    def now(self) -> datetime:
        return datetime.now(timezone.utc)


@dataclass
class FixedClock:
    """A clock that only moves when told (tests, benchmarks)."""

    moment: datetime
    tz: tzinfo | None = field(default=timezone.utc)

    def now(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> datetime:
        self.moment = self.moment + timedelta(**delta)
        return self.moment


def local(moment: datetime, tz: tzinfo | None) -> datetime:
    """``moment`` in the learner's zone (``None``: the system's)."""
    return moment.astimezone(tz) if tz is not None else moment.astimezone()


def day_window(moment: datetime, tz: tzinfo | None) -> tuple[datetime, datetime]:
    """The learner's local day containing ``moment``, as a UTC [start, end) pair."""
    here = local(moment, tz)
    start = here.replace(hour=0, minute=0, second=0, microsecond=0)
    end = local(start + timedelta(days=1, hours=2), tz).replace(hour=0, minute=0, second=0, microsecond=0)
    return start.astimezone(timezone.utc), end.astimezone(timezone.utc)


class Clock(Protocol):
    """What the app needs of a clock."""

    tz: tzinfo | None

    def now(self) -> datetime: ...


def when(moment: datetime, now: datetime, tz: tzinfo | None, tr: Translator = ENGLISH) -> str:
    """A moment as a learner would say it, from ``now``: "now", "in 25 minutes", "today at
    14:30", "tomorrow", "tomorrow at 09:15", "on Friday 27 November", "on 5 January 2027"
    (the start of a day, when a day's new cards open, is the day alone); in ``tr``'s language."""
    if moment <= now + timedelta(seconds=30):
        return tr("now")
    if moment - now < timedelta(hours=1):
        minutes = max(1, round((moment - now).total_seconds() / 60))
        return tr.n("in {n} minute", "in {n} minutes", minutes)
    here, today = local(moment, tz), local(now, tz).date()
    days = (here.date() - today).days
    at = tr.digits(f"{here:%H:%M}")
    timed = (here.hour, here.minute) != (0, 0)
    if days == 0:
        return tr("today at {time}", time=at) if timed else tr("today")
    if days == 1:
        return tr("tomorrow at {time}", time=at) if timed else tr("tomorrow")
    if days < 7:
        return tr("on {weekday} {date}", weekday=tr.weekday(here.date()), date=tr.date(here.date(), year=False))
    return tr("on {date}", date=tr.date(here.date(), year=here.year != today.year))
