"""Study: today's cards one by one. Space reveals, 1-4 grade, u undoes, q leaves."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Header, Static

from cxvocab.scheduling import Rating
from cxvocab.session import StudySession
from cxvocab.ui.screens.base import CxScreen
from cxvocab.ui.widgets.flashcard import Flashcard
from cxvocab.ui.widgets.rating_bar import RatingBar


class StudyScreen(CxScreen):
    """Owns a :class:`StudySession`; turns keys into calls on it."""

    BINDINGS = [
        Binding("space", "reveal", "Show answer", id="reveal"),
        Binding("enter", "reveal", "Show answer", show=False, priority=True),
        # Anki's habit: space (or enter) on a revealed card means Good.
        Binding("space", "rate(3)", "Good", show=False),
        Binding("enter", "rate(3)", "Good", show=False, priority=True),
        *(Binding(str(r), f"rate({r})", Rating.NAMES[r], id=f"rate-{r}") for r in Rating.ALL),
        Binding("u", "undo", "Undo", id="undo"),
        Binding("q", "leave", "Finish", id="leave"),
        Binding("escape", "leave", "Finish", show=False),
    ]

    def __init__(self, session: StudySession) -> None:
        super().__init__()
        self.session = session
        self.revealed = False  # the screen owns this; the card is told

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="study"):
            yield Static(id="progress")
            yield Flashcard(id="card")
            yield Static(id="hint")
            yield RatingBar(id="ratings")
        yield Footer()

    def on_mount(self) -> None:
        self._show_current()

    # -- drawing ------------------------------------------------------------------------------

    def _show_current(self) -> None:
        question = self.session.current
        if question is None:
            self._finish()
            return
        new, learning, review = self.session.remaining()
        self.query_one("#progress", Static).update(
            Text.assemble(
                ("new ", "dim"), (str(new), "bold"), ("   learning ", "dim"), (str(learning), "bold"),
                ("   review ", "dim"), (str(review), "bold"), ("   answered ", "dim"), (str(self.session.answered), "bold"),
            )
        )
        card = self.query_one(Flashcard)
        card.show(question.term, self.cx.settings.accent, new=question.is_new)
        self.revealed = False
        self.query_one(RatingBar).display = False
        self.refresh_bindings()
        self.query_one("#hint", Static).update(Text("space  show the answer", style="dim"))

    def _reveal(self) -> None:
        self.revealed = True
        self.query_one(Flashcard).revealed = True
        self.refresh_bindings()
        bar = self.query_one(RatingBar)
        bar.show_intervals(self.session.intervals(self.cx.clock.now()))
        bar.display = True
        self.query_one("#hint", Static).update(
            Text("How well did you know it? Press 1-4 (space = Good).", style="dim")
        )

    # -- actions ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Before the answer shows, keys reveal it; after, they grade."""
        if action == "reveal":
            return not self.revealed
        if action == "rate":
            return self.revealed
        return True

    def action_reveal(self) -> None:
        if not self.session.finished and not self.revealed:
            self._reveal()

    def action_rate(self, rating: int) -> None:
        if self.session.finished or not self.revealed:
            return
        self.session.answer(rating, self.cx.clock.now())
        self._show_current()

    @on(RatingBar.Rated)
    def _rated(self, event: RatingBar.Rated) -> None:
        self.action_rate(event.rating)

    def action_undo(self) -> None:
        if self.session.undo(self.cx.clock.now()):
            self._show_current()
            self.notify("Last answer undone.", timeout=2)
        else:
            self.notify("Nothing to undo in this session.", timeout=2)

    def action_leave(self) -> None:
        self._finish()

    def _finish(self) -> None:
        from cxvocab.ui.screens.summary import SummaryScreen

        summary = self.session.summary(self.cx.clock.now())
        if summary.answered == 0 and not self.session.finished:
            self.app.pop_screen()
            return
        self.app.switch_screen(SummaryScreen(summary, finished=self.session.finished))
