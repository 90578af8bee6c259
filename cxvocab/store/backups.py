"""Daily copies of the database beside it, the newest few kept (DESIGN §8)."""

from __future__ import annotations

from pathlib import Path

BACKUPS_KEPT = 7


def _backups(folder: Path, database: Path) -> list[Path]:
    """Daily backups of ``database`` in ``folder``, oldest first."""
    return sorted(folder.glob(f"{database.stem}-[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9].db"))


def newest_backup(folder: Path, database: Path) -> Path | None:
    found = _backups(folder, database) if folder.is_dir() else []
    return found[-1] if found else None
