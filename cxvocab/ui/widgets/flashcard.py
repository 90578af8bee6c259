"""A meaning card: the English term on the front; Persian, definitions and an example behind."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from cxvocab.i18n import N_
from cxvocab.render import family_line, forms
from cxvocab.rtl import inline
from cxvocab.terms import POS_NAMES, Term
from cxvocab.ui.widgets.quiz_cards import Heading
from cxvocab.ui.widgets.rtl_text import RtlText, app_mode, app_tr


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
            yield Heading(N_("Definition"))
            yield Static(id="definition-en")
            yield RtlText(id="definition-fa")
            yield Heading(N_("Example"))
            yield Static(id="example-en")
            yield RtlText(id="example-fa")
            yield RtlText(id="family-label")
            yield Static(id="family")

    def show(self, term: Term, accent: str, *, new: bool = False) -> None:
        """Put ``term`` on the card, answer hidden."""
        self.term = term
        self.accent = accent
        self.query_one("#term-name", Static).update(Text(term.label, style="bold"))
        tr, mode = app_tr(self), app_mode(self)
        ipa = term.ipa.uk if accent == "uk" else term.ipa.us
        line = Text.assemble(
            (inline(tr("UK" if accent == "uk" else "US"), tr, mode) + " ", "dim"), ipa, ("  ·  ", "dim"),
            (inline(tr(POS_NAMES.get(term.pos, term.pos)), tr, mode), "italic"),
        )
        if new:
            line.append("  ·  " + inline(tr("new"), tr, mode), style="bold")
        self.query_one("#term-ipa", Static).update(line)
        self.query_one("#term-fa", RtlText).text = term.fa
        self.query_one("#definition-en", Static).update(Text(term.definition.en))
        self.query_one("#definition-fa", RtlText).text = term.definition.fa
        example = term.examples[0]
        self.query_one("#example-en", Static).update(Text(example.en, style="italic"))
        self.query_one("#example-fa", RtlText).text = example.fa
        family, family_label = self.query_one("#family", Static), self.query_one("#family-label", RtlText)
        if tr.rtl:  # the label right to left above the English forms
            family_label.text = Text(tr("Word family"), style="bold dim")
            family.update(Text(forms(term, tr, mode)))
        else:
            family.update(family_line(term))
        family.display = bool(term.family)
        family_label.display = bool(term.family) and tr.rtl
        self.revealed = False
        self.scroll_home(animate=False)

    def watch_revealed(self, revealed: bool) -> None:
        self.query_one("#back").display = revealed
