"""Load and validate term files into a :class:`Library` (DESIGN §4).

Term files are untrusted: YAML is read with a safe loader only, sizes are bounded, and every
problem is reported as ``file:line: id: field: problem`` rather than raised. Validation is per
term, so one broken term (or one broken file) never keeps the good ones from loading.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cxvocab import quickparse
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


@dataclass
class Library:
    """Every term that loaded, in file order, with the problems found on the way."""

    terms: dict[str, Term] = field(default_factory=dict)
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
        """The line of ``path``, or of its nearest ancestor that is in the file."""
        import yaml

        if self.text is not None:
            self.node, self.text = _compose(self.text), None
        node = self.node
        if node is None:
            return 1
        for part in path:
            child: yaml.Node | None = None
            if isinstance(node, yaml.MappingNode):
                child = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == part), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                child = node.value[part]
            if child is None:
                break
            node = child
        return node.start_mark.line + 1


def _loader_class() -> type[yaml.SafeLoader]:
    import yaml

    try:  # libyaml is several times faster; both are safe loaders.
        return yaml.CSafeLoader  # type: ignore[no-any-return]
    except AttributeError:  # pragma: no cover - PyYAML built without libyaml
        return yaml.SafeLoader


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
    for err in exc.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if isinstance(p, (str, int)))
        message = err["msg"]
        if err["type"] == "extra_forbidden":
            message = "unknown field (misspelt?)"
        elif err["type"] == "missing":
            message = "missing"
        elif message.startswith("Value error, "):
            message = message[len("Value error, ") :]
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
                return fail(1, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
            raw = path.read_bytes()
        except OSError as exc:
            return fail(1, f"cannot read file: {exc.strerror or exc}")
    if b"\x00" in raw:
        return fail(1, "not a text file (binary content)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return fail(line, "not UTF-8 text (save the file as UTF-8)")
    if not text.strip():
        return fail(1, "file is empty")

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
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = exc.problem or "invalid YAML"
        if "could not determine a constructor" in str(exc):
            problem = f"tag not allowed ({problem.split('tag ')[-1]}); plain YAML only"
        return fail(line, f"YAML: {problem}")
    except yaml.YAMLError as exc:
        return fail(1, f"YAML: {exc}")
    except RecursionError:
        return fail(1, "YAML: nested too deeply")
    finally:
        loader.dispose()

    lines = result.lines = LineMap(node)
    if not isinstance(data, dict):
        return fail(1, "expected a mapping with keys topic, title and terms")

    header = {k: data[k] for k in ("topic", "title") if k in data}
    for key in sorted(set(data) - {"topic", "title", "terms"}, key=str):
        result.problems.append(Problem(path, lines.line((str(key),)), "-", str(key), "unknown field (misspelt?)"))
    try:
        # The header is checked on its own, so its errors do not hide the terms' problems.
        head = TopicHeader.model_validate(header)
        result.topic, result.title = head.topic, Bilingual(head.title.en, head.title.fa)
    except ValidationError as exc:
        result.problems.extend(_pydantic_problems(exc, path, lines, (), "-"))

    items = data.get("terms")
    if not isinstance(items, list) or not items:
        result.problems.append(
            Problem(path, lines.line(("terms",)), "-", "terms", "expected a non-empty list of terms")
        )
        return result
    for index, item in enumerate(items):
        base: Path_ = ("terms", index)
        term_id = item.get("id") if isinstance(item, dict) else None
        label = term_id if isinstance(term_id, str) and term_id else f"terms[{index}]"
        if not isinstance(item, dict):
            result.problems.append(Problem(path, lines.line(base), label, "-", "expected a mapping (a term)"))
            continue
        try:
            term = to_term(TermSchema.model_validate(item))
        except ValidationError as exc:
            result.problems.extend(_pydantic_problems(exc, path, lines, base, label))
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


CACHE_FORMAT = "2"  # bump when ParsedFile or the term model changes shape


def _cached_parse(path: Path, cache_dir: Path) -> ParsedFile:
    """``parse_file``, remembered by the file's path and bytes: an unchanged file is read back
    (a pickle of already-validated terms) instead of parsed and validated again."""
    import hashlib
    import pickle

    from cxvocab import __version__

    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return parse_file(path)  # reported as too large, never read into memory
        raw = path.read_bytes()
    except OSError:
        return parse_file(path)
    key = hashlib.sha256(f"{CACHE_FORMAT}|{__version__}|{path.resolve()}|".encode() + raw).hexdigest()
    entry = cache_dir / f"{key}.pickle"
    try:
        with entry.open("rb") as handle:
            parsed: ParsedFile = pickle.load(handle)  # our own cache folder, keyed by content
        return parsed
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
        pass
    parsed = parse_file(path, raw)  # the bytes just hashed: the file is read once
    parsed.lines = None  # the node tree is large and not needed once the problems are known
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        part = entry.with_name(entry.name + f".{os.getpid()}.part")
        with part.open("wb") as handle:
            pickle.dump(parsed, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(part, entry)
    except OSError:
        pass  # a read-only cache is slower, never wrong
    return parsed


def load_library(paths: Iterable[Path], keep_lines: bool = False, cache_dir: Path | None = None) -> Library:
    """Load every term file under ``paths``; cross-check ids and confusables.

    ``keep_lines`` keeps every value's line number for author checks (:mod:`cxvocab.lint`).
    ``cache_dir`` remembers parsed files by content, so unchanged files are not parsed again
    at start-up (DESIGN §7); it is not used with ``keep_lines``.
    """
    # PyYAML makes half a million small objects for 5,000 terms; the cyclic collector would
    # walk the growing heap again and again meanwhile (a third of the load time). Nothing
    # here makes garbage cycles, so it waits until the load is done.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load(paths, keep_lines, None if keep_lines else cache_dir)
    finally:
        if collecting:
            gc.enable()


def _load(paths: Iterable[Path], keep_lines: bool, cache_dir: Path | None) -> Library:
    library = Library()
    for path in term_files(paths):
        if not path.exists():
            library.problems.append(Problem(path, 1, "-", "-", "no such file or folder"))
            continue
        parsed = _cached_parse(path, cache_dir) if cache_dir is not None else parse_file(path)
        library.files.append(path)
        library.problems.extend(parsed.problems)
        if keep_lines and parsed.lines is not None:
            library.lines[path] = parsed.lines
        if parsed.topic is None or parsed.title is None:
            continue
        group = library.topics.setdefault(parsed.topic, TopicGroup(parsed.topic, parsed.title))
        group.files.append(path)
        for term, line in parsed.terms:
            if term.id in library.terms:
                first_file, first_line = library.source_of[term.id]
                library.problems.append(
                    Problem(path, line, term.id, "id", f"duplicate id; first defined at {first_file}:{first_line}")
                )
                continue
            library.terms[term.id] = term
            library.topic_of[term.id] = parsed.topic
            library.source_of[term.id] = (path, line)
            library.term_path[term.id] = parsed.term_path[term.id]
            group.term_ids.append(term.id)
    for term_id, term in library.terms.items():
        file, line = library.source_of[term_id]
        for other in term.confusables:
            if other == term_id:
                library.problems.append(
                    Problem(file, line, term_id, "confusables", "a term cannot be its own confusable")
                )
            elif other not in library.terms:
                library.problems.append(Problem(file, line, term_id, "confusables", f"unknown term id {other!r}"))
    library.topics = {k: g for k, g in library.topics.items() if g.term_ids}
    return library
