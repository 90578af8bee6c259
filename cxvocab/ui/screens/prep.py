"""Meeting prep in the app: choose what to drill (``m`` on home), and the end of a drill:
the terms missed and the one-page sheet (term, Persian, one correct usage)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Header, Input, Label, SelectionList, Static

from cxvocab.palette import ALMOST, WRONG
from cxvocab.prep import WEAKEST, PrepError, PrepRequest, PrepSummary, say_it_with
from cxvocab.rtl import Persian
from cxvocab.ui.screens.base import CxScreen
from cxvocab.ui.screens.summary import duration
from cxvocab.ui.widgets.key_line import KeyLine

FROM_HOME_MINUTES = 5


class PrepSetupScreen(CxScreen[PrepRequest | None]):
    """Pick topics and/or "my weakest terms", how many questions and how long; enter starts.
    Dismissed with the checked request (None: back)."""

    BINDINGS = [
        Binding("enter", "start", "Start", id="prep-start", priority=True),
        Binding("escape", "cancel", "Back", id="prep-cancel"),
    ]

    def compose(self) -> ComposeResult:
        library = self.cx.library
        yield Header()
        with VerticalScroll(id="prep-setup"):
            yield Static(Text("Meeting prep", style="bold"))
            yield Static(Text("Drill some terms, due or not. Your long-term schedule is not touched."))
            options: list[tuple[str, str]] = [("My weakest terms", WEAKEST)]
            options += [(group.title.en, topic) for topic, group in library.topics.items()]
            yield SelectionList[str](*options, id="prep-topics")
            with Horizontal(classes="prep-field"):
                yield Label("Questions ")
                yield Input(id="prep-count", type="integer", compact=True)
                yield Static(id="prep-count-hint", classes="prep-hint")
            with Horizontal(classes="prep-field"):
                yield Label("Minutes   ")
                yield Input(str(FROM_HOME_MINUTES), id="prep-minutes", type="number", compact=True)
                yield Static(Text("empty: no time limit", style="dim"), classes="prep-hint")
            yield Static(Text("space  pick or unpick a topic      tab  the next field", style="dim"))
        yield KeyLine()

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()
        self._count_hint()

    def _chosen(self) -> tuple[list[str], bool]:
        chosen = self.query_one(SelectionList).selected
        return [c for c in chosen if c != WEAKEST], WEAKEST in chosen

    @on(SelectionList.SelectedChanged)
    def _count_hint(self) -> None:
        """How many questions an empty Questions box means, for what is picked now."""
        topics, weakest = self._chosen()
        hint = "empty: each chosen term once"
        if topics or weakest:
            try:
                terms = len(self.cx.prep_request(topics, weakest=weakest).term_ids)
            except PrepError:
                pass
            else:
                hint += f" ({terms} term{'s' if terms != 1 else ''})"
        self.query_one("#prep-count-hint", Static).update(Text(hint, style="dim"))

    def _number(self, field: str, kind: type[int] | type[float], label: str) -> int | float | None:
        typed = self.query_one(f"#{field}", Input).value.strip()
        if not typed:
            return None
        try:
            return kind(typed)
        except ValueError:
            raise PrepError(f"{label}: {typed!r} is not a number") from None

    def action_start(self) -> None:
        topics, weakest = self._chosen()
        if not (topics or weakest):
            self.notify("Pick a topic (or your weakest terms) with space first.", timeout=3)
            return
        try:
            count = self._number("prep-count", int, "Questions")
            minutes = self._number("prep-minutes", float, "Minutes")
            request = self.cx.prep_request(
                topics, weakest=weakest, count=None if count is None else int(count), minutes=minutes
            )
        except PrepError as exc:
            message = str(exc)
            self.notify(message[:1].upper() + message[1:] + ".", severity="warning", timeout=5, markup=False)
            return
        self.dismiss(request)

    def action_cancel(self) -> None:
        self.dismiss(None)


class PrepSummaryScreen(CxScreen[None]):
    """The end of a drill: how it went, what was missed, and the sheet."""

    BINDINGS = [
        Binding("enter", "done", "Done", id="done", priority=True),
        Binding("escape", "done", "Done", show=False),
        Binding("q", "app.quit", "Quit", id="quit"),
    ]

    def __init__(self, summary: PrepSummary, title: str) -> None:
        super().__init__()
        self.summary = summary
        self.title_text = title

    def compose(self) -> ComposeResult:
        s = self.summary
        head = "Time is up." if s.ran_out_of_time else "Drill finished."
        if s.answered == 0:
            numbers = Text.assemble(
                ("Nothing answered.  ", "bold"),
                ("Here are the drill's terms to read before the meeting.", ""),
            )
        else:
            numbers = Text.assemble(
                (f"{head}  ", "bold"),
                ("answered ", "dim"),
                (str(s.answered), "bold"),
                ("   terms missed ", "dim"),
                (str(len(s.missed)), "bold"),
                ("   time ", "dim"),
                (duration(s.elapsed.total_seconds()), "bold"),
            )
        mode = self.cx.rtl_mode
        sheet = Table(title=self.title_text, expand=True, show_lines=False, title_justify="left")
        sheet.add_column("Term", style="bold", ratio=2)
        sheet.add_column("Persian", justify="right", ratio=2)
        sheet.add_column("Used correctly", ratio=4)
        sheet.add_column("Say it with", ratio=3)
        missed = {t.id for t in s.missed}
        for term in s.terms:
            label = Text(("✗ " if term.id in missed else "") + term.label, style=WRONG if term.id in missed else "")
            sentence = next((u.sentence for u in term.usage if u.correct), term.examples[0].en)
            with_it = Text("; ".join(say_it_with(term)))
            if term.family:
                with_it.append("\n" + ", ".join(f.form for f in term.family), style="dim")
            sheet.add_row(label, Persian(term.fa, mode), Text(sentence), with_it)  # wrapped in reading order
        yield Header()
        with VerticalScroll(id="summary"):
            yield Static(numbers, id="summary-title")
            if s.missed:
                yield Static(Text("To look at again: " + ", ".join(t.label for t in s.missed), style=ALMOST))
            yield Static(sheet, id="prep-sheet")
            yield Static(
                Text(
                    "enter  done      q  quit      the same sheet as Markdown: cxvocab prep --sheet --topic ...",
                    style="dim",
                )
            )
        yield KeyLine()

    def action_done(self) -> None:
        if self.cx.prep_only:
            self.app.exit()
        else:
            self.app.pop_screen()
