"""Load and validate term files into a :class:`Library` (DESIGN §4).

Term files are untrusted: YAML is read with a safe loader only, sizes are bounded, and every
problem is reported as ``file:line: id: field: problem`` rather than raised. Validation is per
term, so one broken term (or one broken file) never keeps the good ones from loading.
"""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cxvocab.terms import Bilingual, Term, visible

if TYPE_CHECKING:  # YAML and pydantic are imported only to read a new or changed file
    import yaml
    from pydantic import ValidationError

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


class _Pending:
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
        self._pending: dict[str, _Pending] = {}
        self._lock = threading.Lock()  # the grading worker may fill it while the UI reads

    def add_pending(self, term_id: str, pending: _Pending) -> None:
        dict.__setitem__(self, term_id, None)  # type: ignore[misc]
        self._pending[term_id] = pending

    def _fill(self, pending: _Pending) -> None:
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
    lines: dict[Path, LineMap] = field(default_factory=dict)
    term_path: dict[str, Path_] = field(default_factory=dict)
    # Data derived from the terms, built on first use by the module that needs it (quiz's
    # answer keys); a library does not change once loaded.
    derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

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


# --- reading one file -------------------------------------------------------------------


class LineMap:
    """The line of any value in a YAML document, by path (keys and list indices).

    Found on demand by walking down the node tree along the path, so a file with no problem
    costs nothing here (walking every node of 5,000 terms took half a second). Made from a
    file's text, the tree itself is only built when a line is first asked for.
    """

    def __init__(self, node: yaml.Node | None = None, text: str | None = None) -> None:
        self.node = node
        self.text = text

    def line(self, path: Path_) -> int:
        """The line of ``path`` (of its key, where the value starts on a line of its own), or
        of its nearest ancestor that is in the file."""
        node, key = self._find(path)
        return 1 if node is None else (key or node).start_mark.line + 1

    def scalar(self, path: Path_) -> str | None:
        """The value at ``path`` as written in the file (``no``, not False), if it is one."""
        import yaml

        node, _ = self._find(path, exact=True)
        return node.value if isinstance(node, yaml.ScalarNode) else None

    def _find(self, path: Path_, exact: bool = False) -> tuple[yaml.Node | None, yaml.Node | None]:
        """The node at ``path`` and its key node (None for a list item)."""
        import yaml

        if self.text is not None:
            self.node, self.text = _compose(self.text), None
        node, key = self.node, None
        if node is None:
            return None, None
        for part in path:
            child: yaml.Node | None = None
            child_key: yaml.Node | None = None
            if isinstance(node, yaml.MappingNode):
                child_key, child = next(
                    ((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == part), (None, None)
                )
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                child = node.value[part]
            if child is None:
                return (None, None) if exact else (node, key)
            node, key = child, child_key
        return node, key


def _loader_class() -> type[yaml.SafeLoader]:
    import yaml

    # libyaml is several times faster; both are safe loaders (a PyYAML built without libyaml
    # has only the second).
    loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return loader


def _compose(text: str) -> yaml.Node | None:
    """The node tree of a text already known to be valid YAML."""
    import yaml

    loader = _loader_class()(text)
    try:
        return loader.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()


def field_name(loc: Iterable[str | int]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "-"


def _pydantic_problems(
    exc: ValidationError, file: Path, lines: LineMap, base: Path_, term_id: str
) -> Iterator[Problem]:
    from cxvocab.messages import schema_problems

    for loc, message in schema_problems(exc.errors(include_url=False), lambda loc: lines.scalar((*base, *loc))):
        yield Problem(file, lines.line((*base, *loc)), term_id, field_name(loc), message)


@dataclass
class ParsedFile:
    """What one file yielded: its header (if valid), its valid terms and its problems."""

    path: Path
    topic: str | None = None
    title: Bilingual | None = None
    terms: list[tuple[Term, int]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    lines: LineMap | None = None
    term_path: dict[str, Path_] = field(default_factory=dict)
    # As read back from the content cache: (id, line, confusables) of each term, and the terms
    # themselves still pickled (``terms`` is then empty).
    index: list[tuple[str, int, list[str]]] = field(default_factory=list)
    pickled: bytes | None = None
    entry: str | None = None  # in the manifest: the cache entry that holds ``pickled``


def parse_file(path: Path, raw: bytes | None = None, *, quick: bool = True) -> ParsedFile:
    """Read and validate one term file (``raw``: its bytes, already read and within the size
    limit). Never raises for bad content. A file without problems is read the fast way
    (:mod:`cxvocab.quickparse`) unless ``quick`` is false; the result is the same."""
    result = ParsedFile(path)

    def fail(line: int, message: str, term_id: str = "-", where: str = "-") -> ParsedFile:
        result.problems.append(Problem(path, line, term_id, where, message))
        return result

    if raw is None:
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                return fail(
                    1, f"the file is too large: {size:,} bytes, and the most is {MAX_FILE_BYTES:,}; split it into several topics"
                )
            raw = path.read_bytes()
        except IsADirectoryError:
            return fail(1, "a folder, not a term file")
        except OSError as exc:
            return fail(1, f"cannot read the file: {(exc.strerror or str(exc)).lower()}")
    if b"\x00" in raw:
        return fail(1, "not a text file (binary content): term files are plain text, saved as UTF-8")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return fail(line, "not UTF-8 text (save the file as UTF-8)")
    if not text.strip():
        return fail(1, "file is empty")

    from cxvocab import quickparse  # a file not in the content cache: not at every start-up

    fast = quickparse.parse(raw) if quick else None
    if fast is not None:
        result.topic, result.title, result.terms = fast
        result.term_path = {term.id: ("terms", index) for index, (term, _) in enumerate(result.terms)}
        result.lines = LineMap(text=text)
        return result

    import yaml
    from pydantic import ValidationError

    from cxvocab.schema import Term as TermSchema
    from cxvocab.schema import TopicHeader, to_term

    loader = _loader_class()(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        from cxvocab.messages import yaml_problem

        at = exc.problem_mark
        row = text.split("\n")[at.line] if at and at.line < text.count("\n") + 1 else ""
        problem, at_context = yaml_problem(exc.problem, row[at.column : at.column + 1] if at else "")
        mark = (exc.context_mark if at_context else None) or exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        return fail(line, problem)
    except yaml.YAMLError as exc:
        return fail(1, f"YAML: {exc}")
    except RecursionError:
        return fail(1, "YAML: nested too deeply")
    finally:
        loader.dispose()

    from cxvocab import placeholders
    from cxvocab.messages import unknown_field

    lines = result.lines = LineMap(node)
    if not isinstance(data, dict):
        return fail(1, "not a topic file: expected topic:, title: and terms: at the top level (see content/README.md)")

    header = {k: data[k] for k in ("topic", "title") if k in data}
    top_keys = ["topic", "title", "terms"]
    meant: set[str] = set()  # a misspelt key is reported once, as misspelt, not also as missing
    for key in sorted(set(data) - set(top_keys), key=str):
        message = unknown_field(str(key), top_keys)
        meant.update(k for k in top_keys if k not in data and message.endswith(f"did you mean {k}?"))
        result.problems.append(Problem(path, lines.line((str(key),)), "-", str(key), message))
    # A title still holding the skeleton's placeholder leaves the file without a topic.
    holding = placeholders.in_header(data)
    result.problems.extend(Problem(path, lines.line(loc), "-", field_name(loc), m) for loc, m in holding)
    try:
        # The header is checked on its own, so its errors do not hide the terms' problems.
        head = TopicHeader.model_validate(header)
        if not holding:
            result.topic, result.title = head.topic, Bilingual(head.title.en, head.title.fa)
    except ValidationError as exc:
        result.problems.extend(p for p in _pydantic_problems(exc, path, lines, (), "-") if p.field not in meant)

    items = data.get("terms")
    if not isinstance(items, list) or not items:
        if "terms" in meant:
            return result
        if "terms" not in data:
            message = "missing: add terms:, the list of terms"
        elif isinstance(items, list) or items is None:
            message = "no terms: add at least one under terms:, starting with '- id: ...'"
        else:
            message = "expected a list of terms, each starting with '- id: ...'"
        result.problems.append(Problem(path, lines.line(("terms",)), "-", "terms", message))
        return result
    for index, item in enumerate(items):
        base: Path_ = ("terms", index)
        term_id = item.get("id") if isinstance(item, dict) else None
        label = term_id if isinstance(term_id, str) and term_id else f"terms[{index}]"
        if not isinstance(item, dict):
            result.problems.append(
                Problem(path, lines.line(base), label, "-", "expected a term here: id:, term:, fa: ... under the '- '")
            )
            continue
        # A placeholder of `cxvocab new` is valid text, but the term is not written yet: it is
        # reported (with any other problem of the term) and the term is left out.
        holding = placeholders.in_term(item)
        result.problems.extend(
            Problem(path, lines.line((*base, *loc)), label, field_name(loc), message) for loc, message in holding
        )
        try:
            term = to_term(TermSchema.model_validate(item))
        except ValidationError as exc:
            result.problems.extend(_pydantic_problems(exc, path, lines, base, label))
            continue
        if holding:
            continue
        result.terms.append((term, lines.line(base)))
        result.term_path[term.id] = base
    if result.topic is None:
        # Without a valid header the terms have no topic to live in; they were still
        # checked above so that the author sees every problem at once.
        result.terms = []
    return result


# --- many files ---------------------------------------------------------------------------


def term_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders to the term files inside them (sorted); keep files as given."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.suffix in TERM_FILE_SUFFIXES and p.is_file()))
        else:
            out.append(path)
    return out


# Bump when ParsedFile or the term model changes shape, or the rules change what a file yields
# (4: placeholders of `cxvocab new` are errors; problems reworded), so no cached entry outlives it.
CACHE_FORMAT = "5"


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


def _confusable_problem(library: Library, term_id: str, message: str, severity: str) -> Problem:
    file, _ = library.source_of[term_id]
    return Problem(file, library.line_of(term_id, ("confusables",)), term_id, "confusables", message, severity)


def _did_you_mean(wanted: str, known: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(wanted, list(known), n=1, cutoff=0.8)
    return f" (misspelt? did you mean {close[0]!r}?)" if close else ""


def load_library(
    paths: Iterable[Path],
    keep_lines: bool = False,
    cache_dir: Path | None = None,
    *,
    given: Mapping[Path, bytes] | None = None,
    cache_read_only: bool = False,
) -> Library:
    """Load every term file under ``paths``; cross-check ids and confusables.

    ``keep_lines`` keeps every value's line number for author checks (:mod:`cxvocab.lint`).
    ``cache_dir`` remembers parsed files by content, so unchanged files are not parsed again
    at start-up (DESIGN §7); it is not used with ``keep_lines``. With ``cache_read_only`` the
    cache is read but nothing is written to it (commands that must create no file).
    ``given`` holds files not written yet, by the path they will have (``cxvocab import``
    checks what it converts before writing it): they are read from there, not from disk.
    """
    # PyYAML makes half a million small objects for 5,000 terms; the cyclic collector would
    # walk the growing heap again and again meanwhile (a third of the load time). Nothing
    # here makes garbage cycles, so it waits until the load is done.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load(paths, keep_lines, None if keep_lines else cache_dir, given or {}, cache_read_only)
    finally:
        if collecting:
            gc.enable()


def _load(
    paths: Iterable[Path], keep_lines: bool, cache_dir: Path | None, given: Mapping[Path, bytes], read_only: bool
) -> Library:
    library = Library()
    confusables_of: dict[str, list[str]] = {}
    manifest = _Manifest(cache_dir, read_only) if cache_dir is not None else None
    seen: set[str] = set()
    for path in term_files(paths):
        if path in given:
            parsed = parse_file(path, given[path])
        elif not path.exists():
            library.problems.append(Problem(path, 1, "-", "-", "no such file or folder"))
            continue
        elif manifest is not None and cache_dir is not None:
            seen.add(os.path.abspath(path))
            parsed = manifest.parse(path, cache_dir)
        else:
            parsed = parse_file(path)
        library.files.append(path)
        library.problems.extend(parsed.problems)
        if keep_lines and parsed.lines is not None:
            library.lines[path] = parsed.lines
        if parsed.topic is None or parsed.title is None:
            continue
        group = library.topics.setdefault(parsed.topic, TopicGroup(parsed.topic, parsed.title))
        group.files.append(path)
        lazy = parsed.pickled is not None or parsed.entry is not None
        pending = _Pending(parsed.pickled, parsed.entry, path) if lazy else None
        entries: list[tuple[str, int, list[str], Term | None]] = [
            (term.id, line, term.confusables, term) for term, line in parsed.terms
        ] + [(term_id, line, confusables, None) for term_id, line, confusables in parsed.index]
        for term_id, line, confusables, term in entries:
            if term_id in library.terms:
                first_file, first_line = library.source_of[term_id]
                library.problems.append(
                    Problem(
                        path, line, term_id, "id",
                        f"duplicate id: {first_file}:{first_line} already has a term with this id;"
                        " ids are unique across all loaded files, so give this term another one",
                    )
                )
                continue
            if term is not None:
                library.terms[term_id] = term
            elif isinstance(library.terms, TermTable) and pending is not None:
                library.terms.add_pending(term_id, pending)
            confusables_of[term_id] = confusables
            library.topic_of[term_id] = parsed.topic
            library.source_of[term_id] = (path, line)
            library.term_path[term_id] = parsed.term_path[term_id]
            group.term_ids.append(term_id)
    left_out = {p.term_id for p in library.problems if p.severity == "error"}  # terms with errors
    for term_id, confusables in confusables_of.items():
        for other in confusables:
            if other == term_id:
                problem = f"a term cannot be its own confusable: take {other!r} out of the list"
                library.problems.append(_confusable_problem(library, term_id, problem, "error"))
            elif other not in library.terms:
                # A warning, not an error: the term loads and teaches, and the link appears
                # once a file defines the other term (a teacher may write the pair in two
                # sittings, or link to a term of a folder not loaded in this run). A typo is
                # still caught: `check --strict` fails on it, and the message offers the
                # closest id.
                problem = (
                    f"{other!r} has problems of its own and was left out; the link shows once it loads"
                    if other in left_out
                    else f"no loaded file defines {other!r}{_did_you_mean(other, library.terms)};"
                    " the term loads, and the link shows once a file defines it"
                )
                library.problems.append(_confusable_problem(library, term_id, problem, "warning"))
    library.topics = {k: g for k, g in library.topics.items() if g.term_ids}
    if manifest is not None:
        manifest.save(seen)
    return library
