"""Settings (``o`` on home): what a learner can tune, shown as it is saved, applied at once."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Header, Input, Select

from cxvocab.audio import ENGINES
from cxvocab.config import ACCENTS, LANGUAGES, RTL_MODES, THEMES, Settings
from cxvocab.i18n import N_
from cxvocab.persian import to_latin_digits
from cxvocab.ui.screens.base import CxScreen
from cxvocab.ui.widgets.key_line import KeyLine
from cxvocab.ui.widgets.rtl_text import RtlText

# The number fields: (id, label, setting, type, lowest, highest).
NUMBERS = [
    ("new-per-day", N_("New terms per day"), "new_per_day", int, 0, 1000),
    ("desired-retention", N_("Desired retention"), "desired_retention", float, 0.7, 0.99),
]
# The choices' names as the interface says them (the values are what config.toml holds).
CHOICE_NAMES = {
    "auto": N_("auto"), "gtts": N_("Google (online)"), "espeak": N_("espeak (offline)"),
    "visual": N_("visual"), "native": N_("native"), "us": N_("American (US)"), "uk": N_("British (UK)"),
    "en": N_("English"), "fa": N_("Persian"),
}


class SettingsScreen(CxScreen[None]):
    """Every field starts at the value in use; ctrl+s (or enter in a box) saves what changed."""

    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save"), id="save", priority=True, key_display="ctrl+s"),
        Binding("escape", "app.pop_screen", N_("Back without saving"), id="back"),
    ]

    def compose(self) -> ComposeResult:
        s, tr = self.cx.settings, self.cx.tr

        def label(text: str) -> RtlText:
            return RtlText(Text(tr(text)), classes="setting-label")

        def choices(values: tuple[str, ...]) -> list[tuple[str, str]]:
            return [(self.cx.tr_inline(tr(CHOICE_NAMES[v])) if v in CHOICE_NAMES else v, v) for v in values]

        yield Header()
        with VerticalScroll(id="settings", classes="rtl" if tr.rtl else ""):
            # Problems go above the fields, where they are seen without scrolling.
            yield RtlText(id="settings-problems")
            yield label(N_("Interface language (the terms you learn stay English)"))
            with Horizontal(classes="setting-row"):
                yield Select(choices(LANGUAGES), value=s.language, allow_blank=False, id="language", compact=True)
            yield label(N_("New terms per day (0 to 1000; 0: review only)"))
            with Horizontal(classes="setting-row"):
                yield Input(str(s.new_per_day), id="new-per-day", type="integer", compact=True)
            yield label(N_("Desired retention (0.70 to 0.99): higher means more reviews, fewer lapses"))
            with Horizontal(classes="setting-row"):
                yield Input(f"{s.desired_retention:g}", id="desired-retention", type="number", compact=True)
            yield label(N_("Accent"))
            with Horizontal(classes="setting-row"):
                yield Select(choices(ACCENTS) if tr.rtl else [(a.upper(), a) for a in ACCENTS], value=s.accent, allow_blank=False, id="accent", compact=True)
            yield label(N_("Pronunciation engine (auto: Google when online, else espeak)"))
            with Horizontal(classes="setting-row"):
                yield Select(
                    choices(ENGINES) if tr.rtl else [(e, e) for e in ENGINES], value=s.audio_engine, allow_blank=False, id="audio-engine", compact=True
                )
            yield label(N_("Persian display (visual: terminals without bidi; native: GNOME Terminal, Konsole)"))
            with Horizontal(classes="setting-row"):
                yield Select(choices(RTL_MODES) if tr.rtl else [(m, m) for m in RTL_MODES], value=s.rtl, allow_blank=False, id="rtl", compact=True)
            yield label(N_("Colours"))
            with Horizontal(classes="setting-row"):
                yield Select([(t, t) for t in THEMES], value=s.theme, allow_blank=False, id="theme", compact=True)
            with Horizontal(classes="setting-row"):
                yield Button(self.cx.tr_inline(tr("Save  (ctrl+s)")), id="save-settings", variant="primary")
        yield KeyLine()

    def on_mount(self) -> None:
        self.query_one("#settings-problems").display = False
        self.query_one("#new-per-day", Input).focus()

    def edited(self) -> Settings | None:
        """The settings as entered, or None (the problems shown, the first bad field focused)."""
        current, tr = self.cx.settings, self.cx.tr
        values: dict[str, object] = {}
        problems: list[tuple[str, str]] = []
        for field_id, label, key, kind, low, high in NUMBERS:
            typed = to_latin_digits(self.query_one(f"#{field_id}", Input).value.strip())
            try:
                value = kind(typed)
            except ValueError:
                what = tr("it is empty") if not typed else tr("'{typed}' is not a number", typed=typed)
                problems.append(
                    (field_id, tr("{label}: type a number from {low} to {high} ({what}).", label=tr(label), low=low, high=high, what=what))
                )
                continue
            if not low <= value <= high:
                problems.append((field_id, tr("{label}: {typed} is not between {low} and {high}.", label=tr(label), typed=typed, low=low, high=high)))
                continue
            values[key] = value
        for field_id, key in (
            ("accent", "accent"), ("audio-engine", "audio_engine"), ("rtl", "rtl"), ("theme", "theme"), ("language", "language")
        ):
            values[key] = str(self.query_one(f"#{field_id}", Select).value)
        box = self.query_one("#settings-problems", RtlText)
        box.text = Text("\n".join(message for _, message in problems), style="bold")
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
        self.app.pop_screen()
        self.cx.apply_settings(settings)
        self.notify(self.cx.tr("Settings saved.") if changed else self.cx.tr("Nothing changed."), timeout=2)
