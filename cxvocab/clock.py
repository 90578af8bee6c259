"""Time as an argument: the app reads "now" from a clock it is given, so tests can fix it.

fsrs wants UTC; the learner's day (new-term limits, "today", burying) runs in local time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Protocol


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


def when(moment: datetime, now: datetime, tz: tzinfo | None) -> str:
    """A moment as a learner would say it, from ``now``: "now", "in 25 minutes", "today at
    14:30", "tomorrow", "tomorrow at 09:15", "on Friday 27 November", "on 5 January 2027"
    (the start of a day, when a day's new cards open, is the day alone)."""
    if moment <= now + timedelta(seconds=30):
        return "now"
    if moment - now < timedelta(hours=1):
        minutes = max(1, round((moment - now).total_seconds() / 60))
        return f"in {minutes} minute{'s' if minutes != 1 else ''}"
    here, today = local(moment, tz), local(now, tz).date()
    days = (here.date() - today).days
    at = "" if (here.hour, here.minute) == (0, 0) else f" at {here:%H:%M}"
    if days == 0:
        return f"today{at}"
    if days == 1:
        return f"tomorrow{at}"
    if days < 7:
        return f"on {here:%A} {here.day} {here:%B}"
    return f"on {here.day} {here:%B}" + (f" {here.year}" if here.year != today.year else "")
