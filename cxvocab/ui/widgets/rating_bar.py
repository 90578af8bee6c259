"""The four self-grading buttons, each showing when the card would come back."""

from __future__ import annotations

from datetime import timedelta

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button

from cxvocab.rating import Rating
from cxvocab.rtl import isolate
from cxvocab.scheduling import format_interval
from cxvocab.ui.widgets.rtl_text import app_mode, app_tr


class RatingBar(Horizontal):
    """Again / Hard / Good / Easy. Posts :class:`RatingBar.Rated`; keys 1-4 live on the screen."""

    DEFAULT_CSS = """
    RatingBar { height: auto; align-horizontal: center; }
    RatingBar Button { margin: 0 1; min-width: 0; width: auto; }
    """

    class Rated(Message):
        """The learner chose a rating."""

        def __init__(self, rating: int) -> None:
            super().__init__()
            self.rating = rating

    def compose(self) -> ComposeResult:
        variants = {Rating.AGAIN: "error", Rating.HARD: "warning", Rating.GOOD: "success", Rating.EASY: "primary"}
        # In Persian the row reads from the right, as in Anki's Persian interface: Again at the
        # right end, Easy at the left (the keys stay 1 to 4).
        for rating in reversed(Rating.ALL) if app_tr(self).rtl else Rating.ALL:
            button = Button(
                self._label(rating),
                id=f"rate-{rating}",
                variant=variants[rating],  # type: ignore[arg-type]
                compact=True,
            )
            # Not focusable: space and enter belong to the screen (reveal / Good), and a
            # focused "Again" button must never swallow them.
            button.can_focus = False
            yield button

    def _label(self, rating: int, interval: timedelta | None = None) -> str:
        """``3 Good  10m``; in Persian ``3 خوب  ۱۰ دقیقه``, laid out for the terminal."""
        tr = app_tr(self)
        label = f"{rating} {tr(Rating.NAMES[rating])}"  # the key: a Latin digit, as on the keyboard
        if interval is not None:
            label += f"  {format_interval(interval, tr)}"
        return isolate(label, app_mode(self)) if tr.rtl else label

    def show_intervals(self, intervals: dict[int, timedelta]) -> None:
        """Label each button with its next interval: ``3 Good  10m``."""
        labels = {rating: self._label(rating, intervals.get(rating)) for rating in Rating.ALL}
        # One width for all four, set rather than measured: a button sized "auto" keeps the
        # width of its first label, so "2 Hard  10m" after "2 Hard  6m" lost its last letter.
        width = max(cell_len(label) for label in labels.values()) + 2
        for rating, label in labels.items():
            button = self.query_one(f"#rate-{rating}", Button)
            button.label = label
            button.styles.width = width

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        assert event.button.id is not None
        self.post_message(self.Rated(int(event.button.id.removeprefix("rate-"))))
