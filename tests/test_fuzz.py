"""Fuzzing (DESIGN §8): whatever a term file or a spreadsheet holds, the loader and the
importer answer with a loaded topic or clean ``file:line`` / row problems, never a traceback."""

from __future__ import annotations

import csv
import io
import re
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxvocab.authoring import REQUIRED, CsvImportError, import_csv
from cxvocab.content import load_library, parse_file
from cxvocab.lint import check_paths
from tests.conftest import DATA

GOOD = yaml.safe_load((DATA / "good.yaml").read_text(encoding="utf-8"))
PROBLEM = re.compile(r"^.+:\d+: .+: .+: .+", re.S)

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), text)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(text, inner, max_size=4), max_leaves=20)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_file(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_bytes(content)
        parsed = parse_file(path)
        for problem in parsed.problems:
            assert PROBLEM.match(str(problem)), str(problem)
            assert problem.line >= 1
        library = check_paths([path])
        assert all(PROBLEM.match(str(p)) for p in library.problems)


@FUZZ
@given(st.binary(max_size=400))
def test_any_bytes(content):
    check_file(content)


@FUZZ
@given(text.map(lambda t: t.encode("utf-8")))
def test_any_text(content):
    check_file(content)


@FUZZ
@given(values)
def test_any_yaml_structure(value):
    check_file(yaml.safe_dump(value, allow_unicode=True).encode("utf-8"))


def mutate(document, path, value):
    """``document`` with the value at ``path`` replaced (a deep copy)."""
    import copy

    out = copy.deepcopy(document)
    target = out
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return out


PATHS = [
    ("topic",), ("title",), ("terms",), ("terms", 0), ("terms", 0, "id"), ("terms", 0, "usage"),
    ("terms", 0, "usage", 1, "correct"), ("terms", 0, "ipa"), ("terms", 1, "examples"), ("terms", 2, "aliases"),
    ("terms", 0, "confusables"), ("terms", 1, "why"), ("terms", 2, "fa"), ("title", "fa"),
]


@FUZZ
@given(st.sampled_from(PATHS), values)
def test_a_good_file_with_one_value_replaced(path, value):
    """The nastier case: a real topic file with one value anywhere replaced by anything."""
    document = mutate(GOOD, path, value)
    content = yaml.safe_dump(document, allow_unicode=True, sort_keys=False).encode("utf-8")
    check_file(content)
    with tempfile.TemporaryDirectory() as folder:
        good_one = Path(folder) / "a.yaml"
        good_one.write_bytes((DATA / "good.yaml").read_bytes().replace(b"topic: sample", b"topic: other")
                             .replace(b"id: ", b"id: x-").replace(b"[touchpoint]", b"[x-touchpoint]")
                             .replace(b"[pain-point]", b"[x-pain-point]").replace(b"rose to 42", b"rose to 41"))
        fuzzed = Path(folder) / "b.yaml"
        fuzzed.write_bytes(content)
        library = load_library([good_one, fuzzed])
        assert {"x-pain-point", "x-touchpoint", "x-net-promoter-score"} <= set(library.terms)  # the good file still loads


COLUMNS = [*REQUIRED, "abbr", "aliases_en", "confusables", "tags"]


@FUZZ
@given(
    st.lists(st.dictionaries(st.sampled_from(COLUMNS), text, max_size=len(COLUMNS)), max_size=4),
    st.sampled_from([",", ";"]),
    st.booleans(),
)
def test_any_spreadsheet(rows, delimiter, bom):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "terms.csv"
        path.write_bytes(("\ufeff" if bom else "").encode() + out.getvalue().encode("utf-8", "surrogatepass"))
        try:
            result = import_csv(path)
        except CsvImportError as exc:
            assert str(exc).startswith(str(path))
            return
        by_row = rf"^{re.escape(str(path))}: row \d+(?:, column [\w-]+:|, the usage columns:| has \d+ cells) .+"
        assert all(re.match(by_row, p, re.S) for p in result.problems)
        if result.terms:
            topic = Path(folder) / "out.yaml"
            topic.write_text(result.yaml_text, encoding="utf-8")
            assert load_library([topic]).errors == []  # what converted loads


@FUZZ
@given(st.binary(max_size=300))
def test_any_bytes_as_a_spreadsheet(content):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "terms.csv"
        path.write_bytes(content)
        try:
            import_csv(path)
        except CsvImportError as exc:
            assert str(exc).startswith(str(path))
