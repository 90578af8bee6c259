"""One question per card kind, and the grading of answers into fsrs ratings (DESIGN §4b).

- ``recall``: the learner types the English term for the Persian; :func:`grade_typed`.
- ``usage``: one sentence, "is the term used correctly?"; :func:`grade_usage`.
- ``choice``: a definition or a sentence with the term blanked out, and four terms;
  :func:`grade_choice`.

App-graded answers map to ratings honestly: right is Good, right with a small typo is Hard,
wrong is Again (never Hard). Every function is pure; randomness comes in as a ``Random``.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Collection
from dataclasses import dataclass
from random import Random

from cxvocab.content import Library
from cxvocab.i18n import Msg
from cxvocab.persian import normalize
from cxvocab.rating import Rating
from cxvocab.terms import Gap, MistakeKind, Term, Usage

AGAIN, HARD, GOOD = Rating.AGAIN, Rating.HARD, Rating.GOOD
BLANK = "_____"


@dataclass(frozen=True)
class Grade:
    """The verdict on one answer."""

    rating: int
    correct: bool
    verdict: str  # one short line, a Msg (English, and said again in the interface's language)
    expected: str = ""  # the answer to show (spelling, the right option)
    explanation: str = ""  # why, when there is more to say: English content, in a Msg when worded here
    diff: tuple[tuple[str, str], ...] = ()  # typed vs expected: ("same"|"wrong"|"missing", text)
    named: tuple[Term, ...] = ()  # the right term(s) when the mistake was a confusion
    mistake: MistakeKind | None = None  # what kind of mistake an incorrect usage sentence makes


# --- finding a term in a sentence (shared with the author checks in lint.py) ----------------


def names(term: Term) -> list[str]:
    """Every English way of writing the term: the term, its abbreviation, its English aliases."""
    return [term.term, *([term.abbr] if term.abbr else []), *term.aliases.en]


def _plain(text: str) -> str:
    # Same length as the text, so match positions are positions in the sentence.
    return text.lower().replace("’", "'").replace("-", " ")


@functools.lru_cache(maxsize=8192)  # a term's names are looked for in each of its sentences
def _name_pattern(name: str, is_abbr: bool) -> re.Pattern[str]:
    words = _plain(name).split()
    if is_abbr:  # NPS, NPSs, NPS's; never CS inside CSAT
        return re.compile(r"\b" + r"\s+".join(re.escape(w) for w in words) + r"(?:'?s)?\b")
    # A word may be inflected: "journey" matches journeys, "purchase" purchased, "empathy" empathetic.
    stems = [w[:-1] if len(w) > 4 and w[-1] in "ey" else w for w in words]
    return re.compile(r"\b" + r"\s+".join(re.escape(s) + r"[a-z']*" for s in stems))


def term_spans(sentence: str, term: Term) -> list[tuple[int, int]]:
    """Where the term stands in the sentence (any of its names, inflected), as (start, end)."""
    text = _plain(sentence)
    spans: list[tuple[int, int]] = []
    for name in names(term):
        for match in _name_pattern(name, is_abbr=name == term.abbr).finditer(text):
            span = match.span()
            if not any(s < span[1] and span[0] < e for s, e in spans):
                spans.append(span)
    return sorted(spans)


def mentions(sentence: str, term: Term) -> bool:
    """Whether the sentence uses the term."""
    return bool(term_spans(sentence, term))


def blank_out(sentence: str, term: Term, *, keep: Collection[str] | None = None) -> str:
    """The sentence with every mention of the term replaced by a blank. With ``keep``, the
    words of the term's names that are not in ``keep`` are blanked on their own too
    (:func:`giveaway_spans`)."""
    spans = term_spans(sentence, term) if keep is None else giveaway_spans(sentence, term, keep)
    out, last = "", 0
    for start, end in spans:
        out += sentence[last:start] + BLANK
        last = end
    return out + sentence[last:]


def _word_pattern(word: str) -> re.Pattern[str]:
    """One word and its plain inflections (expectations, served, serving, companies), and no
    longer word that merely starts with it ("end" is not "endless")."""
    forms = {word, word + "s", word + "es", word + "ed", word + "d", word + "ing"}
    if word.endswith("e"):
        forms.add(word[:-1] + "ing")
    if word.endswith("y") and len(word) > 3:
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})(?:'s|')?(?![a-z0-9])")


# Words that give nothing away: a term's name may hold them and a prompt may still say them.
_FUNCTION_WORDS = frozenset("a an the of to and or in on for with by at from per vs".split())


def name_words(term: Term) -> set[str]:
    """The words of a term's English names, lower-cased, function words left out."""
    return {w for name in names(term) for w in _plain(name).split() if w not in _FUNCTION_WORDS}


