"""Writing a file a command was asked to make (``import -o``, ``export anki``): whole or not at
all, and a bad path is one plain sentence, never a traceback.

The file is written under a temporary name in the same folder and renamed into place, so a
failure (a full disk, an interrupt) leaves neither a half-written file nor the temporary one.
No folder is created: a mistyped path is an error that says so, rather than a new tree of
folders somewhere unexpected.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path


class OutputError(Exception):
    """The file cannot be written; the message says which file and why, in plain words."""


def problem(path: Path) -> str | None:
    """Why ``path`` cannot be written (before any work is done), or None if it looks fine."""
    if path.is_dir():
        return f"cannot write {path}: it is a folder; give a file name, e.g. {path / 'out'}{path.suffix}"
    folder = path.parent
    # The first part of the path that is not a folder says what is wrong with it.
    for part in [*reversed(folder.parents), folder]:
        if part.exists() and not part.is_dir():
            return f"cannot write {path}: {part} is a file, not a folder"
        if not part.exists():
            return f"cannot write {path}: the folder {part} does not exist (create it first, or pick another path)"
    if not os.access(folder, os.W_OK):
        return f"cannot write {path}: no permission to write in {folder}"
    return None


def reason(exc: OSError, path: Path) -> str:
    """An OS error while writing ``path``, as a sentence."""
    found = problem(path)
    if found:
        return found
    plain = {
        errno.ENOSPC: "the disk is full",
        errno.EROFS: "the disk is read-only",
        errno.EACCES: f"no permission to write in {path.parent}",
        errno.EPERM: f"no permission to write in {path.parent}",
        errno.ENAMETOOLONG: "the name is too long",
    }.get(exc.errno or 0)
    return f"cannot write {path}: {plain or (exc.strerror or str(exc)).lower()}"


def write_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """Call ``write(temporary path)`` and move the result to ``path``; raise OutputError (with
    nothing left behind) if either fails."""
    found = problem(path)
    if found:
        raise OutputError(found)
    # A name of our own rather than mkstemp's: the file keeps the permissions any new file gets.
    part = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        write(part)
        os.replace(part, path)
    except OSError as exc:
        raise OutputError(reason(exc, path)) from exc
    finally:
        if part.exists():
            part.unlink()


def write_text(path: Path, text: str) -> None:
    """``path`` holds ``text`` (UTF-8), whole, or OutputError."""
    write_atomically(path, lambda part: part.write_text(text, encoding="utf-8"))
