"""Finding terms as the learner types (Browse, DESIGN §3): an in-memory index.

Every term is indexed under its own names (English term, abbreviation, Persian equivalent) and
its aliases (English and Persian), each folded into a key: case and hyphens, and in Persian
ی/ي, ک/ك, digits, harakat, and ZWNJ or a space or nothing between the parts of a word.

Results come best first, by the first rule a term meets with any of its keys:

0. a key is the query (spaces aside): "nps", "touchpoint" for "touch point";
1. a key holds the query as whole words: "customer journey" for "journey";
2. a word of a key starts with the query, or the key does once spaces are dropped: "journ";
3. a key holds the query anywhere (spaces aside).

Within a rule the term's own names come before its aliases, and shorter keys (closer to the
query) before longer ones, then file order: "journey" lists *customer journey* before
*customer journey map*, which is found by its own name before any term found by an alias such
as "current-state journey map".

When fewer than :data:`CLOSE_BELOW` terms match and a word of the query is not the start of
any word in any key, the query is probably misspelt: each such word is replaced by the known
words a typo or two away (rapidfuzz), and the terms of those spellings follow ("journy" finds
*customer journey*).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from itertools import accumulate, product

from cxvocab.content import Library
from cxvocab.i18n import ENGLISH, Translator
from cxvocab.persian import normalize
from cxvocab.terms import Term

CLOSE_BELOW = 5  # look for close spellings only when fewer terms than this match as typed
MAX_SPELLINGS = 3  # at most this many corrected queries are tried (each is a whole search)


def _key(text: str) -> str:
    return normalize(text.replace("-", " "))


def names(term: Term) -> tuple[list[str], list[str]]:
    """The term's own names (term, abbreviation, Persian) and its aliases, as written. The
    other forms of its word (``retain`` for retention) are found as aliases are."""
    own = [term.term, *([term.abbr] if term.abbr else []), term.fa]
    forms = [text for form in term.family or () for text in (form.form, form.fa) if text]
    return own, [*term.aliases.en, *term.aliases.fa, *forms]


@dataclass(frozen=True)
class _Entry:
    term: Term
    keys: tuple[str, ...]  # normalised names, the term's own first, each once
    own: int  # how many of ``keys`` are the term's own names


@dataclass(frozen=True)
class Found:
    """What one search found."""

    matches: list[Term]  # terms matching the query as typed, best first
    close: list[Term] = field(default_factory=list)  # then the terms of close spellings of it
    spellings: list[str] = field(default_factory=list)  # those spellings (normalised), best first

    @property
    def terms(self) -> list[Term]:
        return [*self.matches, *self.close]


# Between names in the haystacks below: a newline never survives normalisation, so no key and
# no query holds one, and no match can run from one name into the next.
_GAP = "\n"


class SearchIndex:
    """Built once per library (when Browse opens); searched at every keystroke.

    The keys are grouped by the order they rank in (own names before aliases, then by length),
    and each group is laid end to end in two haystacks (as normalised, each key between
    spaces; and squashed), so that each rule is a ``str.find`` at C speed over a group, groups
    are taken best first, and the search stops once it has enough terms.
    """

    def __init__(self, library: Library) -> None:
        self.entries: list[_Entry] = []
        for term in library.terms.values():
            own, aliases = names(term)
            own_keys = list(dict.fromkeys(_key(n) for n in own if n.strip()))
            alias_keys = [k for k in dict.fromkeys(_key(n) for n in aliases if n.strip()) if k not in own_keys]
            self.entries.append(_Entry(term, (*own_keys, *alias_keys), len(own_keys)))
        groups: dict[tuple[bool, int], list[tuple[int, str]]] = {}  # (alias, length): keys in file order
        for index, entry in enumerate(self.entries):
            for position, key in enumerate(entry.keys):
                groups.setdefault((position >= entry.own, len(key)), []).append((index, key))
        self._groups = [
            (_Haystack(rows, lambda key: f" {key} "), _Haystack(rows, lambda key: key.replace(" ", "")))
            for _, rows in sorted(groups.items())
        ]
        # Every word of every key, and every key with its spaces dropped, sorted, for close
        # spellings. Made here rather than at the first misspelling, so no keystroke waits on it.
        keys = [key for entry in self.entries for key in entry.keys]
        self._words = sorted(set(" ".join(keys).split()).union(key.replace(" ", "") for key in keys))
        # rapidfuzz is loaded when Browse opens (not when the app starts), and not at the first
        # misspelling either: loading it takes longer than a frame.
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        self._closest = partial(process.extract, choices=self._words, scorer=OSA.distance, limit=MAX_SPELLINGS)

    def search(self, query: str, limit: int = 100) -> list[Term]:
        """Terms matching ``query``, best first (see the module's rules), then the terms of its
        close spellings when few match; every term (in file order) for an empty query."""
        return self.find(query, limit).terms[: max(limit, 0)]

    def find(self, query: str, limit: int = 100) -> Found:
        """What :meth:`search` returns, with the matches and the close spellings apart."""
        matches = self.matches(query, limit)
        if len(matches) >= min(CLOSE_BELOW, limit):
            return Found(matches)
        seen = {term.id for term in matches}
        close: list[Term] = []
        spellings: list[str] = []
        for spelling in self.spellings(query):
            found = [t for t in self.matches(spelling, limit) if t.id not in seen]
            if found:
                spellings.append(spelling)
                close += found
                seen.update(t.id for t in found)
            if len(matches) + len(close) >= limit:
                break
        return Found(matches, close[: limit - len(matches)], spellings)

    def matches(self, query: str, limit: int = 100) -> list[Term]:
        """Terms matching ``query`` as typed, best first, at most ``limit``."""
        q = _key(query)
        if not q:
            return [e.term for e in self.entries[: max(limit, 0)]]
        squashed = q.replace(" ", "")
        wanted = max(limit, 0)
        found: dict[int, None] = {}  # entry positions, best first (dicts keep insertion order)
        rules: tuple[tuple[tuple[int, str], ...], ...] = (
            ((1, _GAP + squashed + _GAP),),  # the whole key (squashed haystack: 1)
            ((0, f" {q} "),),  # whole words (spaced haystack: 0)
            ((0, f" {q}"), (1, _GAP + squashed)),  # the start of a word, or of the squashed key
            ((1, squashed),),  # anywhere
        )
        for rule in rules:
            for group in self._groups:
                if len(found) >= wanted:
                    break
                if len(rule) == 1:
                    which, needle = rule[0]
                    group[which].find(needle, found, wanted)
                    continue
                hits: dict[int, None] = {}  # from both haystacks of the group, then in file order
                for which, needle in rule:
                    group[which].find(needle, hits, len(self.entries), skip=found)
                for position in sorted(hits)[: wanted - len(found)]:
                    found[position] = None
        return [self.entries[position].term for position in found]

    def spellings(self, query: str) -> list[str]:
        """Close spellings of ``query`` (normalised), fewest typos first: each word that starts
        no known word replaced by the known words within :func:`typos_allowed` of it. None when
        every word is known, or a word has no close known word."""
        words = _key(query).split()
        choices: list[list[tuple[str, int]]] = []
        for word in words:
            if self._known(word):
                choices.append([(word, 0)])
                continue
            allowed = typos_allowed(word)
            if not allowed:
                return []
            close = self._closest(word, score_cutoff=allowed)
            if not close:
                return []
            choices.append([(choice, int(distance)) for choice, distance, _ in close])
        if all(len(options) == 1 and options[0][1] == 0 for options in choices):
            return []
        combined = sorted(product(*choices), key=lambda combo: sum(d for _, d in combo))
        return [" ".join(w for w, _ in combo) for combo in combined[:MAX_SPELLINGS]]

    def _known(self, word: str) -> bool:
        """Whether ``word`` is a known word or the start of one (the learner may be typing it)."""
        at = bisect_left(self._words, word)
        return at < len(self._words) and self._words[at].startswith(word)


def typos_allowed(word: str) -> int:
    """How far a search word may be from a known word to be offered as a close spelling: not
    at all when short (three letters are too many other words a typo away), one typo up to
    seven letters, two beyond."""
    n = len(word)
    return 0 if n <= 3 else 1 if n <= 7 else 2


class _Haystack:
    """Keys of some entries in one string (each in ``form``, after :data:`_GAP`), with where
    each starts, so that a match found anywhere in it is traced back to its entry."""

    def __init__(self, parts: list[tuple[int, str]], form: Callable[[str], str]) -> None:
        self.owners = [position for position, _ in parts]  # the entry of each part
        texts = [_GAP + form(key) for _, key in parts]
        self.starts = list(accumulate(map(len, texts), initial=0))[:-1]  # where each part starts
        self.text = "".join(texts) + _GAP

    def find(self, needle: str, found: dict[int, None], wanted: int, skip: dict[int, None] | None = None) -> None:
        """Add to ``found``, in order, each entry not in it (nor in ``skip``) yet with
        ``needle`` in one of its parts, until ``found`` holds ``wanted`` entries."""
        text, starts, owners = self.text, self.starts, self.owners
        at = text.find(needle)
        while at >= 0:
            index = bisect_right(starts, at) - 1
            position = owners[index]
            if position not in found and (skip is None or position not in skip):
                found[position] = None
                if len(found) >= wanted:
                    return
            if index + 1 == len(starts):
                return
            at = text.find(needle, starts[index + 1])  # on to the next part


def known_label(progress: tuple[bool, float] | None, tr: Translator = ENGLISH) -> str:
    """How well a term is known, in a word or two: new, learning, the whole days its weakest
    card holds ("1 day", "20 days": 20.9 is not yet the 21 of mastered), mastered."""
    from cxvocab.stats import MASTERED_DAYS

    if progress is None or not progress[0]:
        return tr("new")
    stability = progress[1]
    if stability >= MASTERED_DAYS:
        return tr("mastered")
    days = int(stability)
    if days < 1:
        return tr("learning")
    return tr.n("{n} day", "{n} days", days)


# --- suggestions for a term not found (``cxvocab show``) ---------------------------------------


@dataclass(frozen=True)
class Suggestions:
    """Terms to offer for a query that names no term: those whose names contain it
    (``containing``), else the closest spellings."""

    terms: list[Term]
    containing: bool
    more: int = 0  # how many more contain it than are listed


def _starts_a_word(squashed: str, key: str) -> bool:
    """Whether ``squashed`` (a query without its spaces) occurs in ``key`` from the start of
    one of its words, the spaces of the key ignored: "customerjour" in "customer journey map",
    but not "nsp" across the words of "returns policy"."""
    joined = key.replace(" ", "")
    starts, at = set(), 0
    for word in key.split():
        starts.add(at)
        at += len(word)
    found = joined.find(squashed)
    while found != -1:
        if found in starts:
            return True
        found = joined.find(squashed, found + 1)
    return False


def suggest(library: Library, query: str, limit: int = 6) -> Suggestions:
    """The terms a learner probably meant by ``query``: every term whose English or Persian
    names (term, abbreviation, aliases, Persian) contain it, in file order; failing that, the
    closest names by spelling (a fuzzy match), best first."""
    from rapidfuzz import fuzz  # only when a lookup failed
    from rapidfuzz.distance import OSA

    q = _key(query)
    if not q:
        return Suggestions([], False)
    named: list[tuple[Term, list[tuple[str, bool]]]] = []  # (name key, is the term's own name)
    for term in library.terms.values():
        own, aliases = names(term)
        keys = [(_key(n), True) for n in own] + [(_key(n), False) for n in aliases]
        named.append((term, [(key, main) for key, main in keys if key]))
    squashed = q.replace(" ", "")
    containing = [term for term, keys in named if any(_starts_a_word(squashed, key) for key, _ in keys)]
    if containing:
        return Suggestions(containing[:limit], True, max(0, len(containing) - limit))

    words = q.split()

    def score(keys: list[tuple[str, bool]]) -> float:
        best = 0.0
        for key, main in keys:
            found = max(
                fuzz.ratio(q, key),  # the whole name: "omni chanel", omnichannel
                max(fuzz.ratio(q, word) for word in key.split()) - 2,  # one word of it: "journy"
                # each word of a query of several: "csat score", "lolyalty program"
                sum(max(fuzz.ratio(w, word) for word in key.split()) for w in words) / len(words) - 2
                if len(words) > 1
                else 0,
                # a short name one slip away (a swap counts as one): "NSP" for NPS
                85 if len(q) <= 4 and len(key) <= 4 and OSA.distance(q, key) <= 1 else 0,
            )
            best = max(best, found if main else found - 10)  # an alias counts for less
        return best

    scored = sorted(((score(keys), index) for index, (_, keys) in enumerate(named)), key=lambda s: (-s[0], s[1]))
    if not scored or scored[0][0] < 70:
        return Suggestions([], False)
    top = scored[0][0]
    close = [named[index][0] for value, index in scored if value >= max(70, top - 5)]
    return Suggestions(close[:limit], False)


def not_found(library: Library, query: str, tr: Translator = ENGLISH) -> str:
    """What ``cxvocab show`` says when ``query`` names no term: the likely terms, if any."""
    q = " ".join(query.split())
    if not q:
        example = next(iter(library.terms), "touchpoint")
        return tr("give a term to show: an id, the English term, its abbreviation or its Persian, e.g. {example}", example=example)
    found = suggest(library, q)
    labels = ", ".join(term.label for term in found.terms) + (" " + tr("and {n} more", n=found.more) if found.more else "")
    if found.containing:
        return tr("no term '{query}'; terms with '{query}': {terms}", query=q, terms=labels)
    if found.terms:
        return tr("no term '{query}'; did you mean: {terms}?", query=q, terms=labels)
    return tr("no term '{query}'; try an id, the English term, its abbreviation or its Persian, e.g. touchpoint", query=q)
