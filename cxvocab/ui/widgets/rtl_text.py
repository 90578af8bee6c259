"""The one widget every Persian paragraph goes through.

It right-aligns Persian and shows it literally (never as markup). How the text is laid out
for the terminal (DESIGN §5: visual or native) is :mod:`cxvocab.rtl`'s job; this widget only
holds the text and the mode and draws :class:`~cxvocab.rtl.Persian` at its own width, so it
re-wraps whenever its size changes.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.reactive import reactive
from textual.widget import Widget

from cxvocab.rtl import Persian


def follow_app_rtl(widget: Widget, follow: Callable[[str], None]) -> None:
    """Attributes down: ``follow`` gets the app's Persian display mode now and at every change,
    where the app has one (a widget also runs in a bare app, in tests)."""
    if isinstance(getattr(type(widget.app), "rtl_mode", None), reactive):
        widget.watch(widget.app, "rtl_mode", follow)


class RtlText(Widget):
    """A right-to-left paragraph. The app sets :attr:`mode` on every one when it changes,
    except on those created with a ``mode`` of their own (the calibration samples)."""

    DEFAULT_CSS = """
    RtlText {
        width: 1fr;
        height: auto;
    }
    """

    text: reactive[str] = reactive("", layout=True)
    mode: reactive[str] = reactive("visual", layout=True)

    def __init__(
        self, text: str = "", *, mode: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.text = text
        self.fixed = mode is not None
        if mode is not None:
            self.mode = mode

    def on_mount(self) -> None:
        # Attributes down: a widget not fixed to a mode follows the app's, from now on.
        if not self.fixed:
            follow_app_rtl(self, self._follow)

    def _follow(self, mode: str) -> None:
        self.mode = mode

    def render(self) -> Persian:
        return Persian(self.text, self.mode)
