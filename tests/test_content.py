from __future__ import annotations

from pathlib import Path

import pytest

from cxvocab.content import MAX_FILE_BYTES, load_library, parse_file
from cxvocab.paths import builtin_content_dir
from tests.conftest import DATA, write

GOOD = (DATA / "good.yaml").read_text(encoding="utf-8")


def problems_of(path: Path) -> list[str]:
    return [str(p) for p in parse_file(path).problems]


def test_good_file_loads_every_term(library):
    assert list(library.terms) == ["pain-point", "touchpoint", "net-promoter-score"]
    assert library.topic_of["touchpoint"] == "sample"
    nps = library.terms["net-promoter-score"]
    assert nps.abbr == "NPS" and nps.label == "Net Promoter Score (NPS)"
    assert "\u200c" in library.terms["pain-point"].definition.fa  # ZWNJ survives loading


@pytest.mark.parametrize(
    ("query", "term_id"),
    [
        ("touchpoint", "touchpoint"), ("TOUCHPOINT", "touchpoint"), ("nps", "net-promoter-score"),
        ("Net Promoter  Score", "net-promoter-score"), ("نقطه تماس", "touchpoint"), ("pain-point", "pain-point"),
    ],
)
def test_find_by_id_term_abbr_alias_or_persian(library, query, term_id):
    found = library.find(query)
    assert found is not None and found.id == term_id


@pytest.mark.parametrize("query", ["", "   ", "touch", "point", "نقطه", "NPS survey"])
def test_find_takes_a_whole_name_only(library, query):
    """A part of a name is a search (Browse), not a lookup: find gives nothing for it."""
    assert library.find(query) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ":1: -: -: file is empty"),
        ("topic: [\n", ":2: -: -: YAML: a [ or { that is not closed, or a value missing after it"),
        (
            "- a\n- b\n",
            ":1: -: -: not a topic file: expected topic:, title: and terms: at the top level (see content/README.md)",
        ),
        (
            "!!python/object/apply:os.system ['echo hi']\n",
            ":1: -: -: YAML: tag not allowed ('tag:yaml.org,2002:python/object/apply:os.system'); plain YAML only",
        ),
        (
            "topic: x\ntitle: {en: a, fa: b}\nterms: []\n",
            ":3: -: terms: no terms: add at least one under terms:, starting with '- id: ...'",
        ),
        ("topic: x\ntitle: {en: a, fa: b}\n", ":1: -: terms: missing: add terms:, the list of terms"),
        ("topic: x\ntitle: {en: a, fa: b}\nterms: all\n", ":3: -: terms: expected a list of terms, each starting with '- id: ...'"),
        ("topic: x\n\tterms: []\n", ":2: -: -: YAML: a tab: indent with spaces, not tabs"),
        ("topic: @x\n", ":1: -: -: YAML: a value starts with '@', which YAML keeps for itself: put the value in quotes"),
        ("topic: 'open\ntitle: x\n", ":1: -: -: YAML: a quote (\" or ') is opened here but never closed"),
    ],
)
def test_broken_files_report_file_and_line(tmp_path, text, expected):
    path = write(tmp_path / "t.yaml", text)
    assert problems_of(path) == [f"{path}{expected}"]


def test_binary_and_non_utf8_files(tmp_path):
    binary = tmp_path / "b.yaml"
    binary.write_bytes(b"\x89PNG\x00\x00")
    latin = tmp_path / "l.yaml"
    latin.write_bytes("topic: x\ntitle: caf\xe9\n".encode("latin-1"))
    assert problems_of(binary) == [
        f"{binary}:1: -: -: not a text file (binary content): term files are plain text, saved as UTF-8"
    ]
    assert problems_of(latin) == [f"{latin}:2: -: -: not UTF-8 text (save the file as UTF-8)"]


