"""A fast path for reading a term file that is completely valid (DESIGN §7: 5,000 terms in
under a second, cold).

The reference reader (:func:`cxvocab.content.parse_file`: PyYAML's safe loader, then the
pydantic models of :mod:`cxvocab.schema`) is exact about every problem and its line, and it
is the slowest part of a cold start. Most files have no problem at all, so this module first tries a
cheaper way that can only say "valid, and here are the terms" or "not sure":

- YAML is parsed by ``yaml-rs`` (Rust), several times faster than libyaml through PyYAML.
  It reads YAML 1.2 and PyYAML reads YAML 1.1, so a file is left to the reference reader
  whenever the two could disagree: tags, anchors, merge keys, directives or more than one
  document, backslash escapes other than an escaped quote or backslash, characters PyYAML
  refuses, and any string that PyYAML would have read as something else had it been
  unquoted (``yes``, ``on``, ``1:20``, a date...).
- The terms are checked by hand against exactly the rules of :mod:`cxvocab.schema`, and only
  the happy path is handled: anything the checks do not accept outright (a missing field, a
  wrong type, an over-long text, padding around a value) sends the whole file to the
  reference reader, which then names the problem with its line. So does a placeholder of
  ``cxvocab new`` left in a term (:mod:`cxvocab.placeholders`: the same rule, the same texts).

So a file read here gives the same terms as the reference reader; a test compares the two
on every built-in file and on generated variants. Without ``yaml-rs`` every file takes the
reference path.
"""

from __future__ import annotations

import re
from typing import Any

from cxvocab import placeholders
from cxvocab.terms import (
    COLLOCATIONS_MAX,
    CONFUSABLES_MAX,
    EXAMPLES,
    FAMILY_MAX,
    GAP_BLANK,
    GAP_KINDS,
    GAP_WRONG,
    GAPS_MAX,
    ID_MAX,
    ID_PATTERN,
    MISTAKES,
    SHORT_MAX,
    TAGS_MAX,
    TERMS_MAX,
    TEXT_MAX,
    USAGES,
    USAGES_EACH_WAY,
    Aliases,
    Bilingual,
    Example,
    FamilyForm,
    Gap,
    Ipa,
    Term,
    Usage,
)

# Where YAML 1.1 (PyYAML) and YAML 1.2 (yaml-rs) could read the same text differently, or
# where PyYAML has checks of its own: a token starting with ! (a tag), & or * (an anchor or
# alias), a merge key, a directive or document marker, or a backslash escape other than \"
# and \\ (the escapes YAML 1.1 and 1.2 share are many, but these two are all a text needs).
# Also control characters: terms.visible() shows them as control pictures, and PyYAML
# refuses some; the reference path does both. All of it is looked for in the file's bytes.
_NODE_PROPERTY = re.compile(rb"(?:^|[\s\[{,])(?:!|[&*](?=\S))", re.MULTILINE)
_BAD_ESCAPE = re.compile(rb'\\(?![\\"])')
_C1_CONTROL = re.compile(rb"\xc2[\x80-\x9f]")  # U+0080-U+009F in UTF-8
_LINE_STARTS = (b"%", b"---", b"...")
_CONTROLS = frozenset(range(0x20)) - {0x0A} | {0x7F}
# The bytes that can start any of the above: a file with none of them (nearly every file)
# needs no closer look. bytes.translate() finds them in one pass, far quicker than a regex
# that tries every position.
_FLAGGED = _CONTROLS | set(b"!&*\\<") | {0xC2, 0xEF}
_UNFLAGGED = bytes(b for b in range(256) if b not in _FLAGGED)


def _unsure_bytes(raw: bytes) -> bool:
    """True if the reference reader must read a file of these bytes (line breaks ``\\n``)."""
    if raw.startswith(_LINE_STARTS) or any(b"\n" + start in raw for start in _LINE_STARTS):
        return True
    flagged = set(raw.translate(None, _UNFLAGGED))
    return bool(
        flagged & _CONTROLS
        or (0xC2 in flagged and _C1_CONTROL.search(raw))
        or (0xEF in flagged and (b"\xef\xbf\xbe" in raw or b"\xef\xbf\xbf" in raw))  # U+FFFE, U+FFFF
        or (0x3C in flagged and b"<<" in raw)
        or (0x5C in flagged and _BAD_ESCAPE.search(raw))
        or (flagged & {0x21, 0x26, 0x2A} and _NODE_PROPERTY.search(raw))
    )


