from __future__ import annotations

import re
from pathlib import Path

import pytest

from cxvocab.content import load_library
from cxvocab.lint import check_paths, english_text, persian_text
from cxvocab.paths import builtin_content_dir
from cxvocab.quiz import mentions
from tests.conftest import DATA, write

GOOD = (DATA / "good.yaml").read_text(encoding="utf-8")
ZWNJ = "\u200c"


def warnings_for(tmp_path: Path, text: str) -> list[str]:
    path = write(tmp_path / "t.yaml", text)
    library = check_paths([path])
    assert library.errors == [], library.errors
    return [str(p).removeprefix(f"{path}:") for p in library.warnings]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("کیفیت خدمات", []),
        ("كيفيت", ["Arabic yeh ي; use Persian ی", "Arabic kaf ك; use Persian ک"]),
        ("مشتری", []),
        ("مشترى", ["Arabic alef maksura ى; use Persian ی"]),
        ("NPS ما ۴۰ است", []),
        ("NPS ما 40 است", ["Latin digits '40' in Persian text; write ۴۰"]),
        ("امتیاز ما 4.5 شد", ["Latin digits '4.5' in Persian text; write ۴.۵"]),
        ("NPS ما ٤٠ است", ["Arabic digits '٤٠'; use Persian digits ۰-۹"]),
        ("بازارهای B2B و B2C", []),  # digits inside a Latin token are part of it
        ("در انگلیسی AHT fell by 40 seconds می‌گویند", []),  # a number inside a quoted English phrase
        ("پس از عدد می‌آید (9 percent)، نه پس از اسم", []),
        (f"این کار را می{ZWNJ}کنیم", []),
        ("این کار را می کنیم", [f"a space where a ZWNJ belongs in 'می کنیم'; write {'می' + ZWNJ + 'کنیم'!r}"]),
        ("این کار نمی شود", [f"a space where a ZWNJ belongs in 'نمی شود'; write {'نمی' + ZWNJ + 'شود'!r}"]),
        ("همه کانال ها", [f"a space where a ZWNJ belongs in 'کانال ها'; write {'کانال' + ZWNJ + 'ها'!r}"]),
        ("تعامل های ما", [f"a space where a ZWNJ belongs in 'تعامل های'; write {'تعامل' + ZWNJ + 'های'!r}"]),
        ("آن را بررسی کرده اند", [f"a space where a ZWNJ belongs in 'کرده اند'; write {'کرده' + ZWNJ + 'اند'!r}"]),
        ("مهم ترین نکته", [f"a space where a ZWNJ belongs in 'مهم ترین'; write {'مهم' + ZWNJ + 'ترین'!r}"]),
        ("میزان تنها میوه", []),  # words that merely start with می or end in ها
        (f"{ZWNJ}سلام", ["a ZWNJ beside a space or at the edge of the text"]),
        (f"سلام{ZWNJ} دنیا", ["a ZWNJ beside a space or at the edge of the text"]),
        ("customer journey", ["no Persian letters in a Persian field"]),
    ],
)
def test_persian_text(text, expected):
    assert list(persian_text(text)) == expected


def test_english_text_with_persian_in_it():
    assert list(english_text("A touchpoint is any contact.")) == []
    assert list(english_text("نقطه تماس")) == ["Persian letters in an English field (swapped with the Persian one?)"]


@pytest.mark.parametrize(
    ("sentence", "term_id", "expected"),
    [
        ("Checkout is our worst pain point.", "pain-point", True),
        ("We fixed three pain-points this month.", "pain-point", True),  # hyphen, plural
        ("PAIN POINTS hurt retention.", "pain-point", True),
        ("The customer’s pain was obvious.", "pain-point", False),
        ("Touchpoints include packaging.", "touchpoint", True),
        ("We raised our NPS by ten points.", "net-promoter-score", True),
        ("Our net promoter score fell.", "net-promoter-score", True),
        ("Two NPSs from two regions.", "net-promoter-score", True),
        ("The SNPS team met.", "net-promoter-score", False),  # an abbreviation is a whole word
        ("Promoters outnumber detractors.", "net-promoter-score", False),
    ],
)
def test_mentions(library, sentence, term_id, expected):
    assert mentions(sentence, library.terms[term_id]) is expected


def test_inflected_words_count_as_the_term(tmp_path):
    text = GOOD.replace("id: touchpoint\n    term: touchpoint", "id: touchpoint\n    term: empathy")
    library = load_library([write(tmp_path / "t.yaml", text)])
    assert mentions("She was empathetic on the call.", library.terms["touchpoint"])


def test_sample_file_is_clean(tmp_path):
    assert warnings_for(tmp_path, GOOD) == []