def giveaway_spans(text: str, term: Term, keep: Collection[str] = ()) -> list[tuple[int, int]]:
    """Where ``text`` shows the answer: any name of the term (:func:`term_spans`) and, on
    their own, the words of its names that are not in ``keep`` (inflected, like names).

    A definition that says "Expectations keep rising" gives *customer expectations* away in a
    choice between four customer terms, and a Persian definition that says "CRM" gives a
    recall card away; ``keep`` holds the words every option shares ("customer"), which give
    nothing away."""
    spans = term_spans(text, term)
    plain = _plain(text)
    for word in sorted(name_words(term) - set(keep)):
        for match in _word_pattern(word).finditer(plain):
            span = match.span()
            if not any(s < span[1] and span[0] < e for s, e in spans):
                spans.append(span)
    return sorted(spans)


# --- typed answers (recall, listening) -----------------------------------------------------

# British spellings folded to American ones, word by word, so that either is right.
_SPELLINGS = [
    (re.compile(r"isation"), "ization"),
    (re.compile(r"ise(s|d)?\b"), r"ize\1"),
    (re.compile(r"ising\b"), "izing"),
    (re.compile(r"yse(s|d)?\b"), r"yze\1"),
    (re.compile(r"\bcentre"), "center"),
    (re.compile(r"\bprogramme"), "program"),
    (re.compile(r"\bcatalogue"), "catalog"),
    (re.compile(r"(behavi|fav|col|hon|lab)our"), r"\1or"),
]


# Whether any of _SPELLINGS can apply: one search instead of eight substitutions.
_SPELLING_HINT = re.compile(r"is(?:ation|e|ing)|yse|centre|programme|catalogue|our")
_PUNCTUATION = re.compile(r"[-_/.,;:!?\"'()]+")
_LEADING_WORD = re.compile(r"^(?:the|a|an|to)\s+")


def answer_key(text: str) -> str:
    """What two answers must share to be the same: no case, hyphens, spaces, articles or
    British/American differences; Persian letters and digits normalised."""
    text = normalize(text)
    text = _PUNCTUATION.sub(" ", text)
    text = _LEADING_WORD.sub("", text.strip())
    if _SPELLING_HINT.search(text):
        for pattern, replacement in _SPELLINGS:
            text = pattern.sub(replacement, text)
    return text.replace(" ", "")


def typos_allowed(expected: str) -> int:
    """No typo in a short word or an abbreviation (CES and CSE are different things), one in
    an ordinary term, two in a long one."""
    n = len(answer_key(expected))
    return 0 if n <= 4 else 1 if n <= 10 else 2


def grade_typed(typed: str, term: Term, keys: AnswerKeys | None = None) -> Grade:
    """Grade a typed English term. Exact (after :func:`answer_key`) is Good; within
    :func:`typos_allowed` is Hard with the spelling shown; anything else is Again."""
    from rapidfuzz.distance import OSA  # imported on first use: start-up stays light

    key = answer_key(typed)
    if not key:
        return Grade(AGAIN, False, Msg("No answer."), term.label, diff=diff(typed, term.term))
    accepted = names(term)
    if any(answer_key(name) == key for name in accepted):
        return Grade(GOOD, True, Msg("Right."), term.label)
    if keys is not None:
        # Another term's exact name is a confusion, never a typo, however close it looks.
        other = keys.named(key, term.id)
        if other is not None:
            return Grade(
                AGAIN, False, Msg("That is {term}.", term=other.label), term.label,
                explanation=f"{other.label}: {other.definition.en}", diff=diff(typed, term.term),
            )
    best, distance = min(
        ((name, OSA.distance(key, answer_key(name))) for name in accepted if typos_allowed(name)),
        key=lambda pair: pair[1],
        default=(term.term, 99),
    )
    if distance <= typos_allowed(best):
        verdict = Msg.n("Almost: one typo.", "Almost: {n} typos.", distance)
        return Grade(HARD, True, verdict, best, diff=diff(typed, best))
    return Grade(AGAIN, False, Msg("Not quite."), term.label, diff=diff(typed, term.term))


