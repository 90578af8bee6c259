"""Settings (``o`` on home): what a learner can tune, shown as it is saved, applied at once."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Header, Input, Label, Select, Static

from cxvocab.audio import ENGINES
from cxvocab.config import ACCENTS, RTL_MODES, THEMES, Settings
from cxvocab.ui.screens.base import CxScreen
from cxvocab.ui.widgets.key_line import KeyLine

# The number fields: (id, label, setting, type, lowest, highest).
NUMBERS = [
    ("new-per-day", "New terms per day", "new_per_day", int, 0, 1000),
    ("desired-retention", "Desired retention", "desired_retention", float, 0.7, 0.99),
]


class SettingsScreen(CxScreen[None]):
    """Every field starts at the value in use; ctrl+s (or enter in a box) saves what changed."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save", priority=True, key_display="ctrl+s"),
        Binding("escape", "app.pop_screen", "Back without saving", id="back"),
    ]

    def compose(self) -> ComposeResult:
        s = self.cx.settings
        yield Header()
        with VerticalScroll(id="settings"):
            # Problems go above the fields, where they are seen without scrolling.
            yield Static(id="settings-problems")
            yield Label("New terms per day (0 to 1000; 0: review only)")
            yield Input(str(s.new_per_day), id="new-per-day", type="integer", compact=True)
            yield Label("Desired retention (0.70 to 0.99): higher means more reviews, fewer lapses")
            yield Input(f"{s.desired_retention:g}", id="desired-retention", type="number", compact=True)
            yield Label("Accent")
            yield Select([(a.upper(), a) for a in ACCENTS], value=s.accent, allow_blank=False, id="accent", compact=True)
            yield Label("Pronunciation engine (auto: Google when online, else espeak)")
            yield Select(
                [(e, e) for e in ENGINES], value=s.audio_engine, allow_blank=False, id="audio-engine", compact=True
            )
            yield Label("Persian display (visual: terminals without bidi; native: GNOME Terminal, Konsole)")
            yield Select([(m, m) for m in RTL_MODES], value=s.rtl, allow_blank=False, id="rtl", compact=True)
            yield Label("Colours")
            yield Select([(t, t) for t in THEMES], value=s.theme, allow_blank=False, id="theme", compact=True)
            yield Button("Save  (ctrl+s)", id="save-settings", variant="primary")
        yield KeyLine()

    def on_mount(self) -> None:
        self.query_one("#settings-problems").display = False
        self.query_one("#new-per-day", Input).focus()

    def edited(self) -> Settings | None:
        """The settings as entered, or None (the problems shown, the first bad field focused)."""
        current = self.cx.settings
        values: dict[str, object] = {}
        problems: list[tuple[str, str]] = []
        for field_id, label, key, kind, low, high in NUMBERS:
            typed = self.query_one(f"#{field_id}", Input).value.strip()
            try:
                value = kind(typed)
            except ValueError:
                what = "it is empty" if not typed else f"{typed!r} is not a number"
                problems.append((field_id, f"{label}: type a number from {low:g} to {high:g} ({what})."))
                continue
            if not low <= value <= high:
                problems.append((field_id, f"{label}: {typed} is not between {low:g} and {high:g}."))
                continue
            values[key] = value
        for field_id, key in (("accent", "accent"), ("audio-engine", "audio_engine"), ("rtl", "rtl"), ("theme", "theme")):
            values[key] = str(self.query_one(f"#{field_id}", Select).value)
        box = self.query_one("#settings-problems", Static)
        box.update(Text("\n".join(message for _, message in problems), style="bold"))
        box.display = bool(problems)
        if problems:
            self.query_one(f"#{problems[0][0]}", Widget).focus()
            self.query_one("#settings", VerticalScroll).scroll_home(animate=False)
            return None
        return replace(current, **values)  # type: ignore[arg-type]

    @on(Button.Pressed, "#save-settings")
    @on(Input.Submitted)
    def action_save(self) -> None:
        settings = self.edited()
        if settings is None:
            return
        changed = bool(self.cx.settings.changes(settings))
        self.cx.apply_settings(settings)
        self.notify("Settings saved." if changed else "Nothing changed.", timeout=2)
        self.app.pop_screen()