def test_each_finding_names_line_id_and_field(tmp_path):
    text = (
        GOOD.replace("fa: لحظه‌ای در سفر مشتری که چیزی او را آزار می‌دهد.", "fa: لحظه‌ای در سفر مشتری که چیزی او را آزار می دهد.")
        .replace("      - sentence: We mapped every pain point in the journey.", "      - sentence: We mapped every step of the journey.")
        .replace("        fa: NPS ما در این فصل به ۴۲ رسید.", "        fa: NPS ما در این فصل به 42 رسید.")
    )
    found = warnings_for(tmp_path, text)
    assert found == [
        f"{line_of(text, 'او را آزار می دهد')}: pain-point: definition.fa: warning: a space where a ZWNJ belongs"
        f" in 'می دهد'; write {'می' + ZWNJ + 'دهد'!r}",
        f"{line_of(text, 'every step of the journey')}: pain-point: usage[1].sentence: warning: "
        "sentence does not contain the term ('pain point', 'pain-point')",
        f"{line_of(text, 'به 42 رسید')}: net-promoter-score: examples[0].fa: warning: "
        "Latin digits '42' in Persian text; write ۴۲",
    ]


def test_duplicate_sentences_name_the_first(tmp_path):
    text = GOOD.replace(
        "      - sentence: A chat with an agent is a touchpoint too.",
        "      - sentence: Every  TOUCHPOINT shapes the experience.",
    )
    found = warnings_for(tmp_path, text)
    first = line_of(text, "Every touchpoint shapes the experience.")
    assert found == [
        f"{line_of(text, 'Every  TOUCHPOINT')}: touchpoint: usage[1].sentence: warning: "
        f"same sentence as touchpoint: usage[0].sentence (t.yaml:{first})"
    ]


def test_one_way_confusable(tmp_path):
    text = GOOD.replace("    confusables: [pain-point]\n", "    confusables: []\n")
    found = warnings_for(tmp_path, text)
    assert found == [
        f"{line_of(text, 'confusables: [touchpoint]')}: pain-point: confusables: warning: "
        "'touchpoint' does not list 'pain-point' back; confusables go both ways"
    ]


def test_topic_title_is_checked(tmp_path):
    text = GOOD.replace("fa: موضوع نمونه}", "fa: Sample}")
    assert warnings_for(tmp_path, text) == ["3: -: title.fa: warning: no Persian letters in a Persian field"]


def test_warnings_do_not_stop_a_term_from_loading(tmp_path):
    text = GOOD.replace("fa: نقطه درد\n", "fa: نقطه درد ها\n", 1)
    library = check_paths([write(tmp_path / "t.yaml", text)])
    assert "pain-point" in library.terms and len(library.warnings) == 1 and not library.errors


def test_one_way_link_into_another_folder_is_fine(tmp_path):
    """A teacher's file may point at a built-in term, which it cannot edit."""
    mine = GOOD.replace("topic: sample", "topic: mine").replace("id: pain-point", "id: my-pain-point")
    mine = mine.replace("confusables: [touchpoint]", "confusables: [my-touchpoint, net-promoter-score]")
    mine = mine.replace("id: touchpoint", "id: my-touchpoint").replace("confusables: [pain-point]", "confusables: [my-pain-point]")
    mine = mine.replace("  - id: net-promoter-score", "  - id: my-nps").replace("Our NPS rose to 42", "Our NPS rose to 43")
    library = check_paths([DATA / "good.yaml", write(tmp_path / "mine" / "m.yaml", mine)])
    assert library.errors == [] and [str(p) for p in library.warnings if "back" in p.message] == []


def test_builtin_content_passes_strict_and_covers_the_seeds():
    library = check_paths([builtin_content_dir()])
    assert [str(p) for p in library.problems] == []
    assert len(library.terms) >= 60
    abbrs = {t.abbr for t in library.terms.values()}
    assert {"CX", "UX", "VOC", "NPS", "CSAT", "CES", "CLV", "CRM", "SLA", "ROI", "B2B", "B2C"} <= abbrs
    for term in library.terms.values():  # every term complete, beyond what the model demands
        assert term.confusables and term.collocations and term.tags, term.id


def test_the_teachers_guide_example_passes_strict(tmp_path):
    """The complete term in content/README.md is a real, clean term file."""
    guide = (builtin_content_dir() / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(.*?)```", guide, re.S)
    assert example is not None
    path = write(tmp_path / "guide" / "10-example.yaml", example.group(1))
    library = check_paths([builtin_content_dir(), path])
    assert [str(p) for p in library.problems] == []
    assert "mystery-shopping" in library.terms


def test_the_same_why_under_two_sentences_is_fine(tmp_path):
    """Only sentences the learner is asked about count as duplicates, not explanations."""
    text = GOOD.replace("why: {en: Each contact counts., fa: هر تماس اهمیت دارد.}", "why: {en: Human contact is a touchpoint., fa: هر تماس اهمیت دارد.}")
    assert text.count("en: Human contact is a touchpoint.") == 2
    assert warnings_for(tmp_path, text) == []


def test_a_persian_definition_that_shows_the_recall_answer_is_a_warning(tmp_path):
    text = GOOD.replace("fa: امتیاز خالص مروجان\n", "fa: امتیاز خالص مروجان (NPS)\n", 1)
    assert text != GOOD
    line = line_of(text, "fa: امتیاز خالص مروجان (NPS)")
    assert warnings_for(tmp_path, text) == [
        f"{line}: net-promoter-score: fa: warning: shows 'NPS', the answer a recall card asks for; the app blanks"
        " it out, but write the Persian without it"
    ]
