"""Teacher tools: new, import from CSV, export to Anki (opened with Anki's own library)."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

import pytest

from cxvocab.authoring import REQUIRED, CsvImportError, import_csv, skeleton
from cxvocab.content import load_library
from cxvocab.lint import check_paths
from cxvocab.paths import builtin_content_dir
from tests.conftest import write

ROW = {
    "id": "class-fcr",
    "term": "first contact resolution",
    "abbr": "FCR",
    "fa": "حل مشکل در اولین تماس",
    "aliases_en": "first call resolution; first-contact resolution",
    "pos": "noun",
    "ipa_us": "/ˈfɝːst ˈkɑːntækt ˌrezəˈluːʃən/",
    "ipa_uk": "/ˈfɜːst ˈkɒntækt ˌrezəˈluːʃən/",
    "definition_en": "The share of issues solved at the first contact.",
    "definition_fa": "درصد مشکلاتی که در همان اولین تماس حل می‌شوند.",
    "example_en": "Our FCR rose to 78%, said the report, after training.",  # a comma inside a cell
    "example_fa": "FCR ما پس از آموزش به ۷۸٪ رسید.",
    "usage_1_sentence": "Better first contact resolution means fewer repeat calls.",
    "usage_1_correct": "TRUE",
    "usage_1_why_en": "FCR counts issues closed at once.",
    "usage_1_why_fa": "FCR مشکلات حل‌شده در همان تماس را می‌شمارد.",
    "usage_2_sentence": "We track FCR per channel.",
    "usage_2_correct": "yes",
    "usage_2_why_en": "It is a rate per channel.",
    "usage_2_why_fa": "نرخی است که برای هر کانال سنجیده می‌شود.",
    "usage_3_sentence": "Our FCR is great because we answer in 20 seconds.",
    "usage_3_correct": "false",
    "usage_3_mistake": "confusion",
    "usage_3_why_en": "That is wait time, not resolution.",
    "usage_3_why_fa": "این زمان انتظار است، نه حل مشکل.",
    "usage_4_sentence": "FCR means closing tickets as soon as the customer hangs up.",
    "usage_4_correct": "no",
    "usage_4_mistake": "Word Form",  # as a spreadsheet may write it: the label word-form
    "usage_4_why_en": "Closing early hides unsolved problems.",
    "usage_4_why_fa": "بستن زودهنگام مشکل را پنهان می‌کند.",
    "confusables": "wait-time",
    "collocations": "improve FCR; an FCR target",
    "tags": "metric; service",
}


def csv_text(rows: list[dict[str, str]], delimiter: str = ",", columns: list[str] | None = None) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns or list(ROW), delimiter=delimiter, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def save(tmp_path: Path, text: str, name: str = "class-terms.csv", bom: bool = False) -> Path:
    path = tmp_path / name
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


@pytest.mark.parametrize(("delimiter", "bom"), [(",", False), (";", False), (",", True), (";", True)])
def test_a_good_spreadsheet_becomes_a_checked_topic_file(tmp_path, delimiter, bom):
    second = {**ROW, "id": "class-aht", "term": "average handle time", "abbr": "AHT",
              "usage_1_sentence": "Our average handle time fell after the new scripts.",
              "usage_2_sentence": "Average handle time includes hold time.",
              "usage_3_sentence": "A low average handle time proves customers are happy.",
              "usage_4_sentence": "Average handle time is the time before a call is answered.",
              "aliases_en": "", "confusables": ""}
    path = save(tmp_path, csv_text([ROW, second], delimiter), bom=bom)
    result = import_csv(path)
    assert result.problems == [] and result.terms == 2
    out = write(tmp_path / "out" / "10-class.yaml", result.yaml_text)
    library = check_paths([builtin_content_dir(), out])  # it links to the built-in wait-time
    assert library.errors == [], library.errors
    fcr = library.terms["class-fcr"]
    assert fcr.abbr == "FCR" and fcr.aliases.en == ["first call resolution", "first-contact resolution"]
    assert fcr.examples[0].en == ROW["example_en"] and "\u200c" in fcr.definition.fa
    assert [u.correct for u in fcr.usage] == [True, True, False, False]
    assert [u.mistake for u in fcr.usage] == [None, None, "confusion", "word-form"]
    assert library.topic_of["class-fcr"] == "class-terms"


def test_bad_rows_are_reported_by_row_and_column_and_the_rest_converts(tmp_path):
    bad_bool = {**ROW, "id": "bad-bool", "usage_2_correct": "maybe"}
    bad_pos = {**ROW, "id": "bad-pos", "pos": "thing"}
    no_fa = {**ROW, "id": "no-fa", "fa": ""}
    too_few = {**ROW, "id": "too-few", "usage_3_correct": "true", "usage_4_correct": "true",
               "usage_3_mistake": "", "usage_4_mistake": ""}
    right_and_wrong = {**ROW, "id": "right-and-wrong", "usage_1_mistake": "calque"}
    unknown_kind = {**ROW, "id": "unknown-kind", "usage_3_mistake": "grammar"}
    rows = [ROW, bad_bool, bad_pos, no_fa, too_few, right_and_wrong, unknown_kind]
    path = save(tmp_path, csv_text(rows, columns=[*ROW, "usage_1_mistake"]))
    result = import_csv(path)
    assert result.terms == 1
    assert result.problems == [
        f"{path}: row 3, column usage_2_correct: expected true or false, got 'maybe'",
        f"{path}: row 4, column pos: 'thing' is not a part of speech: use noun, verb, adjective, adverb or phrase",
        f"{path}: row 5, column fa: empty: write the Persian equivalent",
        f"{path}: row 6, the usage columns: needs at least 2 correct and 2 incorrect sentences;"
        " this term has 4 correct and 0 incorrect (correct: true or false says which)",
        f"{path}: row 7, column usage_1_mistake: a correct sentence makes no mistake: remove the kind of mistake,"
        " or mark the sentence incorrect",
        f"{path}: row 8, column usage_3_mistake: 'grammar' is not allowed here: use calque, collocation, preposition,"
        " word-form, countability, false-friend, confusion or fact",
    ]


def test_import_runs_the_checks_of_check_beside_the_built_in_content(tmp_path):
    """What `check` rejects, import rejects (a built-in id reused: the row is left out), and
    what `check` warns of, import warns of, each by row and column."""
    clash = {**ROW, "id": "touchpoint"}
    linked = {**ROW, "id": "class-aht", "term": "average handle time", "abbr": "AHT",
              "confusables": "class-fcr; wait-tme",
              "example_en": "Our AHT fell after the new scripts.",
              "usage_1_sentence": "Our average handle time fell after the new scripts.",
              "usage_2_sentence": "Average handle time includes hold time.",
              "usage_3_sentence": "A low average handle time proves customers are happy.",
              "usage_4_sentence": "Average handle time is the time before a call is answered."}
    path = save(tmp_path, csv_text([ROW, clash, linked]))
    out = tmp_path / "10-class.yaml"
    result = import_csv(path, context=[builtin_content_dir()], output=out)
    journey = builtin_content_dir() / "02-journey.yaml"
    line = journey.read_text(encoding="utf-8").splitlines().index("  - id: touchpoint") + 1
    assert result.problems == [
        f"{path}: row 3, column id: duplicate id: {journey}:{line} already has a term with this id;"
        " ids are unique across all loaded files, so give this term another one",
    ]
    assert result.warnings == [
        f"{path}: row 4, column example_fa: warning: same sentence as class-fcr: examples[0].fa (row 2)",
        f"{path}: row 4, column confusables: warning: no loaded file defines 'wait-tme'"
        " (misspelt? did you mean 'wait-time'?); the term loads, and the link shows once a file defines it",
        f"{path}: row 4, column confusables: warning: 'class-fcr' does not list 'class-aht'"
        " back; confusables go both ways",
    ]
    assert (result.terms, result.rows_left_out) == (2, 1)
    # The text written passes check: what import says is what check says.
    written = write(out, result.yaml_text)
    checked = check_paths([written], [builtin_content_dir()])
    assert checked.errors == [] and len(checked.warnings) == 3


def test_a_duplicate_inside_the_spreadsheet_names_the_first_row(tmp_path):
    path = save(tmp_path, csv_text([ROW, ROW]))
    result = import_csv(path)
    assert result.problems == [
        f"{path}: row 3, column id: duplicate id: row 2 already has a term with this id;"
        " ids are unique across all loaded files, so give this term another one"
    ]
    assert result.terms == 1 and result.rows_left_out == 1


def test_a_row_with_too_few_cells_is_one_message(tmp_path):
    text = csv_text([ROW]) + "no-commas-here,x,y\n" + csv_text([{**ROW, "id": "second-term"}]).split("\n", 1)[1]
    path = save(tmp_path, text)
    result = import_csv(path)
    assert result.problems == [
        f"{path}: row 3 has 3 cells but the header has {len(ROW)} columns (a missing separator or an unquoted comma?)"
    ]
    assert result.terms == 2


def test_an_unknown_column_is_a_warning_naming_the_closest(tmp_path):
    row = {**ROW, "colocations": "x"}
    path = save(tmp_path, csv_text([row], columns=[*ROW, "colocations"]))
    result = import_csv(path)
    assert result.warnings[0] == (
        f"{path}: row 1, column colocations: warning: not a column cxvocab reads (misspelt? did you mean collocations?);"
        " it was ignored"
    )


def test_not_a_spreadsheet_and_a_bad_topic(tmp_path):
    text = save(tmp_path, "Just some notes\nabout my class\n", name="notes.csv")
    with pytest.raises(CsvImportError) as info:
        import_csv(text)
    assert str(info.value) == (
        f"{text}: row 1 names none of the columns a term needs (id, term, fa, pos, ipa_us...):"
        " save the spreadsheet as CSV with the column names in its first row (see content/README.md)"
    )
    with pytest.raises(CsvImportError) as info:
        import_csv(save(tmp_path, csv_text([ROW])), "Retail Terms")
    assert str(info.value) == (
        "--topic: 'Retail Terms' is not a valid topic id: use lower-case letters, digits and hyphens, e.g. retail-terms"
    )


def test_a_missing_column_is_one_clear_message(tmp_path):
    columns = [c for c in ROW if c not in ("definition_fa", "usage_4_why_fa")]
    path = save(tmp_path, csv_text([ROW], columns=columns))
    with pytest.raises(CsvImportError) as info:
        import_csv(path)
    assert str(info.value) == f"{path}: missing columns definition_fa, usage_4_why_fa"


def test_not_a_csv(tmp_path):
    binary = tmp_path / "x.csv"
    binary.write_bytes(b"PK\x03\x04\x00\x00")
    with pytest.raises(CsvImportError, match="not a text file"):
        import_csv(binary)
    latin = tmp_path / "l.csv"
    latin.write_bytes("id,term\ncaf\xe9,x\n".encode("latin-1"))
    with pytest.raises(CsvImportError, match="not UTF-8 text"):
        import_csv(latin)


def test_required_columns_are_documented():
    guide = (Path(__file__).parent.parent / "content" / "README.md").read_text(encoding="utf-8")
    for column in ("id", "usage_1_correct", "definition_fa", "confusables"):
        assert column in guide and column in (*REQUIRED, "confusables")


def test_a_term_straight_from_new_does_not_load_and_check_lists_every_placeholder(tmp_path):
    path = write(tmp_path / "t.yaml", skeleton("first-contact-resolution", "service"))
    library = check_paths([path])
    assert library.terms == {} and library.warnings == []
    said = "still the placeholder from `cxvocab new`: "
    right, wrong = "write a sentence that uses the term correctly", "write a sentence that uses the term wrongly, the way learners really do"
    why_right_en, why_right_fa = "say in English why the sentence is right", "say in Persian why the sentence is right"
    why_wrong_en = "say in English why the sentence is wrong (name the right term if it is a confusion)"
    why_wrong_fa = "say in Persian why the sentence is wrong"
    assert [str(p).removeprefix(f"{path}:") for p in sorted(library.problems, key=lambda p: p.line)] == [
        f"3: -: title.fa: {said}write the topic's title in Persian",
        f"8: first-contact-resolution: fa: {said}write the Persian equivalent",
        f"13: first-contact-resolution: ipa.us: {said}write the American pronunciation in IPA between slashes, e.g. /ˈtʌtʃpɔɪnt/",
        f"13: first-contact-resolution: ipa.uk: {said}write the British pronunciation in IPA between slashes, e.g. /ˈtʌtʃpɔɪnt/",
        f"15: first-contact-resolution: definition.en: {said}write one or two plain sentences saying what the term means",
        f"16: first-contact-resolution: definition.fa: {said}write the definition in Persian",
        f"18: first-contact-resolution: examples[0].en: {said}write a sentence from real work that uses the term",
        f"19: first-contact-resolution: examples[0].fa: {said}write the Persian translation of the example",
        f"21: first-contact-resolution: usage[0].sentence: {said}{right}",
        f"24: first-contact-resolution: usage[0].why.en: {said}{why_right_en}",
        f"25: first-contact-resolution: usage[0].why.fa: {said}{why_right_fa}",
        f"26: first-contact-resolution: usage[1].sentence: {said}{right}",
        f"29: first-contact-resolution: usage[1].why.en: {said}{why_right_en}",
        f"30: first-contact-resolution: usage[1].why.fa: {said}{why_right_fa}",
        f"31: first-contact-resolution: usage[2].sentence: {said}{wrong}",
        f"35: first-contact-resolution: usage[2].why.en: {said}{why_wrong_en}",
        f"36: first-contact-resolution: usage[2].why.fa: {said}{why_wrong_fa}",
        f"37: first-contact-resolution: usage[3].sentence: {said}{wrong}",
        f"41: first-contact-resolution: usage[3].why.en: {said}{why_wrong_en}",
        f"42: first-contact-resolution: usage[3].why.fa: {said}{why_wrong_fa}",
    ]
    # Without a topic: the term alone, ready to go under `terms:`; it does not load either.
    header = "# yaml-language-server: $schema=schema.json\ntopic: x\ntitle: {en: X, fa: ایکس}\nterms:\n"
    alone = load_library([write(tmp_path / "u.yaml", header + skeleton("class-aht"))])
    assert alone.terms == {} and len(alone.errors) == 19
    with pytest.raises(ValueError) as info:
        skeleton("First Contact")
    assert str(info.value) == "'First Contact' is not a valid id: use lower-case letters, digits and hyphens, e.g. first-contact"
    with pytest.raises(ValueError) as info:
        skeleton("first-contact", "Contact Centre")
    assert str(info.value) == (
        "'Contact Centre' is not a valid topic id: use lower-case letters, digits and hyphens, e.g. contact-centre"
    )


def test_a_skeleton_with_every_placeholder_filled_in_checks_clean(tmp_path):
    """Valid YAML as printed; once the teacher writes each placeholder, nothing to report,
    not even a warning (the fast reader takes it, as any good file)."""
    import yaml

    from cxvocab import placeholders as ph
    from cxvocab import quickparse

    text = skeleton("first-contact-resolution", "service")
    assert yaml.safe_load(text)["terms"][0]["fa"] == "«معادل فارسی»"
    words = "first contact resolution"
    fills = {
        ph.TITLE_FA.fill(words): "خدمات",
        ph.FA.fill(words): "حل مشکل در اولین تماس",
        "{us: /…/, uk: /…/}": "{us: /ˈfɝːst ˈkɑːntækt ˌrezəˈluːʃən/, uk: /ˈfɜːst ˈkɒntækt ˌrezəˈluːʃən/}",
        ph.DEFINITION_EN.fill(words): "The share of issues solved at the first contact.",
        ph.DEFINITION_FA.fill(words): "درصد مشکلاتی که در همان اولین تماس حل می‌شوند.",
        ph.EXAMPLE_EN.fill(words): "Our first contact resolution rose after the training.",
        ph.EXAMPLE_FA.fill(words): "حل مشکل در اولین تماس پس از آموزش بهتر شد.",
        ph.RIGHT_1.fill(words): "Better first contact resolution means fewer repeat calls.",
        ph.RIGHT_2.fill(words): "We track first contact resolution per channel.",
        ph.WRONG_1.fill(words): "Our first contact resolution is great because we answer in seconds.",
        ph.WRONG_2.fill(words): "First contact resolution means closing tickets when customers hang up.",
        ph.WHY_RIGHT_EN.fill(words): "It counts issues closed at once.",
        ph.WHY_RIGHT_FA.fill(words): "مشکلات حل‌شده در همان تماس را می‌شمارد.",
        ph.WHY_WRONG_1_EN.fill(words): "That is wait time, not resolution.",
        ph.WHY_WRONG_EN.fill(words): "Closing early hides unsolved problems.",
        ph.WHY_WRONG_FA.fill(words): "این درست نیست.",
    }
    for placeholder, real in fills.items():
        assert placeholder in text
        text = text.replace(placeholder, real)
    # The kinds of mistake are commented out: each left so is a warning.
    text = text.replace("# mistake: confusion", "mistake: fact").replace("# mistake: calque", "mistake: confusion")
    path = write(tmp_path / "t.yaml", text)
    library = check_paths([path])
    assert library.problems == [] and list(library.terms) == ["first-contact-resolution"]
    assert quickparse.parse(text.encode()) is not None


def test_every_placeholder_the_check_knows_is_one_the_skeleton_prints():
    from cxvocab import placeholders as ph

    text = skeleton("first-contact-resolution", "service")
    for group in ph.BY_FIELD.values():
        for placeholder in group:
            assert placeholder.fill("first contact resolution") in text, placeholder


def test_the_fast_reader_leaves_a_file_with_placeholders_to_the_reference_reader(tmp_path):
    from cxvocab import quickparse

    assert quickparse.parse(skeleton("first-contact-resolution", "service").encode()) is None
    good = (Path(__file__).parent / "data" / "good.yaml").read_text(encoding="utf-8")
    one = good.replace("fa: نقطه درد\n", "fa: «معادل فارسی»\n", 1)  # one placeholder, pasted into a good file
    assert quickparse.parse(one.encode()) is None
    parsed = load_library([write(tmp_path / "one.yaml", one)])
    assert "pain-point" not in parsed.terms and len(parsed.terms) == 2
    assert [p.message for p in parsed.errors] == ["still the placeholder from `cxvocab new`: write the Persian equivalent"]


def test_export_opens_in_ankis_own_library(tmp_path, library):
    anki_collection = pytest.importorskip("anki.collection")
    from cxvocab.anki import export
    from cxvocab.audio import Voices

    out = tmp_path / "cx.apkg"
    report = export(library, out, voices=Voices(tmp_path / "cache", [], "espeak"), accent="uk", timestamp=1_790_000_000)
    assert (report.terms, report.usage_notes, report.audio) == (3, 12, 3)

    (tmp_path / "anki").mkdir()
    col = anki_collection.Collection(str(tmp_path / "anki" / "collection.anki2"))
    try:
        options = anki_collection.ImportAnkiPackageOptions(update_notes=1, merge_notetypes=True, with_scheduling=False)
        col.import_anki_package(anki_collection.ImportAnkiPackageRequest(package_path=str(out), options=options))
        term_notes = col.find_notes('note:"cxvocab term"')
        assert len(term_notes) == 3  # one note per term
        assert len(col.find_notes('note:"cxvocab usage"')) == 12
        assert col.card_count() == 3 * 2 + 12  # English -> Persian and back, and one per usage
        by_id = {col.get_note(n)["Id"]: col.get_note(n) for n in term_notes}
        touch = by_id["touchpoint"]
        assert "نقطه تماس" in touch["Persian"] and 'dir="rtl"' in touch["Persian"]
        assert touch["Audio"] == "[sound:cxvocab-touchpoint-uk.wav]"
        assert (Path(col.media.dir()) / "cxvocab-touchpoint-uk.wav").stat().st_size > 1000
        usage = {col.get_note(n)["Id"]: col.get_note(n) for n in col.find_notes('note:"cxvocab usage"')}
        wrong = usage["touchpoint/2"]  # "Our touchpoint is the frustration at checkout." (confusion)
        assert "✗ Incorrect" in wrong["Verdict"] and "confusion: a neighbouring term taken for this one" in wrong["Verdict"]
        assert "اشتباه با اصطلاح نزدیک" in wrong["Verdict"] and 'dir="rtl"' in wrong["Verdict"]
        assert "mistake" not in usage["touchpoint/0"]["Verdict"]  # a correct sentence names no mistake
        front = wrong.cards()[0].question()  # the term is not named before the answer (a calque lacks it)
        assert "Is this sentence correct?" in front and wrong["Term"] not in front.replace(wrong["Sentence"], "")

        # Export again (a definition fixed) and import: the notes are updated, not doubled.
        fixed = replace(library.terms["touchpoint"], fa="نقطه‌ی تماس")
        library.terms["touchpoint"] = fixed
        export(library, out, voices=None, timestamp=1_790_000_060)  # a minute later
        col.import_anki_package(anki_collection.ImportAnkiPackageRequest(package_path=str(out), options=options))
        assert len(col.find_notes('note:"cxvocab term"')) == 3
        updated = [col.get_note(n) for n in col.find_notes('note:"cxvocab term"') if col.get_note(n)["Id"] == "touchpoint"]
        assert "نقطه‌ی تماس" in updated[0]["Persian"]
    finally:
        col.close()


def test_markup_in_content_is_escaped_in_anki(tmp_path, library):
    from cxvocab.anki import _term_fields

    term = replace(library.terms["touchpoint"], term="<script>x</script> [bold]")
    fields = _term_fields(term, "")
    assert "<script>" not in fields[1] and "&lt;script&gt;" in fields[1]


def test_export_carries_the_learners_marks_as_anki_has_them(tmp_path, library):
    """A suspended term's cards arrive suspended, a leech tagged leech, a flagged term marked."""
    anki_collection = pytest.importorskip("anki.collection")
    from cxvocab.anki import export
    from cxvocab.records import TermMarks

    out = tmp_path / "cx.apkg"
    marks = {"touchpoint": TermMarks(suspended=True), "pain-point": TermMarks(flagged=True, leech=True)}
    export(library, out, voices=None, timestamp=1_790_000_000, marks=marks)
    (tmp_path / "anki").mkdir()
    col = anki_collection.Collection(str(tmp_path / "anki" / "collection.anki2"))
    try:
        options = anki_collection.ImportAnkiPackageOptions(update_notes=1, merge_notetypes=True, with_scheduling=True)
        col.import_anki_package(anki_collection.ImportAnkiPackageRequest(package_path=str(out), options=options))
        notes = {col.get_note(n)["Id"]: col.get_note(n) for n in col.find_notes('note:"cxvocab term"')}
        assert all(card.queue == -1 for card in notes["touchpoint"].cards())  # suspended
        assert sorted(notes["pain-point"].tags) == ["leech", "marked"]
        assert notes["net-promoter-score"].tags == [] and all(c.queue != -1 for c in notes["net-promoter-score"].cards())
    finally:
        col.close()
