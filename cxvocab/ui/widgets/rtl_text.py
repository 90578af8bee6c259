"""The one widget every Persian text goes through.

It right-aligns Persian and shows it literally (never as markup). How Persian is laid out for
terminals without bidi (DESIGN §5: shaping and visual reordering) is decided here and only
here, so the display modes change this widget and nothing else.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static


class RtlText(Static):
    """A right-to-left paragraph, optionally after an English label on its own line."""

    DEFAULT_CSS = """
    RtlText {
        width: 1fr;
        height: auto;
        text-align: right;
    }
    """

    text: reactive[str] = reactive("", layout=True)

    def __init__(self, text: str = "", *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.text = text

    def render(self) -> Text:
        # Text(...) rather than a markup string: content is untrusted, "[bold]" stays as typed.
        return Text(self.text, justify="right", end="")