class AnswerKeys:
    """Every name's answer key -> the terms with that name, for one library: how a typed
    answer that is another term's name is told from a typo. Worked out once per session (too
    slow for a key press, with thousands of terms): the study screen has it made in a thread
    while the first typed answer is being typed, and hands the result to its session."""

    def __init__(self, library: Library) -> None:
        self._terms = library.terms
        self._index: dict[str, list[str]] = {}
        for term_id, other in library.terms.items():
            for name in names(other):
                self._index.setdefault(answer_key(name), []).append(term_id)

    def named(self, key: str, besides: str) -> Term | None:
        """The term (other than ``besides``) one of whose names has answer key ``key``."""
        found = next((t for t in self._index.get(key, ()) if t != besides), None)
        return self._terms[found] if found else None


def diff(typed: str, expected: str) -> tuple[tuple[str, str], ...]:
    """What to show under a wrong answer: the expected spelling, its letters marked ``same``
    where the learner had them, ``missing`` where not, and ``wrong`` for letters typed extra."""
    a, b = typed.strip(), expected
    out: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, a.lower(), b.lower(), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append(("same", b[j1:j2]))
        else:
            if i2 > i1:
                out.append(("wrong", a[i1:i2]))
            if j2 > j1:
                out.append(("missing", b[j1:j2]))
    return tuple(out)


def recall_prompt(term: Term) -> tuple[str, str]:
    """What a recall card shows: the Persian equivalent and definition, with anything the
    learner is asked to type (a name, the abbreviation, an alias, a word of one) blanked."""
    return blank_out(term.fa, term, keep=()), blank_out(term.definition.fa, term, keep=())


# --- usage ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class UsageQuestion:
    """Is this sentence, about the term, correct English? (The card does not say which term: a
    calque stands *instead of* it, so naming the term would give the answer away.)"""

    term: Term
    usage: Usage
    spans: tuple[tuple[int, int], ...]
    named: tuple[Term, ...] = ()  # the terms the explanation names (for a confusion)


def usage_question(term: Term, library: Library, rng: Random) -> UsageQuestion:
    usage = rng.choice(term.usage)
    named = tuple(t for t in library.confusables(term) if any(_said(n, usage.why.en) for n in names(t)))
    return UsageQuestion(term, usage, tuple(term_spans(usage.sentence, term)), named if not usage.correct else ())


def _said(name: str, text: str) -> bool:
    return re.search(r"\b" + re.escape(name.lower()) + r"\b", text.lower()) is not None


def grade_usage(question: UsageQuestion, says_correct: bool) -> Grade:
    """Right is Good, wrong is Again. The explanation is the sentence's own ``why``, and an
    incorrect sentence names its kind of mistake whichever way the learner answered."""
    right = says_correct == question.usage.correct
    if question.usage.correct:
        verdict = Msg("Right: the sentence is correct.") if right else Msg("Not quite: the sentence is correct.")
    else:
        verdict = Msg("Right: the sentence has a mistake.") if right else Msg("Not quite: the sentence has a mistake.")
    return Grade(
        GOOD if right else AGAIN,
        right,
        verdict,
        explanation=question.usage.why.en,
        named=question.named,
        mistake=question.usage.kind,
    )


# --- choice --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChoiceQuestion:
    """Which term fits? ``prompt`` is a definition or a sentence with the term blanked out."""

    term: Term
    prompt: str
    prompt_kind: str  # "definition" or "sentence"
    options: tuple[Term, ...]
    answer: int  # index into options


