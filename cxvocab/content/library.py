"""The loaded terms: a Library, its topics, and the problems found on the way."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from cxvocab.terms import Bilingual, Term, visible

MAX_FILE_BYTES = 4 * 1024 * 1024
TERM_FILE_SUFFIXES = (".yaml", ".yml")

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One problem in one file, printable as ``file:line: id: field: problem``."""

    file: Path
    line: int
    term_id: str
    field: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        # Ids, keys and messages can come from the file itself: never let one style or move
        # the terminal that prints them, and never print an empty part.
        prefix = "warning: " if self.severity == "warning" else ""
        term_id, where = visible(self.term_id) or "''", visible(self.field) or "''"
        return f"{self.file}:{self.line}: {term_id}: {where}: {prefix}{visible(self.message)}"


@dataclass
class TopicGroup:
    """A topic and its loaded terms (one or more files may add to the same topic)."""

    id: str
    title: Bilingual
    files: list[Path] = field(default_factory=list)
    term_ids: list[str] = field(default_factory=list)


class PendingTerms(Protocol):
    """One file's terms not unpickled yet (:class:`cxvocab.content.cache.Pending`)."""

    def terms(self) -> list[Term]: ...


class Lines(Protocol):
    """The line of any value of a file (:class:`cxvocab.content.parse.LineMap`)."""

    def line(self, path: Path_) -> int: ...


class TermTable(dict[str, Term]):
    """Terms by id, as a dict. Terms read back from the content cache stay pickled, a file at
    a time, until one of them is first used: the first screen needs ids and topics only, and
    unpickling 5,000 terms took 150 ms of the start-up (DESIGN §7).

    Every way of reading a value goes through :meth:`__getitem__` or fills the whole table
    first (``values``, ``items``, ``==``...). ``__iter__`` is defined here for the same reason:
    without it, CPython copies a dict subclass (``dict(t)``, ``{**t}``) by reading its stored
    values directly, placeholders included."""

    def __init__(self) -> None:
        super().__init__()
        self._pending: dict[str, PendingTerms] = {}
        self._lock = threading.Lock()  # the grading worker may fill it while the UI reads

    def add_pending(self, term_id: str, pending: PendingTerms) -> None:
        dict.__setitem__(self, term_id, None)  # type: ignore[misc]
        self._pending[term_id] = pending

    def _fill(self, pending: PendingTerms) -> None:
        with self._lock:
            for term in pending.terms():
                if self._pending.get(term.id) is pending:
                    dict.__setitem__(self, term.id, term)
                    del self._pending[term.id]
            # A term the file no longer has (changed while the app ran): gone from the table.
            for term_id in [t for t, p in self._pending.items() if p is pending]:
                del self._pending[term_id]
                dict.__delitem__(self, term_id)

    def _fill_all(self) -> None:
        while self._pending:
            try:
                pending = next(iter(self._pending.values()))
            except (StopIteration, RuntimeError):  # emptied or changed by another thread
                continue
            self._fill(pending)

    def __getitem__(self, key: str) -> Term:
        pending = self._pending.get(key)
        if pending is not None:
            self._fill(pending)
        return dict.__getitem__(self, key)

    def __setitem__(self, key: str, value: Term) -> None:
        self._pending.pop(key, None)
        dict.__setitem__(self, key, value)

    def __iter__(self) -> Iterator[str]:
        return dict.__iter__(self)

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if key in self else default

    def values(self) -> Any:
        self._fill_all()
        return dict.values(self)

    def items(self) -> Any:
        self._fill_all()
        return dict.items(self)

    def copy(self) -> dict[str, Term]:
        return dict(self.items())

    def __eq__(self, other: object) -> bool:
        self._fill_all()
        if isinstance(other, TermTable):
            other._fill_all()
        return dict.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = None

    def __repr__(self) -> str:
        self._fill_all()
        return dict.__repr__(self)


@dataclass
class Library:
    """Every term that loaded, in file order, with the problems found on the way."""

    terms: dict[str, Term] = field(default_factory=TermTable)
    topics: dict[str, TopicGroup] = field(default_factory=dict)
    topic_of: dict[str, str] = field(default_factory=dict)
    source_of: dict[str, tuple[Path, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    # Filled only by ``load_library(..., keep_lines=True)`` (``cxvocab check``): the line of
    # every value, so that author checks can point at the exact field. The app does not need it.
    lines: dict[Path, Lines] = field(default_factory=dict)
    term_path: dict[str, Path_] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def line_of(self, term_id: str, loc: Path_ = ()) -> int:
        """The line of field ``loc`` of a term (its own line without ``keep_lines``)."""
        file, line = self.source_of[term_id]
        lines = self.lines.get(file)
        return lines.line((*self.term_path[term_id], *loc)) if lines else line

    def find(self, query: str) -> Term | None:
        """A term by id, English term, abbreviation, alias or Persian equivalent."""
        q = " ".join(query.split()).casefold()
        if not q:
            return None
        if q in self.terms:
            return self.terms[q]
        for term in self.terms.values():
            names = [term.term, term.abbr or "", term.fa, *term.aliases.en, *term.aliases.fa]
            if any(" ".join(n.split()).casefold() == q for n in names):
                return term
        return None

    def confusables(self, term: Term) -> list[Term]:
        """The term's confusables that are loaded (unknown ids are reported, not shown)."""
        return [self.terms[c] for c in term.confusables if c in self.terms and c != term.id]
