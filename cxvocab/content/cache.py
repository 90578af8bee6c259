"""The content cache: each file's checked terms, pickled, reused while the file is unchanged."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from cxvocab.content.library import MAX_FILE_BYTES
from cxvocab.content.parse import ParsedFile, parse_file
from cxvocab.terms import Term

CACHE_FORMAT = "7"  # 7: terms have family and gaps


def _cached_parse(path: Path, cache_dir: Path, read_only: bool = False) -> tuple[ParsedFile, ParsedFile | None]:
    """``parse_file``, remembered by the file's path and bytes: an unchanged file is read back
    (its already-validated terms) instead of parsed and validated again. Also returns what
    the manifest keeps of it (None: not cached). ``read_only``: a cache entry is used if it is
    there, never written."""
    import hashlib
    import pickle

    from cxvocab import __version__

    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return parse_file(path), None  # reported as too large, never read into memory
        raw = path.read_bytes()
    except OSError:
        return parse_file(path), None
    key = hashlib.sha256(f"{CACHE_FORMAT}|{__version__}|{path.resolve()}|".encode() + raw).hexdigest()
    entry = cache_dir / f"{key}.pickle"
    kept = _read_cache(entry)
    if isinstance(kept, ParsedFile):
        return kept, replace(kept, pickled=None, entry=str(entry))
    parsed = parse_file(path, raw)  # the bytes just hashed: the file is read once
    if read_only:
        return parsed, None
    parsed.lines = None  # the node tree is large and not needed once the problems are known
    kept = replace(
        parsed,
        terms=[],
        index=[(term.id, line, term.confusables) for term, line in parsed.terms],
        pickled=pickle.dumps([term for term, _ in parsed.terms], protocol=pickle.HIGHEST_PROTOCOL),
    )
    if not _write_cache(entry, kept):
        return parsed, None
    return parsed, replace(kept, pickled=None, entry=str(entry))


def _read_cache(path: Path) -> Any:
    """What a content-cache file holds (our own folder), or None if it is missing or damaged."""
    import pickle

    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        return None


def _write_cache(path: Path, value: object) -> bool:
    """Write a content-cache file whole or not at all; False if it cannot be written (a
    read-only cache is slower, never wrong)."""
    import pickle

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_name(f"{path.name}.{os.getpid()}.part")
        with part.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(part, path)
    except OSError:
        return False
    return True


class _Manifest:
    """What the content cache knows of every file, in one small file, by path, size and
    modification time: at start-up, an unchanged file costs a ``stat`` (its terms stay in
    their cache entry until used). A changed file goes through :func:`_cached_parse`."""

    def __init__(self, cache_dir: Path, read_only: bool = False) -> None:
        from cxvocab import __version__

        self.read_only = read_only
        self.path = cache_dir / "manifest.pickle"
        self.stamp = f"{CACHE_FORMAT}|{__version__}"
        self.files: dict[str, tuple[int, int, ParsedFile]] = {}
        self.changed = False
        known = _read_cache(self.path)
        if isinstance(known, tuple) and len(known) == 2 and known[0] == self.stamp:
            self.files = known[1]

    def parse(self, path: Path, cache_dir: Path) -> ParsedFile:
        key = os.path.abspath(path)
        try:
            info = path.stat()
        except OSError:
            return parse_file(path)
        known = self.files.get(key)
        if known is not None and known[:2] == (info.st_size, info.st_mtime_ns):
            return known[2]
        parsed, kept = _cached_parse(path, cache_dir, self.read_only)
        if kept is not None:
            self.files[key] = (info.st_size, info.st_mtime_ns, kept)
            self.changed = True
        return parsed

    def save(self, seen: set[str]) -> None:
        """Write the manifest if a file was added or changed, or has gone."""
        # Files of other runs (another --content folder) stay known while they exist.
        gone = {key for key in self.files if key not in seen and not os.path.exists(key)}
        if self.read_only or not (self.changed or gone):
            return
        for key in gone:
            del self.files[key]
        _write_cache(self.path, (self.stamp, self.files))


class Pending:
    """One file's terms, still pickled: in memory, or in the cache entry the manifest names
    (read only when a term of the file is first used)."""

    __slots__ = ("data", "entry", "source")

    def __init__(self, data: bytes | None, entry: str | None, source: Path) -> None:
        self.data, self.entry, self.source = data, entry, source

    def terms(self) -> list[Term]:
        import pickle

        if self.data is None and self.entry is not None:
            kept = _read_cache(Path(self.entry))
            self.data = kept.pickled if isinstance(kept, ParsedFile) else None
        if self.data is None:  # the cache was cleared meanwhile: read the file itself again
            return [term for term, _ in parse_file(self.source).terms]
        terms: list[Term] = pickle.loads(self.data)
        return terms
