"""Browse: type to find a term (English, Persian or abbreviation); enter opens it. And the
term screen: everything about one term, its confusables as links, its review history."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, DataTable, Header, Input, Static

from cxvocab.render import term_card
from cxvocab.rtl import isolate
from cxvocab.search import SearchIndex, known_label
from cxvocab.terms import Term
from cxvocab.ui.screens.base import CxScreen
from cxvocab.ui.widgets.key_line import KeyLine
from cxvocab.ui.widgets.persian_input import PersianInput


class BrowseScreen(CxScreen):
    """A search box over every loaded term; up/down choose, enter opens."""

    BINDINGS = [
        Binding("down", "move(1)", "Next", show=False, priority=True),
        Binding("up", "move(-1)", "Previous", show=False, priority=True),
        Binding("escape", "app.pop_screen", "Back", id="back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.results: list[Term] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="browse"):
            yield PersianInput(placeholder="type an English or Persian term, or an abbreviation", id="browse-query")
            yield DataTable(id="browse-results", cursor_type="row", zebra_stripes=True)
            yield Static(Text("up/down  choose      enter  open      escape  back", style="dim"))
        yield KeyLine()

    def on_mount(self) -> None:
        self.index = SearchIndex(self.cx.library)
        self.progress = self.cx.term_progress()
        table = self.query_one(DataTable)
        table.add_columns("Term", "Persian", "Topic", "Known")
        self.show_results("")
        self.query_one(PersianInput).focus()

    def show_results(self, query: str) -> None:
        library = self.cx.library
        self.results = self.index.search(query)
        table = self.query_one(DataTable)
        table.clear()
        for term in self.results:
            topic = library.topics[library.topic_of[term.id]].title.en
            table.add_row(
                Text(term.label),
                Text(isolate(term.fa, self.cx.rtl_mode), justify="right"),
                Text(topic, style="dim"),
                Text(known_label(self.progress.get(term.id))),
                key=term.id,
            )

    def rtl_changed(self) -> None:
        self.show_results(self.query_one(PersianInput).value)

    @on(Input.Changed, "#browse-query")
    def _typed(self, event: Input.Changed) -> None:
        self.show_results(event.value)

    @on(Input.Submitted, "#browse-query")
    def _open_current(self, event: Input.Submitted) -> None:
        table = self.query_one(DataTable)
        if self.results:
            self.app.push_screen(TermScreen(self.results[table.cursor_row]))

    @on(DataTable.RowSelected)
    def _open_row(self, event: DataTable.RowSelected) -> None:
        self.app.push_screen(TermScreen(self.results[event.cursor_row]))

    def action_move(self, step: int) -> None:
        table = self.query_one(DataTable)
        if self.results:
            table.move_cursor(row=max(0, min(len(self.results) - 1, table.cursor_row + step)))


class TermScreen(CxScreen):
    """One term in full. Its confusables are buttons that open them; p plays the term."""

    BINDINGS = [
        Binding("p", "play", "Play", id="play"),
        Binding("escape", "app.pop_screen", "Back", id="back"),
    ]

    def __init__(self, term: Term) -> None:
        super().__init__()
        self.term = term

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="term"):
            yield Static(id="term-card")
            confusables = self.cx.library.confusables(self.term)
            if confusables:
                yield Static(Text("Not to be confused with (enter opens):", style="bold dim"))
                with Horizontal(id="term-links"):
                    for other in confusables:
                        yield Button(other.label, id=f"link-{other.id}", compact=True, classes="term-link")
            yield Static(id="term-history")
        yield KeyLine()

    def on_mount(self) -> None:
        self.rtl_changed()
        self.query_one("#term-history", Static).update(self._history())

    def rtl_changed(self) -> None:
        card = term_card(self.term, self.cx.library, self.cx.rtl_mode, confusables=False)
        self.query_one("#term-card", Static).update(card)

    def _history(self) -> Table | Text:
        rows = self.cx.term_history(self.term.id)
        if not rows:
            return Text("Not studied yet.", style="dim")
        table = Table(title="Your answers", title_justify="left", box=None, padding=(0, 2), header_style="bold dim")
        for name in ("When", "Kind", "Result", "Mode"):
            table.add_column(name)
        for row in rows[-20:]:
            when = row.reviewed_at.astimezone(self.cx.clock.tz).strftime("%Y-%m-%d %H:%M")
            result = Text("right" if row.correct else "wrong", style="green" if row.correct else "red")
            table.add_row(when, row.kind, result, row.mode)
        return table

    @on(Button.Pressed, ".term-link")
    def _open_link(self, event: Button.Pressed) -> None:
        assert event.button.id is not None
        other = self.cx.library.terms[event.button.id.removeprefix("link-")]
        self.app.push_screen(TermScreen(other))

    def action_play(self) -> None:
        self.cx.say(self.term.term, self.term.id)
