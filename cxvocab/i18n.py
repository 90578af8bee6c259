"""The interface's language (DESIGN §5): English, or Persian from a translator's catalog.

Every string a learner sees is written in English in the code and marked for translation in one
of three ways, which ``python -m cxvocab.i18n extract`` finds (an AST walk, no import):

- ``tr("Today")`` / ``tr.n("{n} card", "{n} cards", n)``: translated now, by the
  :class:`Translator` the caller was given (the app's, or the command's);
- ``Msg("That is {term}.", term=...)``: a string for the core to return (a verdict, an error)
  that is English when printed and translated by whoever shows it (``tr(message)``);
- ``N_("Study today")``: a constant (a key's description, a help text) translated where drawn.

The Persian catalog is ``locale/fa/LC_MESSAGES/cxvocab.po``, a standard gettext file that a
translator edits with Poedit or any text editor, read directly (there is no build step); the
template ``locale/cxvocab.pot`` is written by ``extract``. ``tests/test_i18n.py`` fails for any
marked string without a Persian translation, or whose translation drops a ``{value}``.

A Persian translator also writes numbers in Persian digits and dates as Jalali dates
(:meth:`Translator.num`, :meth:`Translator.date`); values given to ``tr`` as numbers are
written that way on their own.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

Date = date  # (Translator.date would hide the type inside the class)
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from cxvocab.persian import persian_digits

LANGUAGES = ("en", "fa")
LOCALE_DIR = Path(__file__).with_name("locale")
DOMAIN = "cxvocab"

class Bilingual(Protocol):
    @property
    def en(self) -> str: ...
    @property
    def fa(self) -> str: ...


LRE, PDF = "\u202a", "\u202c"
_LATIN = re.compile("[A-Za-z]")
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")
_RANGE = re.compile(r"(?<![\w\u202a])[0-9۰-۹]+(?:[-–][0-9۰-۹]+)+(?![\w\u202c])")
_FIELD = re.compile(r"\{(\w+)(?:[:!][^}]*)?\}")


class Msg(str):
    """An English message that remembers how it was made, so that it can be said again in
    another language: ``str(Msg("That is {term}.", term="NPS"))`` is ``"That is NPS."``, and
    ``tr(that)`` is the Persian of the template with the same values."""

    template: str
    plural: str | None
    number: int | None  # the count a plural message was chosen for
    values: Mapping[str, object]

    def __new__(cls, template: str, /, **values: object) -> Msg:
        self = super().__new__(cls, _format(template, values, english_number))
        self.template, self.plural, self.number, self.values = template, None, None, values
        return self

    @classmethod
    def n(cls, singular: str, plural: str, count: int, /, **values: object) -> Msg:
        """The singular or plural message for ``count`` (``{n}`` in either is the count)."""
        values = {"n": count, **values}
        self = cls.__new__(cls, singular if count == 1 else plural, **values)
        self.template, self.plural, self.number = singular, plural, count
        return self


def N_(message: str) -> str:
    """Marks a constant for translation where it is drawn; the English itself."""
    return message


def english_number(value: int | float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def persian_number(value: int | float) -> str:
    """۱۲۳ and ۴٫۶ (the Persian decimal separator)."""
    return persian_digits(english_number(value)).replace(".", "٫")


def _format(template: str, values: Mapping[str, object], number: object) -> str:
    if not values:
        return template
    shown = {
        key: number(value) if isinstance(value, int | float) and not isinstance(value, bool) else value  # type: ignore[operator]
        for key, value in values.items()
    }
    return template.format(**shown)


# --- Jalali dates -------------------------------------------------------------------------------

JALALI_MONTHS = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
)
# Monday first, as date.weekday() counts.
PERSIAN_WEEKDAYS = ("دوشنبه", "سه‌شنبه", "چهارشنبه", "پنج‌شنبه", "جمعه", "شنبه", "یک‌شنبه")
PERSIAN_WEEKDAY_LETTERS = ("د", "س", "چ", "پ", "ج", "ش", "ی")


def jalali(day: date) -> tuple[int, int, int]:
    """The Solar Hijri (Jalali) date of a Gregorian date: the usual arithmetic conversion
    (33-year cycles), checked against known Nowruz dates in the tests."""
    g_days = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
    gy = day.year - 1600
    gm = day.month - 1
    gd = day.day - 1
    g_day_no = 365 * gy + (gy + 3) // 4 - (gy + 99) // 100 + (gy + 399) // 400 + g_days[gm] + gd
    if gm > 1 and ((day.year % 4 == 0 and day.year % 100 != 0) or day.year % 400 == 0):
        g_day_no += 1
    j_day_no = g_day_no - 79
    j_np = j_day_no // 12053
    j_day_no %= 12053
    jy = 979 + 33 * j_np + 4 * (j_day_no // 1461)
    j_day_no %= 1461
    if j_day_no >= 366:
        jy += (j_day_no - 1) // 365
        j_day_no = (j_day_no - 1) % 365
    j_month_days = [31, 31, 31, 31, 31, 31, 30, 30, 30, 30, 30, 29]
    month = 0
    while month < 11 and j_day_no >= j_month_days[month]:
        j_day_no -= j_month_days[month]
        month += 1
    return jy, month + 1, j_day_no + 1


# --- the translator -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Translator:
    """The interface in one language. English is the code's own text; any other language is
    a catalog: msgid -> msgstr (plural entries: msgid -> every plural form)."""

    language: str = "en"
    catalog: Mapping[str, str | tuple[str, ...]] = field(default_factory=dict, repr=False)
    # Jalali dates and Persian digits: by default in Persian only; the Stats screen's j turns
    # them on or off in either language.
    jalali: bool | None = None

    @property
    def persian_numbers(self) -> bool:
        return self.language == "fa" if self.jalali is None else self.jalali

    def with_jalali(self, jalali: bool) -> Translator:
        return replace(self, jalali=jalali)

    @property
    def rtl(self) -> bool:
        """Whether the interface reads right to left (its labels go through cxvocab.rtl)."""
        return self.language == "fa"

    def __call__(self, message: str, /, **values: object) -> str:
        """``message`` in this language, with ``values`` put in (numbers in its digits). A
        :class:`Msg` is said again from its template and values."""
        if isinstance(message, Msg):
            if message.plural is not None and message.number is not None:
                return self.n(message.template, message.plural, message.number, **message.values)
            values = {**message.values, **values}
            message = message.template
        found = self.catalog.get(message)
        text = found if isinstance(found, str) and found else message
        return self._ranges(_format(text, {k: self._value(v) for k, v in values.items()}, self.num))

    def _ranges(self, text: str) -> str:
        """In a right-to-left language, a range of keys or numbers ("1-4") kept in one
        left-to-right piece: after Persian letters the bidi algorithm takes each number for an
        Arabic one and shows "4-1"."""
        return _RANGE.sub("\u202a\\g<0>\u202c", text) if self.rtl else text

    def _value(self, value: object) -> object:
        """A value as it goes into a message: a Msg said in this language; English (a term, a
        path) kept in one left-to-right piece by :meth:`embed`."""
        if isinstance(value, Msg):
            return self(value)
        return self.embed(value) if isinstance(value, str) else value

    def embed(self, text: str) -> str:
        """English inside a right-to-left message, kept in one left-to-right piece: without
        it the bidi algorithm moves the brackets and slashes at its edges ("(EX)" of
        "employee experience (EX)", the / of a path) to the wrong end. An embedding (LRE ...
        PDF), which the older bidi algorithm of the visual mode and bidi terminals both know."""
        if self.rtl and _LATIN.search(text) and not _ARABIC_SCRIPT.search(text) and not text.startswith(LRE):
            return f"{LRE}{text}{PDF}"
        return text

    def n(self, singular: str, plural: str, count: int, /, **values: object) -> str:
        """The form for ``count``; ``{n}`` is the count. Persian uses one form for every
        number (a noun after a number stays singular: ۳ کارت)."""
        values = {"n": count, **values}
        found = self.catalog.get(singular)
        if isinstance(found, tuple) and found and all(found):
            text = found[0] if len(found) == 1 or count == 1 else found[1]
        else:
            text = singular if count == 1 else plural
        return self._ranges(_format(text, {k: self._value(v) for k, v in values.items()}, self.num))

    def pick(self, bilingual: Bilingual) -> str:
        """The Persian of a piece of bilingual content (a topic's title, a kind of mistake's
        name) in the Persian interface, its English otherwise."""
        return bilingual.fa if self.language == "fa" else bilingual.en

    def num(self, value: int | float) -> str:
        return persian_number(value) if self.persian_numbers else english_number(value)

    def digits(self, text: str) -> str:
        """Latin digits in ``text`` as this language writes them (a time, an interval)."""
        return persian_digits(text).replace(".", "٫") if self.persian_numbers else text

    def date(self, day: Date, *, year: bool = True) -> str:
        """A day as a reader of this language writes it: "2 December 2026"; in Persian the
        Jalali date, "۱۲ آذر ۱۴۰۵"."""
        if self.persian_numbers:
            y, m, d = jalali(day)
            return f"{persian_number(d)} {JALALI_MONTHS[m - 1]}" + (f" {persian_number(y)}" if year else "")
        return f"{day.day} {day:%B}" + (f" {day.year}" if year else "")

    def short_date(self, day: Date) -> str:
        """A day in a column: ISO (2026-12-02); in Persian the Jalali ۱۴۰۵/۰۹/۱۱."""
        if self.persian_numbers:
            y, m, d = jalali(day)
            return persian_digits(f"{y}/{m:02d}/{d:02d}")
        return day.isoformat()

    def weekday_letter(self, weekday: int) -> str:
        """A weekday (0 is Monday) as a calendar's column head: "Mon"; in Persian its letter, د."""
        if self.language == "fa":
            return PERSIAN_WEEKDAY_LETTERS[weekday]
        return ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[weekday]

    def weekday(self, day: Date) -> str:
        return PERSIAN_WEEKDAYS[day.weekday()] if self.language == "fa" else f"{day:%A}"


