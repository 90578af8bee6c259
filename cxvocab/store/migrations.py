"""The schema, one numbered step at a time: ``MIGRATIONS[n]`` takes version n to n + 1. Never
edit a shipped step: add the next one (and raise ``SCHEMA_VERSION``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from cxvocab.scheduling import REVIEW

if TYPE_CHECKING:  # sqlite-utils builds the schema; it is imported only to migrate
    import sqlite_utils

SCHEMA_VERSION = 3

def _migration_1(db: sqlite_utils.Database) -> None:
    """The first schema: cards, reviews, meta."""
    from sqlite_utils.db import Table

    cards, reviews = Table(db, "cards"), Table(db, "reviews")
    cards.create(
        {
            "id": int,
            "term_id": str,
            "kind": str,
            "state": int,
            "step": int,
            "stability": float,
            "difficulty": float,
            "due": str,
            "last_review": str,
            "suspended": int,
            "created_at": str,
        },
        pk="id",
        not_null={"term_id", "kind", "state", "due", "suspended", "created_at"},
        defaults={"suspended": 0},
        if_not_exists=True,
    )
    cards.create_index(["term_id", "kind"], unique=True, if_not_exists=True)
    cards.create_index(["due"], if_not_exists=True)
    cards.create_index(["kind", "created_at"], if_not_exists=True)
    reviews.create(
        {
            "id": int,
            "card_id": int,
            "term_id": str,
            "kind": str,
            "rating": int,
            "correct": int,
            "answer": str,
            "reviewed_at": str,
            "duration_ms": int,
            "mode": str,
            # The card's state before this answer (JSON), so undo can restore it exactly;
            # NULL when the answer created the card, or in prep mode (state untouched).
            "card_before": str,
        },
        pk="id",
        not_null={"term_id", "kind", "rating", "reviewed_at", "duration_ms", "mode"},
        foreign_keys=[("card_id", "cards", "id")],
        if_not_exists=True,
    )
    reviews.create_index(["card_id"], if_not_exists=True)
    reviews.create_index(["reviewed_at"], if_not_exists=True)
    reviews.create_index(["term_id"], if_not_exists=True)
    Table(db, "meta").create({"key": str, "value": str}, pk="key", if_not_exists=True)


# What a review's card was before the answer, without parsing its JSON: card_before is
# json.dumps(CardState.to_row()), whose first key is the state ('{"state": 2' = in review).
STATE_BEFORE = "substr(card_before, 1, 11)"
WAS_IN_REVIEW = """'{"state": 2'"""
REVIEW_STATE = REVIEW  # fsrs.State.Review, for the counts that SQL makes


def _migration_2(db: sqlite_utils.Database) -> None:
    """Indexes for stats at 250k reviews (DESIGN §7: ≤ 100 ms): answers by mode and time
    (covering what per-day counts and retention read), and the lapses of review cards."""
    db.execute(
        f"create index if not exists idx_reviews_mode_time on reviews (mode, reviewed_at, kind, rating, {STATE_BEFORE})"
    )
    db.execute(
        "create index if not exists idx_reviews_lapses on reviews (term_id)"
        f" where rating = 1 and mode = 'study' and {STATE_BEFORE} = {WAS_IN_REVIEW}"
    )


def _migration_3(db: sqlite_utils.Database) -> None:
    """The hardest terms are those answered wrongly most often (study and prep, any card
    state), as the learner sees them, not only lapses of cards already in review (a new
    learner's 22 Agains had left the list empty): an index of wrong answers by term, and the
    lapses index no query reads any more."""
    db.execute("create index if not exists idx_reviews_misses on reviews (term_id) where correct = 0")
    db.execute("drop index if exists idx_reviews_lapses")


# One function per schema step; MIGRATIONS[n] takes version n to n + 1. Never edit a shipped
# step: add the next one.
MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_migration_1, _migration_2, _migration_3]
assert len(MIGRATIONS) == SCHEMA_VERSION