def distractors(term: Term, library: Library, count: int, rng: Random) -> list[Term]:
    """Wrong options: the term's confusables first, then terms of its topic, then any others;
    never a term whose name contains the answer's, or is contained in it."""
    chosen: list[Term] = []
    taken = {term.id}
    key = answer_key(term.term)

    def fair(other: Term) -> bool:
        # "customer satisfaction" would also fill the blank of "customer satisfaction score".
        other_key = answer_key(other.term)
        return other.id not in taken and other_key not in key and key not in other_key

    def take(pool: list[Term]) -> None:
        candidates = [t for t in pool if fair(t)]
        rng.shuffle(candidates)
        for other in candidates[: count - len(chosen)]:
            chosen.append(other)
            taken.add(other.id)

    take(library.confusables(term))
    group = library.topics.get(library.topic_of.get(term.id, ""))
    if len(chosen) < count and group is not None:
        take([library.terms[i] for i in group.term_ids])
    if len(chosen) < count:
        # Any other term. With thousands loaded, a few are drawn at random and checked,
        # rather than every one (an answer's next card is drawn within 16 ms, DESIGN §7).
        every = list(library.terms.values())
        draws = [every[rng.randrange(len(every))] for _ in range(8 * count)] if len(every) > 200 else every
        take(list({t.id: t for t in draws}.values()))
    if len(chosen) < count:
        take(list(library.terms.values()))
    return chosen


def choice_question(term: Term, library: Library, rng: Random, options: int = 4) -> ChoiceQuestion:
    """A definition or a correct usage sentence with the term (and any word of it that only
    the answer has) blanked, and ``options`` terms to choose from."""
    sentences = [u.sentence for u in term.usage if u.correct and term_spans(u.sentence, term)]
    use_sentence = bool(sentences) and rng.random() < 0.5
    text = rng.choice(sentences) if use_sentence else term.definition.en
    terms = [term, *distractors(term, library, options - 1, rng)]
    rng.shuffle(terms)
    # A word of the answer's name that no other option has would point at it: blanked too.
    shared = set().union(*(name_words(t) for t in terms if t.id != term.id))
    prompt = blank_out(text, term, keep=shared)
    return ChoiceQuestion(term, prompt, "sentence" if use_sentence else "definition", tuple(terms), terms.index(term))


@dataclass(frozen=True)
class GapQuestion:
    """Which word goes in the blank? The gap item's answer and its wrong words, shuffled."""

    term: Term
    gap: Gap
    options: tuple[str, ...]
    answer: int  # index into options


def gap_question(term: Term, rng: Random) -> GapQuestion | None:
    """One of the term's gap items, its options in a random order (None: it has none)."""
    if not term.gaps:
        return None
    gap = rng.choice(term.gaps)
    options = [gap.answer, *gap.wrong]
    rng.shuffle(options)
    return GapQuestion(term, gap, tuple(options), options.index(gap.answer))


def grade_gap(question: GapQuestion, picked: int) -> Grade:
    """Right is Good, wrong is Again. The verdict names the word English uses; the why says
    what is wrong with the others, the one picked among them."""
    gap = question.gap
    if picked == question.answer:
        return Grade(GOOD, True, Msg("Right."), gap.answer, explanation=gap.why.en)
    chosen = question.options[picked]
    return Grade(
        AGAIN, False, Msg("Not quite: English says '{answer}', not '{chosen}'.", answer=gap.answer, chosen=chosen), gap.answer,
        explanation=gap.why.en, mistake=gap.label,
    )


def grade_choice(question: ChoiceQuestion, picked: int) -> Grade:
    """Right is Good, wrong is Again; a wrong pick is told what the chosen term means."""
    right_term = question.term
    if picked == question.answer:
        return Grade(GOOD, True, Msg("Right."), right_term.label)
    chosen = question.options[picked]
    return Grade(
        AGAIN,
        False,
        Msg("Not quite: the answer is {term}.", term=right_term.label),
        right_term.label,
        explanation=Msg("{term} is something else: {definition}", term=chosen.label, definition=chosen.definition.en),
        named=(right_term,),
    )