ENGLISH = Translator()


def catalog_files() -> list[Path]:
    """The shipped catalogs, one per language but English."""
    return [LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po" for language in LANGUAGES[1:]]


def translator(language: str) -> Translator:
    """The interface in ``language`` (``en`` or ``fa``)."""
    if language == "en":
        return ENGLISH
    return Translator(language, _catalog(language))


@lru_cache(maxsize=4)
def _catalog(language: str) -> Mapping[str, str | tuple[str, ...]]:
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    return {entry.msgid: entry.translation for entry in read_po(path.read_text(encoding="utf-8")) if not entry.fuzzy}


# --- gettext's .po files ------------------------------------------------------------------------


@dataclass
class Entry:
    """One entry of a .po file."""

    msgid: str
    msgid_plural: str | None = None
    msgstr: list[str] = field(default_factory=list)  # one, or one per plural form
    fuzzy: bool = False
    comments: list[str] = field(default_factory=list)  # "#." and "#:" lines, as written
    line: int = 0  # of its msgid, in the file read

    @property
    def translation(self) -> str | tuple[str, ...]:
        return tuple(self.msgstr) if self.msgid_plural is not None else (self.msgstr[0] if self.msgstr else "")


_PO_LINE = re.compile(r'^(msgid|msgid_plural|msgstr(?:\[(\d+)\])?|msgctxt)\s+"(.*)"\s*$')
_PO_MORE = re.compile(r'^"(.*)"\s*$')
_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unescape(text: str) -> str:
    return re.sub(r'\\(.)', lambda m: _ESCAPES.get(m.group(1), m.group(0)), text)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")


def read_po(text: str) -> list[Entry]:
    """The entries of a .po file, header (msgid "") left out. Raises ValueError, naming the
    line, on anything that is not the gettext format."""
    entries: list[Entry] = []
    current: Entry | None = None
    key: tuple[str, int] = ("", 0)
    flags: list[str] = []
    comments: list[str] = []

    def close() -> None:
        nonlocal current
        if current is not None and current.msgid:
            entries.append(current)
        current = None

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            if current is not None and current.msgstr:
                close()
            if line.startswith("#,"):
                flags += [f.strip() for f in line[2:].split(",")]
            elif line.startswith("#~"):
                continue  # obsolete entries
            else:
                comments.append(line)
            continue
        more = _PO_MORE.match(line)
        if more:
            if current is None:
                raise ValueError(f"line {number}: a continued string outside an entry")
            _append(current, key, _unescape(more.group(1)))
            continue
        match = _PO_LINE.match(line)
        if not match:
            raise ValueError(f"line {number}: not a gettext line: {raw!r}")
        word, index, value = match.group(1), match.group(2), _unescape(match.group(3))
        if word in ("msgid", "msgctxt"):
            if current is not None and (current.msgstr or word == "msgctxt" or current.msgid):
                close()
            if current is None:
                current = Entry("", fuzzy="fuzzy" in flags, comments=comments, line=number)
                flags, comments = [], []
            if word == "msgctxt":
                raise ValueError(f"line {number}: msgctxt is not used by cxvocab's catalogs")
            key = ("msgid", 0)
        elif current is None:
            raise ValueError(f"line {number}: {word} before its msgid")
        elif word == "msgid_plural":
            key = ("msgid_plural", 0)
        else:
            key = ("msgstr", int(index or 0))
        _append(current, key, value)
    close()
    return entries


def _append(entry: Entry, key: tuple[str, int], value: str) -> None:
    name, index = key
    if name == "msgid":
        entry.msgid += value
    elif name == "msgid_plural":
        entry.msgid_plural = (entry.msgid_plural or "") + value
    else:
        while len(entry.msgstr) <= index:
            entry.msgstr.append("")
        entry.msgstr[index] += value


def write_po(entries: list[Entry], header: str) -> str:
    """A .po (or .pot) file: the header entry, then each entry with its comments."""
    out = [header.rstrip("\n"), ""]
    for entry in entries:
        out += entry.comments
        if entry.fuzzy:
            out.append("#, fuzzy")
        out.append(f'msgid "{_escape(entry.msgid)}"')
        if entry.msgid_plural is not None:
            out.append(f'msgid_plural "{_escape(entry.msgid_plural)}"')
            forms = entry.msgstr or ["", ""]
            out += [f'msgstr[{i}] "{_escape(s)}"' for i, s in enumerate(forms)]
        else:
            out.append(f'msgstr "{_escape(entry.msgstr[0] if entry.msgstr else "")}"')
        out.append("")
    return "\n".join(out)


# --- finding the marked strings in the code -----------------------------------------------------

MARKERS = {"tr", "N_", "Msg"}  # a call of one of these (or of x.tr) marks its first argument


@dataclass(frozen=True)
class Found:
    msgid: str
    plural: str | None
    where: str  # file:line


def marked(source: str, filename: str) -> Iterator[Found]:
    """Every string marked for translation in one module's source. Raises ValueError for a
    marker called with anything but literal text (an f-string could never be translated)."""
    import ast  # for extracting only: the app never needs it

    for node in ast.walk(ast.parse(source, filename)):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        plural = isinstance(func, ast.Attribute) and func.attr == "n" and _marker(func.value)
        if not (plural or _marker(func)):
            continue
        wanted = 2 if plural else 1
        args = node.args[:wanted]
        written = [isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args]
        if len(args) == wanted and all(written):
            texts = [a.value for a in args]  # type: ignore[attr-defined]
            yield Found(texts[0], texts[1] if plural else None, f"{filename}:{node.lineno}")
            continue
        # tr(message) of a Msg or a marked constant is said again, and marked where it is made;
        # but text put together here (an f-string, a sum) could never be in the catalog.
        computed = any(isinstance(a, ast.JoinedStr | ast.BinOp) for a in args)
        if computed or not (isinstance(func, ast.Name) and func.id == "tr" or _is_tr_attribute(func)) or plural:
            raise ValueError(f"{filename}:{node.lineno}: a translated string must be written out, not computed")


def _is_tr_attribute(func: object) -> bool:
    import ast

    return isinstance(func, ast.Attribute) and func.attr == "tr"


def _marker(func: object) -> bool:
    import ast

    if isinstance(func, ast.Name):
        return func.id in MARKERS
    return isinstance(func, ast.Attribute) and func.attr == "tr"


def extract(package: Path | None = None) -> list[Entry]:
    """Every marked string of the package, once each, in the order first met, with where."""
    package = package or Path(__file__).parent
    seen: dict[str, Entry] = {}
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package.parent).as_posix()
        for found in marked(path.read_text(encoding="utf-8"), relative):
            entry = seen.get(found.msgid)
            if entry is None:
                entry = seen[found.msgid] = Entry(found.msgid, found.plural)
            if found.plural is not None and entry.msgid_plural is None:
                entry.msgid_plural = found.plural
            entry.comments.append(f"#: {found.where}")
    return list(seen.values())


