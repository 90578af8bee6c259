"""Home: what is waiting today, per topic; enter starts."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Header, Static

from cxvocab.clock import when
from cxvocab.session import Overview
from cxvocab.ui.screens.base import CxScreen
from cxvocab.ui.screens.help import KINDS_OVERVIEW, SCHEDULE, Section
from cxvocab.ui.widgets.key_line import KeyLine

TITLE_CELLS = 40


def topic_table(rows: list[tuple[str, int, int, int]]) -> Text:
    """Topic, terms, due, new: one line each, in columns. Laid out here rather than by a Rich
    Table, which measures every cell again at each layout (seconds, with hundreds of topics)."""
    width = min(TITLE_CELLS, max([cell_len(title) for title, *_ in rows] + [5]))
    out = Text()
    out.append(f"{set_cell_size('Topic', width)}   Terms     Due   New today\n", "bold")
    out.append("─" * (width + 28) + "\n", "dim")
    for title, terms, due, new in rows:
        if cell_len(title) > width:
            title = set_cell_size(title, width - 1) + "…"
        out.append(f"{set_cell_size(title, width)}   {terms:>5}   {due:>5}   {new:>9}\n")
    out.rstrip()
    return out


TOPIC_ROWS = 60
MORE_NEW = 5  # new terms added for today by n, when today's are done


def topic_rows(
    rows: list[tuple[str, int, int, int]], limit: int = TOPIC_ROWS
) -> tuple[list[tuple[str, int, int, int]], int]:
    """The rows the home screen lists, and how many topics it leaves out: with more topics
    than fit, those with cards waiting today come first (in file order), then the others."""
    if len(rows) <= limit:
        return rows, 0
    waiting = [r for r in rows if r[2] or r[3]]
    idle = [r for r in rows if not (r[2] or r[3])]
    return (waiting + idle)[:limit], len(rows) - limit


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


class HomeScreen(CxScreen[None]):
    """Today's counts and the way in."""

    BINDINGS = [
        Binding("enter", "study", "Study today", id="study", priority=True),
        Binding("enter", "nothing_due", show=False, priority=True),
        Binding("n", "more_new", f"{MORE_NEW} more new terms", id="more-new"),
        Binding("m", "prep", "Meeting prep", id="prep"),
        Binding("b", "browse", "Browse", id="browse"),
        Binding("s", "stats", "Stats", id="stats"),
        Binding("o", "settings", "Settings", id="settings"),
        Binding("q", "app.quit", "Quit", id="quit"),
        Binding("escape", "app.quit", "Quit", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.today: Overview | None = None  # as last counted

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Static(id="today")
            # A drawn table, not a DataTable: nothing in it is selected or edited, and the
            # widget's cursor and scrolling machinery cost a tenth of the start-up time.
            with VerticalScroll(id="topics"):
                yield Static(id="topic-table")
            yield Static(id="problems")
        yield KeyLine()

    def help_sections(self) -> list[Section]:
        return [("How the schedule works", Text(SCHEDULE)), ("Card kinds", Text(KINDS_OVERVIEW))]

    def on_screen_resume(self) -> None:
        # Also sent when the screen is first shown: the counts are filled in once, then
        # again each time the learner comes back to it.
        self.refresh_counts()

    def refresh_counts(self) -> None:
        library = self.cx.library
        today = self.today = self.cx.today()
        due, new = today.due, today.new
        if not library.terms:
            headline = Text("No terms are loaded. Run `cxvocab check` to see why.", style="bold")
        elif due + new == 0:
            headline = self._nothing_due(today)
        else:
            headline = Text.assemble(
                ("Today  ", "bold"),
                (f"{due}", "bold"),
                " due  ·  ",
                (f"{new}", "bold"),
                " new",
                ("   press enter to start", "dim"),
            )
        self.query_one("#today", Static).update(headline)

        rows = [
            (group.title.en, len(group.term_ids), *today.by_topic[topic_id])
            for topic_id, group in library.topics.items()
        ]
        shown, more = topic_rows(rows)
        table = topic_table(shown)
        if more:
            table.append(f"\n… and {more} more topics (b browses every term)", "dim")
        self.query_one("#topic-table", Static).update(table)
        errors = library.errors
        problems = self.query_one("#problems", Static)
        if errors:
            files = len({p.file for p in errors})
            problems.update(
                Text.assemble(
                    f"{_count(files, 'term file')} {'has' if files == 1 else 'have'} {_count(len(errors), 'problem')};"
                    " the terms with problems were left out. To see them: ",
                    (self.cx.check_command, "bold"),
                    style="italic",
                )
            )
        problems.display = bool(errors)
        self.refresh_bindings()

    def _nothing_due(self, today: Overview) -> Text:
        """All done: when the next card comes, and what there is to do meanwhile."""
        line = Text("All done for today.", style="bold")
        if today.next_due is not None:
            line.append(f"  The next card is due {when(today.next_due, self.cx.clock.now(), self.cx.clock.tz)}.")
        elif not today.unmet:
            line.append("  Every term is learnt and nothing is due.")
        line.append("\n")
        if today.unmet:
            line.append("n", style="bold")
            line.append(f"  learn {MORE_NEW} more new terms today      ", style="dim")
        line.append("m", style="bold")
        line.append("  meeting prep: drill any topic now, without touching your schedule", style="dim")
        return line

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        idle = self.today is not None and self.today.due + self.today.new == 0
        if action == "more_new":
            return idle and self.today is not None and self.today.unmet
        if action == "study":
            return not idle
        if action == "nothing_due":
            return idle
        return True

    def action_nothing_due(self) -> None:
        """Enter with nothing to study: say so, and when there will be (no empty session)."""
        today = self.today
        assert today is not None
        when_due = f" The next card is due {when(today.next_due, self.cx.clock.now(), self.cx.clock.tz)}." if today.next_due else ""
        more = f" Press n for {MORE_NEW} more new terms, or m for meeting prep." if today.unmet else " Press m for meeting prep."
        self.notify("Nothing to study right now." + when_due + more, timeout=5)

    def action_study(self) -> None:
        from cxvocab.ui.screens.study import StudyScreen

        self.app.push_screen(StudyScreen(self.cx.new_session()))

    def action_more_new(self) -> None:
        self.cx.learn_more_today(MORE_NEW)
        self.refresh_counts()
        self.notify(f"{MORE_NEW} more new terms for today: press enter to start.", timeout=3)

    def action_prep(self) -> None:
        from cxvocab.ui.screens.prep import PrepSetupScreen

        self.app.push_screen(PrepSetupScreen(), self.cx.start_prep)

    def action_browse(self) -> None:
        from cxvocab.ui.screens.browse import BrowseScreen

        self.app.push_screen(BrowseScreen())

    def action_stats(self) -> None:
        from cxvocab.ui.screens.stats import StatsScreen

        self.app.push_screen(StatsScreen())

    def action_settings(self) -> None:
        from cxvocab.ui.screens.settings import SettingsScreen

        self.app.push_screen(SettingsScreen())
