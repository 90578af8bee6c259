"""The placeholder texts of ``cxvocab new``, in one place for the skeleton it prints
(:func:`cxvocab.authoring.skeleton`) and for the rule that a term still holding one does not
load (both readers: :mod:`cxvocab.content` and :mod:`cxvocab.quickparse`).

A skeleton's placeholders are valid text, so without this rule a term straight from
``cxvocab new`` would load and be taught with "«معادل فارسی»" as its Persian. Instead each
placeholder left in a file is an error naming the field and what to write there: the output of
``cxvocab check`` is the teacher's list of what is still to fill in.

Light on purpose (no YAML, no pydantic): the fast reader calls it for every term.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

WORDS = "{words}"  # where a placeholder holds the term's own words (from its id)
MESSAGE = "still the placeholder from `cxvocab new`: "


@dataclass(frozen=True)
class Placeholder:
    """One text of the skeleton, and what the teacher should write in its place."""

    text: str  # may hold WORDS once
    hint: str

    def fill(self, words: str) -> str:
        """The text as the skeleton prints it, for a term of these words."""
        return self.text.replace(WORDS, words)

    def matches(self, value: str) -> bool:
        """True if ``value`` is this placeholder (for any words; spacing aside)."""
        value = " ".join(value.split())
        if WORDS not in self.text:
            return value == self.text
        before, after = self.text.split(WORDS)
        return len(value) > len(before) + len(after) and value.startswith(before) and value.endswith(after)


FA = Placeholder("«معادل فارسی»", "write the Persian equivalent")
IPA_US = Placeholder("/…/", "write the American pronunciation in IPA between slashes, e.g. /ˈtʌtʃpɔɪnt/")
IPA_UK = Placeholder("/…/", "write the British pronunciation in IPA between slashes, e.g. /ˈtʌtʃpɔɪnt/")
DEFINITION_EN = Placeholder(
    f"One or two plain sentences saying what {WORDS} means in CX.",
    "write one or two plain sentences saying what the term means",
)
DEFINITION_FA = Placeholder("یک یا دو جمله ساده درباره معنای این اصطلاح.", "write the definition in Persian")
EXAMPLE_EN = Placeholder(f"A sentence from real work that uses {WORDS}.", "write a sentence from real work that uses the term")
EXAMPLE_FA = Placeholder("ترجمه فارسی همان جمله.", "write the Persian translation of the example")
RIGHT = "write a sentence that uses the term correctly"
WRONG = "write a sentence that uses the term wrongly, the way learners really do"
RIGHT_1 = Placeholder(f"A sentence that uses {WORDS} correctly.", RIGHT)
RIGHT_2 = Placeholder(f"Another sentence that uses {WORDS} correctly.", RIGHT)
WRONG_1 = Placeholder(f"A sentence that uses {WORDS} wrongly, the way learners really do.", WRONG)
WRONG_2 = Placeholder(f"Another real mistake with {WORDS}.", WRONG)
WHY_RIGHT_EN = Placeholder("Why it is right.", "say in English why the sentence is right")
WHY_WRONG_1_EN = Placeholder(
    "Why it is wrong; name the right term if it is a confusion.",
    "say in English why the sentence is wrong (name the right term if it is a confusion)",
)
WHY_WRONG_EN = Placeholder("Why it is wrong.", WHY_WRONG_1_EN.hint)
WHY_RIGHT_FA = Placeholder("چرا درست است.", "say in Persian why the sentence is right")
WHY_WRONG_FA = Placeholder("چرا نادرست است.", "say in Persian why the sentence is wrong")
TITLE_FA = Placeholder("«عنوان فارسی موضوع»", "write the topic's title in Persian")

# The placeholders each field of a term may hold (lists by their items: "usage.why.en").
BY_FIELD: dict[str, tuple[Placeholder, ...]] = {
    "fa": (FA,),
    "ipa.us": (IPA_US,),
    "ipa.uk": (IPA_UK,),
    "definition.en": (DEFINITION_EN,),
    "definition.fa": (DEFINITION_FA,),
    "examples.en": (EXAMPLE_EN,),
    "examples.fa": (EXAMPLE_FA,),
    "usage.sentence": (RIGHT_1, RIGHT_2, WRONG_1, WRONG_2),
    "usage.why.en": (WHY_RIGHT_EN, WHY_WRONG_1_EN, WHY_WRONG_EN),
    "usage.why.fa": (WHY_RIGHT_FA, WHY_WRONG_FA),
    "title.fa": (TITLE_FA,),
}
# How the placeholders of each field start (their first two words, any whitespace between):
# nearly every real text fails this at its first or second word, at C speed, so the fast
# reader, which asks it of every text of every term, looks closely at almost none.
_STARTS = {
    field: re.compile(
        "|".join(
            r"\s+".join(re.escape(word) for word in p.text.split(WORDS)[0].split()[:2]) for p in group
        )
    )
    for field, group in BY_FIELD.items()
}

Loc = tuple[str | int, ...]


def hint(field: str, value: Any) -> str | None:
    """The problem if ``value`` of ``field`` (as in :data:`BY_FIELD`) is still a placeholder."""
    if type(value) is not str or not _STARTS[field].match(value.lstrip()):
        return None
    for placeholder in BY_FIELD[field]:
        if placeholder.matches(value):
            return MESSAGE + placeholder.hint
    return None


def in_term(item: Any) -> list[tuple[Loc, str]]:
    """Every placeholder left in a term, as read from a file (before any other check, so it
    works on a term with other problems too): ``[(field path, problem), ...]``.

    The fast reader asks this of every term: plain loops, and a text is looked at closely
    only if it starts as a placeholder of its field does."""
    found: list[tuple[Loc, str]] = []
    if type(item) is not dict:
        return found

    def look(loc: Loc, field: str, value: Any) -> None:
        message = hint(field, value)
        if message:
            found.append((loc, message))

    fa, ipa, definition = item.get("fa"), item.get("ipa"), item.get("definition")
    if type(fa) is str and _STARTS["fa"].match(fa.lstrip()):
        look(("fa",), "fa", fa)
    if type(ipa) is dict:
        look(("ipa", "us"), "ipa.us", ipa.get("us"))
        look(("ipa", "uk"), "ipa.uk", ipa.get("uk"))
    if type(definition) is dict:
        look(("definition", "en"), "definition.en", definition.get("en"))
        look(("definition", "fa"), "definition.fa", definition.get("fa"))
    sentence, why_en, why_fa = _STARTS["usage.sentence"], _STARTS["usage.why.en"], _STARTS["usage.why.fa"]
    example_en, example_fa = _STARTS["examples.en"], _STARTS["examples.fa"]
    examples = item.get("examples")
    for index, example in enumerate(examples if type(examples) is list else ()):
        if type(example) is dict:
            en, fa = example.get("en"), example.get("fa")
            if type(en) is str and example_en.match(en.lstrip()):
                look(("examples", index, "en"), "examples.en", en)
            if type(fa) is str and example_fa.match(fa.lstrip()):
                look(("examples", index, "fa"), "examples.fa", fa)
    usage = item.get("usage")
    for index, use in enumerate(usage if type(usage) is list else ()):
        if type(use) is not dict:
            continue
        text, why = use.get("sentence"), use.get("why")
        if type(text) is str and sentence.match(text.lstrip()):
            look(("usage", index, "sentence"), "usage.sentence", text)
        if type(why) is dict:
            en, fa = why.get("en"), why.get("fa")
            if type(en) is str and why_en.match(en.lstrip()):
                look(("usage", index, "why", "en"), "usage.why.en", en)
            if type(fa) is str and why_fa.match(fa.lstrip()):
                look(("usage", index, "why", "fa"), "usage.why.fa", fa)
    return found


def in_header(data: Any) -> list[tuple[Loc, str]]:
    """The placeholder left in a topic file's title, if any."""
    title = data.get("title") if type(data) is dict else None
    found = hint("title.fa", title.get("fa")) if type(title) is dict else None
    return [(("title", "fa"), found)] if found else []