# Strings that PyYAML's implicit resolvers would turn into a number, null, date, merge or
# value had they been unquoted (its float, int, merge, null, timestamp and value patterns,
# widened a little: exponents without a dot). Such a string may have been unquoted in the
# file, so the reference reader decides.
_TYPED_IN_YAML_11 = re.compile(
    r"""(?x)
    [-+]?[0-9.][0-9_.:eE+-]*
    | [-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)
    | 0b[0-1_]+ | 0x[0-9a-fA-F_]+
    | ~ | null | Null | NULL | <<? | =
    | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt\s].*)?
    """
)
# PyYAML's booleans that YAML 1.2 reads as text (yes, no, on, off), written bare as a
# whole value: then the two readers disagree, and the reference reader decides. Written in
# quotes, as the prepositions "on" and "off" of gap items are, both read the same text.
# (true and false are booleans in both; y and n are text to PyYAML too.)
# One pattern a word, each starting with its literal (the regex engine then jumps between
# occurrences instead of trying every position): the word ending a value. Whether it also
# starts one is checked on the few lines found.
_YAML_11_BOOLS = tuple(re.compile(re.escape(w) + rb"(?=[ \t]*(?:\n|$|[,\]}]|[ \t]#))") for w in (
    b"on", b"On", b"ON", b"off", b"Off", b"OFF", b"yes", b"Yes", b"YES", b"no", b"No", b"NO",
))
_VALUE_START = re.compile(rb"(?:^[ \t]*-|:|[\[{,])[ \t]*$")  # a list item, a key's value, a flow item


def _bare_yaml_11_bool(raw: bytes) -> bool:
    """True if ``raw`` holds one of PyYAML's booleans that YAML 1.2 reads as text, bare."""
    for pattern in _YAML_11_BOOLS:
        for found in pattern.finditer(raw):
            if raw[found.start() - 1 : found.start()] not in (b" ", b"\t", b"[", b"{", b","):
                continue  # the end of a longer word ("upon", "casino")
            line = raw[raw.rfind(b"\n", 0, found.start()) + 1 : found.start()]
            if _VALUE_START.search(line):
                return True
    return False


_ID = re.compile(ID_PATTERN.removeprefix("^").removesuffix("$"))  # used with fullmatch
_POS = frozenset({"noun", "verb", "adjective", "adverb", "phrase"})
_TERM_KEYS = frozenset(
    {"id", "term", "abbr", "fa", "aliases", "pos", "ipa", "definition", "examples", "usage"}
    | {"confusables", "collocations", "tags", "family", "gaps"}
)
_REQUIRED = frozenset({"id", "term", "fa", "pos", "ipa", "definition", "examples", "usage"})
_BILINGUAL = frozenset({"en", "fa"})
_USAGE_KEYS = frozenset({"sentence", "correct", "why", "mistake"})
_USAGE_REQUIRED = frozenset({"sentence", "correct", "why"})
_IPA_KEYS = frozenset({"us", "uk"})
_FAMILY_KEYS, _FAMILY_REQUIRED = frozenset({"form", "pos", "fa"}), frozenset({"form", "pos"})
_GAP_KEYS = frozenset({"sentence", "answer", "wrong", "kind", "why"})
_FIRST_ITEM = re.compile(r"^([ \t]*)- \S", re.MULTILINE)

try:
    import yaml_rs as _yaml_rs
except ImportError:  # pragma: no cover - a platform without a yaml-rs wheel
    _yaml_rs = None  # type: ignore[assignment]


class Unsure(Exception):
    """Not provably valid here: the reference reader takes the file."""


def _text(value: Any, limit: int) -> str:
    # The schema strips surrounding whitespace; a value that has any is left to it, so
    # "what is stripped" never has to agree between Python and pydantic's Rust core.
    if type(value) is not str or not value or len(value) > limit or value != value.strip():
        raise Unsure
    if len(value) <= 40 and _TYPED_IN_YAML_11.fullmatch(value):
        raise Unsure
    return value


def _short(value: Any) -> str:
    return _text(value, SHORT_MAX)


def _long(value: Any) -> str:
    return _text(value, TEXT_MAX)


def _mapping(value: Any, allowed: frozenset[str], required: frozenset[str] = frozenset()) -> dict[str, Any]:
    if type(value) is not dict or not value.keys() <= allowed or not required <= value.keys():
        raise Unsure
    return value


def _list(value: Any, low: int, high: int) -> list[Any]:
    if type(value) is not list or not low <= len(value) <= high:
        raise Unsure
    return value


def _term_id(value: Any) -> str:
    if type(value) is not str or len(value) > ID_MAX or not _ID.fullmatch(value):
        raise Unsure
    if _TYPED_IN_YAML_11.fullmatch(value):  # an id such as "2024" or "no"
        raise Unsure
    return value


def _bilingual(value: Any) -> Bilingual:
    data = _mapping(value, _BILINGUAL, _BILINGUAL)
    return Bilingual(_long(data["en"]), _long(data["fa"]))


def _pos(value: Any) -> str:
    if type(value) is not str or value not in _POS:
        raise Unsure
    return value


def _family(value: Any) -> list[FamilyForm] | None:
    if value is None:
        return None
    forms = []
    for item in _list(value, 0, FAMILY_MAX):
        form = _mapping(item, _FAMILY_KEYS, _FAMILY_REQUIRED)
        fa = form.get("fa")
        forms.append(FamilyForm(_short(form["form"]), _pos(form["pos"]), None if fa is None else _short(fa)))
    return forms


