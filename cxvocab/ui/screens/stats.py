"""Stats (s on home): the numbers of ``cxvocab stats``."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, Static

from cxvocab.i18n import N_
from cxvocab.render import stats_report
from cxvocab.ui.screens.base import CxScreen
from cxvocab.ui.widgets.key_line import KeyLine


class StatsScreen(CxScreen[None]):
    """The numbers of ``cxvocab stats``, drawn; j switches to Jalali dates and Persian digits."""

    BINDINGS = [
        Binding("j", "jalali", N_("Jalali / Gregorian"), id="jalali"),
        Binding("escape", "app.pop_screen", N_("Back"), id="back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.persian: bool | None = None  # Jalali dates and Persian digits: None, as the language has them

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="stats"):
            yield Static(id="stats-report")
        yield KeyLine()

    def on_mount(self) -> None:
        self.numbers = self.cx.stats()
        self.rtl_changed()

    def rtl_changed(self) -> None:
        width = self.query_one("#stats", VerticalScroll).scrollable_content_region.width or self.app.size.width
        tr = self.cx.tr if self.persian is None else self.cx.tr.with_jalali(self.persian)
        report = stats_report(self.numbers, self.cx.library, tr=tr, mode=self.cx.rtl_mode, width=width)
        self.query_one("#stats-report", Static).update(report)

    def on_resize(self) -> None:
        self.rtl_changed()  # the numbers at the top go to as many columns as fit

    def action_jalali(self) -> None:
        self.persian = not (self.cx.tr.persian_numbers if self.persian is None else self.persian)
        self.rtl_changed()
