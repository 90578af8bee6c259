"""What commands write: read-only commands create nothing (not even for a mistyped --db), and
a bad output path is one line, exit 1, with nothing half-written left behind."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cxvocab.cli import main
from cxvocab.content import load_library
from cxvocab.paths import builtin_content_dir
from cxvocab.store import Store
from tests.conftest import DATA, write
from tests.test_authoring import ROW, csv_text


def split(*args: str):
    return CliRunner(mix_stderr=False).invoke(main, list(args), catch_exceptions=False)


def listing(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


READ_ONLY = {
    "stats": ["stats"],
    "stats --json": ["stats", "--json"],
    "prep --sheet": ["prep", "--sheet", "--topic", "metrics"],
    "show": ["show", "touchpoint"],
    "check": ["check"],
    "locate": ["locate"],
    "export anki": ["export", "anki", "OUT", "--no-audio"],
}


@pytest.mark.parametrize("args", READ_ONLY.values(), ids=READ_ONLY.keys())
def test_a_read_only_command_creates_no_file_or_folder(tmp_path, args):
    """A mistyped --db: no database, no parent folders, no backup, no cache, no config."""
    db = tmp_path / "typo" / "nested" / "progress.db"
    out = tmp_path / "cx.apkg"
    before = listing(tmp_path)
    result = split(*[str(out) if a == "OUT" else a for a in args], "--db", str(db))
    assert result.exit_code == 0, result.output
    made = listing(tmp_path) - before
    assert made == ({"cx.apkg"} if "export" in args else set())


def test_stats_without_a_database_reports_zeros_and_says_so(tmp_path):
    import json

    db = tmp_path / "typo" / "progress.db"
    result = split("stats", "--json", "--db", str(db))
    numbers = json.loads(result.stdout)
    assert (numbers["terms_seen"], numbers["reviews_total"], numbers["due_today"]) == (0, 0, 0)
    assert numbers["terms_total"] == len(load_library([builtin_content_dir()]).terms)
    assert result.stderr == f"no progress yet at {db}\n"
    assert not (tmp_path / "typo").exists()


def test_stats_reads_a_database_without_changing_it_or_backing_it_up(tmp_path):
    """Closed cleanly (no WAL files): read as it is; nothing appears beside it."""
    from datetime import datetime, timezone

    from cxvocab.store import Answer

    db = tmp_path / "data" / "progress.db"
    store = Store.open(db)
    now = datetime.now(timezone.utc)
    store.record(Answer("touchpoint", "meaning", 3, True, now, 1200))
    store.close()
    before, stamp = listing(tmp_path), digest(db)
    result = split("stats", "--json", "--db", str(db))
    assert result.exit_code == 0 and result.stderr == ""
    assert '"reviews_total": 1' in result.stdout
    assert listing(tmp_path) == before and digest(db) == stamp


def test_stats_reads_an_older_schema_without_migrating_the_file(tmp_path):
    db = tmp_path / "progress.db"
    shutil.copyfile(DATA / "progress-v1.db", db)
    before, stamp = listing(tmp_path), digest(db)
    result = split("stats", "--json", "--db", str(db))
    assert result.exit_code == 0, result.output
    assert listing(tmp_path) == before and digest(db) == stamp


def test_stats_on_a_database_in_use_beside_a_running_app(tmp_path):
    """Another process has it open (its WAL file exists): read through the WAL, add nothing."""
    db = tmp_path / "progress.db"
    writer = Store.open(db)
    try:
        before = listing(tmp_path)
        assert "progress.db-wal" in before
        result = split("stats", "--json", "--db", str(db))
        assert result.exit_code == 0, result.output
        assert listing(tmp_path) == before
    finally:
        writer.close()


def test_stats_on_a_file_that_is_not_a_database(tmp_path):
    db = write(tmp_path / "notes.db", "shopping list")
    result = split("stats", "--db", str(db))
    assert result.exit_code == 1
    assert result.stderr == (
        f"cxvocab: {db}: this file is not a readable cxvocab database (file is not a database). It has not been changed.\n"
    )


def test_the_app_says_where_it_started_a_new_database(tmp_path, monkeypatch):
    """`cxvocab --db NEW`: the app may create it, and says so once, on screen."""
    from cxvocab.ui.app import CxVocabApp

    shown: list[list[str]] = []
    monkeypatch.setattr(CxVocabApp, "run", lambda self, *a, **k: shown.append(list(self.notices)))
    db = tmp_path / "new" / "progress.db"
    assert split("--db", str(db), "--rtl", "visual").exit_code == 0
    assert shown == [[f"Started a new progress database at {db}"]]
    assert split("--db", str(db), "--rtl", "visual").exit_code == 0  # it exists now: said once
    assert shown[1] == []


# --- bad output paths ----------------------------------------------------------------------


def bad_paths(tmp_path: Path) -> list[tuple[str, str]]:
    afile = write(tmp_path / "afile", "I am a file")
    (tmp_path / "folder.apkg").mkdir()
    return [
        (f"{afile}/x.OUT", f"cannot write {afile}/x.OUT: {afile} is a file, not a folder"),
        ("/dev/null/x.OUT", "cannot write /dev/null/x.OUT: /dev/null is a file, not a folder"),
        (f"{tmp_path}/nowhere/x.OUT", f"cannot write {tmp_path}/nowhere/x.OUT: the folder {tmp_path}/nowhere does not exist"
         " (create it first, or pick another path)"),
    ]


@pytest.mark.parametrize("command", ["import", "export"])
def test_a_bad_output_path_is_one_line_and_leaves_nothing(tmp_path, command):
    csv_path = write(tmp_path / "class.csv", csv_text([ROW]))
    suffix = "yaml" if command == "import" else "apkg"
    for given, expected in bad_paths(tmp_path):
        given, expected = given.replace("OUT", suffix), expected.replace("OUT", suffix)
        before = listing(tmp_path)
        args = ["import", str(csv_path), "-o", given] if command == "import" else ["export", "anki", given, "--no-audio"]
        result = split(*args)
        assert result.exit_code == 1
        assert result.stderr == f"cxvocab: {expected}\n"
        assert result.stdout == ""
        assert listing(tmp_path) == before


def test_an_output_that_is_a_folder(tmp_path):
    folder = tmp_path / "decks"
    folder.mkdir()
    result = split("export", "anki", str(folder), "--no-audio")
    assert result.exit_code == 1
    assert result.stderr == f"cxvocab: cannot write {folder}: it is a folder; give a file name, e.g. {folder}/out\n"


def test_an_output_folder_without_permission(tmp_path, monkeypatch):
    locked = tmp_path / "locked"
    locked.mkdir()
    real = os.access
    # (as root, a real read-only folder is still writable)
    monkeypatch.setattr(os, "access", lambda path, mode: False if Path(path) == locked else real(path, mode))
    result = split("export", "anki", str(locked / "cx.apkg"), "--no-audio")
    assert result.exit_code == 1
    assert result.stderr == f"cxvocab: cannot write {locked / 'cx.apkg'}: no permission to write in {locked}\n"


def test_a_write_that_fails_half_way_leaves_nothing_behind(tmp_path, monkeypatch):
    """The disk fills up while the package is written: no .apkg, no temporary file."""
    import errno

    import genanki

    def full(self, path, timestamp=None):
        Path(path).write_bytes(b"PK half a zip")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(genanki.Package, "write_to_file", full)
    out = tmp_path / "cx.apkg"
    result = split("export", "anki", str(out), "--no-audio")
    assert result.exit_code == 1
    assert result.stderr == f"cxvocab: cannot write {out}: the disk is full\n"
    assert list(tmp_path.iterdir()) == []
