"""What is wrong with a term file, in a teacher's words (not pydantic's or PyYAML's).

:func:`schema_problem` turns one pydantic validation error into a sentence that says what is
wrong and how to fix it; :func:`yaml_problem` does the same for PyYAML's syntax errors.
``cxvocab check`` (:mod:`cxvocab.content`) and therefore ``cxvocab import`` (which checks what
it converts with the same checks, :mod:`cxvocab.authoring`) print these, so the two never word
one problem two ways.

Nothing here imports pydantic or YAML at module level: it runs only for a file with problems.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from cxvocab.terms import USAGES_EACH_WAY

Loc = tuple[str | int, ...]

# What each field holds, for "missing" and "empty" (top level of a term or a topic file).
_TOP_WHAT = {
    "id": "the term's id (lower-case words joined by -, e.g. pain-point)",
    "term": "the English term",
    "abbr": "the abbreviation, or delete the line",
    "fa": "the Persian equivalent",
    "aliases": "en: and fa: lists of other accepted forms, or delete the line",
    "pos": "the part of speech: noun, verb, adjective, adverb or phrase",
    "ipa": "the pronunciation in both accents, {us: /…/, uk: /…/}",
    "definition": "a definition in English and Persian, as en: and fa: under it",
    "examples": "at least one example: an English sentence (en:) with its Persian translation (fa:)",
    "usage": f"usage sentences: at least {USAGES_EACH_WAY} correct and {USAGES_EACH_WAY} incorrect",
    "confusables": "[] for none, or the ids of terms learners mix this one up with",
    "collocations": "[] for none, or phrases that go with the term",
    "tags": "[] for none, or a few tags",
    "family": "[] where English has no other form, or the other forms, as {form: ..., pos: ...}",
    "gaps": "[] for none, or gap items: sentence: with ___, answer:, wrong:, kind: and why:",
    "topic": "the topic's id (lower-case words joined by -, e.g. contact-centre)",
    "title": "the topic's title in English and Persian, as en: and fa: under it",
    "terms": "the list of terms",
}
# ... and inside a field.
_INNER_WHAT = {
    "en": "the English text",
    "fa": "the Persian text",
    "us": "the American pronunciation in IPA, e.g. /ˈtʌtʃpɔɪnt/",
    "uk": "the British pronunciation in IPA, e.g. /ˈtʌtʃpɔɪnt/",
    "sentence": "the English sentence",
    "correct": "true or false: is the term used correctly in the sentence?",
    "why": "the reason, in English and Persian, as en: and fa: under it",
    "form": "the other form of the word, e.g. retain",
    "answer": "the word that goes in the ___",
    "wrong": "1 to 3 words a learner might put in the ___ instead",
    "kind": "what the gap drills: collocation, preposition or form",
}
_LIST_ITEM_WHAT = {
    "aliases": "the other form, or take it out of the list",
    "confusables": "a term id, or take it out of the list",
    "collocations": "the phrase, or take it out of the list",
    "tags": "the tag, or take it out of the list",
}
# What a list holds, for "has too many / too few".
_ITEMS = {"examples": "examples", "usage": "sentences", "confusables": "confusables", "family": "forms",
          "gaps": "gap items", "wrong": "wrong options",
          "collocations": "collocations", "tags": "tags", "en": "forms", "fa": "forms", "terms": "terms"}
# The shape a mapping should have, by its model (pydantic's class name).
_SHAPE = {
    "Bilingual": "en: and fa: under it (the English and the Persian), e.g. {en: ..., fa: ...}",
    "Example": "en: and fa: under it (an English sentence and its Persian translation)",
    "Ipa": "us: and uk: under it, e.g. {us: /ˈtʌtʃpɔɪnt/, uk: /ˈtʌtʃpɔɪnt/}",
    "Aliases": "en: and fa: lists under it, e.g. {en: [touch point], fa: []}",
    "Usage": "sentence:, correct: and why: under it",
    "FamilyForm": "form: and pos: under it (and fa: if you like), e.g. {form: retain, pos: verb, fa: حفظ کردن}",
    "Gap": "sentence:, answer:, wrong:, kind: and why: under it",
}


def what(loc: Loc) -> str:
    """What the field at ``loc`` holds, in words."""
    names = [part for part in loc if isinstance(part, str)]
    if not names:
        return "a value"
    if isinstance(loc[-1], int) and names[0] in _LIST_ITEM_WHAT:
        return _LIST_ITEM_WHAT[names[0]]
    if isinstance(loc[-1], int) and names[-1] == "examples":
        return "an example, as en: and fa: after the '- '"
    if isinstance(loc[-1], int) and names[-1] == "usage":
        return "a usage sentence, as sentence:, correct: and why: after the '- '"
    if isinstance(loc[-1], int) and names[-1] == "family":
        return "another form, as {form: ..., pos: ...} after the '- '"
    if isinstance(loc[-1], int) and names[-1] == "gaps":
        return "a gap item, as sentence:, answer:, wrong:, kind: and why: after the '- '"
    if isinstance(loc[-1], int) and names[-1] == "wrong":
        return "a wrong option, or take it out of the list"
    if len(names) == 1:
        return _TOP_WHAT.get(names[0], "a value")
    if names[0] == "aliases":
        return "a list of other forms in [ ], or [] for none"
    return _INNER_WHAT.get(names[-1], "a value")


def suggested_id(text: str) -> str:
    """``text`` as an id: "Pain Point" -> pain-point, "firstContact" -> first-contact."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", text)
    return re.sub(r"[^a-z0-9]+", "-", spaced.lower()).strip("-")


