"""First run: which way does Persian read correctly on this terminal? (DESIGN §5)

Terminals that do bidi themselves (GNOME Terminal, Konsole) want logical text; the rest (kitty,
Alacritty, Windows Terminal, xterm, tmux) want it shaped and reordered. No environment variable
tells for sure, so the learner is shown one sentence both ways and picks the one that reads.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from cxvocab.ui.widgets.rtl_text import RtlText

# Joined letters, a ZWNJ, brackets, a Latin word and digits: each looks wrong in the wrong mode.
SAMPLE = "امتیاز CSAT ما (از ۱ تا ۵) به ۴٫۶ رسید و مشتری‌ها راضی‌ترند."


class CalibrationScreen(ModalScreen[str | None]):
    """Shows :data:`SAMPLE` in both modes; returns the chosen mode (None: ask again next time)."""

    BINDINGS = [
        Binding("1", "choose('visual')", "First line reads right", id="calibrate-visual"),
        Binding("2", "choose('native')", "Second line reads right", id="calibrate-native"),
        Binding("escape", "choose('')", "Decide later", id="calibrate-later"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="calibration"):
            yield Static(Text("How does Persian look on this terminal?", style="bold"), id="calibration-title")
            yield Static(
                Text(
                    "Which line reads correctly from right to left, with its letters joined "
                    "and the brackets facing the right way?"
                )
            )
            yield Static(Text("1", style="bold"), classes="calibration-label")
            yield RtlText(SAMPLE, mode="visual", id="sample-visual", classes="calibration-sample")
            yield Static(Text("2", style="bold"), classes="calibration-label")
            yield RtlText(SAMPLE, mode="native", id="sample-native", classes="calibration-sample")
            yield Static(
                Text.assemble(
                    ("Press 1 or 2", "bold"),
                    ("   escape: decide later.  ", "dim"),
                    ("t switches at any time.", "dim"),
                ),
                id="calibration-keys",
            )

    def action_choose(self, mode: str) -> None:
        self.dismiss(mode or None)
