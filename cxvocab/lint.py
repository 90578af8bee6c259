"""Checks for authors of term files, beyond what the model itself validates (DESIGN §3).

The model (:mod:`cxvocab.schema`) rejects what cannot be used at all: missing fields, fewer than
2 correct and 2 incorrect usage sentences. :mod:`cxvocab.content` rejects duplicate ids and the
placeholders of ``cxvocab new``, and warns of confusable ids that no file defines. What is left
here is what still loads but teaches badly, reported as *warnings* (``cxvocab check --strict``
makes them fail):

- Persian written with Arabic letters or digits (ي ك ى, ٠-٩), or with Latin digits;
- a plain space where Persian needs a zero-width non-joiner (می کند، کانال ها، کرده اند);
- a Persian field with no Persian in it, or Persian in an English field (swapped fields);
- a usage sentence that does not contain its term, abbreviation or an English alias;
- a Persian equivalent or definition that shows the English answer of a recall card;
- the same sentence twice, anywhere in the loaded files;
- a confusable in the same folder that does not list the term back (confusables go both ways);
- in the interface's catalogs (``locale/*/LC_MESSAGES/cxvocab.po``): a string not translated, a
  ``{value}`` dropped, and the same Persian checks as the term files (:func:`catalog_problems`).

Every finding names the file, the line of the field, the term id and the field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from cxvocab.content import TERM_FILE_SUFFIXES, FieldPath, Library, Problem, field_name, load_library, term_files
from cxvocab.paths import builtin_content_dir
from cxvocab.quiz import giveaway_spans, mentions, names
from cxvocab.terms import FACT_SHARE_MAX, GAP_KINDS, GAPS_EACH, LANGUAGE_MISTAKES, LANGUAGE_SHARE_MIN, MISTAKES, Term

ZWNJ = "\u200c"
_FA = "\u0600-\u06ff"  # the Arabic block, which holds every Persian letter
_PERSIAN_LETTER = re.compile(f"[{_FA}]")
_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_ARABIC = {
    "\u064a": "Arabic yeh ي; use Persian ی",
    "\u0649": "Arabic alef maksura ى; use Persian ی",
    "\u0643": "Arabic kaf ك; use Persian ک",
}
_ARABIC_DIGITS = re.compile("[\u0660-\u0669]+")
# A number standing alone: digits that are not part of a Latin token such as B2B or 4G.
_LATIN_NUMBER = re.compile(r"(?<![A-Za-z0-9])[0-9]+(?:[.,/][0-9]+)*(?![A-Za-z0-9])")
# A space where a ZWNJ belongs: after the verb prefixes می / نمی, before the plural and other
# suffixes, and before the suffixes that follow a silent ه (کرده‌اند، دوره‌ای).
_SPACED = [
    re.compile(f"(?<![{_FA}{ZWNJ}])(ن?می) (?=[{_FA}])"),
    re.compile(f"(?<=[{_FA}]) (ها|های|هایی|هایم|هایت|هایش|هایمان|هایتان|هایشان|تر|ترین)(?![{_FA}{ZWNJ}])"),
    re.compile(f"(?<=ه) (ای|ایم|اید|اند|ام|ات|اش)(?![{_FA}{ZWNJ}])"),
]
_STRAY_ZWNJ = re.compile(f"(?:^|[\\s{ZWNJ}]){ZWNJ}|{ZWNJ}(?:$|\\s)")
# One spelling across every file where Persian writers use several: the ezafe after a silent
# ه written with a ZWNJ (تجربه‌ی, not تجربهٔ, تجربۀ or تجربه ی), and به‌عنوان / به‌صورت written
# apart with a ZWNJ (not به عنوان or بعنوان).
_EZAFE = re.compile(f"([{_FA}]*?)(?:\u06c0|\u0647\u0654|\u0647 \u06cc(?![{_FA}{ZWNJ}]))")
_BE = re.compile(f"(?<![{_FA}{ZWNJ}])(?:به ?|ب)(عنوان|صورت)")
# Mistakes that often stand *instead of* the term ("a customer club", "a complain").
_MAY_OMIT_TERM = frozenset({"calque", "word-form", "false-friend"})


def check_paths(
    paths: Iterable[Path],
    context: Iterable[Path] = (),
    *,
    given: Mapping[Path, bytes] | None = None,
    catalogs: Iterable[Path] = (),
) -> Library:
    """Load term files as ``cxvocab check`` does: every error, then every lint warning.

    ``context`` is the rest of what the app loads (the built-in and the user's folders): it is
    loaded first, so that a teacher's file may link to built-in terms and a clash of ids is
    reported in the teacher's file, but only the problems of ``paths`` are reported.
    ``given``: files of ``paths`` not written yet, as bytes (``cxvocab import``); they are
    checked as if they were on disk, in place of any file at that path.
    """
    paths = list(paths)
    catalogs = [*catalogs, *(p for p in paths if p.suffix == ".po")]
    paths = [p for p in paths if p.suffix != ".po"]
    files = term_files(paths)
    checked = {f.resolve() for f in files}
    around = [f for f in term_files(context) if f.resolve() not in checked]
    library = load_library([*around, *files], keep_lines=True, given=given)
    # A folder given by name with no term file in it: say so, rather than "0 errors".
    for folder in paths:
        if folder.is_dir() and not term_files([folder]):
            library.problems.append(
                Problem(folder, 1, "-", "-", f"no term files in this folder (cxvocab reads {' and '.join(f'*{s}' for s in TERM_FILE_SUFFIXES)})")
            )
            checked.add(folder.resolve())
    library.problems.extend(lint_library(library))
    if around:
        library.problems = [p for p in library.problems if p.file.resolve() in checked]
        library.files = [f for f in library.files if f.resolve() in checked]
    for catalog in catalogs:  # the interface's translations (a translator's .po file)
        library.problems.extend(catalog_problems(catalog))
    return library


_BUILT_IN = builtin_content_dir().resolve()


def lint_library(library: Library) -> list[Problem]:
    """Every warning for the loaded terms and topic titles, in file order."""
    found: list[Problem] = []
    for group in library.topics.values():
        for file in group.files:
            lines = library.lines.get(file)
            line = lines.line(("title", "fa")) if lines else 1
            found.extend(Problem(file, line, "-", "title.fa", m, "warning") for m in persian_text(group.title.fa))
    first_seen: dict[str, tuple[str, str, Path, int]] = {}
    # Whether each file is built-in content, found once per file rather than once per term.
    built_in = {file: file.resolve().is_relative_to(_BUILT_IN) for file in library.files}
    for term_id, term in library.terms.items():
        file = library.source_of[term_id][0]

        def warn(loc: FieldPath, message: str, term_id: str = term_id, file: Path = file) -> None:
            found.append(Problem(file, library.line_of(term_id, loc), term_id, field_name(loc), message, "warning"))

        for loc, lang, text in term_texts(term):
            for message in persian_text(text) if lang == "fa" else english_text(text):
                warn(loc, message)
            if loc[-1] == "sentence" or loc[0] == "examples":  # usage sentences and examples
                key = " ".join(text.split()).casefold()
                if key in first_seen:
                    other_id, other_field, other_file, other_line = first_seen[key]
                    warn(loc, f"same sentence as {other_id}: {other_field} ({other_file.name}:{other_line})")
                else:
                    first_seen[key] = (term_id, field_name(loc), file, library.line_of(term_id, loc))
        for index, usage in enumerate(term.usage):
            if not usage.correct and usage.mistake is None:
                warn(
                    ("usage", index, "correct"),
                    f"an incorrect sentence without mistake: say what kind of mistake it is ({', '.join(MISTAKES)})",
                )
            # A calque, a wrong word form or a false friend is often the mistake *instead of* the
            # term ("a customer club", "a complain"), so those sentences need not contain it.
            if usage.mistake not in _MAY_OMIT_TERM and not mentions(usage.sentence, term):
                written = ", ".join(repr(n) for n in names(term))
                warn(("usage", index, "sentence"), f"sentence does not contain the term ({written})")
        for loc, message in gap_warnings(term, built_in=built_in[file]):
            warn(loc, message)
        for loc, text in ((("fa",), term.fa), (("definition", "fa"), term.definition.fa)):
            shown = dict.fromkeys(text[start:end] for start, end in giveaway_spans(text, term))
            if shown:
                warn(
                    loc,
                    f"shows {', '.join(repr(s) for s in shown)}, the answer a recall card asks for; the app blanks"
                    " it out, but write the Persian without it",
                )
        for other_id in term.confusables:
            other = library.terms.get(other_id)
            if other is None or other_id == term_id or term_id in other.confusables:
                continue  # unknown and self links are reported already (content.py)
            # Only within one folder: a teacher's file may point at a built-in term that it
            # cannot (and should not) edit.
            if library.source_of[other_id][0].parent == file.parent:
                warn(("confusables",), f"{other_id!r} does not list {term_id!r} back; confusables go both ways")
    return found


def gap_warnings(term: Term, *, built_in: bool) -> Iterator[tuple[FieldPath, str]]:
    """What a gap item or the family should say and does not. The built-in content must say
    both (DESIGN §4); a teacher's term without them is simply never asked as a gap."""
    if built_in and term.family is None:
        yield ("id",), "no family: list the other forms of the word (retain, retained...), or write family: [] if English has none"
    if built_in and len(term.gaps) < GAPS_EACH:
        yield ("id",), f"{len(term.gaps)} gap item(s): the built-in content has at least {GAPS_EACH} per term"
    if built_in and term.gaps and not any(gap.kind == "collocation" for gap in term.gaps):
        yield ("gaps",), "no gap of kind collocation: the built-in content drills at least one word that goes with each term"
    forms = [f.form for f in term.family or ()]
    for index, gap in enumerate(term.gaps):
        for option in gap.wrong:
            if not _has_word(gap.why.en, option, inflected=False):
                yield ("gaps", index, "why", "en"), f"does not say why {option!r} is wrong: a learner who picks it reads this"
        # The blank may be part of the term itself ("the ___ user" for end user), and a term
        # may be named by its head word ("a reputation for" for brand reputation).
        sentence = "".join(gap.filled())
        head = term.term.split()[-1]
        if gap.kind != "form" and not mentions(sentence, term) and not any(_has_word(sentence, w) for w in [head, *forms]):
            written = ", ".join(repr(n) for n in [*names(term), head, *forms])
            yield ("gaps", index, "sentence"), f"sentence does not contain the term ({written})"


def _has_word(text: str, word: str, *, inflected: bool = True) -> bool:
    """Whether ``word`` is in ``text`` as a whole word; ``inflected``: or with an ending
    (subscribe: subscribed, subscribes)."""
    ending = "(?:s|es|d|ed|ing)?" if inflected else ""
    return re.search(rf"(?<![\w-]){re.escape(word.casefold())}{ending}(?![\w-])", text.casefold()) is not None


def term_texts(term: Term) -> Iterator[tuple[FieldPath, str, str]]:
    """Every text of a term as (field path, language, text)."""
    yield ("term",), "en", term.term
    yield ("fa",), "fa", term.fa
    for lang in ("en", "fa"):
        for i, alias in enumerate(getattr(term.aliases, lang)):
            yield ("aliases", lang, i), lang, alias
    yield ("definition", "en"), "en", term.definition.en
    yield ("definition", "fa"), "fa", term.definition.fa
    for i, example in enumerate(term.examples):
        yield ("examples", i, "en"), "en", example.en
        yield ("examples", i, "fa"), "fa", example.fa
    for i, usage in enumerate(term.usage):
        yield ("usage", i, "sentence"), "en", usage.sentence
        yield ("usage", i, "why", "en"), "en", usage.why.en
        yield ("usage", i, "why", "fa"), "fa", usage.why.fa
    for i, collocation in enumerate(term.collocations):
        yield ("collocations", i), "en", collocation
    for i, form in enumerate(term.family or ()):
        if form.fa:
            yield ("family", i, "fa"), "fa", form.fa
    for i, gap in enumerate(term.gaps):
        yield ("gaps", i, "sentence"), "en", gap.sentence
        yield ("gaps", i, "why", "en"), "en", gap.why.en
        yield ("gaps", i, "why", "fa"), "fa", gap.why.fa


def persian_text(text: str) -> Iterator[str]:
    """What is wrong with a piece of Persian text, one message per kind of problem."""
    if not _PERSIAN_LETTER.search(text):
        yield "no Persian letters in a Persian field"
        return
    for char, advice in _ARABIC.items():
        if char in text:
            yield advice
    if m := _ARABIC_DIGITS.search(text):
        yield f"Arabic digits {m.group()!r}; use Persian digits ۰-۹"
    # A number inside an English phrase quoted in the Persian ("AHT fell by 40 seconds") is
    # English, and keeps its digits.
    for m in _LATIN_NUMBER.finditer(text):
        before, after = text[: m.start()].rstrip(" ("), text[m.end() :].lstrip(" )")
        if not (before[-1:].isascii() and before[-1:].isalpha()) and not (after[:1].isascii() and after[:1].isalpha()):
            yield f"Latin digits {m.group()!r} in Persian text; write {m.group().translate(_PERSIAN_DIGITS)}"
            break
    for pattern in _SPACED:
        if m := pattern.search(text):
            word = _word_around(text, m.start(), m.end())
            yield f"a space where a ZWNJ belongs in {word!r}; write {word.replace(' ', ZWNJ)!r}"
    if _STRAY_ZWNJ.search(text):
        yield "a ZWNJ beside a space or at the edge of the text"
    if m := _EZAFE.search(text):
        yield f"ezafe written {m.group()!r}; write {m.group(1) + 'ه' + ZWNJ + 'ی'!r}, the one spelling every file uses"
    if m := _BE.search(text):
        yield f"{m.group()!r}: write {'به' + ZWNJ + m.group(1)!r}, the one spelling every file uses"


# --- the interface's catalogs ----------------------------------------------------------------

# The keys a Persian hint names stay as printed on the keyboard ("1-4 را بزنید"); any other
# number in a translation is written in Persian digits.
_KEYS = re.compile(r"(?<![\w.])(?:[1-4](?:-(?:[1-4]|\{n\}))?)(?![\w.٫])|(?<=\s)\?(?=\s)")
_PLACEHOLDER = re.compile(r"\{\w*(?:[:!][^}]*)?\}")
_LATIN_PUNCTUATION = re.compile(f"(?<=[{_FA}])\\s*([,;?])|([,;?])\\s*(?=[{_FA}])")
_PERSIAN_MARKS = {",": "،", ";": "؛", "?": "؟"}


def catalog_problems(path: Path) -> list[Problem]:
    """What ``cxvocab check`` says of a translator's catalog (a gettext .po file): strings not
    translated yet, a translation that drops or adds a ``{value}``, and the Persian checks the
    term files get (:func:`persian_text`), plus Latin punctuation in Persian. Keys (1-4) may stay
    Latin; names and placeholders are left out of the checks."""
    from cxvocab.i18n import read_po

    try:
        entries = read_po(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        return [Problem(path, 1, "-", "-", f"cannot read the catalog ({exc})")]
    except ValueError as exc:
        return [Problem(path, 1, "-", "-", f"not a gettext catalog: {exc}")]
    problems: list[Problem] = []
    for entry in entries:
        label = entry.msgid if len(entry.msgid) <= 40 else entry.msgid[:39] + "…"

        def warn(message: str, label: str = label, line: int = entry.line) -> None:
            problems.append(Problem(path, line, label, "msgstr", message, "warning"))

        if not entry.msgstr or not all(entry.msgstr):
            warn("not translated yet")
            continue
        wanted = set(_PLACEHOLDER.findall(entry.msgid)) | set(_PLACEHOLDER.findall(entry.msgid_plural or ""))
        for text in entry.msgstr:
            found = set(_PLACEHOLDER.findall(text))
            if lost := sorted(wanted - found):
                warn(f"the translation leaves out {', '.join(lost)}, which the English shows")
            if extra := sorted(found - wanted):
                warn(f"the translation has {', '.join(extra)}, which the code does not fill in")
            bare = _PLACEHOLDER.sub("", text)
            if _KEYS.search(entry.msgid):
                bare = _KEYS.sub("", bare)
            for message in persian_text(bare):
                if not message.startswith("no Persian letters"):
                    warn(message)
            if m := _LATIN_PUNCTUATION.search(bare):
                mark = m.group(1) or m.group(2)
                warn(f"Latin {mark!r} in Persian; write {_PERSIAN_MARKS[mark]}")
    return problems


def english_text(text: str) -> Iterator[str]:
    """What is wrong with a piece of English text."""
    if _PERSIAN_LETTER.search(text):
        yield "Persian letters in an English field (swapped with the Persian one?)"


def _word_around(text: str, start: int, end: int) -> str:
    """The words joined by the match, for a readable message."""
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace() and text[right] not in "،؛.!?:":
        right += 1
    return text[left:right]


@dataclass(frozen=True)
class ContentSummary:
    """What the checked files teach, counted (``cxvocab check --summary``)."""

    topics: list[tuple[str, str, int]]  # (topic id, English title, terms), in file order
    mistakes: dict[str, int]  # incorrect sentences per label, every label listed
    unlabelled: int  # incorrect sentences without mistake:
    correct: int  # correct sentences
    gaps: dict[str, int] = field(default_factory=dict)  # gap items per kind, every kind listed
    with_family: int = 0  # terms that list other forms of their word

    @property
    def terms(self) -> int:
        return sum(count for *_, count in self.topics)

    @property
    def incorrect(self) -> int:
        return sum(self.mistakes.values()) + self.unlabelled

    def share(self, labels: Iterable[str]) -> float:
        return sum(self.mistakes[label] for label in labels) / self.incorrect if self.incorrect else 0.0

    def lines(self) -> list[str]:
        width = max((len(title) for _, title, _ in self.topics), default=0)
        out = [f"{'terms':>5}  topic"]
        out += [f"{count:>5}  {title:<{width}}  ({topic})" for topic, title, count in self.topics]
        out.append(f"{sum(count for *_, count in self.topics):>5}  in all")
        out += ["", f"usage sentences: {self.correct} correct, {self.incorrect} incorrect, by kind of mistake:"]
        for label, count in self.mistakes.items():
            out.append(f"{count:>5}  {self.share([label]):>4.0%}  {label:<13} {MISTAKES[label].gloss.en}")
        if self.unlabelled:
            out.append(f"{self.unlabelled:>5}  {self.unlabelled / self.incorrect:>4.0%}  (no mistake: label)")
        language, fact = self.share(LANGUAGE_MISTAKES), self.share(["fact"])
        out += [
            "",
            f"mistakes of English (the first six): {language:.0%}; at least {LANGUAGE_SHARE_MIN:.0%} wanted: "
            + ("yes" if language >= LANGUAGE_SHARE_MIN else "no"),
            f"mistakes of fact: {fact:.0%}; at most {FACT_SHARE_MAX:.0%} wanted: " + ("yes" if fact <= FACT_SHARE_MAX else "no"),
            "",
            f"gap items: {sum(self.gaps.values())}, by kind:",
            *(f"{count:>5}  {kind:<13} {GAP_KINDS[kind].gloss.en}" for kind, count in self.gaps.items()),
            f"terms with a word family: {self.with_family} of {self.terms}"
            + (f" ({self.with_family / self.terms:.0%})" if self.terms else ""),
        ]
        return out


def summarize(library: Library) -> ContentSummary:
    """Terms per topic and incorrect sentences per kind of mistake, in the checked files only."""
    checked = {f.resolve() for f in library.files}
    # Whether a term's file is one of them, found once per file rather than once per term.
    files = {file for file, _line in library.source_of.values()}
    in_checked = {file: file.resolve() in checked for file in files}
    topics: list[tuple[str, str, int]] = []
    mistakes = dict.fromkeys(MISTAKES, 0)
    unlabelled = correct = with_family = 0
    gaps = dict.fromkeys(GAP_KINDS, 0)
    for topic in library.topics.values():
        ids = [i for i in topic.term_ids if in_checked[library.source_of[i][0]]]
        if ids:
            topics.append((topic.id, topic.title.en, len(ids)))
        for term_id in ids:
            term = library.terms[term_id]
            with_family += bool(term.family)
            for gap in term.gaps:
                gaps[gap.kind] += 1
            for usage in term.usage:
                if usage.correct:
                    correct += 1
                elif usage.mistake in mistakes:
                    mistakes[usage.mistake] += 1
                else:
                    unlabelled += 1
    return ContentSummary(topics, mistakes, unlabelled, correct, gaps, with_family)
