"""The schema, one numbered step at a time: ``MIGRATIONS[n]`` takes version n to n + 1. Never
edit a shipped step: add the next one (and raise ``SCHEMA_VERSION``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from cxvocab.scheduling import REVIEW

if TYPE_CHECKING:  # sqlite-utils builds the schema; it is imported only to migrate
    import sqlite_utils

SCHEMA_VERSION = 5

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


# Schemas 2 and 3 found a review's state before the answer by the key order of its JSON
# (card_before is json.dumps(CardState.to_row()), whose first key is the state); schema 4 keeps
# it in a column of its own, state_before. These two remain for the steps that used them.
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


def _migration_4(db: sqlite_utils.Database) -> None:
    """A review's card state before the answer in a column of its own (NULL when the answer
    created the card, or in prep mode), filled from card_before; the index that retention and
    per-day counts read covers it instead of a prefix of the JSON."""
    if "state_before" not in {column.name for column in db["reviews"].columns}:
        db.execute("alter table reviews add column state_before integer")
    db.execute(
        "update reviews set state_before = json_extract(card_before, '$.state') where card_before is not null"
    )
    db.execute("drop index if exists idx_reviews_mode_time")
    db.execute(
        "create index if not exists idx_reviews_mode_time on reviews (mode, reviewed_at, kind, rating, state_before)"
    )


def _migration_5(db: sqlite_utils.Database) -> None:
    """The learner's own marks on a term (issue 21), kept apart from its cards so that a term
    never studied can be suspended too, and an answer never touches them: suspended (out of
    every queue until unsuspended), buried until a time (tomorrow's start), flagged, a leech.
    And whether a study answer was given ahead of its card's due day (review ahead)."""
    db.execute(
        "create table if not exists term_marks (term_id text primary key, suspended integer not null default 0,"
        " flagged integer not null default 0, leech integer not null default 0, buried_until text,"
        " changed_at text not null)"
    )
    if "ahead" not in {column.name for column in db["reviews"].columns}:
        db.execute("alter table reviews add column ahead integer not null default 0")
    # Leeches count a term's Agains in study: found through this index, not by reading them all.
    db.execute("create index if not exists idx_reviews_agains on reviews (term_id) where rating = 1 and mode = 'study'")


# One function per schema step; MIGRATIONS[n] takes version n to n + 1. Never edit a shipped
# step: add the next one.
MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_migration_1, _migration_2, _migration_3, _migration_4, _migration_5]
assert len(MIGRATIONS) == SCHEMA_VERSION
