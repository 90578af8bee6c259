"""The loaded terms: a Library, its topics, and the problems found on the way."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from cxvocab.terms import Bilingual, Term, visible

MAX_FILE_BYTES = 4 * 1024 * 1024
TERM_FILE_SUFFIXES = (".yaml", ".yml")

FieldPath = tuple[str | int, ...]  # where a value is in its file: ("terms", 3, "usage", 0, "why")


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

    def line(self, path: FieldPath) -> int: ...


class TermTable(MutableMapping[str, Term]):
    """Terms by id, in file order. A term read back from the content cache is *pending*: its
    id and place are known, but it stays pickled with the rest of its file until one of them
    is first read (the first screen needs ids and topics only, and unpickling thousands of terms
    was most of the start-up, DESIGN §7). Ids, ``in`` and ``len`` never unpickle anything;
    reading a term unpickles its file's terms; ``values``, ``items`` and ``==`` read them all.
    A lock guards the unpickling: a worker thread may read terms while the interface does."""

    def __init__(self) -> None:
        self._terms: dict[str, Term | None] = {}  # None: pending
        self._pending: dict[str, PendingTerms] = {}
        self._lock = threading.Lock()

    def add_pending(self, term_id: str, pending: PendingTerms) -> None:
        self._terms[term_id] = None
        self._pending[term_id] = pending

    def _fill(self, pending: PendingTerms) -> None:
        with self._lock:
            for term in pending.terms():
                if self._pending.get(term.id) is pending:
                    self._terms[term.id] = term
                    del self._pending[term.id]
            # A term the file no longer has (changed while the app ran): gone from the table.
            for term_id in [t for t, p in self._pending.items() if p is pending]:
                del self._pending[term_id]
                del self._terms[term_id]

    def __getitem__(self, key: str) -> Term:
        term = self._terms[key]
        if term is None:
            pending = self._pending.get(key)
            if pending is not None:
                self._fill(pending)
            term = self._terms[key]  # filled above, by this thread or another
            if term is None:
                raise KeyError(key)
        return term

    def __setitem__(self, key: str, value: Term) -> None:
        self._pending.pop(key, None)
        self._terms[key] = value

    def __delitem__(self, key: str) -> None:
        self._pending.pop(key, None)
        del self._terms[key]

    def __contains__(self, key: object) -> bool:
        return key in self._terms

    def __iter__(self) -> Iterator[str]:
        return iter(self._terms)

    def __len__(self) -> int:
        return len(self._terms)

    def __repr__(self) -> str:
        return f"TermTable({dict(self.items())!r})"


@dataclass
class Library:
    """Every term that loaded, in file order, with the problems found on the way."""

    terms: TermTable = field(default_factory=TermTable)
    topics: dict[str, TopicGroup] = field(default_factory=dict)
    topic_of: dict[str, str] = field(default_factory=dict)
    source_of: dict[str, tuple[Path, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    # Filled only by ``load_library(..., keep_lines=True)`` (``cxvocab check``): the line of
    # every value, so that author checks can point at the exact field. The app does not need it.
    lines: dict[Path, Lines] = field(default_factory=dict)
    term_path: dict[str, FieldPath] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def tally(self) -> str:
        """What ``cxvocab check`` says last."""
        return (
            f"{len(self.files)} file(s), {len(self.terms)} term(s) loaded, "
            f"{len(self.errors)} error(s), {len(self.warnings)} warning(s)"
        )

    def unknown_topics(self, topics: Iterable[str]) -> str | None:
        """What to say of asked-for topic ids no file defines (None: every one is defined)."""
        unknown = [t for t in topics if t not in self.topics]
        if not unknown:
            return None
        return f"no topic {', '.join(repr(t) for t in unknown)}; the topics are: {', '.join(self.topics)}"

    def line_of(self, term_id: str, loc: FieldPath = ()) -> int:
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
