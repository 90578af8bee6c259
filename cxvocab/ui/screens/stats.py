"""Stats (s on home), Settings (o on home) and Help (? anywhere)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Header, Input, Label, Select, Static

from cxvocab.audio import ENGINES
from cxvocab.config import ACCENTS, RTL_MODES, Settings
from cxvocab.render import stats_report
from cxvocab.ui.screens.base import CxScreen
from cxvocab.ui.widgets.key_line import KeyLine


class StatsScreen(CxScreen):
    """The numbers of ``cxvocab stats``, drawn; j switches to Jalali dates and Persian digits."""

    BINDINGS = [
        Binding("j", "jalali", "Jalali / Gregorian", id="jalali"),
        Binding("escape", "app.pop_screen", "Back", id="back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.persian = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="stats"):
            yield Static(id="stats-report")
        yield KeyLine()

    def on_mount(self) -> None:
        self.numbers = self.cx.stats()
        self.rtl_changed()

    def rtl_changed(self) -> None:
        report = stats_report(self.numbers, self.cx.library, persian=self.persian, mode=self.cx.rtl_mode)
        self.query_one("#stats-report", Static).update(report)

    def action_jalali(self) -> None:
        self.persian = not self.persian
        self.rtl_changed()


class SettingsScreen(CxScreen):
    """What a learner can tune; saved to the settings file and applied at once."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save", priority=True),
        Binding("escape", "app.pop_screen", "Back", id="back"),
    ]

    def compose(self) -> ComposeResult:
        s = self.cx.settings
        yield Header()
        with VerticalScroll(id="settings"):
            yield Label("New terms per day")
            yield Input(str(s.new_per_day), id="new-per-day", type="integer")
            yield Label("Desired retention (0.70 to 0.99): higher means more reviews, fewer lapses")
            yield Input(f"{s.desired_retention:g}", id="desired-retention", type="number")
            yield Label("Accent")
            yield Select([(a.upper(), a) for a in ACCENTS], value=s.accent, allow_blank=False, id="accent")
            yield Label("Pronunciation engine (auto: Google when online, else espeak)")
            yield Select([(e, e) for e in ENGINES], value=s.audio_engine, allow_blank=False, id="audio-engine")
            yield Label("Persian display (visual: terminals without bidi; native: GNOME Terminal, Konsole)")
            yield Select([(m, m) for m in RTL_MODES], value=s.rtl, allow_blank=False, id="rtl")
            yield Button("Save  (ctrl+s)", id="save-settings", variant="primary")
            yield Static(id="settings-problems")
        yield KeyLine()

    def edited(self) -> Settings | None:
        """The settings as entered, or None (and the problems shown) if a value is out of range."""
        try:
            candidate = Settings(
                new_per_day=int(self.query_one("#new-per-day", Input).value or "0"),
                review_cap=self.cx.settings.review_cap,
                desired_retention=float(self.query_one("#desired-retention", Input).value or "0"),
                accent=str(self.query_one("#accent", Select).value),
                rtl=str(self.query_one("#rtl", Select).value),
                audio_engine=str(self.query_one("#audio-engine", Select).value),
            )
        except ValueError:
            candidate = None
        problems = candidate.problems() if candidate else ["a number is not a number"]
        self.query_one("#settings-problems", Static).update(Text("\n".join(problems), style="red"))
        return None if problems else candidate

    @on(Button.Pressed, "#save-settings")
    def action_save(self) -> None:
        settings = self.edited()
        if settings is None:
            return
        self.cx.apply_settings(settings)
        self.notify("Settings saved.", timeout=2)
        self.app.pop_screen()


class HelpScreen(ModalScreen[None]):
    """Every key of the screen it was opened from, taken from that screen's own bindings."""

    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close")]

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        table = Table(box=None, padding=(0, 2), show_header=False)
        table.add_column(style="bold", justify="right")
        table.add_column()
        for key, description in self.rows:
            table.add_row(key, description)
        with Vertical(id="help"):
            yield Static(Text("Keys", style="bold"))
            yield Static(table)
            yield Static(Text("escape  close", style="dim"))
