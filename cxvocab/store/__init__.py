"""Progress in SQLite, through sqlite-utils (DESIGN §4b "The database", §8).

Tables that outside tools may read:

- ``cards``: one row per (term_id, kind) the learner has met, with its fsrs state.
- ``reviews``: one row per answer, study or prep.
- ``term_marks``: the learner's marks on a term (suspended, buried, flagged, leech).
- ``meta``: the schema version, the learner's fitted FSRS parameters.

A term's cards are created when the learner first answers it, so a never-seen term has no
rows and a removed term keeps its rows (hidden) until it returns. Every answer is written in
one ``BEGIN IMMEDIATE`` transaction before the caller moves on.

The package, one job a module: ``connection`` (open, transactions, close), ``migrations``,
``backups``, ``cards``, ``marks`` (the reads of the queue and the screens, the write of an answer) and
``stats_queries``. All SQL in cxvocab lives here.
"""

from __future__ import annotations

from cxvocab.records import Answer, CardRow, CardState, ReviewRow, iso, parse_iso
from cxvocab.store.backups import BACKUPS_KEPT, newest_backup
from cxvocab.store.cards import CardQueries
from cxvocab.store.connection import BUSY_TIMEOUT_S, StoreError
from cxvocab.store.marks import MarkQueries
from cxvocab.store.migrations import REVIEW_STATE, SCHEMA_VERSION
from cxvocab.store.stats_queries import StatsQueries


class Store(CardQueries, MarkQueries, StatsQueries):
    """The learner's progress: one SQLite database, opened by :meth:`Store.open` (or
    :meth:`Store.memory` for tests)."""


__all__ = [
    "BACKUPS_KEPT", "BUSY_TIMEOUT_S", "REVIEW_STATE", "SCHEMA_VERSION", "Answer", "CardRow", "CardState",
    "ReviewRow", "Store", "StoreError", "iso", "newest_backup", "parse_iso",
]
