"""fsrs behind a small, pure interface: the card kinds, one card's next state, the intervals
the rating buttons show (DESIGN §4b).

fsrs schedules one card at a time; :mod:`cxvocab.queue` adds the day, the queue and sibling
cards. Every function takes "now" as an argument and returns new values; nothing here reads
or writes the database (an import-linter contract holds it).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from cxvocab.i18n import ENGLISH, Translator
from cxvocab.rating import Rating as Rating  # the schedule's four answers (tests import it here)
from cxvocab.records import CardState

if TYPE_CHECKING:
    import fsrs

LEARN_AHEAD = timedelta(minutes=20)  # learning steps this close are shown rather than waited for

# fsrs.State's numbers (a test checks them): fsrs itself is imported on the first answer, not
# to draw the first screen.
LEARNING, REVIEW, RELEARNING = 1, 2, 3


class Scheduling:
    """An fsrs scheduler with the learner's desired retention."""

    def __init__(
        self, desired_retention: float = 0.9, *, fuzzing: bool = True, parameters: Sequence[float] | None = None
    ) -> None:
        """``parameters``: the learner's fitted FSRS parameters (cxvocab.optimize); None: FSRS's defaults."""
        self.desired_retention = desired_retention
        self.fuzzing = fuzzing
        self.parameters = tuple(parameters) if parameters else None

    @functools.cached_property
    def scheduler(self) -> fsrs.Scheduler:
        import fsrs

        if self.parameters:
            return fsrs.Scheduler(
                parameters=self.parameters, desired_retention=self.desired_retention, enable_fuzzing=self.fuzzing
            )
        return fsrs.Scheduler(desired_retention=self.desired_retention, enable_fuzzing=self.fuzzing)

    @staticmethod
    def new_state(now: datetime) -> CardState:
        """A card never reviewed, due now."""
        return CardState(state=LEARNING, step=0, stability=None, difficulty=None, due=now, last_review=None)

    def review(
        self, card_id: int, state: CardState | None, rating: int, now: datetime, duration_ms: int | None = None
    ) -> CardState:
        """The card's state after answering ``rating`` at ``now`` (``state`` None: a new card)."""
        import fsrs

        now = _utc(now)
        current = state or self.new_state(now)
        # card_id is always given: without one, fsrs.Card sleeps 1 ms to make ids unique.
        card = fsrs.Card(
            card_id=card_id,
            state=fsrs.State(current.state),
            step=current.step,
            stability=current.stability,
            difficulty=current.difficulty,
            due=current.due,
            last_review=current.last_review,
        )
        after, _log = self.scheduler.review_card(card, fsrs.Rating(rating), now, duration_ms)
        return CardState(
            state=int(after.state),
            step=after.step,
            stability=after.stability,
            difficulty=after.difficulty,
            due=after.due,
            last_review=after.last_review,
        )

    def preview(self, card_id: int, state: CardState | None, now: datetime) -> dict[int, timedelta]:
        """How long until the card is due again, for each possible rating."""
        return {r: self.review(card_id, state, r, now).due - _utc(now) for r in Rating.ALL}


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("naive datetime: pass an aware UTC time")
    return moment.astimezone(timezone.utc)


def format_interval(delta: timedelta, tr: Translator = ENGLISH) -> str:
    """A compact interval for rating buttons: <1m, 10m, 3h, 4d, 2mo, 1.5y (in Persian
    <۱ دقیقه, ۱۰ دقیقه, ...: Persian has no one-letter units)."""
    seconds = delta.total_seconds()
    if seconds < 60:
        return tr("<1m")
    minutes = seconds / 60
    if minutes < 60:
        return tr("{n}m", n=round(minutes))
    hours = minutes / 60
    if hours < 24:
        return tr("{n}h", n=round(hours))
    days = hours / 24
    if days < 30:
        return tr("{n}d", n=round(days))
    if days < 365:
        months = days / 30
        return tr("{n}mo", n=float(f"{months:.0f}") if months >= 1.95 else float(f"{months:.1f}"))
    return tr("{n}y", n=float(f"{days / 365:.1f}"))