def test_oversized_file_is_refused(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_text("# " + "x" * MAX_FILE_BYTES)
    assert problems_of(big) == [
        f"{big}:1: -: -: the file is too large: {MAX_FILE_BYTES + 2:,} bytes, and the most is {MAX_FILE_BYTES:,};"
        " split it into several topics"
    ]


def test_every_problem_in_a_term_is_reported_with_its_line(tmp_path):
    text = GOOD.replace("    fa: نقطه تماس\n", "").replace(
        "      en: Any moment where a customer meets the brand.\n",
        "      en: Any moment where a customer meets the brand.\n      es: cualquier\n",
    )
    text = text.replace("  - id: net-promoter-score", "  - id: Net_Promoter")
    path = write(tmp_path / "t.yaml", text)
    found = problems_of(path)
    lines = text.splitlines()
    by_field = {p.split(": ")[2]: p for p in found}
    assert set(by_field) == {"fa", "definition.es", "id"}
    assert by_field["fa"].startswith(f"{path}:{lines.index('  - id: touchpoint') + 1}: touchpoint: fa: missing")
    assert by_field["definition.es"].startswith(f"{path}:{lines.index('      es: cualquier') + 1}: touchpoint:")
    assert "unknown field" in by_field["definition.es"]
    assert by_field["id"].startswith(f"{path}:{lines.index('  - id: Net_Promoter') + 1}: Net_Promoter: id:")
    # The one good term in the file still loads.
    assert [t.id for t, _ in parse_file(path).terms] == ["pain-point"]


def test_usage_needs_two_right_and_two_wrong(tmp_path):
    text = GOOD.replace(
        "        correct: false\n        mistake: fact\n        why: {en: Something", "        correct: true\n        why: {en: Something"
    )
    found = problems_of(write(tmp_path / "t.yaml", text))
    assert any("pain-point: usage: needs at least 2 correct and 2 incorrect" in p for p in found), found


def test_wrong_types_are_reported(tmp_path):
    text = GOOD.replace("    pos: noun\n    ipa: {us: /ˈtʌtʃ", "    pos: thing\n    ipa: {us: /ˈtʌtʃ").replace(
        "      - sentence: Every touchpoint shapes the experience.\n        correct: true",
        "      - sentence: Every touchpoint shapes the experience.\n        correct: maybe",
    )
    found = problems_of(write(tmp_path / "t.yaml", text))
    fields = sorted(p.split(": ")[2] for p in found)
    assert fields == ["pos", "usage[0].correct"], found


def test_broken_file_never_stops_good_ones(tmp_path):
    write(tmp_path / "a.yaml", "topic: [\n")
    write(tmp_path / "b.yaml", GOOD)
    write(tmp_path / "c.yaml", "")
    library = load_library([tmp_path])
    assert len(library.terms) == 3
    assert len(library.errors) == 2


def test_duplicate_ids_name_both_files(tmp_path):
    first = write(tmp_path / "a.yaml", GOOD)
    second = write(tmp_path / "b.yaml", GOOD.replace("topic: sample", "topic: other"))
    library = load_library([tmp_path])
    dupes = [str(p) for p in library.errors if p.field == "id"]
    assert len(dupes) == 3
    assert all(d.startswith(str(second)) and f"duplicate id: {first}:" in d for d in dupes)
    assert dupes[0] == (
        f"{second}:5: pain-point: id: duplicate id: {first}:5 already has a term with this id;"
        " ids are unique across all loaded files, so give this term another one"
    )
    assert library.topic_of["touchpoint"] == "sample"


def test_an_unknown_confusable_is_a_warning_and_the_term_loads(tmp_path):
    """A confusable no loaded file defines: the term still teaches, the link shows once the
    other term exists; a near miss of a loaded id is named (`check --strict` fails on it)."""
    text = GOOD.replace("confusables: [touchpoint]", "confusables: [touchpoint, nope, touchpiont]")
    path = write(tmp_path / "a.yaml", text)
    library = load_library([path], keep_lines=True)
    assert library.errors == []
    assert [str(p) for p in library.warnings] == [
        f"{path}:32: pain-point: confusables: warning: no loaded file defines 'nope';"
        " the term loads, and the link shows once a file defines it",
        f"{path}:32: pain-point: confusables: warning: no loaded file defines 'touchpiont'"
        " (misspelt? did you mean 'touchpoint'?); the term loads, and the link shows once a file defines it",
    ]
    assert "pain-point" in library.terms
    assert [t.id for t in library.confusables(library.terms["pain-point"])] == ["touchpoint"]


def test_a_term_cannot_be_its_own_confusable(tmp_path):
    path = write(tmp_path / "a.yaml", GOOD.replace("confusables: [touchpoint]", "confusables: [touchpoint, pain-point]"))
    assert [str(p) for p in load_library([path]).errors] == [
        f"{path}:5: pain-point: confusables: a term cannot be its own confusable: take 'pain-point' out of the list"
    ]


def test_builtin_content_is_clean():
    library = load_library([builtin_content_dir()])
    assert library.errors == []
    assert len(library.terms) >= 15
    for path in library.files:
        assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=schema.json")


def test_missing_header_fields_are_named(tmp_path):
    text = GOOD.replace("topic: sample\n", "")
    parsed = parse_file(write(tmp_path / "t.yaml", text))
    assert [str(p).split(": ", 1)[1] for p in parsed.problems] == [
        "-: topic: missing: add the topic's id (lower-case words joined by -, e.g. contact-centre)"
    ]
    assert parsed.terms == []  # no topic to put them in


def test_unchanged_files_are_read_back_from_the_cache(tmp_path):
    cache = tmp_path / "cache"
    good = write(tmp_path / "c" / "a.yaml", GOOD)
    broken = write(
        tmp_path / "c" / "b.yaml",
        GOOD.replace("topic: sample", "topic: other").replace("    pos: noun\n", "    pos: nown\n"),
    )
    fresh = load_library([tmp_path / "c"])
    first = load_library([tmp_path / "c"], cache_dir=cache)
    assert len([p for p in cache.glob("*.pickle") if p.name != "manifest.pickle"]) == 2
    again = load_library([tmp_path / "c"], cache_dir=cache)
    for library in (first, again):
        assert library.terms == fresh.terms and [str(p) for p in library.problems] == [str(p) for p in fresh.problems]
    # An edited file is parsed again; a damaged cache entry is ignored, not trusted.
    write(good, GOOD.replace("Any moment where a customer meets the brand.", "Any contact with the brand."))
    assert (
        load_library([tmp_path / "c"], cache_dir=cache).terms["touchpoint"].definition.en
        == "Any contact with the brand."
    )
    for entry in cache.glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert load_library([tmp_path / "c"], cache_dir=cache).terms.keys() == load_library([tmp_path / "c"]).terms.keys()
    assert broken.exists()


def test_cached_terms_stay_pickled_until_used_and_read_the_same(tmp_path):
    """DESIGN §7: at start-up the terms come back from the content cache a file at a time,
    only when first used; every way of reading them gives the freshly parsed terms."""
    from cxvocab.content import TermTable

    cache = tmp_path / "cache"
    content = builtin_content_dir()
    fresh = load_library([content])
    load_library([content], cache_dir=cache)  # fills the cache and its manifest
    warm = load_library([content], cache_dir=cache)
    table = warm.terms
    assert isinstance(table, TermTable)
    assert len(table._pending) == len(fresh.terms)  # nothing unpickled yet
    assert list(table) == list(fresh.terms) and len(table) == len(fresh.terms)
    assert table["touchpoint"] == fresh.terms["touchpoint"]
    assert 0 < len(table._pending) < len(fresh.terms)  # one file's terms were read
    assert table.get("no-such-term") is None and "touchpoint" in table
    assert dict(table) == {**table} == dict(fresh.terms)  # copies never see a pending term
    assert table == fresh.terms and not table._pending


def test_a_cache_entry_removed_while_running_is_read_from_the_file(tmp_path):
    cache = tmp_path / "cache"
    content = builtin_content_dir()
    load_library([content], cache_dir=cache)
    warm = load_library([content], cache_dir=cache)
    for entry in cache.glob("*.pickle"):
        if entry.name != "manifest.pickle":
            entry.unlink()
    assert list(warm.terms.values()) == list(load_library([content]).terms.values())


def test_an_edited_file_is_read_again_despite_the_manifest(tmp_path):
    import os

    cache = tmp_path / "cache"
    good = write(tmp_path / "c" / "a.yaml", GOOD)
    load_library([tmp_path / "c"], cache_dir=cache)
    edited = GOOD.replace("Any moment where a customer meets the brand.", "Any moment the customer meets us.")
    write(good, edited)
    info = good.stat()
    os.utime(good, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000))  # a clock that moved on
    again = load_library([tmp_path / "c"], cache_dir=cache)
    assert again.terms["touchpoint"].definition.en == "Any moment the customer meets us."


