"""Browse search: the index that scans every name at once against the plain rule it stands
for, on the built-in terms and on random queries."""

from __future__ import annotations

import random
import re

import pytest

from cxvocab.content import Library, load_library
from cxvocab.paths import builtin_content_dir
from cxvocab.persian import normalize
from cxvocab.search import SearchIndex
from cxvocab.terms import Term


def _key(text: str) -> str:
    return normalize(text.replace("-", " "))


def plain_search(library: Library, query: str) -> list[Term]:
    """The rule, term by term: an exact name, then a name that starts with the query, then a
    word that does, then the query anywhere (spaces aside), file order within each rank."""
    q = _key(query)
    if not q:
        return list(library.terms.values())
    squashed = q.replace(" ", "")
    word_start = re.compile(r"(?:^|\s)" + re.escape(q))
    ranked = []
    for position, (term, keys) in enumerate(_keys(library)):
        rank = 9
        for key in keys:
            flat = key.replace(" ", "")
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
            ranked.append((rank, position, term))
    ranked.sort(key=lambda r: (r[0], r[1]))
    return [term for _, _, term in ranked]


def _keys(library: Library) -> list[tuple[Term, list[str]]]:
    if "test-keys" not in library.derived:
        library.derived["test-keys"] = [(t, [_key(n) for n in names(t) if n.strip()]) for t in library.terms.values()]
    return library.derived["test-keys"]


def names(term: Term) -> list[str]:
    return [term.term, *([term.abbr] if term.abbr else []), *term.aliases.en, term.fa, *term.aliases.fa]


@pytest.fixture(scope="module")
def builtin() -> Library:
    return load_library([builtin_content_dir()])


def ids(terms: list[Term]) -> list[str]:
    return [t.id for t in terms]


def test_best_first(library):
    index = SearchIndex(library)
    assert ids(index.search("nps")) == ["net-promoter-score"]
    assert ids(index.search("touch"))[:1] == ["touchpoint"]
    assert ids(index.search("نقطه‌تماس"))[:1] == ["touchpoint"]
    assert ids(index.search("")) == list(library.terms)
    assert index.search("zzz") == []


# "customere": the start of "customer effort score" once spaces are squashed, and inside other
# names as it is: the start of a name is found among the squashed names.
QUERIES = [
    "touch",
    "nps",
    "NPS",
    "نقطه تماس",
    "نقطه‌تماس",
    "نقطه",
    "customer journey",
    "journey",
    "c",
    "e",
    "a",
    "r c",
    "score",
    "-",
    "  ",
    "",
    "xyz",
    "ی",
    "می",
    "customer-effort",
    "Net Promoter",
    "customere",
]


def test_same_terms_in_the_same_order_as_the_plain_rule(builtin):
    index = SearchIndex(builtin)
    rng = random.Random(7)
    queries = list(QUERIES)
    for term in builtin.terms.values():  # every whole name, and its start, with and without spaces
        for name in names(term):
            cut = name[: rng.randrange(len(name)) + 1]
            queries += [name, name.replace(" ", ""), cut, cut.replace(" ", "")]
    for _ in range(300):  # and pieces of them
        name = rng.choice(names(rng.choice(list(builtin.terms.values()))))
        start = rng.randrange(len(name))
        queries.append(name[start : rng.randrange(start, len(name)) + 1])
    for query in queries:
        expected = ids(plain_search(builtin, query))
        for limit in (100, 5, 1, 0, 1000):
            assert ids(index.search(query, limit)) == expected[:limit], (query, limit)
