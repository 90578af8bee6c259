"""The records the database holds, as the rest of cxvocab sees them: a card's scheduling state,
a card, an answer to write and a review read back; and the one timestamp form they use.

They are plain frozen values with no database in them, so that scheduling (which computes card
states) need not know the store (an import-linter contract holds it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any


def iso(moment: datetime) -> str:
    """A UTC timestamp in one fixed-width ISO-8601 form, so text order is time order."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: cxvocab stores UTC only")
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def parse_iso(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text).astimezone(timezone.utc)


@dataclass(frozen=True)
class CardState:
    """A card's scheduling state, as stored (the fsrs fields, nothing else)."""

    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None

    def to_row(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "step": self.step,
            "stability": self.stability,
            "difficulty": self.difficulty,
            "due": iso(self.due),
            "last_review": iso(self.last_review) if self.last_review else None,
        }

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> CardState:
        due = parse_iso(row["due"])
        assert due is not None
        return cls(
            state=int(row["state"]),
            step=row["step"],
            stability=row["stability"],
            difficulty=row["difficulty"],
            due=due,
            last_review=parse_iso(row["last_review"]),
        )


@dataclass(frozen=True)
class CardRow:
    """One row of ``cards``."""

    id: int
    term_id: str
    kind: str
    state: CardState
    suspended: bool = False

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> CardRow:
        return cls(
            id=int(row["id"]),
            term_id=row["term_id"],
            kind=row["kind"],
            state=CardState.from_row(row),
            suspended=bool(row["suspended"]),
        )


@dataclass(frozen=True)
class TermMarks:
    """What the learner has set on a term (issue 21): all off for a term never marked."""

    suspended: bool = False  # out of every queue until unsuspended (in Browse)
    flagged: bool = False  # to drill (``cxvocab prep --flagged``), listed in Browse
    leech: bool = False  # answered Again the leech threshold's number of times in study
    buried_until: datetime | None = None  # out of the queue until then (the next day's start)

    def buried(self, now: datetime) -> bool:
        return self.buried_until is not None and now < self.buried_until

    def held(self, now: datetime) -> bool:
        """Out of the study queue now."""
        return self.suspended or self.buried(now)

    @property
    def any(self) -> bool:
        return self.suspended or self.flagged or self.leech or self.buried_until is not None


@dataclass(frozen=True)
class Reviewed:
    """What every answer records: the card answered, how, when and how long it took."""

    term_id: str
    kind: str
    rating: int
    correct: bool
    reviewed_at: datetime
    duration_ms: int
    mode: str = "study"
    answer: str | None = None  # what was typed or picked (None for a self-graded card)


@dataclass(frozen=True)
class Answer(Reviewed):
    """What one answer writes: the review row, and (in study mode) the card's new state."""

    new_state: CardState | None = None  # None in prep mode: the schedule is left alone
    siblings: Sequence[tuple[str, CardState]] = ()  # (kind, state) created on first answer
    ahead: bool = False  # a review ahead: given before the card's due day


@dataclass(frozen=True, kw_only=True)
class ReviewRow(Reviewed):
    """One row of ``reviews``, read back."""

    id: int
    card_id: int | None
