"""The fast reader gives exactly what the reference reader (PyYAML and pydantic) gives, or
steps aside: it never accepts a file that the reference reader would read differently."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxvocab import quickparse
from cxvocab.content import load_library, parse_file
from cxvocab.paths import builtin_content_dir

BUILT_IN = sorted(builtin_content_dir().glob("*.yaml"))


def reference(path: Path, raw: bytes) -> tuple[object, ...]:
    parsed = parse_file(path, raw, quick=False)
    return parsed.topic, parsed.title, parsed.terms, [str(p) for p in parsed.problems]


def fast(raw: bytes) -> tuple[object, ...] | None:
    result = quickparse.parse(raw)
    return None if result is None else (*result, [])


@pytest.mark.parametrize("path", BUILT_IN, ids=lambda p: p.name)
def test_every_built_in_file_takes_the_fast_path_with_the_same_result(path):
    raw = path.read_bytes()
    assert fast(raw) is not None
    assert fast(raw) == reference(path, raw)


def test_windows_line_endings_and_a_byte_order_mark_read_the_same(tmp_path):
    raw = BUILT_IN[2].read_bytes()
    windows = b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n")
    assert fast(windows) == reference(tmp_path / "x.yaml", windows) == reference(BUILT_IN[2], raw)


def test_library_is_the_same_either_way(tmp_path):
    quick = load_library([builtin_content_dir()])
    slow = load_library([builtin_content_dir()], keep_lines=True)  # author checks: every line
    assert quick.terms == slow.terms
    assert quick.source_of == slow.source_of
    assert quick.problems == slow.problems == []


# Values that YAML 1.1 and YAML 1.2 read differently, that PyYAML checks itself, or that the
# term model refuses: the fast reader must step aside for each (or agree exactly).
TRICKY = [
    "yes",
    "No",
    "on",
    "OFF",
    "y",
    "~",
    "null",
    "1:20",
    "190:20:30",
    "0o17",
    "017",
    "1e3",
    "0x1F",
    "2024-01-02",
    "2024-01-02 10:00:00",
    ".inf",
    "-.5",
    "=",
    "<<",
    "'yes'",
    '"on"',
    "!!str yes",
    "!foo bar",
    "&anchor x",
    "*alias",
    '"tab\\there"',
    '"esc\\e[31m"',
    '"\\x1b"',
    "' padded '",
    "''",
    '""',
    "[]",
    "{}",
    "[a, b]",
    "{en: x}",
    "x" * 201,
    "x" * 2001,
    "\x1b[31mred",
    "caf\x85e",
    "text # comment",
    "'it''s'",
    "a: b",
    "- x",
    "|\n      block",
    ">\n      folded\n      text",
    "true",
    "False",
    "12",
    "3.5",
    "NaN",
    "Persian «گیومه»",
    # The placeholders of `cxvocab new`: valid text, but a term holding one does not load.
    "«معادل فارسی»",
    "/…/",
    "Why it is right.",
    "A sentence that uses pain point correctly.",
    "'A  sentence that\tuses  pain point correctly.'",
    "' /…/'",
]
FIELDS = ["term", "abbr", "fa", "pos", "id", "correct", "sentence", "en", "fa", "us", "uk"]


@settings(max_examples=300, deadline=None)
@given(
    file=st.sampled_from(BUILT_IN),
    field=st.sampled_from(FIELDS),
    value=st.sampled_from(TRICKY) | st.text(min_size=0, max_size=12),
    nth=st.integers(min_value=0, max_value=30),
)
def test_fast_reader_agrees_or_steps_aside(tmp_path_factory, file, field, value, nth):
    text = file.read_text(encoding="utf-8")
    matches = list(re.finditer(rf"(?m)^(\s*(?:- )?{field}: )(.*)$", text))
    if not matches:
        return
    match = matches[nth % len(matches)]
    changed = text[: match.start(2)] + value + text[match.end(2) :]
    raw = changed.encode("utf-8", "surrogatepass")
    result = fast(raw)
    if result is not None:
        assert result == reference(tmp_path_factory.mktemp("q") / "x.yaml", raw)


@settings(max_examples=100, deadline=None)
@given(file=st.sampled_from(BUILT_IN), cut=st.integers(min_value=0, max_value=40_000))
def test_a_cut_file_never_reads_differently(tmp_path_factory, file, cut):
    raw = file.read_bytes()[:cut]
    result = fast(raw)
    if result is not None:
        assert result == reference(tmp_path_factory.mktemp("q") / "x.yaml", raw)


def test_fast_reader_knows_the_parts_of_speech_the_rules_allow():
    from typing import get_args

    from cxvocab.schema import PartOfSpeech

    assert quickparse._POS == frozenset(get_args(PartOfSpeech))
