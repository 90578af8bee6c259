"""Summary: what a session did. Any key of enter, escape or q goes home."""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Header, Static

from cxvocab.clock import when
from cxvocab.i18n import ENGLISH, N_, Translator
from cxvocab.rating import Rating
from cxvocab.rtl import Persian, has_rtl, isolate
from cxvocab.session import SessionSummary
from cxvocab.ui.screens.base import CxScreen
from cxvocab.ui.widgets.key_line import KeyLine
from cxvocab.ui.widgets.rtl_text import RtlText


def duration(seconds: float, tr: Translator = ENGLISH) -> str:
    minutes, secs = divmod(int(round(seconds)), 60)
    if minutes:
        return tr("{minutes} min {seconds} s", minutes=minutes, seconds=tr.digits(f"{secs:02d}"))
    return tr("{seconds} s", seconds=secs)


def label_table(rows: list[tuple[str, RenderableType]], tr: Translator, mode: str) -> Table:
    """Labels and values in two columns: the label right-aligned before its value; in Persian
    the label at the right, read first, and its value to its left."""
    if tr.rtl:  # the whole width, so that the labels stand at the right edge
        table = Table.grid(padding=(0, 2), expand=True)
        table.add_column(justify="right", ratio=1)
        table.add_column(justify="right", style="dim", no_wrap=True)
        for label, value in rows:
            if isinstance(value, str):
                value = Text(value)
            table.add_row(Persian(value, mode) if isinstance(value, Text) and has_rtl(value.plain) else value, isolate(label, mode))
        return table
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", style="dim")
    table.add_column()
    for label, value in rows:
        table.add_row(label, value)
    return table


class SummaryScreen(CxScreen[None]):
    BINDINGS = [
        Binding("enter", "home", N_("Home"), id="home", priority=True),
        Binding("escape", "home", N_("Home"), show=False),
        Binding("q", "app.quit", N_("Quit"), id="quit"),
    ]

    def __init__(self, summary: SessionSummary, *, finished: bool) -> None:
        super().__init__()
        self.summary = summary
        self.finished = finished

    def compose(self) -> ComposeResult:
        s, tr, mode = self.summary, self.cx.tr, self.cx.rtl_mode
        title = tr("Done for today.") if self.finished else tr("Session paused. Everything you answered is saved.")
        rows: list[tuple[str, RenderableType]] = [
            (tr("answered"), Text(tr.num(s.answered), style="bold")),
            (tr("again"), Text(tr.num(s.again), style="bold")),
            (tr("time"), Text(duration(s.elapsed.total_seconds(), tr), style="bold")),
        ]
        per = "  ".join(f"{tr(Rating.NAMES[r])} {tr.num(s.ratings.get(r, 0))}" for r in Rating.ALL)
        rows.append((tr("ratings"), per))
        if s.next_due is not None and s.next_due > s.ended_at:
            rows.append((tr("next card"), when(s.next_due, s.ended_at, self.cx.clock.tz, tr)))
        if s.later_today:
            rows.append((tr("later"), tr.n("{n} card comes back later today", "{n} cards come back later today", s.later_today)))
        yield Header()
        with Vertical(id="summary"):
            yield RtlText(Text(title, style="bold"), id="summary-title")
            yield Static(label_table(rows, tr, mode), id="summary-table")
            if s.missed:
                yield RtlText(
                    Text.assemble(
                        (tr("To look at again:") + " ", "bold"),
                        tr.embed(", ".join(t.label for t in s.missed)),
                        ("\n" + tr("(m on the home screen drills your weakest terms, without touching the schedule)"), "dim"),
                    ),
                    id="summary-missed",
                )
            yield RtlText(Text(tr("enter  home      q  quit"), style="dim"))
        yield KeyLine()

    def action_home(self) -> None:
        self.app.pop_screen()
