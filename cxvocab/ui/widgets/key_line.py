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

RLM = "\u200f"

from cxvocab.rtl import LRE, PDF, PDI, RLI, visual_text
from cxvocab.ui.widgets.rtl_text import app_mode, app_tr, follow_app_rtl


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
        follow_app_rtl(self, lambda _mode: self.redraw())
        self.redraw()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self) -> None:
        self.redraw()

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        if self.is_attached and screen is self.screen:
            self.redraw()

    def redraw(self) -> None:
        self.styles.text_align = "right" if app_tr(self).rtl else "left"
        self.update(self.line(self.content_region.width or self.app.size.width))

    def keys(self) -> list[tuple[str, str]]:
        """(key as shown, description in the interface's language) of each binding that can be
        used now, once per action."""
        tr = app_tr(self)
        out: list[tuple[str, str]] = []
        actions: set[str] = set()
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.show and enabled and binding.description and binding.action not in actions:
                actions.add(binding.action)
                out.append((self.app.get_key_display(binding), tr(binding.description)))
        return out

    def line(self, width: int) -> Text:
        """The keys, wrapped to ``width``; in Persian each row reads from the right (the first
        key at the right end), laid out like every other Persian line."""
        key_style = self.get_component_rich_style("key-line--key", partial=True)
        tr = app_tr(self)
        rows: list[Text] = []
        row, used = Text(), 0
        for key, description in self.keys():
            # In Persian a key is one left-to-right piece ("1-4" would read "4-1"), and a right-
            # to-left mark after it keeps a number that starts its description ("۵ اصطلاح ...")
            # on the Persian side of the key.
            shown = f"{LRE}{key}{PDF}{RLM}" if tr.rtl else key
            size = cell_len(key) + 1 + cell_len(description)
            if used and used + 3 + size > max(width, 1):
                rows.append(row)
                row, used = Text(), 0
            elif used:
                row.append("   ")
                used += 3
            row.append(shown, key_style)
            row.append(f" {description}")
            used += size
        rows.append(row)
        if not app_tr(self).rtl:
            return Text("\n").join(rows)
        mode = app_mode(self)
        laid = [visual_text(r) if mode == "visual" else Text.assemble(RLI, r, PDI) for r in rows]
        line = Text("\n").join(laid)
        line.justify = "right"
        return line
