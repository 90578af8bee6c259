"""A term as the app keeps it: plain, frozen records (DESIGN §4).

What a topic file must say is checked by the pydantic models of :mod:`cxvocab.schema`, only
when a file is new or changed; the checked terms become these records, which are what the
content cache holds. Reading them back needs neither pydantic nor YAML, so start-up does not
pay for either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cxvocab.i18n import ENGLISH, N_, Translator

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

# The bounds of a term file, in one place for its rules (schema.py) and the fast reader that
# applies them by hand (quickparse.py).
TEXT_MAX, SHORT_MAX, ID_MAX = 2000, 200, 100  # characters
EXAMPLES = (1, 20)  # (fewest, most) per term
USAGES = (4, 40)
USAGES_EACH_WAY = 2  # at least this many correct, and as many incorrect, usage sentences
CONFUSABLES_MAX, COLLOCATIONS_MAX, TAGS_MAX = 20, 40, 20
FAMILY_MAX, GAPS_MAX = 12, 20  # other forms, gap items per term
GAP_WRONG = (1, 3)  # (fewest, most) wrong options of a gap item
GAP_BLANK = "___"  # where the missing word goes in a gap sentence: exactly once
GAPS_EACH = 2  # the built-in content has at least this many gap items per term
TERMS_MAX = 10_000  # per file
# Each part of speech as the interface says it (the value is what a term file says).
POS_NAMES = {"noun": N_("noun"), "verb": N_("verb"), "adjective": N_("adjective"), "adverb": N_("adverb"), "phrase": N_("phrase")}


# C0 controls but newline, DEL, and C1 controls: an escape sequence in a term file would style,
# move or retitle the terminal (Rich passes ESC through), so each is shown as its visible
# Unicode "control picture" instead (ESC as ␛): the text appears as typed and nothing runs.
_CONTROLS = {code: 0x2400 + code for code in range(0x20) if code != 0x0A} | {0x7F: 0x2421}
_CONTROLS |= {code: 0xFFFD for code in range(0x80, 0xA0)} | {0x09: 0x20}  # a tab is just a space


_ANY_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """``text`` with control characters made visible (newlines kept)."""
    # Nearly no text has one; a C-speed search spares translate()'s per-character work.
    return text.translate(_CONTROLS) if _ANY_CONTROL.search(text) else text


# Frozen, without __slots__: pickle then restores each record by filling its __dict__, the
# fastest way back from the content cache.


@dataclass(frozen=True)
class Bilingual:
    """The same text in English and Persian."""

    en: str
    fa: str


# What kind of mistake an incorrect usage sentence makes (DESIGN §4), and what the learner is
# told of it. The first six are mistakes of English itself, the ones a Persian speaker makes
# because Persian says it otherwise; ``confusion`` takes a neighbouring term for this one, and
# ``fact`` says something untrue of the term.
@dataclass(frozen=True)
class MistakeKind:
    """One label of ``mistake:``, named and explained in both languages."""

    name: Bilingual
    gloss: Bilingual  # what the label means, for a learner who has not met it

    @property
    def said(self) -> Bilingual:
        """The label and what it means, as one line in each language ("calque: a Persian ...")."""
        return Bilingual(f"{self.name.en}: {self.gloss.en}", f"{self.name.fa}: {self.gloss.fa}")


def labelled(*rows: tuple[str, str, str, str, str]) -> dict[str, MistakeKind]:
    """Labels with their names and glosses; each row (label, name en, name fa, gloss en, gloss fa)."""
    return {
        label: MistakeKind(Bilingual(name_en, name_fa), Bilingual(gloss_en, gloss_fa))
        for label, name_en, name_fa, gloss_en, gloss_fa in rows
    }


MISTAKES = labelled(
    ("calque", "calque", "گرته‌برداری", "a Persian phrase translated word for word", "ترجمه‌ی واژه‌به‌واژه‌ی یک عبارت فارسی"),
    ("collocation", "collocation", "هم‌آیی", "a word that does not go with the term in English", "واژه‌ای که در انگلیسی کنار این اصطلاح نمی‌آید"),
    ("preposition", "preposition", "حرف اضافه", "the wrong preposition", "حرف اضافه‌ی نادرست"),
    ("word-form", "word form", "شکل واژه", "the wrong form of the word (noun, verb, adjective)", "شکل نادرست واژه (اسم، فعل، صفت)"),
    ("countability", "countability", "شمارش‌پذیری", "a word counted that English does not count, or the other way round", "شمردن واژه‌ای که در انگلیسی شمرده نمی‌شود، یا برعکس"),
    ("false-friend", "false friend", "دوست دروغین", "an English word that looks like one Persian uses, but means something else", "واژه‌ای که شبیه واژه‌ای در فارسی است اما در انگلیسی معنای دیگری دارد"),
    ("confusion", "confusion", "اشتباه با اصطلاح نزدیک", "a neighbouring term taken for this one", "اصطلاحی نزدیک به‌جای این اصطلاح"),
    ("fact", "fact", "نادرستی محتوا", "something untrue of the term", "ادعایی نادرست درباره‌ی این اصطلاح"),
)
# The labels of mistakes in English itself (DESIGN §4: most incorrect sentences should be these).
LANGUAGE_MISTAKES = ("calque", "collocation", "preposition", "word-form", "countability", "false-friend")
# The balance the built-in content keeps (``cxvocab check --summary`` shows it for any files):
# at least this share of incorrect sentences are language mistakes, at most this share facts.
LANGUAGE_SHARE_MIN, FACT_SHARE_MAX = 0.40, 0.10


@dataclass(frozen=True)
class Example(Bilingual):
    """An English sentence using the term, with its Persian translation."""


@dataclass(frozen=True)
class Ipa:
    """Pronunciation in the two accents the app speaks."""

    us: str
    uk: str


@dataclass(frozen=True)
class Aliases:
    """Other forms accepted in answers and found by search."""

    en: list[str] = field(default_factory=list)
    fa: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Usage:
    """One English sentence and whether the term is used correctly in it, with the reason."""

    sentence: str
    correct: bool
    why: Bilingual
    mistake: str | None = None  # a key of MISTAKES, on an incorrect sentence

    @property
    def kind(self) -> MistakeKind | None:
        """The kind of mistake, named and explained; None on a correct or unlabelled sentence."""
        return MISTAKES.get(self.mistake) if self.mistake else None


# What a gap item drills (DESIGN §4): the word that goes with the term, the preposition after
# it, or the right form of the word. Each is named and explained as a kind of mistake is.
GAP_KINDS = labelled(
    ("collocation", "collocation", "هم‌آیی", "the word English puts with the term", "واژه‌ای که انگلیسی کنار این اصطلاح می‌آورد"),
    ("preposition", "preposition", "حرف اضافه", "the preposition English uses with the term", "حرف اضافه‌ای که انگلیسی با این اصطلاح به کار می‌برد"),
    ("form", "word form", "شکل واژه", "the form of the word the sentence needs", "شکلی از واژه که جمله به آن نیاز دارد"),
)


@dataclass(frozen=True)
class FamilyForm:
    """Another form of the term's word (``retain`` for retention), shown beside the term."""

    form: str
    pos: str
    fa: str | None = None


