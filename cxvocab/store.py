"""Progress in SQLite, through sqlite-utils (DESIGN §4b "The database", §8).

Tables that outside tools may read:

- ``cards``: one row per (term_id, kind) the learner has met, with its fsrs state.
- ``reviews``: one row per answer, study or prep.
- ``meta``: the schema version.

A term's cards are created when the learner first answers it, so a never-seen term has no
rows and a removed term keeps its rows (hidden) until it returns. Every answer is written in
one ``BEGIN IMMEDIATE`` transaction before the caller moves on.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cxvocab.records import Answer, CardRow, CardState, ReviewRow, iso, parse_iso
from cxvocab.scheduling import REVIEW

if TYPE_CHECKING:  # sqlite-utils builds the schema; it is imported only to migrate
    import sqlite_utils

# The records are cxvocab.records'; tests and tools still import them from here.
__all__ = ["Answer", "CardRow", "CardState", "ReviewRow", "Store", "StoreError", "iso", "parse_iso"]

SCHEMA_VERSION = 3
BUSY_TIMEOUT_S = 10.0


BACKUPS_KEPT = 7


def _backups(folder: Path, database: Path) -> list[Path]:
    """Daily backups of ``database`` in ``folder``, oldest first."""
    return sorted(folder.glob(f"{database.stem}-[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9].db"))


def newest_backup(folder: Path, database: Path) -> Path | None:
    found = _backups(folder, database) if folder.is_dir() else []
    return found[-1] if found else None


class StoreError(Exception):
    """The database cannot be used; the message names the file and the problem."""


# --- migrations ------------------------------------------------------------------------


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


class _Rows:
    """The one part of sqlite-utils' ``Database`` that everyday reads use: ``query``, rows as
    dicts. Importing sqlite-utils (with click, dateutil and its plugin loader) costs more
    start-up time than the rest of the store, so it is left to the migrations."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def query(self, sql: str, params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        cursor = self.conn.execute(sql, params)
        keys = [d[0] for d in cursor.description]
        for row in cursor:
            yield dict(zip(keys, row, strict=True))

    def table_names(self) -> list[str]:
        return [r[0] for r in self.conn.execute("select name from sqlite_master where type = 'table'")]