def id_problem(value: object, kind: str = "id") -> str:
    """Why ``value`` is not a valid id (``kind``: "id", "topic id", "term id")."""
    example = suggested_id(value) if isinstance(value, str) else ""
    return (
        f"{value!r} is not a valid {kind}: use lower-case letters, digits and hyphens, "
        f"e.g. {example or 'pain-point'}"
    )


def shown(value: object, limit: int = 40) -> str:
    """A value as a message quotes it: its repr, cut short if long."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…" + text[0]


def _as_yaml_read(value: object, source: str | None) -> str | None:
    """For a value YAML read as something other than text: what it read, and the fix."""
    if isinstance(value, bool):
        written = source or str(value).lower()
        return f"YAML read `{written}` as the value {str(value).lower()}, not text: put it in quotes, \"{written}\""
    if isinstance(value, (int, float)):
        written = source or str(value)
        return f"YAML read `{written}` as a number, not text: put it in quotes, \"{written}\""
    if isinstance(value, (dt.date, dt.datetime)):
        written = source or str(value)
        return f"YAML read `{written}` as a date, not text: put it in quotes, \"{written}\""
    return None


def schema_problems(
    errors: Sequence[Mapping[str, Any]], source: Callable[[Loc], str | None] = lambda loc: None
) -> list[tuple[Loc, str]]:
    """Every pydantic error of one model (``ValidationError.errors()``) as ``(field path,
    problem)``. ``source(loc)`` gives the value as written in the file, if it is one.

    A misspelt key is one problem, not two: "defintion" unknown and "definition" missing are
    reported once, at the misspelling ("unknown field: did you mean definition?")."""
    found = [(tuple(p for p in err.get("loc", ()) if isinstance(p, (str, int))), err) for err in errors]
    missing = {loc for loc, err in found if err["type"] == "missing"}
    meant: set[Loc] = set()
    for loc, err in found:
        if err["type"] == "extra_forbidden":
            close = _closest(str(loc[-1]), allowed_keys(loc[:-1]))
            if close and (*loc[:-1], close) in missing:
                meant.add((*loc[:-1], close))
    return [(loc, schema_problem(err, source(loc))) for loc, err in found if loc not in meant]


def schema_problem(err: Mapping[str, Any], source: str | None = None) -> str:
    """One pydantic error (an item of ``ValidationError.errors()``) in plain words.

    ``source`` is the value as written in the file, when it is a single value (YAML reads
    ``no`` as false: the message quotes what the teacher typed, not what YAML made of it)."""
    kind: str = err["type"]
    loc: Loc = tuple(p for p in err.get("loc", ()) if isinstance(p, (str, int)))
    value = err.get("input")
    ctx: Mapping[str, Any] = err.get("ctx") or {}
    names = [part for part in loc if isinstance(part, str)]
    name = names[-1] if names else ""

    if kind == "missing":
        return f"missing: add {what(loc)}"
    if kind == "extra_forbidden":
        return _unknown_field(loc)
    if value is None or (isinstance(value, str) and not value.strip() and kind.startswith(("string_", "bool_", "literal_", "list_"))):
        return f"empty: write {what(loc)}"
    if kind == "string_too_long":
        return f"too long: {len(value):,} characters, and the most it may have is {ctx['max_length']:,}" + (
            "; keep it to one or two plain sentences" if ctx["max_length"] > 500 else ""
        )
    if kind == "string_pattern_mismatch":
        which = "topic id" if name == "topic" else "term id" if name == "confusables" else "id"
        return id_problem(value, which)
    if kind == "string_type":
        read = _as_yaml_read(value, source)
        if read:
            return read
        if isinstance(value, list):
            return "expected one piece of text, not a list: if the text starts with [ or -, put it in quotes"
        if isinstance(value, dict):
            return "expected one piece of text, not a mapping: if the text holds ': ' or starts with {, put it in quotes"
        return f"expected text, got {shown(value)}"
    if kind in ("bool_type", "bool_parsing"):
        if isinstance(value, (list, dict)):
            return "expected true or false, not a list or a mapping"
        return f"expected true or false, got {shown(source if source is not None else value)}"
    if kind == "literal_error":
        allowed = str(ctx.get("expected", "")).replace("'", "")
        if isinstance(value, (list, dict)):
            return f"expected one word, not a list or a mapping: use {allowed}"
        given = shown(source if source is not None else value)
        if name == "pos":
            return f"{given} is not a part of speech: use {allowed}"
        return f"{given} is not allowed here: use {allowed}"
    if kind == "list_type":
        if name in ("examples", "usage"):
            entry = "- en: ..., with fa: ... under it" if name == "examples" else "- sentence: ..., with correct: and why: under it"
            return f"expected a list of {_ITEMS[name]}, each starting with {entry}"
        if isinstance(value, str) and len(value) <= 60:
            return f"expected a list in [ ]: write [{value}] (items separated by commas)"
        return "expected a list: write the items in [ ], separated by commas"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        shape = _SHAPE.get(str(ctx.get("class_name", "")), "key: value lines under it")
        return f"expected {shape}"
    if kind == "too_short":
        return _too_few(name, ctx["min_length"], ctx["actual_length"])
    if kind == "too_long":
        items = _ITEMS.get(name, "items")
        return f"has {ctx['actual_length']} {items}; a term may have at most {ctx['max_length']}"
    message = str(err.get("msg", "not valid"))
    return message.removeprefix("Value error, ")


def _too_few(name: str, least: int, actual: int) -> str:
    has = "none" if actual == 0 else str(actual)
    if name == "usage":
        return (
            f"needs at least {least} sentences ({USAGES_EACH_WAY} correct, {USAGES_EACH_WAY} incorrect);"
            f" this term has {has}"
        )
    if name == "examples":
        return f"needs at least {least} example (an English sentence with its Persian translation); this term has {has}"
    return f"needs at least {least} {_ITEMS.get(name, 'items')}; it has {has}"


def _unknown_field(loc: Loc) -> str:
    return unknown_field(str(loc[-1]), allowed_keys(loc[:-1]))


def unknown_field(key: str, allowed: Sequence[str]) -> str:
    """An unknown key: the closest known one, else the keys allowed there."""
    if not allowed:
        return "unknown field (misspelt?)"
    close = _closest(key, allowed)
    if close:
        return f"unknown field: did you mean {close}?"
    return f"unknown field: the fields here are {_listed(allowed)}"


def _closest(key: str, allowed: Sequence[str]) -> str | None:
    import difflib

    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    return close[0] if close else None


def allowed_keys(parent: Loc) -> list[str]:
    """The keys a term (or a topic file's header, for "title") allows at ``parent``."""
    from cxvocab import schema

    model: Any = schema.TopicHeader if parent[:1] == ("title",) else schema.Term
    for part in parent:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        model = _model_in(field.annotation) if field is not None else None
        if model is None:
            return []
    return list(model.model_fields)


def _model_in(annotation: Any) -> Any:
    """The pydantic model inside an annotation (``list[Usage]``, ``Aliases``...), or None."""
    from typing import get_args

    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _listed(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


# --- YAML syntax --------------------------------------------------------------------------

# PyYAML's problem, and what it means in a term file (most likely cause first).
_YAML = [
    ("mapping values are not allowed",
     "a ': ' inside a value, or a line indented too far: put a value that holds ': ' in quotes"
     " (en: \"Note: this is quoted.\") and line the keys of one level up under each other"),
    ("did not find expected ',' or '}'",
     "a { } is not closed, or a value inside it holds ': ' or a comma: put that value in quotes"),
    ("did not find expected ',' or ']'",
     "a [ ] list is not closed, or an item in it holds a comma or ': ': put that item in quotes"),
    ("tab character", "a tab: indent with spaces, not tabs"),
    ("found character '\\t'", "a tab: indent with spaces, not tabs"),
    ("found unexpected end of stream", "a quote (\" or ') is opened here but never closed"),
    ("did not find expected '-' indicator",
     "this line does not line up with the ones above it: the keys of a term start in one column,"
     " and each item of a list starts with '- ' in one column"),
    ("could not find expected ':'",
     "a line that is not 'key: value' (a missing colon?), or a value running onto the next line:"
     " put a long value in quotes"),
    ("did not find expected key",
     "text after a closing quote or bracket, or a line that does not line up with the ones above it:"
     " put the whole value in quotes"),
    ("did not find expected node content", "a [ or { that is not closed, or a value missing after it"),
    ("found undefined alias", "a value starts with *: put the value in quotes (YAML reads *name as a reference)"),
    ("found unknown escape character",
     "an unknown \\ escape inside double quotes: write \\\\ for a backslash, or use single quotes"),
    ("but found another document", "a line of --- splits the file in two: a topic file is one document, remove it"),
]


def yaml_problem(problem: str | None, char: str = "") -> tuple[str, bool]:
    """PyYAML's ``problem`` in plain words, and whether the line to show is the context's
    (where an unclosed quote or an unfinished key began) rather than the problem's.
    ``char``: the character where PyYAML stopped (libyaml's messages do not name it)."""
    text = problem or "invalid YAML"
    if "cannot start any token" in text:
        if char == "\t" or "'\\t'" in text:
            return "YAML: a tab: indent with spaces, not tabs", False
        shown = f"with {char!r}" if char.strip() else "with a character"
        return f"YAML: a value starts {shown}, which YAML keeps for itself: put the value in quotes", False
    if "could not determine a constructor" in text:
        return f"YAML: tag not allowed ({text.split('tag ')[-1]}); plain YAML only", False
    for found, meaning in _YAML:
        if found in text:
            use_context = found in ("found unexpected end of stream", "could not find expected ':'")
            return f"YAML: {meaning}", use_context
    return f"YAML: {text}", False
