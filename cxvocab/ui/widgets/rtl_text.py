"""The one widget every Persian paragraph goes through, content and interface labels alike.

It right-aligns Persian and shows it literally (never as markup). Content (a ``str``) is always
right to left. A label (a :class:`rich.text.Text`, with styles) is right to left in the Persian
interface and drawn as it is in the English one, where any Persian inside it is already laid
out as a run (:func:`cxvocab.rtl.isolate`); ``rtl=True`` makes a label right to left in either
(the first-run screen's Persian lines, shown before a language is chosen). How the text is laid out
for the terminal (DESIGN §5: visual or native) is :mod:`cxvocab.rtl`'s job; this widget only
holds the text and the mode and draws :class:`~cxvocab.rtl.Persian` at its own width, so it
re-wraps whenever its size changes.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from cxvocab.i18n import ENGLISH, Translator
from cxvocab.rtl import Persian, has_rtl


def follow_app_rtl(widget: Widget, follow: Callable[[str], None]) -> None:
    """Attributes down: ``follow`` gets the app's Persian display mode now and at every change,
    where the app has one (a widget also runs in a bare app, in tests)."""
    if isinstance(getattr(type(widget.app), "rtl_mode", None), reactive):
        widget.watch(widget.app, "rtl_mode", follow)


def app_tr(widget: Widget) -> Translator:
    """The interface's language, as the app has it (English in a bare app, in tests)."""
    tr = getattr(widget.app, "tr", ENGLISH)
    return tr if isinstance(tr, Translator) else ENGLISH


def app_mode(widget: Widget) -> str:
    """How the app draws Persian now ("visual" in a bare app)."""
    mode = getattr(widget.app, "rtl_mode", "visual")
    return mode if isinstance(mode, str) else "visual"


class RtlText(Widget):
    """A right-to-left paragraph. The app sets :attr:`mode` on every one when it changes,
    except on those created with a ``mode`` of their own (the calibration samples)."""

    DEFAULT_CSS = """
    RtlText {
        width: 1fr;
        height: auto;
    }
    """

    text: reactive[str | Text] = reactive("", layout=True)
    mode: reactive[str] = reactive("visual", layout=True)

    def __init__(
        self,
        text: str | Text = "",
        *,
        mode: str | None = None,
        rtl: bool = False,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.rtl = rtl
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

    def render(self) -> Persian | Text:
        text = self.text
        if isinstance(text, Text) and not (self.rtl or app_tr(self).rtl) or not has_rtl(text if isinstance(text, str) else text.plain):
            return text if isinstance(text, Text) else Text(text)  # an English label
        return Persian(text, self.mode)