POT_HEADER = '''# The strings of cxvocab's interface. Written by `python -m cxvocab.i18n extract`; do not edit.
msgid ""
msgstr ""
"Project-Id-Version: cxvocab\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
'''


def merged(template: list[Entry], catalog: list[Entry], nplurals: int = 2) -> list[Entry]:
    """The template's entries with the catalog's translations (what ``msgmerge`` does, without
    fuzzy matching): a string no longer in the code drops out, a new one comes in empty."""
    known = {entry.msgid: entry for entry in catalog}
    out = []
    for entry in template:
        old = known.get(entry.msgid)
        msgstr = list(old.msgstr) if old is not None else []
        if entry.msgid_plural is not None:
            msgstr = (msgstr + [""] * nplurals)[:nplurals]
        out.append(Entry(entry.msgid, entry.msgid_plural, msgstr, bool(old and old.fuzzy), entry.comments))
    return out


def main(argv: list[str]) -> int:
    """``python -m cxvocab.i18n extract``: write the template and bring the catalogs in step."""
    if argv != ["extract"]:
        print("usage: python -m cxvocab.i18n extract", file=sys.stderr)
        return 2
    template = extract()
    (LOCALE_DIR / f"{DOMAIN}.pot").write_text(write_po(template, POT_HEADER), encoding="utf-8")
    for language in LANGUAGES[1:]:
        path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        header = text.split("\n\n", 1)[0] if text else _header(language)
        plurals = re.search(r"nplurals=(\d+)", header)
        entries = merged(template, read_po(text) if text else [], int(plurals.group(1)) if plurals else 2)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(write_po(entries, header), encoding="utf-8")
        missing = sum(1 for e in entries if not all(e.msgstr) or not e.msgstr)
        print(f"{path}: {len(entries)} strings, {missing} without a translation")
    return 0


def _header(language: str) -> str:
    return POT_HEADER.replace("Written by `python -m cxvocab.i18n extract`; do not edit.", f"Translated: {language}.") + (
        f'"Language: {language}\\n"\n"Plural-Forms: nplurals=1; plural=0;\\n"\n'
    )


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
