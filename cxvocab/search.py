"""Finding terms as the learner types (Browse, DESIGN §3): an in-memory index.

Every term is indexed under its English term, abbreviation and English aliases (case and
hyphens folded) and under its Persian equivalent and Persian aliases (normalised: ی/ي, ک/ك,
digits, harakat, and ZWNJ or a space or nothing between the parts of a word all match).
Results come best first: an exact name, then a name that starts with the query, then a word
that does, then the query anywhere.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from cxvocab.content import Library
from cxvocab.persian import normalize
from cxvocab.terms import Term


def _key(text: str) -> str:
    return normalize(text.replace("-", " "))


@dataclass(frozen=True)
class _Entry:
    term: Term
    keys: tuple[str, ...]  # normalised names
    squashed: tuple[str, ...]  # the same without spaces: «نقطه‌تماس» finds «نقطه تماس»


# Between names in the haystacks below: a newline never survives normalisation, so no key and
# no query holds one, and no match can run from one name into the next.
_GAP = "\n"


class SearchIndex:
    """Built once per library (milliseconds for thousands of terms); searched per keystroke.

    Every key is also laid end to end in two haystacks (as normalised, and squashed), each name
    after a newline, so one ``str.find`` scans all the terms at C speed and only terms that
    match are looked at in Python.
    """

    def __init__(self, library: Library) -> None:
        self.entries: list[_Entry] = []
        for term in library.terms.values():
            names = [term.term, *([term.abbr] if term.abbr else []), *term.aliases.en, term.fa, *term.aliases.fa]
            keys = tuple(dict.fromkeys(_key(n) for n in names if n.strip()))
            self.entries.append(_Entry(term, keys, tuple(k.replace(" ", "") for k in keys)))
        self._keys = _Haystack([e.keys for e in self.entries])
        self._flat = _Haystack([e.squashed for e in self.entries])

    def search(self, query: str, limit: int = 100) -> list[Term]:
        """Terms matching ``query``, best first; every term (in file order) for an empty query.

        Best first: a name that is the query (spaces aside), then a name that starts with it,
        then a word that does, then the query anywhere; in file order within each rank. Ranks
        are filled in that order and the search stops once ``limit`` terms are found.
        """
        q = _key(query)
        if not q:
            return [e.term for e in self.entries[:limit]]
        squashed = q.replace(" ", "")
        wanted = limit if limit >= 0 else len(self.entries)
        found: dict[int, None] = {}  # entry positions, best first (dicts keep insertion order)
        for haystack, needle in (
            (self._flat, _GAP + squashed + _GAP),  # a whole name
            (self._flat, _GAP + squashed),  # the start of a name
            (self._keys, " " + q),  # the start of a word inside a name
            (self._flat, squashed),  # anywhere
        ):
            if len(found) >= wanted:
                break
            haystack.find(needle, found, wanted)
        return [self.entries[position].term for position in found][:limit]


class _Haystack:
    """The keys of every entry in one string, each after :data:`_GAP`, with where each entry
    starts, so that a match found anywhere in it is traced back to its entry."""

    def __init__(self, keys: list[tuple[str, ...]]) -> None:
        self.owners = [position for position, entry_keys in enumerate(keys) if entry_keys]  # entries with keys
        parts = [_GAP + _GAP.join(keys[position]) for position in self.owners]
        self.starts = list(accumulate(map(len, parts), initial=0))[:-1]  # where each owner's part starts
        self.text = "".join(parts) + _GAP

    def find(self, needle: str, found: dict[int, None], wanted: int) -> None:
        """Add to ``found``, in order, each entry not in it yet with ``needle`` in its part of
        the text, until ``found`` holds ``wanted`` entries."""
        text, starts, owners = self.text, self.starts, self.owners
        at = text.find(needle)
        while at >= 0:
            index = bisect_right(starts, at) - 1
            position = owners[index]
            if position not in found:
                found[position] = None
                if len(found) >= wanted:
                    return
            if index + 1 == len(starts):
                return
            at = text.find(needle, starts[index + 1])  # on to the next entry


def known_label(progress: tuple[bool, float] | None) -> str:
    """How well a term is known, in a word: new, learning, the days it holds, mastered."""
    from cxvocab.stats import MASTERED_DAYS

    if progress is None or not progress[0]:
        return "new"
    stability = progress[1]
    if stability >= MASTERED_DAYS:
        return "mastered"
    if stability < 1:
        return "learning"
    return f"{stability:.0f} days"


# --- suggestions for a term not found (``cxvocab show``) ---------------------------------------


@dataclass(frozen=True)
class Suggestions:
    """Terms to offer for a query that names no term: those whose names contain it
    (``containing``), else the closest spellings."""

    terms: list[Term]
    containing: bool
    more: int = 0  # how many more contain it than are listed


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
        own = [term.term, *([term.abbr] if term.abbr else []), term.fa]
        names = [(_key(n), True) for n in own] + [(_key(n), False) for n in (*term.aliases.en, *term.aliases.fa)]
        named.append((term, [(key, main) for key, main in names if key]))
    squashed = q.replace(" ", "")
    containing = [term for term, names in named if any(squashed in key.replace(" ", "") for key, _ in names)]
    if containing:
        return Suggestions(containing[:limit], True, max(0, len(containing) - limit))

    words = q.split()

    def score(names: list[tuple[str, bool]]) -> float:
        best = 0.0
        for key, main in names:
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

    scored = sorted(((score(names), index) for index, (_, names) in enumerate(named)), key=lambda s: (-s[0], s[1]))
    if not scored or scored[0][0] < 70:
        return Suggestions([], False)
    top = scored[0][0]
    close = [named[index][0] for value, index in scored if value >= max(70, top - 5)]
    return Suggestions(close[:limit], False)


def not_found(library: Library, query: str) -> str:
    """What ``cxvocab show`` says when ``query`` names no term: the likely terms, if any."""
    q = " ".join(query.split())
    if not q:
        example = next(iter(library.terms), "touchpoint")
        return f"give a term to show: an id, the English term, its abbreviation or its Persian, e.g. {example}"
    found = suggest(library, q)
    labels = ", ".join(term.label for term in found.terms) + (f" and {found.more} more" if found.more else "")
    if found.containing:
        return f"no term {q!r}; terms with {q!r}: {labels}"
    if found.terms:
        return f"no term {q!r}; did you mean: {labels}?"
    return f"no term {q!r}; try an id, the English term, its abbreviation or its Persian, e.g. touchpoint"