# (change to the sample file, the one problem `check` reports, as a teacher reads it)
SCHEMA_PROBLEMS = [
    ("  - id: pain-point\n", "  - id: Pain Point\n",
     "5: Pain Point: id: 'Pain Point' is not a valid id: use lower-case letters, digits and hyphens, e.g. pain-point"),
    ("    pos: noun\n    ipa: {us: /ˈpeɪn", "    pos: nown\n    ipa: {us: /ˈpeɪn",
     "9: pain-point: pos: 'nown' is not a part of speech: use noun, verb, adjective, adverb or phrase"),
    ("why: {en: A step that frustrates customers.", "why: {en: no",
     "20: pain-point: usage[0].why.en: YAML read `no` as the value false, not text: put it in quotes, \"no\""),
    ("    fa: نقطه درد\n", "    fa: 1404\n",
     "7: pain-point: fa: YAML read `1404` as a number, not text: put it in quotes, \"1404\""),
    ("    fa: نقطه درد\n", "    fa:\n", "7: pain-point: fa: empty: write the Persian equivalent"),
    ("    fa: نقطه درد\n", "", "5: pain-point: fa: missing: add the Persian equivalent"),
    ("    definition:\n      en: A moment", "    defintion:\n      en: A moment",
     "11: pain-point: defintion: unknown field: did you mean definition?"),
    ("      en: A moment in the customer's journey where something frustrates them.\n",
     "      en: A moment in the customer's journey where something frustrates them.\n      es: un momento\n",
     "13: pain-point: definition.es: unknown field: the fields here are en and fa"),
    ("    ipa: {us: /ˈpeɪn ˌpɔɪnt/, uk: /ˈpeɪn ˌpɔɪnt/}", "    ipa: /ˈpeɪn ˌpɔɪnt/",
     "10: pain-point: ipa: expected us: and uk: under it, e.g. {us: /ˈtʌtʃpɔɪnt/, uk: /ˈtʌtʃpɔɪnt/}"),
    ("        correct: true\n        why: {en: A step", "        correct: maybe\n        why: {en: A step",
     "19: pain-point: usage[0].correct: expected true or false, got 'maybe'"),
    ("    tags: [journey]\n  - id: touchpoint", "    tags: journey\n  - id: touchpoint",
     "34: pain-point: tags: expected a list in [ ]: write [journey] (items separated by commas)"),
    ("    term: pain point\n", "    term: " + "pain point " * 20 + "\n",
     "6: pain-point: term: too long: 219 characters, and the most it may have is 200"),
    ("      - en: Long hold times are our biggest pain point.\n        fa: زمان انتظار طولانی بزرگ‌ترین نقطه درد ماست.\n",
     "", "14: pain-point: examples: empty: write at least one example: an English sentence (en:) with its Persian"
     " translation (fa:)"),
]


@pytest.mark.parametrize(("old", "new", "expected"), SCHEMA_PROBLEMS, ids=[e.split(": ")[2] for *_, e in SCHEMA_PROBLEMS])
def test_schema_problems_in_a_teachers_words(tmp_path, old, new, expected):
    from cxvocab import quickparse

    assert old in GOOD
    text = GOOD.replace(old, new, 1)
    path = write(tmp_path / "t.yaml", text)
    assert problems_of(path) == [f"{path}:{expected}"]
    assert quickparse.parse(text.encode()) is None  # the fast reader leaves the wording to this one


def test_too_few_usage_sentences_says_how_many(tmp_path):
    text = GOOD.split("      - sentence: We mapped every pain point")[0] + GOOD.split("    confusables: [touchpoint]")[1]
    text = text.replace("    collocations: [address", "    confusables: [touchpoint]\n    collocations: [address", 1)
    path = write(tmp_path / "t.yaml", text)
    assert problems_of(path) == [
        f"{path}:17: pain-point: usage: needs at least 4 sentences (2 correct, 2 incorrect); this term has 1"
    ]
