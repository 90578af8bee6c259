"""Study: today's cards one by one, every kind (DESIGN §4b).

- meaning: space reveals, 1-4 grade (space = Good);
- usage: y / n, then the verdict and why;
- recall: type the English term, enter;
- choice: 1-4 picks an option;
- listening: the term plays by itself (ctrl+r again); type what you heard.

p plays the term and P its example sentence, on any card; the clip is found or made in a
worker (never on the UI thread), and the next card's clip is made while this one is answered.

App-graded answers are saved the moment they are given (the session writes them before it
picks the next card); the feedback stays on screen until space. u undoes, q leaves.
:class:`PrepScreen` is the same screen over a prep drill, with a countdown.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Header, Input
from textual.worker import Worker, WorkerState

from cxvocab.card import BaseSession, Phase, Question
from cxvocab.i18n import N_
from cxvocab.kinds import PICKED_KINDS, TYPED_KINDS, Kind
from cxvocab.prep import PrepSession
from cxvocab.quiz import AnswerKeys, Grade
from cxvocab.rating import Rating
from cxvocab.session import StudySession
from cxvocab.ui.messages import ListeningOff
from cxvocab.ui.screens.base import CxScreen
from cxvocab.ui.screens.help import Section, study_sections
from cxvocab.ui.widgets.flashcard import Flashcard
from cxvocab.ui.widgets.key_line import KeyLine
from cxvocab.ui.widgets.quiz_cards import ChoiceCard, GapCard, ListeningCard, RecallCard, UsageCard
from cxvocab.ui.widgets.rating_bar import RatingBar
from cxvocab.ui.widgets.rtl_text import RtlText

# Each kind's card, by id (ListeningCard is a RecallCard, so a query by type would be ambiguous).
CARDS = {
    Kind.MEANING: "#card",
    Kind.USAGE: "#usage-card",
    Kind.RECALL: "#recall-card",
    Kind.CHOICE: "#choice-card",
    Kind.GAP: "#gap-card",
    Kind.LISTENING: "#listening-card",
}


class StudyScreen(CxScreen[None]):
    """Owns a session; turns keys into calls on it."""

    BINDINGS = [
        # Space and enter: show the answer; on a shown answer, Good (Anki's habit); after
        # app-graded feedback, the next card. Only the one that applies is enabled and shown.
        Binding("space", "reveal", N_("Show answer"), id="reveal"),
        Binding("space", "good", N_("Good"), show=False),
        Binding("space", "next", N_("Next card"), id="next"),
        Binding("enter", "reveal", show=False, priority=True),
        Binding("enter", "good", show=False, priority=True),
        Binding("enter", "next", show=False, priority=True),
        # 1-4 grade a shown meaning card, or pick an option of a choice card: two sets of
        # bindings, so that the key line and help name what the keys do on the card on screen.
        *(Binding(str(r), f"rate({r})", Rating.NAMES[r], id=f"rate-{r}") for r in Rating.ALL),
        *(
            Binding(str(n), f"choose({n})", N_("Pick an option"), key_display="1-4", show=n == 1, id=f"choose-{n}")
            for n in range(1, 5)
        ),
        Binding("y", "judge(True)", N_("Correct"), id="judge-yes"),
        Binding("n", "judge(False)", N_("Has a mistake"), id="judge-no"),
        Binding("p", "play('term')", N_("Play the term"), id="play"),
        Binding("P", "play('example')", N_("Play the example"), show=False),
        Binding("ctrl+r", "replay", N_("Play again"), id="replay", priority=True, key_display="ctrl+r"),
        Binding("ctrl+l", "cannot_listen", N_("Can't listen now"), id="cannot-listen", priority=True, key_display="ctrl+l"),
        Binding("u", "undo", N_("Undo"), id="undo"),
        # The learner's controls over a term (Anki's): shown under the card, listed in help.
        Binding("exclamation_mark", "mark('suspend')", N_("Suspend the term"), show=False, key_display="!"),
        Binding("minus", "mark('bury')", N_("Bury the term until tomorrow"), show=False, key_display="-"),
        Binding("f", "mark('flag')", N_("Flag the term (to drill it)"), show=False),
        Binding("q", "leave", N_("Finish"), id="leave"),
        # Escape finishes too; while an answer is being typed it is the only key that does
        # (q would be typed), so only then is it shown.
        Binding("escape", "leave_typing", N_("Finish"), id="leave-typing"),
        Binding("escape", "leave", N_("Finish"), show=False),
        # A Persian keyboard layout types Persian digits on the number row: they grade and pick too.
        *(Binding(d, f"persian_digit({n})", show=False) for n, d in enumerate("۱۲۳۴", 1)),
    ]

    def __init__(self, session: BaseSession) -> None:
        super().__init__()
        self.session = session
        self._grading: Worker[AnswerKeys] | None = None  # working out the session's answer keys

    @property
    def question(self) -> Question | None:
        """The card on screen (the session may have moved on: its verdict is showing)."""
        return self.session.shown

    @property
    def phase(self) -> Phase:
        return self.session.phase

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="study"):
            yield RtlText(id="progress")
            yield Flashcard(id="card")
            yield UsageCard(id="usage-card", classes="quiz-card")
            yield RecallCard(id="recall-card", classes="quiz-card")
            yield ChoiceCard(id="choice-card", classes="quiz-card")
            yield GapCard(id="gap-card", classes="quiz-card")
            yield ListeningCard(id="listening-card", classes="quiz-card")
            yield RtlText(id="hint")
            yield RtlText(id="marks")
            yield RatingBar(id="ratings")
        yield KeyLine()

    def on_mount(self) -> None:
        self._show_current()
        self.call_after_refresh(self._warm_up)
        if self.session.asks(Kind.LISTENING):
            self.cx.check_sound()  # without a sound device, no listening card is asked

    def help_sections(self) -> list[Section]:
        return study_sections(self.question.kind if self.question else None, self.cx.tr, self.cx.rtl_mode)

    def _warm_up(self) -> None:
        """While the first card is read: what the first verdict would otherwise pay for
        (shaping Persian for terminals without bidi loads its tables first)."""
        from cxvocab import rtl

        rtl.visual_line("آماده")

    # -- drawing ------------------------------------------------------------------------------

    def progress_line(self) -> Text:
        tr = self.cx.tr
        line = Text()
        session = self.session
        if isinstance(session, StudySession) and session.topic in self.cx.library.topics:
            title = tr.pick(self.cx.library.topics[session.topic].title)
            line.append(title + (" · " if tr.rtl else "   "), style="bold")
        elif isinstance(session, StudySession) and session.ahead_days:
            line.append(tr("Reviewing ahead") + (" · " if tr.rtl else "   "), style="bold")
        gap = " · " if tr.rtl else "   "  # runs of spaces fold in a Persian line
        for index, (label, value) in enumerate(self.session.progress()):
            line.append((gap if index else "") + tr(label) + " ", style="dim")
            line.append(tr.num(value), style="bold")
        return line

    def _show_current(self) -> None:
        question = self.session.show()
        if question is None:
            self._finish()
            return
        self.query_one("#progress", RtlText).text = self.progress_line()
        for kind, card_id in CARDS.items():
            self.query_one(card_id).display = kind == question.kind
        if question.kind == Kind.MEANING:
            self.query_one(Flashcard).show(question.term, self.cx.settings.accent, new=question.is_new)
        elif question.kind == Kind.USAGE and question.usage is not None:
            self.query_one("#usage-card", UsageCard).show(question.usage)
        elif question.kind == Kind.RECALL:
            self.query_one("#recall-card", RecallCard).show(question.term)
        elif question.kind == Kind.CHOICE and question.choice is not None:
            self.query_one("#choice-card", ChoiceCard).show(question.choice)
        elif question.kind == Kind.GAP and question.gap is not None:
            self.query_one("#gap-card", GapCard).show(question.gap)
        elif question.kind == Kind.LISTENING:
            self.query_one("#listening-card", ListeningCard).show(question.term)
            self.cx.speak(question.term.term, question.term.id, listening=True)
        self.cx.prepare_audio(self._upcoming_audio(question))
        if question.kind in TYPED_KINDS:
            # Once the card is on screen: a worker started now would slow its drawing.
            self.call_after_refresh(self._prepare_grading)
        self.query_one(RatingBar).display = False
        self.refresh_bindings()
        tr = self.cx.tr
        hints = {
            Kind.MEANING: tr("space  show the answer"),
            Kind.USAGE: "",  # the card shows y / n itself
            Kind.RECALL: tr("type the English term and press enter      escape  finish"),
            Kind.CHOICE: tr("press 1-4 to choose"),
            Kind.GAP: tr("press 1-{n} for the word that goes in the blank", n="4"),
            Kind.LISTENING: tr("type what you heard and press enter      escape  finish"),
        }
        if question.gap is not None:  # a gap item has 2 to 4 options
            hints[Kind.GAP] = tr("press 1-{n} for the word that goes in the blank", n=str(len(question.gap.options)))
        self._hint(hints.get(question.kind, ""))
        self._show_marks()
        if isinstance(self.session, StudySession) and self.session.leech is not None:
            leech, self.session.leech = self.session.leech, None
            from cxvocab.ui.screens.leech import LeechScreen

            self.app.push_screen(LeechScreen(leech))

    def _show_marks(self) -> None:
        """Under the card: the term's own marks, and the keys that set them."""
        box = self.query_one("#marks", RtlText)
        if not isinstance(self.session, StudySession) or self.question is None:
            box.display = False
            return
        tr = self.cx.tr
        marks = self.session.marks()
        line = Text()
        if marks.leech:
            line.append("⚑ " + tr("leech") + "   ", style="bold red")
        elif marks.flagged:
            line.append("⚑ " + tr("flagged") + "   ", style="bold yellow")
        keys = [("!", tr("suspend")), ("-", tr("bury until tomorrow")), ("f", tr("unflag") if marks.flagged else tr("flag"))]
        for index, (key, what) in enumerate(keys):
            line.append(("   " if index else ""), style="dim")
            line.append(key, style="bold dim")
            line.append(" " + what, style="dim")
        box.text = line
        box.display = True

    def _hint(self, text: str) -> None:
        self.query_one("#hint", RtlText).text = Text(text, style="dim")

    def _reveal(self) -> None:
        if not self.session.reveal():
            return
        self.query_one(Flashcard).revealed = True
        self.refresh_bindings()
        bar = self.query_one(RatingBar)
        if isinstance(self.session, StudySession):
            bar.show_intervals(self.session.intervals(self.cx.clock.now()))
        bar.display = True
        self._hint(self.cx.tr("How well did you know it? Press 1-4 (space = Good)."))

    def _graded(self, grade: Grade, picked: int = -1) -> None:
        """An app-graded answer, saved by the session: its verdict stays on screen until space."""
        question = self.question
        assert question is not None
        if question.kind == Kind.USAGE and question.usage is not None:
            self.query_one("#usage-card", UsageCard).show_grade(question.usage, grade)
        elif question.kind in TYPED_KINDS:
            self.query_one(CARDS[question.kind], RecallCard).show_grade(question.term, grade)
        elif question.kind == Kind.CHOICE and question.choice is not None:
            self.query_one("#choice-card", ChoiceCard).show_grade(question.choice, picked, grade)
        elif question.kind == Kind.GAP and question.gap is not None:
            self.query_one("#gap-card", GapCard).show_grade(question.gap, picked, grade)
        self.query_one("#progress", RtlText).text = self.progress_line()
        self.refresh_bindings()
        self._hint(self.cx.tr("space  next card      u  undo"))

    # -- actions ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Which keys mean something now depends on the card's kind and the phase."""
        asking, typing = self.session.asking, self.session.asking(*TYPED_KINDS) is not None
        if action == "reveal":
            return asking(Kind.MEANING) is not None
        if action in ("good", "rate"):
            return self.question is not None and self.question.kind == Kind.MEANING and self.phase == "revealed"
        if action == "choose":
            return asking(*PICKED_KINDS) is not None
        if action == "next":
            return self.phase == "feedback"
        if action == "judge":
            return asking(Kind.USAGE) is not None
        if action == "play":
            # Hearing the term (or its example) would answer a recall or choice question.
            return asking(Kind.RECALL, Kind.CHOICE, Kind.LISTENING) is None
        if action in ("replay", "cannot_listen"):
            return asking(Kind.LISTENING) is not None
        if action in ("undo", "leave"):
            return not typing  # typed into the answer box instead
        if action == "mark":
            return isinstance(self.session, StudySession) and self.question is not None and not typing
        if action == "leave_typing":
            return typing
        return True

    def action_persian_digit(self, number: int) -> None:
        """۱ to ۴ from a Persian keyboard: what 1 to 4 do on this card now."""
        for action, run in (("rate", self.action_rate), ("choose", self.action_choose)):
            if self.check_action(action, (number,)):
                run(number)
                return

    def action_reveal(self) -> None:
        self._reveal()

    def action_good(self) -> None:
        self.action_rate(Rating.GOOD)

    def action_next(self) -> None:
        if self.phase == "feedback":
            self._show_current()

    def action_rate(self, rating: int) -> None:
        if self.session.rate(rating, self.cx.clock.now()):
            self._show_current()

    def action_choose(self, number: int) -> None:
        now = self.cx.clock.now()
        if self.session.asking(Kind.GAP) is not None:
            grade = self.session.fill_gap(number, now)
        else:
            chosen = self.session.choose(number, now)
            grade = chosen[0] if chosen is not None else None
        if grade is not None:
            self._graded(grade, number - 1)

    def action_judge(self, says_correct: bool) -> None:
        grade = self.session.judge(says_correct, self.cx.clock.now())
        if grade is not None:
            self._graded(grade)

    def _upcoming_audio(self, question: Question) -> list[tuple[str | None, str]]:
        """This card's clip, then the next card's, to be made before anyone presses p."""
        items: list[tuple[str | None, str]] = [(question.term.id, question.term.term)]
        upcoming = self.session.upcoming()
        if upcoming is not None:
            items.append((upcoming.id, upcoming.term))
        return items

    def action_replay(self) -> None:
        """``ctrl+r`` on a listening card: the question again."""
        question = self.session.asking(Kind.LISTENING)
        if question is not None:
            self.cx.speak(question.term.term, question.term.id, listening=True)

    def action_play(self, what: str) -> None:
        question = self.question
        if question is None:
            return
        if what == "example":
            self.cx.say(question.term.examples[0].en)
        else:
            self.cx.say(question.term.term, question.term.id)

    @on(Input.Submitted, "#recall-answer, #listening-answer")
    def _typed(self, event: Input.Submitted) -> None:
        event.stop()
        question = self.session.asking(*TYPED_KINDS)
        if question is None:
            return
        grade = self.session.type_answer(event.value, self.cx.clock.now())
        if grade is None:
            tr = self.cx.tr
            if question.kind == Kind.LISTENING:
                self.notify(tr("Type the English term first (escape finishes, ctrl+l if you cannot listen now)."), timeout=3)
            else:
                self.notify(tr("Type the English term first (escape finishes)."), timeout=3)
            return
        self._graded(grade)

    @on(RatingBar.Rated)
    def _rated(self, event: RatingBar.Rated) -> None:
        self.action_rate(event.rating)

    def action_undo(self) -> None:
        if self.session.undo(self.cx.clock.now()):
            undone = getattr(self.session, "undone", "answer")
            tr = self.cx.tr
            if undone == "flag":
                self._show_marks()
                self.notify(tr("Flag undone."), timeout=2)
                return
            self._show_current()
            said = {"suspend": tr("Suspend undone."), "bury": tr("Bury undone.")}
            self.notify(said.get(undone or "", tr("Last answer undone.")), timeout=2)
        else:
            self.notify(self.cx.tr("Nothing to undo in this session."), timeout=2)

    def action_mark(self, action: str) -> None:
        """! suspends, - buries until tomorrow, f flags (and unflags) the term on screen."""
        from cxvocab.session import BURY, FLAG, SUSPEND

        session = self.session
        if not isinstance(session, StudySession) or self.question is None:
            return
        term = self.question.term
        marks = session.mark(action, self.cx.clock.now())
        if marks is None:
            return
        tr = self.cx.tr
        said = {
            SUSPEND: tr("{term} is suspended: it comes back when you unsuspend it in Browse (u undoes).", term=tr.embed(term.label)),
            BURY: tr("{term} is buried until tomorrow (u undoes).", term=tr.embed(term.label)),
            FLAG: tr("{term} is flagged: cxvocab prep --flagged drills it.", term=tr.embed(term.label))
            if marks.flagged
            else tr("{term} is no longer flagged.", term=tr.embed(term.label)),
        }
        self.notify(said[action], timeout=3, markup=False)
        if action == FLAG:
            self._show_marks()
        else:
            self._show_current()

    def action_leave(self) -> None:
        self._finish()

    def action_leave_typing(self) -> None:
        self._finish()

    def action_cannot_listen(self) -> None:
        """``ctrl+l`` on a listening card: the learner cannot listen now (no headphones in a
        meeting room); nothing is graded and no listening card comes in this run."""
        if self.session.asking(Kind.LISTENING) is not None:
            self.cx.turn_listening_off(self.cx.tr("You said you cannot listen now."))

    @on(ListeningOff)
    def _listening_off(self, event: ListeningOff) -> None:
        """No sound can be heard: the listening card on screen, if unanswered, gives way to the
        next card, ungraded; no other is asked in this session."""
        on_screen = self.session.asking(Kind.LISTENING) is not None
        self.session.without_kind(Kind.LISTENING, self.cx.clock.now())
        if on_screen:
            self._show_current()

    def _prepare_grading(self) -> None:
        """Have the answer keys for typed answers worked out in a thread while the learner
        types; the result comes back as the worker's state change (below), not by the thread
        changing the session."""
        if self.session.answer_keys is None and self._grading is None:
            library = self.session.library
            self._grading = self.run_worker(
                lambda: AnswerKeys(library), thread=True, group="grading", exit_on_error=False
            )

    @on(Worker.StateChanged)
    def _take_answer_keys(self, event: Worker.StateChanged) -> None:
        if event.worker is self._grading and event.state == WorkerState.SUCCESS:
            if self.session.answer_keys is None:  # not already made by a quicker answer
                self.session.answer_keys = self._grading.result

    def _finish(self) -> None:
        from cxvocab.ui.screens.summary import SummaryScreen

        assert isinstance(self.session, StudySession)
        summary = self.session.summary(self.cx.clock.now())
        if summary.answered == 0 and not self.session.finished:
            self.app.pop_screen()
            return
        self.app.switch_screen(SummaryScreen(summary, finished=self.session.finished))


