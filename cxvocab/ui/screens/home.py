"""Home: what is waiting today, per topic; enter starts."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from cxvocab.scheduling import build_queue


class HomeScreen(Screen[None]):
    """Today's counts and the way in."""

    BINDINGS = [
        Binding("enter", "study", "Study today", id="study", priority=True),
        Binding("q", "app.quit", "Quit", id="quit"),
        Binding("escape", "app.quit", "Quit", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Static(id="today")
            yield DataTable(id="topics", cursor_type="none", zebra_stripes=True)
            yield Static(id="problems")
            yield Static(Text("enter  study today's cards      q  quit", style="dim"), id="home-keys")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#topics", DataTable)
        table.add_columns("Topic", "Terms", "Due", "New today")
        self.refresh_counts()

    def on_screen_resume(self) -> None:
        self.refresh_counts()

    def refresh_counts(self) -> None:
        app = self.app
        library = app.library  # type: ignore[attr-defined]
        now = app.clock.now()  # type: ignore[attr-defined]
        settings = app.settings  # type: ignore[attr-defined]
        queue = build_queue(
            app.store,  # type: ignore[attr-defined]
            list(library.terms),
            now,
            app.clock.tz,  # type: ignore[attr-defined]
            new_per_day=settings.new_per_day,
            review_cap=settings.review_cap,
        )
        due_by_topic: dict[str, int] = {}
        for card in [*queue.learning, *queue.reviews]:
            topic = library.topic_of[card.term_id]
            due_by_topic[topic] = due_by_topic.get(topic, 0) + 1
        new_by_topic: dict[str, int] = {}
        for term_id in queue.new_terms:
            topic = library.topic_of[term_id]
            new_by_topic[topic] = new_by_topic.get(topic, 0) + 1

        due = len(queue.learning) + len(queue.reviews)
        new = len(queue.new_terms)
        if not library.terms:
            headline = Text("No terms are loaded. Run `cxvocab check` to see why.", style="bold")
        elif due + new == 0:
            headline = Text("All done for today. Come back tomorrow for the next cards.", style="bold")
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

        table = self.query_one("#topics", DataTable)
        table.clear()
        for topic_id, group in library.topics.items():
            table.add_row(
                Text(group.title.en),
                Text(str(len(group.term_ids)), justify="right"),
                Text(str(due_by_topic.get(topic_id, 0)), justify="right"),
                Text(str(new_by_topic.get(topic_id, 0)), justify="right"),
            )
        errors = library.errors
        problems = self.query_one("#problems", Static)
        if errors:
            files = len({p.file for p in errors})
            problems.update(
                Text(
                    f"{files} term file(s) have {len(errors)} problem(s); terms with problems were left out."
                    " Run `cxvocab check` to see them.",
                    style="italic",
                )
            )
        problems.display = bool(errors)

    def action_study(self) -> None:
        from cxvocab.ui.screens.study import StudyScreen

        self.app.push_screen(StudyScreen(self.app.new_session()))  # type: ignore[attr-defined]

