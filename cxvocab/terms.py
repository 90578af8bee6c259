"""The term model: what a teacher writes in a topic file (DESIGN §4).

The JSON schema that editors use to check teacher files (``content/schema.json``) is generated
from these classes by :func:`json_schema`; a test keeps the two in step.
"""

from __future__ import annotations

import json
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, field_validator

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

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


Text = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000), AfterValidator(visible)
]
Short = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), AfterValidator(visible)
]
TermId = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=100)]
PartOfSpeech = Literal["noun", "verb", "adjective", "adverb", "phrase"]


class _Model(BaseModel):
    # Unknown keys are errors: a misspelt key ("defintion") must not be silently dropped.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Bilingual(_Model):
    """The same text in English and Persian."""

    en: Text
    fa: Text


class Example(Bilingual):
    """An English sentence using the term, with its Persian translation."""


class Ipa(_Model):
    """Pronunciation in the two accents the app speaks."""

    us: Short
    uk: Short


class Aliases(_Model):
    """Other forms accepted in answers and found by search."""

    en: list[Short] = Field(default_factory=list)
    fa: list[Short] = Field(default_factory=list)


class Usage(_Model):
    """One English sentence and whether the term is used correctly in it, with the reason."""

    sentence: Text
    correct: bool
    why: Bilingual


class Term(_Model):
    """One term: the unit of learning. Progress is keyed by ``id``."""

    id: TermId = Field(description="Stable kebab-case id, unique across all loaded files")
    term: Short
    abbr: Short | None = None
    fa: Short
    aliases: Aliases = Field(default_factory=Aliases)
    pos: PartOfSpeech
    ipa: Ipa
    definition: Bilingual
    examples: list[Example] = Field(min_length=1, max_length=20)
    usage: list[Usage] = Field(min_length=4, max_length=40)
    confusables: list[TermId] = Field(default_factory=list, max_length=20)
    collocations: list[Short] = Field(default_factory=list, max_length=40)
    tags: list[Short] = Field(default_factory=list, max_length=20)

    @field_validator("usage")
    @classmethod
    def _balanced_usage(cls, usage: list[Usage]) -> list[Usage]:
        right = sum(1 for u in usage if u.correct)
        wrong = len(usage) - right
        if right < 2 or wrong < 2:
            raise ValueError(
                f"needs at least 2 correct and 2 incorrect sentences (has {right} correct, {wrong} incorrect)"
            )
        return usage

    @property
    def label(self) -> str:
        """The term as shown on a card: ``Net Promoter Score (NPS)``."""
        return f"{self.term} ({self.abbr})" if self.abbr else self.term


class TopicHeader(_Model):
    """What a topic file says about itself, before its terms."""

    topic: TermId
    title: Bilingual


class Topic(TopicHeader):
    """One topic file."""

    terms: list[Term] = Field(min_length=1, max_length=10_000)


def json_schema() -> str:
    """The JSON schema of a topic file, as written to ``content/schema.json``."""
    schema = Topic.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "cxvocab topic file"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
