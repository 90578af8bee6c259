"""Home: what is waiting today, per topic; enter starts."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Header, Static

from cxvocab.clock import when
from cxvocab.i18n import ENGLISH, N_, Translator
from cxvocab.rtl import fit, isolate
from cxvocab.session import Overview
from cxvocab.ui.screens.base import CxScreen
from cxvocab.ui.screens.help import KINDS_OVERVIEW, SCHEDULE, Section
from cxvocab.ui.widgets.key_line import KeyLine
from cxvocab.ui.widgets.rtl_text import RtlText

TITLE_CELLS = 40


def topic_table(
    rows: list[tuple[str, int, int, int]],
    tr: Translator = ENGLISH,
    mode: str = "visual",
    room: int = 0,
    selected: int | None = None,
) -> Text:
    """Topic, terms, due, new: one line each, in columns. Laid out here rather than by a Rich
    Table, which measures every cell again at each layout (seconds, with hundreds of topics).
    In Persian the columns run from the right: the topic at the right end, right-aligned.
    ``room``: the cells there are (0: as wide as the titles ask); in a narrow window the
    columns close up and the titles are shortened, never the numbers. ``selected``: the row
    drawn highlighted (the topic that enter studies)."""
    heads = [tr("Terms"), tr("Due"), tr("New today")]
    cols = [max(5, cell_len(heads[0])), max(5, cell_len(heads[1])), max(9, cell_len(heads[2]))]
    width = min(TITLE_CELLS, max([cell_len(title) for title, *_ in rows] + [5, cell_len(tr("Topic"))]))
    gap = "   " if not room or room >= width + sum(cols) + 9 or room >= 60 else " "
    if room:
        width = max(5, min(width, room - sum(cols) - 3 * len(gap)))

    def inline(text: str) -> str:
        return isolate(text, mode) if tr.rtl else text

    out = Text(justify="right" if tr.rtl else "left")
    if tr.rtl:
        cells = [" " * (c - cell_len(h)) + inline(h) for h, c in zip(reversed(heads), reversed(cols), strict=True)]
        topic = " " * (width - cell_len(tr("Topic"))) + inline(tr("Topic"))
        out.append(gap.join([*cells, topic]) + "\n", "bold")
    else:
        out.append(gap.join([set_cell_size(tr("Topic"), width), *(f"{h:>{c}}" for h, c in zip(heads, cols, strict=True))]) + "\n", "bold")
    out.append("─" * (width + sum(cols) + 3 * len(gap)) + "\n", "dim")
    for index, (title, terms, due, new) in enumerate(rows):
        numbers = [tr.num(terms), tr.num(due), tr.num(new)]
        style = "reverse" if index == selected else ""
        if tr.rtl:
            cell = fit(title, width, mode)
            figures = [n.rjust(c) for n, c in zip(reversed(numbers), reversed(cols), strict=True)]
            out.append(gap.join([*figures, " " * (width - cell_len(cell)) + cell]), style)
            out.append("\n")
            continue
        if cell_len(title) > width:
            title = set_cell_size(title, width - 1) + "…"
        out.append(gap.join([set_cell_size(title, width), *(f"{n:>{c}}" for n, c in zip(numbers, cols, strict=True))]), style)
        out.append("\n")
    out.rstrip()
    return out


TOPIC_ROWS = 60
MORE_NEW = 5  # new terms added for today by n, when today's are done
AHEAD_DAYS = 3  # review ahead (a): the cards due in this many days after today


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


class HomeScreen(CxScreen[None]):
    """Today's counts and the way in."""

    BINDINGS = [
        Binding("enter", "study", N_("Study today"), id="study", priority=True),
        Binding("enter", "nothing_due", show=False, priority=True),
        Binding("down", "topic(1)", N_("Choose a topic"), key_display="↑↓", id="topic"),
        Binding("up", "topic(-1)", N_("Choose a topic"), show=False),
        Binding("escape", "no_topic", N_("All topics"), show=False),
        Binding("a", "ahead", N_("Review ahead"), id="ahead"),
        Binding("n", "more_new", N_("5 more new terms"), id="more-new"),  # MORE_NEW
        Binding("m", "prep", N_("Meeting prep"), id="prep"),
        Binding("b", "browse", N_("Browse"), id="browse"),
        Binding("s", "stats", N_("Stats"), id="stats"),
        Binding("o", "settings", N_("Settings"), id="settings"),
        Binding("q", "app.quit", N_("Quit"), id="quit"),
        Binding("escape", "app.quit", N_("Quit"), show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.today: Overview | None = None  # as last counted
        self.rows: list[tuple[str, int, int, int]] = []  # the topics' rows, as last counted
        self.row_topics: list[str] = []  # the topic id of each row shown, in order
        self.cursor: int | None = None  # the row chosen with up/down (None: every topic)
        self.ahead = 0  # cards a review ahead would ask, counted when nothing is due

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield RtlText(id="today")
            # A drawn table, not a DataTable: nothing in it is selected or edited, and the
            # widget's cursor and scrolling machinery cost a tenth of the start-up time.
            with VerticalScroll(id="topics"):
                yield Static(id="topic-table")
            yield RtlText(id="problems")
        yield KeyLine()

    def help_sections(self) -> list[Section]:
        tr = self.cx.tr
        return [(tr("How the schedule works"), Text(tr(SCHEDULE))), (tr("Card kinds"), Text(tr(KINDS_OVERVIEW)))]

    def on_screen_resume(self) -> None:
        # Also sent when the screen is first shown: the counts are filled in once, then
        # again each time the learner comes back to it.
        self.refresh_counts()

    def rtl_changed(self) -> None:
        self.refresh_counts()

    def on_resize(self) -> None:
        if self.today is not None:
            self._draw_table()  # the titles fitted to the new width

    def refresh_counts(self) -> None:
        library, tr = self.cx.library, self.cx.tr
        today = self.today = self.cx.today()
        due, new = today.due, today.new
        if not library.terms:
            headline = Text(tr("No terms are loaded. Run `cxvocab check` to see why."), style="bold")
        elif due + new == 0:
            self.ahead = self.cx.ahead_count(AHEAD_DAYS)
            headline = self._nothing_due(today)
        else:
            headline = Text.assemble(
                (tr("Today") + "  ", "bold"),
                (tr.num(due), "bold"),
                " " + tr("due") + "  ·  ",
                (tr.num(new), "bold"),
                " " + tr("new"),
                ((" — " if tr.rtl else "   ") + tr("press enter to start; up/down: one topic"), "dim"),
            )
        self.query_one("#today", RtlText).text = headline

        self.rows = [
            (tr.pick(group.title), len(group.term_ids), *today.by_topic[topic_id])
            for topic_id, group in library.topics.items()
        ]
        self.topic_ids = list(library.topics)
        self._draw_table()
        errors = library.errors
        problems = self.query_one("#problems", RtlText)
        if errors:
            files = len({p.file for p in errors})
            said = tr.n(
                "{n} term file has {problems}; the terms with problems were left out. To see them:",
                "{n} term files have {problems}; the terms with problems were left out. To see them:",
                files,
                problems=tr.n("{n} problem", "{n} problems", len(errors)),
            )
            problems.text = Text.assemble(said + " ", (self.cx.check_command, "bold"), style="italic")
        problems.display = bool(errors)
        self._topic_headline()  # a topic chosen before: still chosen when the learner comes back
        self.refresh_bindings()

    def _draw_table(self) -> None:
        tr = self.cx.tr
        shown, more = topic_rows(self.rows)
        at = {id(row): index for index, row in enumerate(self.rows)}
        self.row_topics = [self.topic_ids[at[id(row)]] for row in shown]
        if self.cursor is not None and self.cursor >= len(shown):
            self.cursor = None
        box = self.query_one("#topic-table", Static)
        box.styles.text_align = "right" if tr.rtl else "left"  # in Persian the table stands at the right
        table = topic_table(shown, tr, self.cx.rtl_mode, box.content_region.width or self.app.size.width - 4, self.cursor)
        if more:
            table.append("\n" + self.cx.tr_inline(tr("… and {n} more topics (b browses every term)", n=more)), "dim")
        box.update(table)

    def _nothing_due(self, today: Overview) -> Text:
        """All done: when the next card comes, and what there is to do meanwhile."""
        tr = self.cx.tr
        line = Text(tr("All done for today."), style="bold")
        if today.next_due is not None:
            due = when(today.next_due, self.cx.clock.now(), self.cx.clock.tz, tr)
            line.append("  " + tr("The next card is due {when}.", when=due))
        elif not today.unmet:
            line.append("  " + tr("Every term is learnt and nothing is due."))
        line.append("\n")
        if today.unmet:
            line.append("n", style="bold")
            line.append("  " + tr("learn {n} more new terms today", n=MORE_NEW) + "      ", style="dim")
        if self.ahead:
            line.append("a", style="bold")
            line.append(
                "  " + tr.n(
                    "review ahead: {n} card due in the next {days} days",
                    "review ahead: {n} cards due in the next {days} days",
                    self.ahead,
                    days=tr.num(AHEAD_DAYS),
                ) + "      ",
                style="dim",
            )
        line.append("m", style="bold")
        line.append("  " + tr("meeting prep: drill any topic now, without touching your schedule"), style="dim")
        return line

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        idle = self.today is not None and self.today.due + self.today.new == 0
        if action == "more_new":
            return idle and self.today is not None and self.today.unmet
        if action == "ahead":
            return idle and self.ahead > 0
        if action == "topic":
            return bool(self.row_topics)
        if action == "no_topic":
            return self.cursor is not None
        if action == "study":
            return not idle
        if action == "nothing_due":
            return idle
        return True

    def action_nothing_due(self) -> None:
        """Enter with nothing to study: say so, and when there will be (no empty session)."""
        today = self.today
        assert today is not None
        tr = self.cx.tr
        said = [tr("Nothing to study right now.")]
        if today.next_due:
            said.append(tr("The next card is due {when}.", when=when(today.next_due, self.cx.clock.now(), self.cx.clock.tz, tr)))
        said.append(tr("Press n for {n} more new terms, or m for meeting prep.", n=MORE_NEW) if today.unmet else tr("Press m for meeting prep."))
        self.notify(" ".join(said), timeout=5)

    def action_study(self) -> None:
        from cxvocab.ui.screens.study import StudyScreen

        if self.cursor is None:
            self.app.push_screen(StudyScreen(self.cx.new_session()))
            return
        topic = self.row_topics[self.cursor]
        due, new = self._topic_counts(topic)
        title = self.cx.tr.pick(self.cx.library.topics[topic].title)
        if due + new == 0:
            self.notify(self.cx.tr("Nothing is due in {topic} today; escape goes back to every topic.", topic=title), timeout=4)
            return
        self.app.push_screen(StudyScreen(self.cx.new_session(topic=topic)))

    def action_topic(self, step: int) -> None:
        """up/down choose a topic row: enter then studies that topic's due and new cards."""
        if not self.row_topics:
            return
        if self.cursor is None:
            self.cursor = 0 if step > 0 else len(self.row_topics) - 1
        else:
            self.cursor = (self.cursor + step) % len(self.row_topics)
        self._draw_table()
        self.query_one("#topics", VerticalScroll).scroll_to(y=max(0, self.cursor - 3), animate=False)
        self._topic_headline()
        self.refresh_bindings()

    def action_no_topic(self) -> None:
        self.cursor = None
        self.refresh_counts()

    def _topic_headline(self) -> None:
        if self.cursor is None or self.today is None:
            return
        tr = self.cx.tr
        topic = self.row_topics[self.cursor]
        due, new = self._topic_counts(topic)
        title = tr.pick(self.cx.library.topics[topic].title)
        self.query_one("#today", RtlText).text = Text.assemble(
            (title + "  ", "bold"),
            (tr.num(due), "bold"),
            " " + tr("due") + "  ·  ",
            (tr.num(new), "bold"),
            " " + tr("new"),
            ((" — " if tr.rtl else "   ") + tr("enter studies this topic only; escape: every topic"), "dim"),
        )

    def _topic_counts(self, topic: str) -> tuple[int, int]:
        """Due and new cards a session of this topic alone asks today: its own new terms up
        to what is left of today's limit (the table's column shows the whole day's queue,
        where new terms come in teaching order)."""
        new, learning, review = self.cx.new_session(open_missing=False, topic=topic).remaining()
        return learning + review, new

    def action_ahead(self) -> None:
        """a, with nothing due: the cards due in the next days, asked now (FSRS takes the
        early answer into account); no new terms."""
        from cxvocab.ui.screens.study import StudyScreen

        self.app.push_screen(StudyScreen(self.cx.new_session(ahead_days=AHEAD_DAYS)))

    def action_more_new(self) -> None:
        self.cx.learn_more_today(MORE_NEW)
        self.refresh_counts()
        self.notify(self.cx.tr("{n} more new terms for today: press enter to start.", n=MORE_NEW), timeout=3)

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
