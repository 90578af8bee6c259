"""A leech's notice (issue 21): a term answered Again the leech threshold's number of times in
study. It says so, shows the terms it is confused with side by side, and offers a short drill
over them now (a meeting-prep drill: the schedule is untouched)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen

from cxvocab.i18n import N_
from cxvocab.terms import Term
from cxvocab.ui.screens.base import CxScreen
from cxvocab.ui.widgets.rtl_text import RtlText


class LeechScreen(CxScreen[None], ModalScreen[None]):
    BINDINGS = [
        Binding("d", "drill", N_("Drill it with its confusables now"), id="leech-drill"),
        Binding("space,enter,escape", "dismiss_notice", N_("Go on"), id="leech-on", priority=True),
    ]

    def __init__(self, term: Term) -> None:
        super().__init__()
        self.term = term

    def compose(self) -> ComposeResult:
        tr, library, term = self.cx.tr, self.cx.library, self.term
        threshold = self.cx.settings.leech_threshold
        with Vertical(id="leech"):
            yield RtlText(
                Text(tr("{term} keeps slipping: a leech", term=tr.embed(term.label)), style="bold"), id="leech-title"
            )
            yield RtlText(
                Text(
                    tr.n(
                        "You have answered it Again {n} time. It is flagged: Browse and Stats list it as a leech.",
                        "You have answered it Again {n} times. It is flagged: Browse and Stats list it as a leech.",
                        threshold,
                    )
                )
            )
            from cxvocab.prep import leech_confusables

            rows = [(term.label, term.fa)] + [(library.terms[c].label, library.terms[c].fa) for c in leech_confusables(library, term)]
            if len(rows) > 1:
                yield RtlText(Text("\n" + tr("Often confused with it:"), style="bold"))
            for label, fa in rows[1:]:
                yield RtlText(Text.assemble((tr.embed(label), "bold"), "  ", fa), classes="leech-row")
            said = tr("d  drill it beside them now (a few questions; your schedule is untouched)") if len(rows) > 1 else tr(
                "d  drill it now (a few questions; your schedule is untouched)"
            )
            yield RtlText(Text("\n" + said + "\n" + tr("space  go on studying"), style="dim"), id="leech-keys")

    def action_drill(self) -> None:
        from cxvocab.prep import drill_with_confusables

        request = drill_with_confusables(self.cx.library, self.term.id, self.cx.tr)
        self.dismiss(None)
        self.cx.start_prep(request)

    def action_dismiss_notice(self) -> None:
        self.dismiss(None)
