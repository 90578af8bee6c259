"""First run: which way does Persian read correctly on this terminal (DESIGN §5), and which
language should the interface speak?

Terminals that do bidi themselves (GNOME Terminal, Konsole) want logical text; the rest (kitty,
Alacritty, Windows Terminal, xterm, tmux) want it shaped and reordered. No environment variable
tells for sure, so the learner is shown one sentence both ways and picks the one that reads.
Then, with Persian drawn the way they chose, the screen asks for the interface's language. Every
line is in both languages: the learner has chosen neither yet.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from cxvocab.i18n import N_, translator
from cxvocab.ui.widgets.rtl_text import RtlText

# Joined letters, a ZWNJ, brackets, a Latin word and digits: each looks wrong in the wrong mode.
SAMPLE = "امتیاز CSAT ما (از ۱ تا ۵) به ۴٫۶ رسید و مشتری‌ها راضی‌ترند."

# Shown before any language is chosen, so in both: each line in English and, below it, in
# Persian from the catalog (what a learner who reads no English must see first).
ASK_DISPLAY = N_(
    "How does Persian look on this terminal? Which line reads correctly from right to left, with its"
    " letters joined and the brackets facing the right way?"
)
DISPLAY_KEYS = N_("Press 1 or 2.   escape: decide later.   t switches at any time.")
ASK_LANGUAGE = N_("Which language should cxvocab's menus and messages be in? (The terms you learn stay English.)")
LANGUAGE_KEYS = N_("e  English      f  Persian      enter: English.   Settings (o) changes it later.")


def both(message: str, style: str, id: str) -> ComposeResult:
    """``message`` in English, then in Persian."""
    yield Static(Text(message, style=style), id=id)
    yield RtlText(Text(translator("fa")(message), style=style), rtl=True, id=f"{id}-fa")


class CalibrationScreen(ModalScreen[str | None]):
    """Shows :data:`SAMPLE` in both modes; returns the chosen mode (None: ask again next time)."""

    BINDINGS = [
        Binding("1", "choose('visual')", N_("First line reads right"), id="calibrate-visual"),
        Binding("2", "choose('native')", N_("Second line reads right"), id="calibrate-native"),
        Binding("escape", "choose('')", N_("Decide later"), id="calibrate-later"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="calibration"):
            yield from both(ASK_DISPLAY, "bold", "calibration-title")
            yield Static(Text("1", style="bold"), classes="calibration-label")
            yield RtlText(SAMPLE, mode="visual", id="sample-visual", classes="calibration-sample")
            yield Static(Text("2", style="bold"), classes="calibration-label")
            yield RtlText(SAMPLE, mode="native", id="sample-native", classes="calibration-sample")
            yield from both(DISPLAY_KEYS, "dim", "calibration-keys")

    def action_choose(self, mode: str) -> None:
        self.dismiss(mode or None)


class LanguageScreen(ModalScreen[str | None]):
    """Right after the display is chosen (so its Persian reads right): the interface's
    language; returns ``en`` or ``fa`` (None: as it is, English unless --lang said otherwise)."""

    BINDINGS = [
        Binding("e", "choose('en')", N_("English"), id="language-en"),
        Binding("f", "choose('fa')", N_("Persian"), id="language-fa"),
        Binding("enter", "choose('en')", N_("English"), show=False),
        Binding("escape", "choose('')", N_("Decide later"), id="language-later"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="calibration"):
            yield from both(ASK_LANGUAGE, "bold", "calibration-title")
            yield from both(LANGUAGE_KEYS, "dim", "calibration-keys")

    def action_choose(self, language: str) -> None:
        self.dismiss(language or None)
