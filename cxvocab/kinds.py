"""The kinds of card (DESIGN §4b), named once: every module asks for a kind by these names.

A :class:`Kind` is a ``str``: the value stored in the database's ``cards.kind`` column is the
kind itself, and ``Kind(value)`` turns it back into one.
"""

from __future__ import annotations

from enum import StrEnum

from cxvocab.i18n import N_
from cxvocab.terms import Term


class Kind(StrEnum):
    MEANING = "meaning"  # English term shown, its meaning recalled, self-graded 1-4
    RECALL = "recall"  # Persian shown, the English term typed, graded by the app
    USAGE = "usage"  # a sentence: is the term used correctly? y / n, graded by the app
    CHOICE = "choice"  # a definition or a gapped sentence, four terms to pick from
    GAP = "gap"  # a sentence with the word that goes with the term left out, options to pick from
    LISTENING = "listening"  # the term spoken, what was heard typed


# Every kind, in the order a term opens them.
ALL_KINDS: tuple[Kind, ...] = tuple(Kind)
# The kinds asked wherever the app runs; listening is added where audio can be made and heard.
ENABLED_KINDS: tuple[Kind, ...] = (Kind.MEANING, Kind.RECALL, Kind.USAGE, Kind.CHOICE, Kind.GAP)
ENTRY_KIND = Kind.MEANING  # a new term enters through this card
TYPED_KINDS: tuple[Kind, ...] = (Kind.RECALL, Kind.LISTENING)  # answered by typing
APP_GRADED: tuple[Kind, ...] = (Kind.RECALL, Kind.USAGE, Kind.CHOICE, Kind.GAP, Kind.LISTENING)
PICKED_KINDS: tuple[Kind, ...] = (Kind.CHOICE, Kind.GAP)  # answered with 1-4
# Each kind's name as the interface says it (the value is what the database stores).
KIND_NAMES: dict[Kind, str] = {
    Kind.MEANING: N_("meaning"),
    Kind.RECALL: N_("recall"),
    Kind.USAGE: N_("usage"),
    Kind.CHOICE: N_("choice"),
    Kind.GAP: N_("gap"),
    Kind.LISTENING: N_("listening"),
}


def can_ask(term: Term, kind: str) -> bool:
    """Whether ``term`` has what a card of ``kind`` asks: a gap card needs gap items (a
    teacher's term may have none); every other kind asks what every term has."""
    return kind != Kind.GAP or bool(term.gaps)
