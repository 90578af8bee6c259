"""Browse search: the index that scans every name at once against the plain rule it stands
for, on the built-in terms and on random queries."""

from __future__ import annotations

import random

import pytest

from cxvocab.content import Library, load_library
from cxvocab.paths import builtin_content_dir
from cxvocab.persian import normalize
from cxvocab.search import CLOSE_BELOW, SearchIndex, known_label, names, typos_allowed
from cxvocab.terms import Term


def _key(text: str) -> str:
    return normalize(text.replace("-", " "))


def plain_search(library: Library, query: str) -> list[Term]:
    """The rule, term by term: the best (rule, alias or own name, key length) over the term's
    keys, where the rules are 0 a whole key, 1 whole words, 2 the start of a word (or of the
    key once spaces are dropped), 3 anywhere (spaces aside); file order among equals."""
    q = _key(query)
    if not q:
        return list(library.terms.values())
    squashed = q.replace(" ", "")
    ranked = []
    for position, (term, keys) in enumerate(_keys(library)):
        best = None
        for alias, key in keys:
            flat = key.replace(" ", "")
            if flat == squashed:
                rule = 0
            elif f" {q} " in f" {key} ":
                rule = 1
            elif f" {q}" in f" {key}" or flat.startswith(squashed):
                rule = 2
            elif squashed in flat:
                rule = 3
            else:
                continue
            rank = (rule, alias, len(key))
            best = rank if best is None else min(best, rank)
        if best is not None:
            ranked.append((best, position, term))
    ranked.sort(key=lambda r: (r[0], r[1]))
    return [term for _, _, term in ranked]


# This test module's own keys, by library (kept alive with them, so an id is never reused).
_KEYS: dict[int, tuple[Library, list[tuple[Term, list[tuple[bool, str]]]]]] = {}


def _keys(library: Library) -> list[tuple[Term, list[tuple[bool, str]]]]:
    if id(library) not in _KEYS:
        _KEYS[id(library)] = library, [
            (t, [(False, _key(n)) for n in own if n.strip()] + [(True, _key(n)) for n in aliases if n.strip()])
            for t in library.terms.values()
            for own, aliases in [names(t)]
        ]
    return _KEYS[id(library)][1]


def every_name(term: Term) -> list[str]:
    own, aliases = names(term)
    return [*own, *aliases]


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
        for name in every_name(term):
            cut = name[: rng.randrange(len(name)) + 1]
            queries += [name, name.replace(" ", ""), cut, cut.replace(" ", "")]
    for _ in range(300):  # and pieces of them
        name = rng.choice(every_name(rng.choice(list(builtin.terms.values()))))
        start = rng.randrange(len(name))
        queries.append(name[start : rng.randrange(start, len(name)) + 1])
    # A fixed sample of them: the plain rule reads every term for each query, so all of them
    # would cost the suite seconds for every new topic file, and find nothing more.
    for query in [*QUERIES, *rng.sample(queries[len(QUERIES) :], 900)]:
        expected = ids(plain_search(builtin, query))
        for limit in (100, 5, 1, 0, 1000):
            assert ids(index.matches(query, limit)) == expected[:limit], (query, limit)


# The built-in terms a learner would expect first for each query, in that order (then more).
RANKED = [
    # A whole word of a term's own name beats an alias that starts with it ("journey map"), and
    # the shorter name comes first; terms found only by an alias come after.
    ("journey", ["customer-journey", "journey-analytics", "customer-journey-map", "current-state-map", "future-state-map"]),
    ("journ", ["customer-journey", "journey-analytics", "customer-journey-map", "current-state-map", "future-state-map"]),
    ("customer journey", ["customer-journey", "customer-journey-map"]),
    ("NPS", ["net-promoter-score", "relational-nps", "transactional-nps"]),
    ("nps", ["net-promoter-score", "relational-nps", "transactional-nps"]),
    ("score", ["net-promoter-score", "customer-effort-score", "customer-health-score", "customer-satisfaction-score"]),
    ("pain", ["pain-point"]),
    ("pain point", ["pain-point"]),
    ("touch point", ["touchpoint"]),
    ("persona", ["customer-persona", "personalization"]),  # an alias that is the whole query
    ("مشتری", ["customer-journey", "customer-retention", "customer-acquisition", "voice-of-the-customer"]),
    ("نقطه", ["pain-point", "touchpoint"]),
    ("رضایت", ["customer-satisfaction", "customer-satisfaction-score"]),
    # customer journey map has "map" (the verb) in its word family: a whole name, so it comes first.
    ("map", ["customer-journey-map", "empathy-map", "future-state-map", "current-state-map", "day-in-the-life-map", "heatmap"]),
]


@pytest.mark.parametrize(("query", "first"), RANKED)
def test_the_closest_names_come_first(builtin, query, first):
    assert ids(SearchIndex(builtin).search(query))[: len(first)] == first


@pytest.mark.parametrize(
    ("query", "spellings", "first"),
    [
        ("journy", ["journey"], ["customer-journey", "journey-analytics", "customer-journey-map"]),
        ("JOURNY", ["journey"], ["customer-journey", "journey-analytics", "customer-journey-map"]),
        ("custmer jorney", ["customer journey"], ["customer-journey", "customer-journey-map"]),
        ("customerjourny", ["customerjourney"], ["customer-journey", "customer-journey-map"]),
        ("touchpiont", ["touchpoint"], ["touchpoint"]),
        ("persnoa", ["persona"], ["customer-persona", "personalization"]),  # a swap is one typo
        ("مشتریی", ["مشتری"], ["customer-journey"]),
    ],
)
def test_a_misspelt_query_finds_the_terms_of_its_close_spellings(builtin, query, spellings, first):
    found = SearchIndex(builtin).find(query)
    assert found.matches == []
    assert found.spellings == spellings
    assert ids(found.close)[: len(first)] == first
    assert SearchIndex(builtin).search(query) == found.close


@pytest.mark.parametrize("query", ["xyz", "qqqqqqqq", "nps", "journey", "jour", "zzz journey"])
def test_no_close_spellings_for_known_words_or_nothing_near(builtin, query):
    found = SearchIndex(builtin).find(query)
    assert found.close == [] and found.spellings == []


def test_close_spellings_only_when_few_terms_match(builtin):
    index = SearchIndex(builtin)
    # "promter" is inside no name; "promoter" is a typo away.
    assert ids(index.find("promter").close)[:2] == ["promoter", "net-promoter-score"]
    assert len(index.find("customer").matches) >= CLOSE_BELOW
    assert index.find("customer").close == []
    assert len(index.search("journy", limit=2)) == 2


@pytest.mark.parametrize(("word", "allowed"), [("nps", 0), ("ces", 0), ("pain", 1), ("journey", 1), ("customer", 2)])
def test_typos_allowed_grow_with_the_word(word, allowed):
    assert typos_allowed(word) == allowed


@pytest.mark.parametrize(
    ("progress", "label"),
    [
        (None, "new"),
        ((False, 0.0), "new"),
        ((True, 0.4), "learning"),
        ((True, 1.0), "1 day"),
        ((True, 1.9), "1 day"),
        ((True, 2.0), "2 days"),
        ((True, 20.9), "20 days"),
        ((True, 21.0), "mastered"),
        ((True, 300.0), "mastered"),
    ],
)
def test_known_label(progress, label):
    assert known_label(progress) == label