class Store:
    """The learner's progress. All SQL in cxvocab lives in this class."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None = None) -> None:
        self.conn = conn
        self.path = path
        self.db = _Rows(conn)

    # -- opening ------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, backups: Path | None = None, today: str | None = None) -> Store:
        """Open (creating if needed) the database at ``path`` and bring its schema up to date.

        With ``backups`` (a folder), a copy is taken first: once a day (``today``, the local
        date), and always before a migration; the newest :data:`BACKUPS_KEPT` are kept.
        """
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            # isolation_level=None: we issue BEGIN/COMMIT ourselves, so a transaction spans
            # exactly what we say and nothing commits behind our back.
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"{path}: cannot open the progress database ({exc})") from exc
        store = cls(conn, path)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            version = store.schema_version()
            if backups is not None and version > 0:
                store.backup(backups, today or date.today().isoformat(), force=version < SCHEMA_VERSION)
            store._setup()
            # The query planner needs statistics to choose the stats indexes on a database
            # that grew to 250k reviews: gather them (sampled, milliseconds) if there are none;
            # close() keeps them current with PRAGMA optimize, as SQLite advises.
            conn.execute("PRAGMA analysis_limit=400")
            if conn.execute("select count(*) from sqlite_master where name = 'sqlite_stat1'").fetchone()[0] == 0:
                conn.execute("ANALYZE")
        except sqlite3.DatabaseError as exc:
            conn.close()
            newest = newest_backup(backups, path) if backups is not None else None
            advice = (
                f" The newest backup is {newest}; to go back to it, copy it over {path.name}."
                if newest
                else " There is no backup of it yet."
            )
            raise StoreError(
                f"{path}: this file is not a readable cxvocab database ({exc}). It has not been changed.{advice}"
            ) from exc
        except OSError as exc:
            conn.close()
            raise StoreError(f"{path}: cannot back up the progress database ({exc.strerror or exc})") from exc
        return store

    @classmethod
    def open_read_only(cls, path: Path, backups: Path | None = None) -> Store | None:
        """The database at ``path`` for reading (``stats``, ``prep --sheet``), or None if there
        is none. Creates nothing: no database, no folder, no backup, no WAL files.

        A database that is in use has its WAL files already; one that is not is read as
        immutable, since a read-only connection would otherwise create (and leave) them. An
        older schema is migrated in a copy in memory; the file is never changed.
        """
        if not path.exists():
            return None
        if path.is_dir():
            raise StoreError(f"{path}: a folder, not a progress database")
        in_use = path.with_name(path.name + "-wal").exists()
        uri = path.resolve().as_uri() + ("?mode=ro" if in_use else "?mode=ro&immutable=1")
        try:
            conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"{path}: cannot open the progress database ({exc})") from exc
        store = cls(conn, path)
        try:
            conn.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
            version = store.schema_version()
            if version > SCHEMA_VERSION:
                store.migrate()  # raises: made by a newer cxvocab
            if version < SCHEMA_VERSION:
                copy = sqlite3.connect(":memory:", isolation_level=None)
                conn.backup(copy)
                conn.close()
                store = cls(copy, path)
                store._setup()
        except sqlite3.DatabaseError as exc:
            conn.close()
            newest = newest_backup(backups, path) if backups is not None else None
            advice = f" The newest backup is {newest}." if newest else ""
            raise StoreError(
                f"{path}: this file is not a readable cxvocab database ({exc}). It has not been changed.{advice}"
            ) from exc
        except StoreError:
            conn.close()
            raise
        return store

    def backup(self, folder: Path, today: str, *, force: bool = False) -> Path | None:
        """Copy the database with SQLite's backup API (consistent even while in use) to
        ``<folder>/<name>-<today>.db``, unless today's exists (``force``: replace it); keep the
        newest :data:`BACKUPS_KEPT`. Returns the copy made, if one was."""
        assert self.path is not None
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{self.path.stem}-{today}.db"
        if target.exists() and not force:
            return None
        part = target.with_name(target.name + ".part")
        copy = sqlite3.connect(part)
        try:
            self.conn.backup(copy)
        finally:
            copy.close()
        os.replace(part, target)
        for old in _backups(folder, self.path)[:-BACKUPS_KEPT]:
            with suppress(OSError):
                old.unlink()
        return target

    @classmethod
    def memory(cls) -> Store:
        """An in-memory database (tests)."""
        conn = sqlite3.connect(":memory:", isolation_level=None)
        store = cls(conn)
        store._setup()
        return store

    def _setup(self) -> None:
        self.conn.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
        # WAL + NORMAL: a commit survives the app being killed; only a power cut can lose
        # the last instant, and it still never corrupts the file.
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.migrate()

    def close(self) -> None:
        with suppress(sqlite3.Error):  # statistics for next time; never a reason to fail
            self.conn.execute("PRAGMA optimize")
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic write. IMMEDIATE takes the write lock up front, so two instances on
        one database queue behind the busy timeout instead of failing half-way."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- schema ---------------------------------------------------------------------------

    def schema_version(self) -> int:
        if "meta" not in self.db.table_names():
            return 0
        rows = list(self.db.query("select value from meta where key = 'schema_version'"))
        return int(rows[0]["value"]) if rows else 0

    def migrate(self) -> None:
        """Apply every migration step the database has not had yet."""
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: made by a newer cxvocab (schema {version}; this one knows {SCHEMA_VERSION})."
                " Upgrade cxvocab; the file has not been changed."
            )
        if version < SCHEMA_VERSION:
            import sqlite_utils

            db = sqlite_utils.Database(self.conn)
        for step in range(version, SCHEMA_VERSION):
            MIGRATIONS[step](db)
            with self.transaction():
                self.conn.execute(
                    "insert or replace into meta (key, value) values ('schema_version', ?)", (str(step + 1),)
                )

    # -- reads ------------------------------------------------------------------------------

    def card(self, term_id: str, kind: str) -> CardRow | None:
        rows = list(self.db.query("select * from cards where term_id = ? and kind = ?", (term_id, kind)))
        return CardRow.from_row(rows[0]) if rows else None

    def card_by_id(self, card_id: int) -> CardRow | None:
        rows = list(self.db.query("select * from cards where id = ?", (card_id,)))
        return CardRow.from_row(rows[0]) if rows else None

    def due_cards(self, until: datetime, kinds: Sequence[str], of_term: str | None = None) -> list[CardRow]:
        """Cards already met (reviewed at least once, or opened) that are due by ``until``, in
        order of due time then id (only those of one term, with ``of_term``).

        Read as plain tuples: over thousands of due cards on a large collection, building a
        dict per row cost 50 ms."""
        marks = ",".join("?" * len(kinds))
        one = " and term_id = ?" if of_term is not None else ""
        sql = (
            "select id, term_id, kind, state, step, stability, difficulty, due, last_review, suspended"
            # "+kind": the kind index would make SQLite visit all 25,000 cards (25 ms); the
            # due index reads only the cards due (5 ms).
            f" from cards where suspended = 0 and due <= ? and +kind in ({marks}){one} order by due, id"
        )
        return [
            CardRow(
                card_id, term_id, kind,
                CardState(state, step, stability, difficulty, datetime.fromisoformat(due), parse_iso(last_review)),
                bool(suspended),
            )
            for card_id, term_id, kind, state, step, stability, difficulty, due, last_review, suspended in self.conn.execute(
                sql, (iso(until), *kinds, *([of_term] if of_term is not None else []))
            )
        ]

    def earliest_due(self, kinds: Sequence[str], terms: Collection[str]) -> datetime | None:
        """When the first card of ``kinds`` of one of ``terms`` falls due (suspended cards
        aside), read in due order through the due index until one is found."""
        marks = ",".join("?" * len(kinds))
        sql = f"select term_id, due from cards where suspended = 0 and +kind in ({marks}) order by due"
        for term_id, due in self.conn.execute(sql, tuple(kinds)):
            if term_id in terms:
                return datetime.fromisoformat(due)
        return None

    def data_version(self) -> int:
        """Changes when another connection (a second instance) commits to the database;
        this connection's own commits leave it as it was (SQLite's ``PRAGMA data_version``)."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def card_kinds(self, short_of: Sequence[str] | None = None) -> list[tuple[str, str]]:
        """Every (term_id, kind) that has a card; with ``short_of``, only those of terms that
        lack a card of one of those kinds (counted in SQL: nearly every term has them all)."""
        if short_of is None:
            return [(r["term_id"], r["kind"]) for r in self.db.query("select term_id, kind from cards")]
        marks = ",".join("?" * len(short_of))
        sql = (
            "select term_id, kind from cards where term_id in (select term_id from cards group by term_id"
            f" having count(distinct case when kind in ({marks}) then kind end) < ?)"
        )
        return list(self.conn.execute(sql, (*short_of, len(set(short_of)))))

    def weakest_terms(self, limit: int) -> list[str]:
        """Term ids answered wrongly most often (study and prep), then least stable first."""
        sql = (
            "select m.term_id from (select term_id, count(*) as misses from reviews indexed by idx_reviews_misses"
            " where correct = 0 group by term_id) m"
            " left join (select term_id, min(coalesce(stability, 0)) as stability from cards group by term_id) c"
            " on c.term_id = m.term_id order by m.misses desc, c.stability asc, m.term_id limit ?"
        )
        return [r["term_id"] for r in self.db.query(sql, (limit,))]

    def open_cards(self, cards: Sequence[tuple[str, str, CardState]], now: datetime) -> None:
        """Create cards that do not exist yet (one transaction)."""
        if not cards:
            return
        with self.transaction():
            for term_id, kind, state in cards:
                self._insert_card(term_id, kind, state, now, or_ignore=True)

    def met_terms(self) -> set[str]:
        """Ids of terms that have been introduced (their meaning card exists)."""
        return {r["term_id"] for r in self.db.query("select term_id from cards where kind = 'meaning'")}

    def introduced_between(self, start: datetime, end: datetime) -> int:
        """How many terms were introduced (first answered) in [start, end)."""
        sql = "select count(*) as n from cards where kind = 'meaning' and created_at >= ? and created_at < ?"
        return int(next(self.db.query(sql, (iso(start), iso(end))))["n"])

    def reviewed_between(self, start: datetime, end: datetime, mode: str = "study") -> list[tuple[str, str]]:
        """(term_id, kind) pairs answered in [start, end), oldest first, for sibling burying."""
        sql = (
            "select term_id, kind from reviews where reviewed_at >= ? and reviewed_at < ? and mode = ?"
            " order by reviewed_at"
        )
        return [(r["term_id"], r["kind"]) for r in self.db.query(sql, (iso(start), iso(end), mode))]

    def reviews(self, term_id: str | None = None) -> list[ReviewRow]:
        sql = "select * from reviews" + (" where term_id = ?" if term_id else "") + " order by id"
        return [
            ReviewRow(
                id=r["id"],
                card_id=r["card_id"],
                term_id=r["term_id"],
                kind=r["kind"],
                rating=r["rating"],
                correct=bool(r["correct"]),
                reviewed_at=parse_iso(r["reviewed_at"]) or datetime.min.replace(tzinfo=timezone.utc),
                duration_ms=r["duration_ms"],
                mode=r["mode"],
                answer=r["answer"],
            )
            for r in self.db.query(sql, (term_id,) if term_id else ())
        ]

    # -- aggregates for stats (DESIGN §7: stats at 250k reviews in ≤ 100 ms, so SQL does it) ---

    def reviews_per_day(self, days: Sequence[tuple[str, datetime, datetime]], mode: str = "study") -> dict[str, int]:
        """Answers per local day, for (label, UTC start, UTC end) days, in one statement of
        indexed range counts (at 250k reviews far quicker than grouping every row by a computed
        date). A day's answers in ``mode`` are all its answers, counted in the narrow index on
        the time, less those of the other modes (prep: few), counted in the index on (mode,
        time): three times quicker than counting one mode's entries in that wide index."""
        if not days:
            return {}
        counts: dict[str, int] = {}
        others = [m for m in self._modes() if m != mode]
        per_day = (
            "(select count(*) from reviews indexed by idx_reviews_reviewed_at where reviewed_at >= a and reviewed_at < b)"
            + " - (select count(*) from reviews indexed by idx_reviews_mode_time"
            " where mode = ? and reviewed_at >= a and reviewed_at < b)" * len(others)
        )
        for first in range(0, len(days), 200):  # at most 600 parameters a statement
            chunk = days[first : first + 200]
            values = ", ".join(["(?, ?, ?)"] * len(chunk))
            sql = f"with days(label, a, b) as (values {values}) select label, {per_day} from days"
            params = [value for label, start, end in chunk for value in (label, iso(start), iso(end))]
            counts.update((label, int(n)) for label, n in self.conn.execute(sql, (*params, *others)))
        return counts

    def _modes(self) -> list[str]:
        """The modes answers were given in, each found by one seek in the (mode, time) index."""
        modes: list[str] = []
        row = self.conn.execute("select min(mode) from reviews").fetchone()
        while row[0] is not None:
            modes.append(row[0])
            row = self.conn.execute("select min(mode) from reviews where mode > ?", (row[0],)).fetchone()
        return modes

    def reviews_since(self, since: datetime) -> int:
        sql = "select count(*) as n from reviews where reviewed_at >= ?"
        return int(next(self.db.query(sql, (iso(since),)))["n"])

    def review_outcomes(self, since: datetime) -> dict[str, tuple[int, int]]:
        """Per kind, (right, asked) for cards that were in review (not learning) when answered,
        in study mode since ``since``: what true retention is measured on. (``card_before`` is
        ``json.dumps`` of :meth:`CardState.to_row`, whose first key is the state: a prefix test
        is 3x faster than json_extract over every row.)"""
        sql = (
            "select kind, sum(rating > 1) as right, count(*) as asked from reviews"
            f" where mode = 'study' and reviewed_at >= ? and {STATE_BEFORE} = {WAS_IN_REVIEW}"
            " group by kind"
        )
        return {r["kind"]: (int(r["right"]), int(r["asked"])) for r in self.db.query(sql, (iso(since),))}

    def review_outcomes_between(self, windows: Sequence[tuple[datetime, datetime]]) -> list[dict[str, tuple[int, int]]]:
        """:meth:`review_outcomes` for each [start, end) window: one statement of one grouped
        range a window (a join with the windows groups every row by two keys, 50% slower)."""
        outcomes: list[dict[str, tuple[int, int]]] = [{} for _ in windows]
        for first in range(0, len(windows), 200):
            chunk = windows[first : first + 200]
            sql = " union all ".join(
                f"select {first + i}, kind, sum(rating > 1), count(*) from reviews indexed by idx_reviews_mode_time"
                f" where mode = 'study' and reviewed_at >= ? and reviewed_at < ? and {STATE_BEFORE} = {WAS_IN_REVIEW}"
                " group by kind"
                for i in range(len(chunk))
            )
            params = [iso(moment) for window in chunk for moment in window]
            for i, kind, right, asked in self.conn.execute(sql, params):
                outcomes[i][kind] = (int(right), int(asked))
        return outcomes

    def misses_by_term(self, limit: int) -> list[tuple[str, int]]:
        """Terms answered wrongly most often (study and prep), with how often: the hardest."""
        sql = (
            "select term_id, count(*) as n from reviews indexed by idx_reviews_misses where correct = 0"
            " group by term_id order by n desc, term_id limit ?"
        )
        return [(term_id, int(n)) for term_id, n in self.conn.execute(sql, (limit,))]

    def due_per_day(self, since: datetime, until: datetime, offset: str, kinds: Sequence[str]) -> dict[str, int]:
        """Terms with a card due, per local day (``offset`` from UTC, as "+HH:MM"), for cards due
        in [since, until); a term counts once a day, as the daily queue asks one card of it.
        (The table is read whole, not through the index on due: when many cards fall due within
        the fortnight, as a new learner's do, looking each one up costs more.)"""
        marks = ",".join("?" * len(kinds))
        sql = (
            "select date(due, ?) as day, count(distinct term_id) as n from cards not indexed"
            f" where suspended = 0 and due >= ? and due < ? and kind in ({marks}) group by day"
        )
        return {day: int(n) for day, n in self.conn.execute(sql, (offset, iso(since), iso(until), *kinds))}

    def due_kinds(self, until: datetime, kinds: Sequence[str]) -> list[tuple[str, str, int]]:
        """(term_id, kind, in learning: 0 or 1) of the cards :meth:`due_cards` gives, without
        building them: for counting today's queue. "In learning": a learning or relearning step
        of a card already answered; the rest (reviews, and siblings opened but never answered)
        are due like reviews."""
        marks = ",".join("?" * len(kinds))
        sql = (
            # Left alone, the planner looks every card up through the (kind, created_at) index for
            # kind in (...); read in table order, a learner back after a month costs no more.
            "select term_id, kind, last_review is not null and state != ? from cards not indexed"
            f" where suspended = 0 and due <= ? and kind in ({marks})"
        )
        return self.conn.execute(sql, (REVIEW_STATE, iso(until), *kinds)).fetchall()

    def term_progress(self) -> dict[str, tuple[bool, float]]:
        """Per term met: (answered at least once, the lowest stability of its answered cards)."""
        sql = (
            "select term_id, count(last_review) as answered, min(case when last_review is not null"
            " then coalesce(stability, 0) end) as weakest from cards group by term_id"
        )
        return {term_id: (answered > 0, float(weakest or 0)) for term_id, answered, weakest in self.conn.execute(sql)}

    def answered_terms(self, stable_days: float) -> list[tuple[str, bool]]:
        """Terms answered at least once, each with whether every answered card of it holds for
        ``stable_days`` (the stats' "mastered"): :meth:`term_progress` reduced to what stats
        needs, in less time (only answered cards are grouped, and 5,000 rows are not built)."""
        sql = (
            "select term_id, min(coalesce(stability, 0)) >= ? from cards not indexed"
            " where last_review is not null group by term_id"
        )
        return [(term_id, bool(stable)) for term_id, stable in self.conn.execute(sql, (stable_days,))]

    def count(self, table: str) -> int:
        if table not in self.db.table_names():
            raise ValueError(f"no table {table!r}")
        return int(self.conn.execute(f'select count(*) from "{table}"').fetchone()[0])

    # -- writes -----------------------------------------------------------------------------

    def record(self, answer: Answer) -> int:
        """Write one answer atomically; return the review id (for undo).

        On a term's first answer the card (and any sibling cards it opens) are created in the
        same transaction.
        """
        with self.transaction():
            row = self.card(answer.term_id, answer.kind)
            before: str | None = None
            card_id: int | None
            if row is None and answer.new_state is None:
                # A prep answer on a term never studied: the schedule stays untouched, so no
                # card is created; the review row still keeps the answer.
                card_id = None
            elif row is None:
                assert answer.new_state is not None
                card_id = self._insert_card(answer.term_id, answer.kind, answer.new_state, answer.reviewed_at)
                for kind, state in answer.siblings:
                    self._insert_card(answer.term_id, kind, state, answer.reviewed_at, or_ignore=True)
            else:
                card_id = row.id
                if answer.new_state is not None:
                    before = json.dumps(row.state.to_row())
                    self._write_state(card_id, answer.new_state)
            cursor = self.conn.execute(
                "insert into reviews (card_id, term_id, kind, rating, correct, answer, reviewed_at,"
                " duration_ms, mode, card_before) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    card_id,
                    answer.term_id,
                    answer.kind,
                    answer.rating,
                    int(answer.correct),
                    answer.answer,
                    iso(answer.reviewed_at),
                    max(0, int(answer.duration_ms)),
                    answer.mode,
                    before,
                ),
            )
            assert cursor.lastrowid is not None
            return cursor.lastrowid

    def _insert_card(self, term_id: str, kind: str, state: CardState, now: datetime, *, or_ignore: bool = False) -> int:
        verb = "insert or ignore" if or_ignore else "insert"
        cursor = self.conn.execute(
            f"{verb} into cards (term_id, kind, state, step, stability, difficulty, due, last_review,"
            " suspended, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
            (term_id, kind, *_state_values(state), iso(now)),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def _write_state(self, card_id: int, state: CardState) -> None:
        self.conn.execute(
            "update cards set state = ?, step = ?, stability = ?, difficulty = ?, due = ?, last_review = ?"
            " where id = ?",
            (*_state_values(state), card_id),
        )

    def undo(self, review_id: int) -> None:
        """Take back one answer: delete its review row and restore the card as it was.

        If that answer created the card (the term's first answer), the card and the sibling
        cards it opened go too, so the term is new again and today's new count drops.
        """
        with self.transaction():
            rows = list(self.db.query("select * from reviews where id = ?", (review_id,)))
            if not rows:
                return
            review = rows[0]
            self.conn.execute("delete from reviews where id = ?", (review_id,))
            if review["mode"] != "study":
                return
            if review["card_before"] is not None:
                self._write_state(review["card_id"], CardState.from_row(json.loads(review["card_before"])))
                return
            remaining = self.conn.execute(
                "select count(*) from reviews where term_id = ? and mode = 'study'", (review["term_id"],)
            ).fetchone()[0]
            if remaining == 0:
                # Prep answers may point at these cards; they keep their term and kind.
                self.conn.execute("update reviews set card_id = null where term_id = ?", (review["term_id"],))
                self.conn.execute("delete from cards where term_id = ?", (review["term_id"],))

    # -- meta ---------------------------------------------------------------------------------

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self.conn.execute("insert or replace into meta (key, value) values (?, ?)", (key, value))


def _state_values(state: CardState) -> tuple[Any, ...]:
    row = state.to_row()
    return (row["state"], row["step"], row["stability"], row["difficulty"], row["due"], row["last_review"])


__all__ = ["Answer", "CardRow", "CardState", "ReviewRow", "Store", "StoreError", "iso", "parse_iso"]
