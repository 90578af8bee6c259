"""An Input that keeps what Persian typists type.

Textual's ``Input`` inserts only characters for which ``str.isprintable()`` is true, and the
zero-width non-joiner (ZWNJ, U+200C; Shift+Space on a standard Persian layout) is not, so a
typed «می‌کنم» silently became «میکنم». This input accepts the invisible joiners Persian needs
as well; everything else behaves exactly as in ``Input``.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

# ZWNJ and ZWJ, and the left-to-right / right-to-left marks a Persian keyboard can produce.
KEPT_FORMAT_CHARACTERS = frozenset("\u200c\u200d\u200e\u200f")


class PersianInput(Input):
    """A single-line input for Persian (and English) answers and searches."""

    async def _on_key(self, event: events.Key) -> None:
        if event.character in KEPT_FORMAT_CHARACTERS:
            event.stop()
            event.prevent_default()
            self._restart_blink()
            selection = self.selection
            if selection.is_empty:
                self.insert_text_at_cursor(event.character)
            else:
                self.replace(event.character, *selection)
            return
        await super()._on_key(event)
