"""The fitted schedule's offer (issue 21): how well the parameters in use and the fitted ones
predict the learner's answers, and, only when the fitted ones are better, whether to use them.
Dismissed with True to apply, False to keep what is in use."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen

from cxvocab.i18n import N_
from cxvocab.optimize import Fit, report_lines
from cxvocab.ui.screens.base import CxScreen
from cxvocab.ui.widgets.rtl_text import RtlText


class FitScreen(CxScreen[bool], ModalScreen[bool]):
    BINDINGS = [
        Binding("y,enter", "answer(True)", N_("Use the fitted schedule"), id="fit-yes", priority=True),
        Binding("n,escape", "answer(False)", N_("Keep the schedule in use"), id="fit-no"),
    ]

    def __init__(self, result: Fit) -> None:
        super().__init__()
        self.result = result

    def compose(self) -> ComposeResult:
        tr = self.cx.tr
        with Vertical(id="fit"):
            yield RtlText(Text(tr("Your schedule, fitted to your answers"), style="bold"))
            yield RtlText(Text(tr("How well each predicts what you remembered (lower is better):"), style="dim"))
            for line in report_lines(self.result, tr):
                yield RtlText(Text(line), classes="fit-line")
            if self.result.better:
                said = tr("Use the fitted parameters from the next card on? y / enter: yes   n / escape: keep these")
            else:
                said = tr("The parameters in use predict your answers as well or better: they stay. escape closes.")
            yield RtlText(Text(said, style="bold"), id="fit-question")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "answer" and parameters == (True,):
            return self.result.better
        return True

    def action_answer(self, use: bool) -> None:
        self.dismiss(use and self.result.better)
