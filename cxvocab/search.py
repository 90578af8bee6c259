"""Finding terms as the learner types (Browse, DESIGN §3): an in-memory index.

Every term is indexed under its English term, abbreviation and English aliases (case and
hyphens folded) and under its Persian equivalent and Persian aliases (normalised: ی/ي, ک/ك,
digits, harakat, and ZWNJ or a space or nothing between the parts of a word all match).
Results come best first: an exact name, then a name that starts with the query, then a word
that does, then the query anywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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


class SearchIndex:
    """Built once per library (milliseconds for thousands of terms); searched per keystroke."""

    def __init__(self, library: Library) -> None:
        self.entries: list[_Entry] = []
        for term in library.terms.values():
            names = [term.term, *([term.abbr] if term.abbr else []), *term.aliases.en, term.fa, *term.aliases.fa]
            keys = tuple(dict.fromkeys(_key(n) for n in names if n.strip()))
            self.entries.append(_Entry(term, keys, tuple(k.replace(" ", "") for k in keys)))

    def search(self, query: str, limit: int = 100) -> list[Term]:
        """Terms matching ``query``, best first; every term (in file order) for an empty query."""
        q = _key(query)
        if not q:
            return [e.term for e in self.entries[:limit]]
        squashed = q.replace(" ", "")
        word_start = re.compile(r"(?:^|\s)" + re.escape(q))
        ranked: list[tuple[int, int, Term]] = []
        for position, entry in enumerate(self.entries):
            rank = 9
            for key, flat in zip(entry.keys, entry.squashed, strict=True):
                if key == q or flat == squashed:
                    rank = 0
                    break
                if key.startswith(q) or flat.startswith(squashed):
                    rank = min(rank, 1)
                elif word_start.search(key):
                    rank = min(rank, 2)
                elif q in key or squashed in flat:
                    rank = min(rank, 3)
            if rank < 9:
                ranked.append((rank, position, entry.term))
        ranked.sort(key=lambda r: (r[0], r[1]))
        return [term for _, _, term in ranked[:limit]]


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