@dataclass(frozen=True)
class Gap:
    """A sentence with one blank (``___``) for the word that goes with the term, the word, and
    the words a Persian speaker puts there instead."""

    sentence: str
    answer: str
    wrong: list[str]
    kind: str  # a key of GAP_KINDS
    why: Bilingual

    @property
    def label(self) -> MistakeKind:
        return GAP_KINDS[self.kind]

    def filled(self, word: str | None = None) -> tuple[str, str, str]:
        """The sentence around the blank: (before, the word, after); the answer by default."""
        before, _, after = self.sentence.partition(GAP_BLANK)
        return before, self.answer if word is None else word, after


@dataclass(frozen=True)
class Term:
    """One term: the unit of learning. Progress is keyed by ``id``."""

    id: str
    term: str
    abbr: str | None
    fa: str
    aliases: Aliases
    pos: str
    ipa: Ipa
    definition: Bilingual
    examples: list[Example]
    usage: list[Usage]
    confusables: list[str] = field(default_factory=list)
    collocations: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    # None: the file does not say (a teacher's file may leave it out); []: English has none.
    family: list[FamilyForm] | None = None
    gaps: list[Gap] = field(default_factory=list)

    @property
    def forms(self) -> str:
        """The other forms of its word on one line: "retain (verb), retained (adjective)"."""
        return self.forms_in(ENGLISH)

    def forms_in(self, tr: Translator) -> str:
        """:attr:`forms` with each part of speech in ``tr``'s language, in logical order."""
        comma = "، " if tr.rtl else ", "
        return comma.join(f"{form.form} ({tr(POS_NAMES.get(form.pos, form.pos))})" for form in self.family or ())

    @property
    def label(self) -> str:
        """The term as shown on a card: ``Net Promoter Score (NPS)``."""
        return f"{self.term} ({self.abbr})" if self.abbr else self.term
