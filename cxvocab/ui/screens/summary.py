"""Summary: what a session did. Any key of enter, escape or q goes home."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Header, Static

from cxvocab.clock import when
from cxvocab.rating import Rating
from cxvocab.session import SessionSummary
from cxvocab.ui.screens.base import CxScreen
from cxvocab.ui.widgets.key_line import KeyLine


def duration(seconds: float) -> str:
    minutes, secs = divmod(int(round(seconds)), 60)
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"


class SummaryScreen(CxScreen[None]):
    BINDINGS = [
        Binding("enter", "home", "Home", id="home", priority=True),
        Binding("escape", "home", "Home", show=False),
        Binding("q", "app.quit", "Quit", id="quit"),
    ]

    def __init__(self, summary: SessionSummary, *, finished: bool) -> None:
        super().__init__()
        self.summary = summary
        self.finished = finished

    def compose(self) -> ComposeResult:
        s = self.summary
        title = "Done for today." if self.finished else "Session paused. Everything you answered is saved."
        table = Table.grid(padding=(0, 2))
        table.add_column(justify="right", style="dim")
        table.add_column()
        table.add_row("answered", Text(str(s.answered), style="bold"))
        table.add_row("again", Text(str(s.again), style="bold"))
        table.add_row("time", Text(duration(s.elapsed.total_seconds()), style="bold"))
        per = "  ".join(f"{Rating.NAMES[r]} {s.ratings.get(r, 0)}" for r in Rating.ALL)
        table.add_row("ratings", per)
        if s.next_due is not None and s.next_due > s.ended_at:
            table.add_row("next card", when(s.next_due, s.ended_at, self.cx.clock.tz))
        if s.later_today:
            table.add_row("later", f"{s.later_today} {'card comes' if s.later_today == 1 else 'cards come'} back later today")
        yield Header()
        with Vertical(id="summary"):
            yield Static(Text(title, style="bold"), id="summary-title")
            yield Static(table, id="summary-table")
            if s.missed:
                yield Static(
                    Text.assemble(
                        ("To look at again: ", "bold"),
                        ", ".join(t.label for t in s.missed),
                        ("\n(m on the home screen drills your weakest terms, without touching the schedule)", "dim"),
                    ),
                    id="summary-missed",
                )
            yield Static(Text("enter  home      q  quit", style="dim"))
        yield KeyLine()

    def action_home(self) -> None:
        self.app.pop_screen()