class PrepScreen(StudyScreen):
    """Meeting prep: the same cards over chosen terms, a countdown, and a sheet at the end."""

    def __init__(self, session: PrepSession, title: str) -> None:
        super().__init__(session)
        self.prep = session
        self.title_text = title

    def on_mount(self) -> None:
        super().on_mount()
        if self.prep.deadline is not None:
            self.set_interval(1.0, self.tick)

    def progress_line(self) -> Text:
        tr = self.cx.tr
        line = Text(self.title_text + (" · " if tr.rtl else "   "), style="bold")
        line.append_text(super().progress_line())
        left = self.prep.time_left(self.cx.clock.now())
        if left is not None:
            minutes, seconds = divmod(int(left.total_seconds()), 60)
            line.append(
                (" · " if tr.rtl else "   ") + "⏱ " + tr("{time} left", time=tr.digits(f"{minutes}:{seconds:02d}")),
                style="bold yellow" if left.total_seconds() < 60 else "bold",
            )
        return line

    def tick(self) -> None:
        """Once a second: the countdown, and the end when time is up (after any feedback)."""
        if self.prep.out_of_time(self.cx.clock.now()) and self.phase != "feedback":
            self.prep.stop(self.cx.clock.now())
            self._finish()
            return
        if self.is_current:
            self.query_one("#progress", RtlText).text = self.progress_line()

    def _finish(self) -> None:
        from cxvocab.ui.screens.prep import PrepSummaryScreen

        self.app.switch_screen(PrepSummaryScreen(self.prep.summary(self.cx.clock.now()), self.title_text))
