"""The keys that work right now, along the bottom of a screen: what Textual's Footer shows,
drawn as one text instead of a widget per key.

The Footer builds its key widgets again every time a screen's keys change, which on the
study screen is at every card: that alone was more than half the time from an answer to the
next card drawn (DESIGN §7 asks for one frame, 16 ms). This line is redrawn as one text.
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.screen import Screen
from textual.widgets import Static


class KeyLine(Static):
    """Enabled, shown bindings of the screen and the app, ``key description`` each, wrapped
    between keys (never between a key and what it does)."""

    DEFAULT_CSS = """
    KeyLine {
        dock: bottom;
        height: auto;
        max-height: 3;
        padding: 0 1;
        background: $footer-background;
        color: $footer-description-foreground;
    }
    KeyLine > .key-line--key {
        color: $footer-key-foreground;
        text-style: bold;
    }
    """
    COMPONENT_CLASSES = {"key-line--key"}

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.redraw()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self) -> None:
        self.redraw()

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        if self.is_attached and screen is self.screen:
            self.redraw()

    def redraw(self) -> None:
        self.update(self.line(self.content_region.width or self.app.size.width))

    def keys(self) -> list[tuple[str, str]]:
        """(key as shown, description) of each binding that can be used now, once per action."""
        out: list[tuple[str, str]] = []
        actions: set[str] = set()
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.show and enabled and binding.description and binding.action not in actions:
                actions.add(binding.action)
                out.append((self.app.get_key_display(binding), binding.description))
        return out

    def line(self, width: int) -> Text:
        key_style = self.get_component_rich_style("key-line--key", partial=True)
        text, used = Text(), 0
        for key, description in self.keys():
            size = cell_len(key) + 1 + cell_len(description)
            if used and used + 3 + size > max(width, 1):
                text.append("\n")
                used = 0
            elif used:
                text.append("   ")
                used += 3
            text.append(key, key_style)
            text.append(f" {description}")
            used += size
        return text
