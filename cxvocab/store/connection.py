"""The SQLite connection: open (backed up, migrated), read-only opening, transactions, close."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import date
from pathlib import Path
from typing import Any, Self

from cxvocab.store.backups import BACKUPS_KEPT, _backups, newest_backup
from cxvocab.store.migrations import MIGRATIONS, SCHEMA_VERSION

BUSY_TIMEOUT_S = 10.0


class StoreError(Exception):
    """The database cannot be used; the message names the file and the problem."""


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


class Connection:
    """The database file: opening it (with a backup and any migration), one transaction at a
    time, closing. The queries are the mixins of :class:`cxvocab.store.Store`."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None = None) -> None:
        self.conn = conn
        self.path = path
        self.db = _Rows(conn)

    # -- opening ------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, backups: Path | None = None, today: str | None = None) -> Self:
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
    def open_read_only(cls, path: Path, backups: Path | None = None) -> Self | None:
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
    def memory(cls) -> Self:
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

    def count(self, table: str) -> int:
        if table not in self.db.table_names():
            raise ValueError(f"no table {table!r}")
        return int(self.conn.execute(f'select count(*) from "{table}"').fetchone()[0])

    # -- meta ---------------------------------------------------------------------------------

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self.conn.execute("insert or replace into meta (key, value) values (?, ?)", (key, value))

    def get_meta(self, key: str) -> str | None:
        row = self.conn.execute("select value from meta where key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def delete_meta(self, key: str) -> None:
        with self.transaction():
            self.conn.execute("delete from meta where key = ?", (key,))