def _gap(value: Any) -> Gap:
    data = _mapping(value, _GAP_KEYS, _GAP_KEYS)
    sentence, answer = _long(data["sentence"]), _short(data["answer"])
    wrong = [_short(w) for w in _list(data["wrong"], *GAP_WRONG)]
    folded = {w.casefold() for w in wrong}
    kind = data["kind"]
    if sentence.count(GAP_BLANK) != 1 or GAP_BLANK + "_" in sentence or len(folded) != len(wrong):
        raise Unsure
    if answer.casefold() in folded or type(kind) is not str or kind not in GAP_KINDS:
        raise Unsure
    return Gap(sentence, answer, wrong, kind, _bilingual(data["why"]))


def _term(value: Any) -> Term:
    data = _mapping(value, _TERM_KEYS, _REQUIRED)
    aliases = _mapping(data.get("aliases", {}), _BILINGUAL)
    ipa = _mapping(data["ipa"], _IPA_KEYS, _IPA_KEYS)
    examples = []
    for item in _list(data["examples"], *EXAMPLES):
        example = _mapping(item, _BILINGUAL, _BILINGUAL)
        examples.append(Example(_long(example["en"]), _long(example["fa"])))
    usage = []
    for item in _list(data["usage"], *USAGES):
        use = _mapping(item, _USAGE_KEYS, _USAGE_REQUIRED)
        correct, mistake = use["correct"], use.get("mistake")
        if type(correct) is not bool or not (mistake is None or (not correct and mistake in MISTAKES)):
            raise Unsure
        usage.append(Usage(_long(use["sentence"]), correct, _bilingual(use["why"]), mistake))
    right = sum(1 for u in usage if u.correct)
    if right < USAGES_EACH_WAY or len(usage) - right < USAGES_EACH_WAY:
        raise Unsure
    pos = _pos(data["pos"])
    abbr = data.get("abbr")
    return Term(
        id=_term_id(data["id"]),
        term=_short(data["term"]),
        abbr=None if abbr is None else _short(abbr),
        fa=_short(data["fa"]),
        aliases=Aliases(
            [_short(a) for a in _list(aliases.get("en", []), 0, 1 << 30)],
            [_short(a) for a in _list(aliases.get("fa", []), 0, 1 << 30)],
        ),
        pos=pos,
        ipa=Ipa(_short(ipa["us"]), _short(ipa["uk"])),
        definition=_bilingual(data["definition"]),
        examples=examples,
        usage=usage,
        confusables=[_term_id(c) for c in _list(data.get("confusables", []), 0, CONFUSABLES_MAX)],
        collocations=[_short(c) for c in _list(data.get("collocations", []), 0, COLLOCATIONS_MAX)],
        tags=[_short(t) for t in _list(data.get("tags", []), 0, TAGS_MAX)],
        family=_family(data.get("family")),
        gaps=[_gap(g) for g in _list(data.get("gaps", []), 0, GAPS_MAX)],
    )


def _item_lines(text: str, count: int) -> list[int]:
    """The line of each entry of the top-level ``terms:`` list, as PyYAML reports it (the
    line of the entry's first key), for a block list whose entries start on their dash line."""
    start = re.search(r"^terms:[ \t]*(?:#.*)?\n", text, re.MULTILINE)
    first = _FIRST_ITEM.search(text, start.end()) if start else None
    if first is None:
        raise Unsure
    # Every entry starts a line with the first one's indentation and "- "; nothing inside
    # an entry can (its own lines are indented further).
    marker = f"\n{first.group(1)}- "
    position = first.start()
    line = text.count("\n", 0, position) + 1
    lines = [line]
    while (found := text.find(marker, position)) >= 0:
        if text[found + len(marker) : found + len(marker) + 1] in (" ", "\t", "\n", "#", ""):
            raise Unsure  # the entry's first key is not on its dash line
        line += text.count("\n", position, found + 1)
        position = found + 1
        lines.append(line)
    if len(lines) != count:
        raise Unsure
    return lines


def parse(raw: bytes) -> tuple[str, Bilingual, list[tuple[Term, int]]] | None:
    """``(topic, title, [(term, line), ...])`` for a file (its UTF-8 bytes) that is certainly
    valid; ``None`` when the reference reader must decide (it also finds every problem)."""
    if b"\r" in raw:
        raw = raw.replace(b"\r\n", b"\n")  # as YAML reads line breaks
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a byte-order mark
    if _yaml_rs is None or _unsure_bytes(raw) or _bare_yaml_11_bool(raw):
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    try:
        data = _yaml_rs.loads(text)
        top = _mapping(data, frozenset({"topic", "title", "terms"}), frozenset({"topic", "title", "terms"}))
        topic = _term_id(top["topic"])
        title = _bilingual(top["title"])
        terms = [_term(item) for item in _list(top["terms"], 1, TERMS_MAX)]
        # A placeholder of `cxvocab new` left in: the reference reader names each one.
        if placeholders.in_header(top) or any(placeholders.in_term(item) for item in top["terms"]):
            return None
        lines = _item_lines(text, len(terms))
    except Unsure:
        return None
    except Exception:  # noqa: BLE001 - whatever yaml-rs dislikes, PyYAML will explain
        return None
    return topic, title, list(zip(terms, lines, strict=True))
