"""Meeting prep in the app: choose what to drill (``m`` on home), and the end of a drill:
the terms missed and the one-page sheet (term, Persian, one correct usage)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Header, SelectionList, Static

from cxvocab.prep import WEAKEST, PrepError, PrepRequest, PrepSummary
from cxvocab.rtl import isolate
from cxvocab.ui.screens.base import CxScreen
from cxvocab.ui.screens.summary import duration
from cxvocab.ui.widgets.key_line import KeyLine

FROM_HOME_MINUTES = 5
FROM_HOME_COUNT = 30


class PrepSetupScreen(ModalScreen[PrepRequest | None]):
    """Pick topics and/or "my weakest terms"; enter starts a five-minute drill."""

    BINDINGS = [
        Binding("enter", "start", "Start", id="prep-start", priority=True),
        Binding("escape", "cancel", "Back", id="prep-cancel"),
    ]

    def compose(self) -> ComposeResult:
        app = self.app
        library = app.library  # type: ignore[attr-defined]
        with Vertical(id="prep-setup"):
            yield Static(Text("Meeting prep", style="bold"))
            yield Static(
                Text(
                    f"Drill some terms for {FROM_HOME_MINUTES} minutes (up to {FROM_HOME_COUNT} questions)."
                    " Your long-term schedule is not touched."
                )
            )
            options: list[tuple[str, str]] = [("My weakest terms", WEAKEST)]
            options += [(group.title.en, topic) for topic, group in library.topics.items()]
            yield SelectionList[str](*options, id="prep-topics")
            yield Static(Text("space  pick or unpick      enter  start      escape  back", style="dim"))

    def action_start(self) -> None:
        chosen = self.query_one(SelectionList).selected
        if not chosen:
            self.notify("Pick a topic (or your weakest terms) with space first.", timeout=3)
            return
        topics = [c for c in chosen if c != WEAKEST]
        try:
            request = self.app.prep_request(  # type: ignore[attr-defined]
                topics, weakest=WEAKEST in chosen, count=FROM_HOME_COUNT, minutes=FROM_HOME_MINUTES
            )
        except PrepError as exc:
            self.notify(str(exc), severity="warning", timeout=5, markup=False)
            return
        self.dismiss(request)

    def action_cancel(self) -> None:
        self.dismiss(None)


class PrepSummaryScreen(CxScreen):
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
        numbers = Text.assemble(
            (f"{head}  ", "bold"),
            ("answered ", "dim"),
            (str(s.answered), "bold"),
            ("   missed ", "dim"),
            (str(len(s.missed)), "bold"),
            ("   time ", "dim"),
            (duration(s.elapsed.total_seconds()), "bold"),
        )
        mode = self.cx.rtl_mode
        sheet = Table(title=self.title_text, expand=True, show_lines=False, title_justify="left")
        sheet.add_column("Term", style="bold", ratio=2)
        sheet.add_column("Persian", justify="right", no_wrap=True, overflow="ellipsis", ratio=2)
        sheet.add_column("Used correctly", ratio=5)
        missed = {t.id for t in s.missed}
        for term in s.terms:
            label = Text(("✗ " if term.id in missed else "") + term.label, style="red" if term.id in missed else "")
            sentence = next((u.sentence for u in term.usage if u.correct), term.examples[0].en)
            sheet.add_row(label, Text(isolate(term.fa, mode)), Text(sentence))
        yield Header()
        with VerticalScroll(id="summary"):
            yield Static(numbers, id="summary-title")
            if s.missed:
                yield Static(Text("To look at again: " + ", ".join(t.label for t in s.missed), style="yellow"))
            yield Static(sheet, id="prep-sheet")
            yield Static(
                Text(
                    "enter  done      q  quit      the same sheet as Markdown: cxvocab prep --sheet --topic ...",
                    style="dim",
                )
            )
        yield KeyLine()

    def action_done(self) -> None:
        if self.app.prep_only:  # type: ignore[attr-defined]
            self.app.exit()
        else:
            self.app.pop_screen()
