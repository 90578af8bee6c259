"""The four self-grading buttons, each showing when the card would come back."""

from __future__ import annotations

from datetime import timedelta

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button

from cxvocab.scheduling import Rating, format_interval


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
        for rating in Rating.ALL:
            button = Button(
                f"{rating} {Rating.NAMES[rating]}",
                id=f"rate-{rating}",
                variant=variants[rating],  # type: ignore[arg-type]
                compact=True,
            )
            # Not focusable: space and enter belong to the screen (reveal / Good), and a
            # focused "Again" button must never swallow them.
            button.can_focus = False
            yield button

    def show_intervals(self, intervals: dict[int, timedelta]) -> None:
        """Label each button with its next interval: ``3 Good  10m``."""
        for rating in Rating.ALL:
            button = self.query_one(f"#rate-{rating}", Button)
            after = f"  {format_interval(intervals[rating])}" if rating in intervals else ""
            button.label = f"{rating} {Rating.NAMES[rating]}{after}"
        # Labels change width while the bar may be hidden; lay the row out again so that a
        # window resized in between does not keep the old button widths (the last one clipped).
        self.refresh(layout=True)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        assert event.button.id is not None
        self.post_message(self.Rated(int(event.button.id.removeprefix("rate-"))))
