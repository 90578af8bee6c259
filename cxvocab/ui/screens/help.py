"""Help (``?`` anywhere): the keys that work on the screen beneath, and what that screen asks
of the learner (on the study screen: this card's kind, the grades, how FSRS schedules)."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from cxvocab.kinds import Kind

Section = tuple[str, RenderableType]


def key_rows(screen: Screen[Any]) -> list[tuple[str, str]]:
    """(keys, what they do) for every key that does something on ``screen`` right now: the
    screen's own bindings and the app's, enabled, each description once with all its keys
    ("q / esc  Finish", "3 / space  Good"), those of the key line first, then those it leaves out (such as P). Textual's own
    defaults (tab, the focused box's editing keys) are not listed; the command palette is."""
    app = screen.app
    own = {(b.action, b.description) for owner in (type(screen), type(app)) for b in _declared(owner)}
    grouped: dict[str, tuple[list[str], bool]] = {}
    active = list(screen.active_bindings.values())
    for node, binding, enabled, _tooltip in sorted(active, key=lambda a: not a.binding.show):  # shown first
        if not (enabled and binding.description) or node not in (screen, app):
            continue
        if (binding.action, binding.description) not in own:
            continue
        keys, shown = grouped.setdefault(binding.description, ([], False))
        display = app.get_key_display(binding)
        if display not in keys:
            keys.append(display)
        grouped[binding.description] = (keys, shown or binding.show)
    rows = [(" / ".join(keys), description, shown) for description, (keys, shown) in grouped.items()]
    ordered = [(k, d) for k, d, shown in rows if shown] + [(k, d) for k, d, shown in rows if not shown]
    if app.ENABLE_COMMAND_PALETTE:
        ordered.append((app.get_key_display(Binding(app.COMMAND_PALETTE_BINDING, "")), "Commands: colours, quit"))
    return ordered


def _declared(owner: type) -> list[Binding]:
    """The bindings a class declares itself (not those it inherits from Textual)."""
    declared = owner.__dict__.get("BINDINGS", [])
    return [b for b in declared if isinstance(b, Binding)]


def grade_table(rows: list[tuple[str, str]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for left, right in rows:
        table.add_row(left, right)
    return table


class HelpScreen(ModalScreen[None]):
    """Keys first, then the screen's own explanations; scrolls when it is longer than the
    window."""

    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close")]

    def __init__(self, rows: list[tuple[str, str]], sections: list[Section] | None = None) -> None:
        super().__init__()
        self.rows = rows
        self.sections = sections or []

    def compose(self) -> ComposeResult:
        keys = Table(box=None, padding=(0, 2), show_header=False)
        keys.add_column(style="bold", justify="right", no_wrap=True)
        keys.add_column()
        for key, description in self.rows:
            keys.add_row(key, description)
        # The way out is one more row of the same table, so it lines up with the keys.
        keys.add_row(Text("esc", style="bold dim"), Text("close this help (also ? or q; up and down scroll)", style="dim"))
        parts: list[RenderableType] = [Text("Keys", style="bold"), keys]
        for title, body in self.sections:
            parts += [Text(), Text(title, style="bold"), body]
        with VerticalScroll(id="help"):
            yield Static(Group(*parts), id="help-body")

    def on_mount(self) -> None:
        self.query_one("#help").focus()  # up, down and page keys scroll it


def help_screen(screen: Screen[Any], sections: list[Section]) -> HelpScreen:
    """The help for ``screen``: its keys now, and ``sections`` (the screen's own)."""
    return HelpScreen(key_rows(screen), sections)


# --- what the study screen explains -------------------------------------------------------

CARD_KINDS: dict[Kind, str] = {
    Kind.MEANING: "An English term and how it sounds. Say to yourself what it means, press space to see the"
    " Persian, the definitions and an example, then grade how well you knew it.",
    Kind.RECALL: "The Persian term and its definition. Type the English term (or its abbreviation) and press"
    " enter. Case, spaces, hyphens and British or American spelling do not matter; one typo (two in a long"
    " term) counts as Hard, and another term's name is never a typo.",
    Kind.USAGE: "An English sentence about a term. Is it correct English? Press y or n, then read why, in"
    " English and Persian, and what kind of mistake it makes, if any.",
    Kind.CHOICE: "A definition, or a sentence with the term blanked out. Press 1-4 for the term that fits.",
    Kind.GAP: "A sentence with the word that goes with the term left out: the verb (build loyalty), the"
    " preposition (satisfied with) or the form of the word (retention, not retain). Press 1-4 for the word"
    " English uses, then read why, and why the others are wrong.",
    Kind.LISTENING: "The term is spoken; type what you heard. Nothing is graded for a sound you could not hear:"
    " press ctrl+l if you cannot listen now.",
}

GRADES = [
    ("1 Again", "You did not know it. It comes back in a minute or two and starts again from short steps."),
    ("2 Hard", "You knew it, with effort. It comes back sooner than Good would bring it."),
    ("3 Good", "You knew it. The usual answer (space means Good)."),
    ("4 Easy", "You knew it at once. It comes back much later."),
]

APP_GRADED = (
    "The app grades this card itself, honestly: right is Good, right with a small typo is Hard, wrong is"
    " Again (never Hard)."
)

SCHEDULE = (
    "cxvocab schedules every card with FSRS, a spaced-repetition algorithm that models how well you remember"
    " each card. Each answer updates the card's stability (how long the memory holds), and the card comes back"
    " when you are about to forget it: at the desired retention in Settings (90% by default). Each grade button"
    " shows when the card would come back. Honest grades make the schedule fit your memory."
)

KINDS_OVERVIEW = (
    "A new term starts with its meaning card. From the next day it also comes back as recall, usage, choice,"
    " gap and listening questions (listening only where sound can be played), one kind per term per day, mixed so"
    " that terms you confuse come one after another."
)


def study_sections(kind: Kind | None) -> list[Section]:
    """The study screen's help: the card on screen first, then grades and the schedule."""
    sections: list[Section] = []
    if kind is not None:
        sections.append((f"This card: {kind}", Text(CARD_KINDS[kind])))
    if kind == Kind.MEANING:
        sections.append(("Grades", grade_table(GRADES)))
    elif kind:
        sections.append(("Grades", Text(APP_GRADED)))
    sections.append(("How the schedule works", Text(SCHEDULE)))
    sections.append(("Card kinds", Text(KINDS_OVERVIEW)))
    return sections
