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


@pytest.mark.parametrize("query", ["touchpoint", "TOUCHPOINT", "nps", "Net Promoter  Score", "نقطه تماس", "pain-point"])
def test_find_by_id_term_abbr_alias_or_persian(library, query):
    assert library.find(query) is not None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ":1: -: -: file is empty"),
        ("topic: [\n", ":2: -: -: YAML: "),
        ("- a\n- b\n", ":1: -: -: expected a mapping with keys topic, title and terms"),
        ("!!python/object/apply:os.system ['echo hi']\n", ":1: -: -: YAML: tag not allowed"),
        ("topic: x\ntitle: {en: a, fa: b}\nterms: []\n", ":3: -: terms: expected a non-empty list of terms"),
    ],
)
def test_broken_files_report_file_and_line(tmp_path, text, expected):
    path = write(tmp_path / "t.yaml", text)
    found = problems_of(path)
    assert len(found) == 1 and found[0].startswith(f"{path}{expected}"), found


def test_binary_and_non_utf8_files(tmp_path):
    binary = tmp_path / "b.yaml"
    binary.write_bytes(b"\x89PNG\x00\x00")
    latin = tmp_path / "l.yaml"
    latin.write_bytes("topic: x\ntitle: caf\xe9\n".encode("latin-1"))
    assert problems_of(binary) == [f"{binary}:1: -: -: not a text file (binary content)"]
    assert problems_of(latin) == [f"{latin}:2: -: -: not UTF-8 text (save the file as UTF-8)"]


def test_oversized_file_is_refused(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_text("# " + "x" * MAX_FILE_BYTES)
    assert "the limit is" in problems_of(big)[0]


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
        "        correct: false\n        why: {en: Something", "        correct: true\n        why: {en: Something"
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
    assert all(d.startswith(str(second)) and f"first defined at {first}:" in d for d in dupes)
    assert library.topic_of["touchpoint"] == "sample"


def test_unknown_confusable_is_an_error_but_the_term_loads(tmp_path):
    path = write(tmp_path / "a.yaml", GOOD.replace("confusables: [touchpoint]", "confusables: [touchpoint, nope]"))
    library = load_library([path])
    assert [str(p).split(": ", 1)[1] for p in library.errors] == ["pain-point: confusables: unknown term id 'nope'"]
    assert [t.id for t in library.confusables(library.terms["pain-point"])] == ["touchpoint"]


def test_builtin_content_is_clean():
    library = load_library([builtin_content_dir()])
    assert library.errors == []
    assert len(library.terms) >= 15
    for path in library.files:
        assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=schema.json")


def test_missing_header_fields_are_named(tmp_path):
    text = GOOD.replace("topic: sample\n", "")
    parsed = parse_file(write(tmp_path / "t.yaml", text))
    assert [str(p).split(": ", 1)[1] for p in parsed.problems] == ["-: topic: missing"]
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
    assert dict(table) == {**table} == dict(fresh.terms)  # copies never see a placeholder
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
