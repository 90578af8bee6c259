"""Reading one term file: the fast reader first, PyYAML and the pydantic models for a file
that is new or wrong, every problem as ``file:line: id: field: problem``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cxvocab.content.library import MAX_FILE_BYTES, FieldPath, Problem
from cxvocab.terms import Bilingual, Term

if TYPE_CHECKING:  # YAML and pydantic are imported only to read a new or changed file
    import yaml
    from pydantic import ValidationError


class LineMap:
    """The line of any value in a YAML document, by path (keys and list indices).

    Found on demand by walking down the node tree along the path, so a file with no problem
    costs nothing here (walking every node of 5,000 terms took half a second). Made from a
    file's text, the tree itself is only built when a line is first asked for.
    """

    def __init__(self, node: yaml.Node | None = None, text: str | None = None) -> None:
        self.node = node
        self.text = text

    def line(self, path: FieldPath) -> int:
        """The line of ``path`` (of its key, where the value starts on a line of its own), or
        of its nearest ancestor that is in the file."""
        node, key = self._find(path)
        return 1 if node is None else (key or node).start_mark.line + 1

    def scalar(self, path: FieldPath) -> str | None:
        """The value at ``path`` as written in the file (``no``, not False), if it is one."""
        import yaml

        node, _ = self._find(path, exact=True)
        return node.value if isinstance(node, yaml.ScalarNode) else None

    def _find(self, path: FieldPath, exact: bool = False) -> tuple[yaml.Node | None, yaml.Node | None]:
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
    exc: ValidationError, file: Path, lines: LineMap, base: FieldPath, term_id: str
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
    term_path: dict[str, FieldPath] = field(default_factory=dict)
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
        base: FieldPath = ("terms", index)
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
