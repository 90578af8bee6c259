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

from cxvocab.i18n import ENGLISH, N_, Translator
from cxvocab.kinds import KIND_NAMES, Kind
from cxvocab.rating import Rating
from cxvocab.rtl import Persian, isolate, said
from cxvocab.ui.widgets.rtl_text import app_mode, app_tr

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
        ordered.append((app.get_key_display(Binding(app.COMMAND_PALETTE_BINDING, "")), N_("Commands: colours, quit")))
    return ordered


def _declared(owner: type) -> list[Binding]:
    """The bindings a class declares itself (not those it inherits from Textual)."""
    declared = owner.__dict__.get("BINDINGS", [])
    return [b for b in declared if isinstance(b, Binding)]


def grade_table(rows: list[tuple[str, str]], tr: Translator = ENGLISH, mode: str = "visual") -> Table:
    """Two columns, a short bold label and what it means; in Persian the label at the right."""
    table = Table.grid(padding=(0, 2))
    if tr.rtl:
        table.add_column(justify="right")
        table.add_column(style="bold", no_wrap=True, justify="right")
        for left, right in rows:
            table.add_row(Persian(Text(right), mode), isolate(left, mode))
        return table
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for left, right in rows:
        table.add_row(left, right)
    return table


class HelpScreen(ModalScreen[None]):
    """Keys first, then the screen's own explanations; scrolls when it is longer than the
    window."""

    BINDINGS = [Binding("escape,question_mark,q", "dismiss", N_("Close"))]

    def __init__(self, rows: list[tuple[str, str]], sections: list[Section] | None = None) -> None:
        super().__init__()
        self.rows = rows
        self.sections = sections or []

    def compose(self) -> ComposeResult:
        tr, mode = app_tr(self), app_mode(self)
        rows = [(key, tr(description)) for key, description in self.rows]
        close = tr("close this help (also ? or q; up and down scroll)")
        keys = Table(box=None, padding=(0, 2), show_header=False)
        if tr.rtl:  # the key at the right, read first; what it does to its left
            keys.add_column(justify="right")
            keys.add_column(style="bold", justify="left", no_wrap=True)
            for key, description in rows:
                keys.add_row(Persian(Text(description), mode), key)
            keys.add_row(Persian(Text(close, style="dim"), mode), Text("esc", style="bold dim"))
        else:
            keys.add_column(style="bold", justify="right", no_wrap=True)
            keys.add_column()
            for key, description in rows:
                keys.add_row(key, description)
            # The way out is one more row of the same table, so it lines up with the keys.
            keys.add_row(Text("esc", style="bold dim"), Text(close, style="dim"))
        parts: list[RenderableType] = [said(Text(tr("Keys"), style="bold"), tr, mode), keys]
        for title, body in self.sections:
            if tr.rtl and isinstance(body, Text):
                body = Persian(body, mode)
            parts += [Text(), said(Text(title, style="bold"), tr, mode), body]
        with VerticalScroll(id="help"):
            yield Static(Group(*parts), id="help-body")

    def on_mount(self) -> None:
        self.query_one("#help").focus()  # up, down and page keys scroll it


def help_screen(screen: Screen[Any], sections: list[Section]) -> HelpScreen:
    """The help for ``screen``: its keys now, and ``sections`` (the screen's own)."""
    return HelpScreen(key_rows(screen), sections)


# --- what the study screen explains -------------------------------------------------------

CARD_KINDS: dict[Kind, str] = {
    Kind.MEANING: N_(
        "An English term and how it sounds. Say to yourself what it means, press space to see the"
        " Persian, the definitions and an example, then grade how well you knew it."
    ),
    Kind.RECALL: N_(
        "The Persian term and its definition. Type the English term (or its abbreviation) and press"
        " enter. Case, spaces, hyphens and British or American spelling do not matter; one typo (two in a long"
        " term) counts as Hard, and another term's name is never a typo."
    ),
    Kind.USAGE: N_(
        "An English sentence about a term. Is it correct English? Press y or n, then read why, in"
        " English and Persian, and what kind of mistake it makes, if any."
    ),
    Kind.CHOICE: N_("A definition, or a sentence with the term blanked out. Press 1-4 for the term that fits."),
    Kind.GAP: N_(
        "A sentence with the word that goes with the term left out: the verb (build loyalty), the"
        " preposition (satisfied with) or the form of the word (retention, not retain). Press 1-4 for the word"
        " English uses, then read why, and why the others are wrong."
    ),
    Kind.LISTENING: N_(
        "The term is spoken; type what you heard. Nothing is graded for a sound you could not hear:"
        " press ctrl+l if you cannot listen now."
    ),
}

GRADES = [
    (1, N_("You did not know it. It comes back in a minute or two and starts again from short steps.")),
    (2, N_("You knew it, with effort. It comes back sooner than Good would bring it.")),
    (3, N_("You knew it. The usual answer (space means Good).")),
    (4, N_("You knew it at once. It comes back much later.")),
]

APP_GRADED = N_(
    "The app grades this card itself, honestly: right is Good, right with a small typo is Hard, wrong is"
    " Again (never Hard)."
)

SCHEDULE = N_(
    "cxvocab schedules every card with FSRS, a spaced-repetition algorithm that models how well you remember"
    " each card. Each answer updates the card's stability (how long the memory holds), and the card comes back"
    " when you are about to forget it: at the desired retention in Settings (90% by default). Each grade button"
    " shows when the card would come back. Honest grades make the schedule fit your memory."
)

KINDS_OVERVIEW = N_(
    "A new term starts with its meaning card. From the next day it also comes back as recall, usage, choice,"
    " gap and listening questions (listening only where sound can be played), one kind per term per day, mixed so"
    " that terms you confuse come one after another."
)


def study_sections(kind: Kind | None, tr: Translator = ENGLISH, mode: str = "visual") -> list[Section]:
    """The study screen's help: the card on screen first, then grades and the schedule."""
    sections: list[Section] = []
    if kind is not None:
        sections.append((tr("This card: {kind}", kind=tr(KIND_NAMES[kind])), Text(tr(CARD_KINDS[kind]))))
    if kind == Kind.MEANING:
        grades = [(f"{rating} {tr(Rating.NAMES[rating])}", tr(text)) for rating, text in GRADES]
        sections.append((tr("Grades"), grade_table(grades, tr, mode)))
    elif kind:
        sections.append((tr("Grades"), Text(tr(APP_GRADED))))
    sections.append((tr("How the schedule works"), Text(tr(SCHEDULE))))
    sections.append((tr("Card kinds"), Text(tr(KINDS_OVERVIEW))))
    return sections
