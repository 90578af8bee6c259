"""An Input that keeps what Persian typists type, and shows it the way Persian reads.

Textual's ``Input`` inserts only characters for which ``str.isprintable()`` is true, and the
zero-width non-joiner (ZWNJ, U+200C; Shift+Space on a standard Persian layout) is not, so a
typed «می‌کنم» silently became «میکنم». This input accepts the invisible joiners Persian needs
as well.

It also draws Persian in the app's display mode (DESIGN §5): in ``visual`` mode (terminals
without bidi) the letters are joined and the line put in display order, as everywhere else in
the app, instead of showing separate letters left to right. Everything else behaves exactly as
in ``Input``.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.reactive import reactive
from textual.strip import Strip
from textual.widgets import Input

from cxvocab import rtl
from cxvocab.ui.widgets.rtl_text import follow_app_rtl

# ZWNJ and ZWJ, and the left-to-right / right-to-left marks a Persian keyboard can produce.
KEPT_FORMAT_CHARACTERS = frozenset("\u200c\u200d\u200e\u200f")


class PersianInput(Input):
    """A single-line input for Persian (and English) answers and searches."""

    mode: reactive[str] = reactive("visual")

    def on_mount(self) -> None:
        # Attributes down: the box follows the app's mode, from now on.
        follow_app_rtl(self, self._follow)

    def _follow(self, mode: str) -> None:
        if mode in rtl.MODES:
            self.mode = mode

    def watch_mode(self) -> None:
        self.refresh()

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

    def render_line(self, y: int) -> Strip:
        value = self.value
        if y != 0 or self.mode != "visual" or self.password or not rtl.has_rtl(value):
            return super().render_line(y)
        # Shaped and in display order. The line starts (in reading order) at its right end, so
        # the end of the text, where typing goes on, is its left end: the cursor is drawn
        # there, or, when moved back into the text, on the character it stands before.
        shown = Text(rtl.visual_line(value), no_wrap=True, overflow="ignore", end="")
        if self.has_focus and self._cursor_visible:
            cursor_style = self.get_component_rich_style("input--cursor")
            if self.cursor_at_end:
                shown = Text.assemble((" ", cursor_style), shown, no_wrap=True, overflow="ignore", end="")
            else:
                index = max(0, min(len(shown) - 1, len(shown) - 1 - self.cursor_position))
                shown.stylize(cursor_style, index, index + 1)
        width = self.scrollable_content_region.width + 1
        console = self.app.console
        strip = Strip(console.render(shown, self.app.console_options.update_width(max(width, shown.cell_len))))
        return strip.crop(0, width).extend_cell_length(width).apply_style(self.rich_style)
