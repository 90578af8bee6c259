"""A meaning card: the English term on the front; Persian, definitions and an example behind."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.reactive import reactive
from textual.widgets import Label, Static

from cxvocab.render import family_line
from cxvocab.terms import Term
from cxvocab.ui.widgets.rtl_text import RtlText


class Flashcard(VerticalScroll):
    """Shows one term. The screen sets :attr:`revealed`; the card only draws."""

    revealed: reactive[bool] = reactive(False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.term: Term | None = None
        self.accent = "us"

    def compose(self) -> ComposeResult:
        with Vertical(id="front"):
            yield Static(id="term-name")
            yield Static(id="term-ipa")
        with Vertical(id="back"):
            yield RtlText(id="term-fa")
            yield Label("Definition", classes="section")
            yield Static(id="definition-en")
            yield RtlText(id="definition-fa")
            yield Label("Example", classes="section")
            yield Static(id="example-en")
            yield RtlText(id="example-fa")
            yield Static(id="family")

    def show(self, term: Term, accent: str, *, new: bool = False) -> None:
        """Put ``term`` on the card, answer hidden."""
        self.term = term
        self.accent = accent
        self.query_one("#term-name", Static).update(Text(term.label, style="bold"))
        ipa = term.ipa.uk if accent == "uk" else term.ipa.us
        line = Text.assemble((f"{accent.upper()} ", "dim"), ipa, ("  ·  ", "dim"), (term.pos, "italic"))
        if new:
            line.append("  ·  new", style="bold")
        self.query_one("#term-ipa", Static).update(line)
        self.query_one("#term-fa", RtlText).text = term.fa
        self.query_one("#definition-en", Static).update(Text(term.definition.en))
        self.query_one("#definition-fa", RtlText).text = term.definition.fa
        example = term.examples[0]
        self.query_one("#example-en", Static).update(Text(example.en, style="italic"))
        self.query_one("#example-fa", RtlText).text = example.fa
        family = self.query_one("#family", Static)
        family.update(family_line(term))
        family.display = bool(term.family)
        self.revealed = False
        self.scroll_home(animate=False)

    def watch_revealed(self, revealed: bool) -> None:
        self.query_one("#back").display = revealed
