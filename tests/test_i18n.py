"""The interface's languages: the translator, the catalogs and their completeness, Jalali dates."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from cxvocab.clock import when
from cxvocab.i18n import (
    ENGLISH,
    LOCALE_DIR,
    POT_HEADER,
    Entry,
    Msg,
    Translator,
    catalog_files,
    extract,
    jalali,
    marked,
    merged,
    read_po,
    translator,
    write_po,
)
from cxvocab.lint import catalog_problems
from cxvocab.quiz import grade_typed
from cxvocab.scheduling import format_interval

FA = Translator("fa", {"Right.": "درست.", "{n} card": ("{n} کارت",), "That is {term}.": "این {term} است."})
PLACEHOLDER = re.compile(r"\{\w+\}")


@pytest.mark.parametrize(
    ("day", "expected"),
    [(date(2026, 3, 21), (1405, 1, 1)), (date(2024, 3, 20), (1403, 1, 1)), (date(2025, 3, 21), (1404, 1, 1)),
     (date(2026, 11, 24), (1405, 9, 3)), (date(2025, 3, 20), (1403, 12, 30))],
)
def test_jalali(day, expected):
    assert jalali(day) == expected


def test_dates_and_numbers_as_each_language_writes_them():
    assert FA.date(date(2026, 12, 2)) == "۱۱ آذر ۱۴۰۵" and ENGLISH.date(date(2026, 12, 2)) == "2 December 2026"
    assert FA.short_date(date(2026, 11, 24)) == "۱۴۰۵/۰۹/۰۳" and ENGLISH.short_date(date(2026, 11, 24)) == "2026-11-24"
    assert FA.num(4.6) == "۴٫۶" and FA.num(1250) == "۱۲۵۰" and ENGLISH.num(4.6) == "4.6"
    assert ENGLISH.with_jalali(True).short_date(date(2026, 11, 24)) == "۱۴۰۵/۰۹/۰۳"  # the Stats screen's j
    assert FA.weekday(date(2026, 12, 4)) == "جمعه" and ENGLISH.weekday(date(2026, 12, 4)) == "Friday"


def test_a_message_is_english_and_said_again_in_persian(library):
    message = Msg("That is {term}.", term="NPS")
    # English inside Persian is one left-to-right piece (an embedding, LRE ... PDF).
    assert message == "That is NPS." and FA(message) == "این \u202aNPS\u202c است." and ENGLISH(message) == "That is NPS."
    assert FA("Not in the catalog") == "Not in the catalog"  # never an empty label
    assert FA.n("{n} card", "{n} cards", 3) == "۳ کارت" and ENGLISH.n("{n} card", "{n} cards", 3) == "3 cards"
    assert FA(Msg.n("{n} card", "{n} cards", 1)) == "۱ کارت"
    # What the core grades is a Msg: the app says it in the learner's language.
    term = library.terms["touchpoint"]
    verdict = grade_typed(term.term, term).verdict
    assert verdict == "Right." and FA(verdict) == "درست."


def test_when_and_intervals_in_persian():
    fa = translator("fa")
    now = datetime(2026, 12, 2, 9, 0, tzinfo=timezone.utc)
    assert when(now + timedelta(minutes=25), now, timezone.utc, fa) == "۲۵ دقیقهٔ دیگر" or "۲۵" in when(now + timedelta(minutes=25), now, timezone.utc, fa)
    assert when(now + timedelta(days=1), now, timezone.utc, ENGLISH) == "tomorrow at 09:00"
    assert "۰۹:۰۰" in when(now + timedelta(days=1), now, timezone.utc, fa)
    assert when(now + timedelta(days=3), now, timezone.utc, ENGLISH) == "on Saturday 5 December"
    assert when(now + timedelta(days=3), now, timezone.utc, fa).count("۱۴") == 1  # ۱۴ آذر, a Saturday
    assert format_interval(timedelta(days=3)) == "3d" and format_interval(timedelta(days=3), fa) == "۳ روز"


def test_po_files_round_trip():
    entries = [
        Entry("Say \"hi\"\nnow", comments=["#: a.py:1"], msgstr=["سلام"]),
        Entry("{n} day", "{n} days", ["{n} روز"]),
    ]
    text = write_po(entries, POT_HEADER)
    back = read_po(text)
    assert [(e.msgid, e.msgid_plural, e.msgstr) for e in back] == [(e.msgid, e.msgid_plural, e.msgstr) for e in entries]
    with pytest.raises(ValueError, match="line 1: not a gettext line"):
        read_po("hello")


def test_merging_keeps_translations_and_drops_what_the_code_no_longer_says():
    template = [Entry("Keep"), Entry("New"), Entry("{n} day", "{n} days")]
    catalog = [Entry("Keep", msgstr=["نگه"]), Entry("Gone", msgstr=["رفته"])]
    assert [(e.msgid, e.msgstr) for e in merged(template, catalog, 1)] == [("Keep", ["نگه"]), ("New", []), ("{n} day", [""])]


def test_a_computed_string_cannot_be_marked():
    assert [f.msgid for f in marked('tr("Fine")\nN_("Also")\ntr(message)\n', "x.py")] == ["Fine", "Also"]
    with pytest.raises(ValueError, match="x.py:1: a translated string must be written out"):
        list(marked('tr(f"Hello {name}")', "x.py"))
    with pytest.raises(ValueError, match="x.py:1"):
        list(marked('Msg("a" + b)', "x.py"))


# --- the shipped catalog --------------------------------------------------------------------


def test_the_template_is_in_step_with_the_code():
    """``python -m cxvocab.i18n extract`` has been run since the last string changed."""
    shipped = read_po((LOCALE_DIR / "cxvocab.pot").read_text(encoding="utf-8"))
    assert [e.msgid for e in shipped] == [e.msgid for e in extract()]


def test_every_string_of_the_interface_has_a_persian_translation():
    (catalog,) = catalog_files()
    translated = {e.msgid: e for e in read_po(catalog.read_text(encoding="utf-8")) if not e.fuzzy}
    missing = [e.msgid for e in extract() if e.msgid not in translated or not all(translated[e.msgid].msgstr)]
    assert not missing, f"{len(missing)} strings without a Persian translation (run python -m cxvocab.i18n extract): {missing[:10]}"
    for entry in extract():
        said = translated[entry.msgid]
        for text in said.msgstr:
            assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or ""))), entry.msgid
            assert re.search("[\u0600-\u06ff]", text) or not re.search("[A-Za-z]{3}", PLACEHOLDER.sub("", entry.msgid)), entry.msgid


def test_the_catalog_passes_the_lint_of_cxvocab_check():
    (catalog,) = catalog_files()
    assert [str(p) for p in catalog_problems(catalog)] == []


def test_the_lint_finds_what_a_translator_gets_wrong(tmp_path: Path):
    po = tmp_path / "fa.po"
    po.write_text(
        write_po(
            [
                Entry("Press 1-4 to choose", msgstr=["برای انتخاب 1-4 را بزنید"]),  # keys stay Latin: fine
                Entry("{n} cards due", msgstr=["کارت ها موعد دارند"]),
                Entry("Ready?", msgstr=["آماده ايد?"]),
                Entry("in 14 days", msgstr=["در 14 روز"]),
                Entry("Not yet"),
            ],
            POT_HEADER,
        ),
        encoding="utf-8",
    )
    found = [(p.term_id, p.message) for p in catalog_problems(po)]
    assert found == [
        ("{n} cards due", "the translation leaves out {n}, which the English shows"),
        ("{n} cards due", f"a space where a ZWNJ belongs in 'کارت ها'; write {'کارت' + chr(0x200C) + 'ها'!r}"),
        ("Ready?", "Arabic yeh ي; use Persian ی"),
        ("Ready?", "Latin '?' in Persian; write ؟"),
        ("in 14 days", "Latin digits '14' in Persian text; write ۱۴"),
        ("Not yet", "not translated yet"),
    ]
