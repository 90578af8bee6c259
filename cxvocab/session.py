"""A study session: which card is up, answering it, undoing it (DESIGN §4b).

Every answer is on disk before the next card is chosen. The next card then comes from
today's due cards as read at the start, patched with the answers given since
(:class:`cxvocab.scheduling.QueueSource`): the same queue a fresh read would give, without
reading thousands of cards after every answer. A new day, an undo or a write by a second
instance (SQLite's data_version) makes it read the database afresh, so nothing can leave it
out of step.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from random import Random
from typing import TYPE_CHECKING, Literal

from cxvocab.clock import day_window
from cxvocab.content import Library
from cxvocab.kinds import ENABLED_KINDS, ENTRY_KIND, TYPED_KINDS, Kind
from cxvocab.queue import DailyQueue, QueueItem, QueueSource, build_queue, missing_siblings, opened_siblings
from cxvocab.rating import Rating
from cxvocab.scheduling import Scheduling
from cxvocab.store import Answer, Store
from cxvocab.terms import Term

if TYPE_CHECKING:  # the quiz is imported with the first question, not for the home counts
    from cxvocab.quiz import AnswerKeys, ChoiceQuestion, Grade, UsageQuestion


@dataclass(frozen=True)
class Question:
    """The card on screen. ``usage`` and ``choice`` are set for those kinds."""

    term: Term
    kind: Kind
    topic: str
    item: QueueItem
    shown_at: datetime
    usage: UsageQuestion | None = None
    choice: ChoiceQuestion | None = None

    @property
    def is_new(self) -> bool:
        return self.item.is_new

    @classmethod
    def make(cls, library: Library, item: QueueItem, now: datetime, seed: str) -> Question:
        """The question for a queue item. ``seed`` fixes which sentence and which options
        are drawn, so the same question looks the same if it is built again."""
        from cxvocab.quiz import choice_question, usage_question

        term = library.terms[item.term_id]
        rng = Random(seed)
        usage = usage_question(term, library, rng) if item.kind == Kind.USAGE else None
        choice = choice_question(term, library, rng) if item.kind == Kind.CHOICE else None
        return cls(term, Kind(item.kind), library.topic_of[item.term_id], item, now, usage, choice)


@dataclass(frozen=True)
class AnswerRecord:
    review_id: int
    item: QueueItem
    rating: int


@dataclass
class SessionSummary:
    answered: int
    again: int
    started_at: datetime
    ended_at: datetime
    later_today: int = 0
    ratings: dict[int, int] = field(default_factory=dict)
    missed: list[Term] = field(default_factory=list)  # answered Again at least once, first missed first
    next_due: datetime | None = None  # when there is next something to study

    @property
    def elapsed(self) -> timedelta:
        return self.ended_at - self.started_at


@dataclass(frozen=True)
class Overview:
    """Today's numbers for the home screen: due and new cards, in all and per topic."""

    due: int
    new: int
    by_topic: dict[str, tuple[int, int]]  # topic id -> (due, new)
    next_due: datetime | None = None  # with nothing to do now: when there will be (None: never)
    unmet: bool = False  # some loaded term was never introduced (more can be learnt today)


def overview(queue: DailyQueue, library: Library) -> Overview:
    """Count a day's queue per topic (topics in library order, empty ones included)."""
    counts = {topic: [0, 0] for topic in library.topics}
    for card in [*queue.learning, *queue.reviews]:
        counts[library.topic_of[card.term_id]][0] += 1
    for term_id in queue.new_terms:
        counts[library.topic_of[term_id]][1] += 1
    return Overview(
        due=len(queue.learning) + len(queue.reviews),
        new=len(queue.new_terms),
        by_topic={topic: (due, new) for topic, (due, new) in counts.items()},
    )


# Where the card on screen is: asked; a meaning card's answer shown, waiting for 1-4; an
# app-graded answer saved, its verdict on screen until the learner moves on.
Phase = Literal["ask", "revealed", "feedback"]


class BaseSession:
    """What a study session and a prep drill share: the card on screen, its phase, the grading
    of every kind and the answers. A screen only draws what this says and forwards keys."""

    current: Question | None  # the next card to ask (after an answer, already the following one)
    history: Sequence[object]  # the answers of this session, oldest first
    kinds: tuple[str, ...]
    library: Library
    shown: Question | None = None  # the card on screen: current, or the one whose verdict shows
    phase: Phase = "ask"
    answer_keys: AnswerKeys | None = None  # for grading typed answers: made once, on first need

    def answer(self, rating: int, now: datetime, *, correct: bool | None = None, text: str | None = None) -> None:
        """Save an answer to the current card (one transaction), then pick the next card."""
        raise NotImplementedError

    def undo(self, now: datetime) -> bool:
        """Take back the last answer of this session; its card becomes current again."""
        raise NotImplementedError

    def progress(self) -> list[tuple[str, int]]:
        """What the screen's top line shows."""
        raise NotImplementedError

    # -- the card on screen ------------------------------------------------------------------

    def show(self) -> Question | None:
        """Put the current card on screen, to be asked (None: the session is over)."""
        self.shown, self.phase = self.current, "ask"
        return self.shown

    def asking(self, *kinds: str) -> Question | None:
        """The card on screen if it is of one of ``kinds`` and still waits for its answer."""
        shown = self.shown
        return shown if shown is not None and shown.kind in kinds and self.phase == "ask" else None

    def reveal(self) -> bool:
        """A meaning card's answer, shown; the learner grades it next (1-4)."""
        if self.asking(Kind.MEANING) is None:
            return False
        self.phase = "revealed"
        return True

    def rate(self, rating: int, now: datetime) -> bool:
        """The learner's own grade of a revealed meaning card: saved, and the next card is current."""
        if self.shown is None or self.shown.kind != Kind.MEANING or self.phase != "revealed":
            return False
        self.answer(rating, now)
        return True

    def judge(self, says_correct: bool, now: datetime) -> Grade | None:
        """y / n on a usage card: graded and saved; its verdict stays on screen."""
        from cxvocab.quiz import grade_usage

        question = self.asking(Kind.USAGE)
        if question is None or question.usage is None:
            return None
        return self._graded(grade_usage(question.usage, says_correct), now, "correct" if says_correct else "incorrect")

    def choose(self, number: int, now: datetime) -> tuple[Grade, Term] | None:
        """Option ``number`` (1-4) of a choice card: graded and saved, with the term picked."""
        from cxvocab.quiz import grade_choice

        question = self.asking(Kind.CHOICE)
        if question is None or question.choice is None or not 1 <= number <= len(question.choice.options):
            return None
        picked = question.choice.options[number - 1]
        return self._graded(grade_choice(question.choice, number - 1), now, picked.label), picked

    def type_answer(self, typed: str, now: datetime) -> Grade | None:
        """What was typed on a recall or listening card: graded and saved (not an empty answer)."""
        from cxvocab.quiz import AnswerKeys, grade_typed

        question = self.asking(*TYPED_KINDS)
        if question is None or not typed.strip():
            return None
        if self.answer_keys is None:  # not handed in yet (see StudyScreen): worked out now
            self.answer_keys = AnswerKeys(self.library)
        return self._graded(grade_typed(typed, question.term, self.answer_keys), now, typed)

    def _graded(self, grade: Grade, now: datetime, text: str) -> Grade:
        self.answer(grade.rating, now, correct=grade.correct, text=text)
        self.phase = "feedback"
        return grade

    def without_kind(self, kind: str, now: datetime) -> None:
        """Ask no more cards of ``kind`` (a drill asks no listening card: nothing to do)."""

    def asks(self, kind: str) -> bool:
        """Whether a card of ``kind`` is still to come (a drill: one of its kinds)."""
        return kind in self.kinds

    @property
    def finished(self) -> bool:
        return self.current is None

    @property
    def answered(self) -> int:
        return len(self.history)

    def upcoming(self) -> Term | None:
        """A good guess at the next card's term (its audio is made ahead of time)."""
        return None

    def _answering(self, rating: int) -> Question:
        """The question being answered, after checking the answer can be taken."""
        if self.current is None:
            raise RuntimeError("the session is finished")
        if rating not in Rating.ALL:
            raise ValueError(f"rating must be 1-4, not {rating!r}")
        return self.current

    @staticmethod
    def _duration(question: Question, now: datetime) -> int:
        return max(0, int((now - question.shown_at).total_seconds() * 1000))


class StudySession(BaseSession):
    """Today's study: due cards and new terms, graded 1-4 or by the app."""

    mode = "study"

    def __init__(
        self,
        store: Store,
        library: Library,
        scheduling: Scheduling,
        now: datetime,
        tz: tzinfo | None,
        *,
        new_per_day: int = 10,
        review_cap: int = 0,
        kinds: tuple[str, ...] = ENABLED_KINDS,
        open_missing: bool = True,
    ) -> None:
        """``open_missing=False`` only counts (the home screen): nothing is written, and no
        question is built (``current`` stays None)."""
        self.store = store
        self.library = library
        self.scheduling = scheduling
        self.tz = tz
        self.new_per_day = new_per_day
        self.review_cap = review_cap
        self.kinds = kinds
        self.started_at = now
        self.history: list[AnswerRecord] = []
        self.queue = DailyQueue()
        self.current: Question | None = None
        self._term_order = list(library.terms)
        self._studying = open_missing
        self._source: QueueSource | None = None  # today's due cards, patched after each answer
        self._version = 0
        if open_missing:
            # Terms met before a kind existed get its card now, due tomorrow.
            store.open_cards(missing_siblings(store, list(library.terms), now, tz, kinds), now)
        self._advance(now)

    # -- reading ------------------------------------------------------------------------------

    def asks(self, kind: str) -> bool:
        """Whether a card of ``kind`` is in what is left of today's queue."""
        return any(card.kind == kind for card in [*self.queue.learning, *self.queue.reviews])

    def remaining(self) -> tuple[int, int, int]:
        """(new, learning, review) cards left today, as Anki shows them."""
        return len(self.queue.new_terms), len(self.queue.learning), len(self.queue.reviews)

    def upcoming(self) -> Term | None:
        current = self.current.term.id if self.current else None
        for term_id in [*(c.term_id for c in [*self.queue.learning, *self.queue.reviews]), *self.queue.new_terms]:
            if term_id != current and term_id in self.library.terms:
                return self.library.terms[term_id]
        return None

    def progress(self) -> list[tuple[str, int]]:
        """What the screen's top line shows."""
        new, learning, review = self.remaining()
        return [("new", new), ("learning", learning), ("review", review), ("answered", self.answered)]

    def next_due(self, now: datetime) -> datetime | None:
        """When there will next be something to study (None: nothing ever, every term met and
        no card left). Learning steps later today come back at their time; anything else due
        today but not asked (a term's other kinds wait a day) and tomorrow's new terms, at
        the start of tomorrow."""
        if self.queue.learning or self.queue.reviews or self.queue.new_terms:
            pending = [c.state.due for c in self.queue.learning if c.state.due > now]
            if self.queue.reviews or self.queue.new_terms or len(pending) < len(self.queue.learning):
                return now
            return min(pending)
        _start, tomorrow = day_window(now, self.tz)
        due = self.store.earliest_due(self.kinds, self.library.terms)
        candidates = [max(due, tomorrow)] if due is not None else []
        if self.new_per_day > 0 and ENTRY_KIND in self.kinds and self.has_unmet():
            candidates.append(tomorrow)
        return min(candidates, default=None)

    def has_unmet(self) -> bool:
        """Whether some loaded term has never been introduced."""
        source = self._source or QueueSource.read(self.store, self.started_at, self.tz, self.kinds)
        return bool(source.not_met(self.store, self._term_order))

    def intervals(self, now: datetime) -> dict[int, timedelta]:
        """Time until the current card comes back, for each rating (for the buttons)."""
        if self.current is None:
            return {}
        card = self.current.item.card
        return self.scheduling.preview(card.id if card else 0, card.state if card else None, now)

    def summary(self, now: datetime) -> SessionSummary:
        ratings = {r: 0 for r in Rating.ALL}
        for record in self.history:
            ratings[record.rating] += 1
        missed = dict.fromkeys(r.item.term_id for r in self.history if r.rating == Rating.AGAIN)
        return SessionSummary(
            answered=self.answered,
            again=ratings[Rating.AGAIN],
            started_at=self.started_at,
            ended_at=now,
            later_today=self.queue.later_today,
            ratings=ratings,
            missed=[self.library.terms[t] for t in missed if t in self.library.terms],
            next_due=self.next_due(now),
        )

    # -- acting -------------------------------------------------------------------------------

    def answer(self, rating: int, now: datetime, *, correct: bool | None = None, text: str | None = None) -> None:
        """Grade the current card, save it (one transaction), then pick the next card."""
        question = self._answering(rating)
        card = question.item.card
        new_state = self.scheduling.review(
            card.id if card else 0, card.state if card else None, rating, now, self._duration(question, now)
        )
        siblings = opened_siblings(now, self.tz, self.kinds) if card is None and question.kind == ENTRY_KIND else []
        review_id = self.store.record(
            Answer(
                term_id=question.term.id,
                kind=question.kind,
                rating=rating,
                correct=rating != Rating.AGAIN if correct is None else correct,
                reviewed_at=now,
                duration_ms=self._duration(question, now),
                mode="study",
                answer=text,
                new_state=new_state,
                siblings=siblings,
            )
        )
        self.history.append(AnswerRecord(review_id, question.item, rating))
        if self._source is not None:
            self._source.answered(self.store, question.term.id, question.kind)
        self._advance(now)

    def without_kind(self, kind: str, now: datetime) -> None:
        """Ask no more cards of ``kind`` in this session (listening, when nothing can be heard).
        If the card on screen is one, it is left unanswered (its schedule untouched) and the
        next card takes its place."""
        if kind not in self.kinds:
            return
        self.kinds = tuple(k for k in self.kinds if k != kind)
        self._source = None  # today's cards are read again, without that kind
        if self.current is not None and self.current.kind == kind:
            self._advance(now)
        else:
            self.queue = self._build(now)

    def undo(self, now: datetime) -> bool:
        """Take back the last answer of this session; its card comes back on screen."""
        if not self.history:
            return False
        record = self.history.pop()
        self.store.undo(record.review_id)
        self._source = None
        self.queue = self._build(now)
        if record.item.kind not in self.kinds:  # listening, off since: the card waits, as it was
            self.current = self._question(self.queue.next(now, self.answered), now)
            return True
        # Show the undone card again, as it now is in the database.
        item = record.item
        if item.card is not None:
            row = self.store.card_by_id(item.card.id)
            item = QueueItem(item.term_id, item.kind, row)
        self.current = self._question(item, now)
        return True

    # -- internals ----------------------------------------------------------------------------

    def _build(self, now: datetime) -> DailyQueue:
        if self._source is None or now >= self._source.end or self.store.data_version() != self._version:
            # A new day, an undo, or another instance wrote: read today's cards afresh.
            self._version = self.store.data_version()
            self._source = QueueSource.read(self.store, now, self.tz, self.kinds)
        return build_queue(
            self.store,
            self._term_order,
            now,
            self.tz,
            new_per_day=self.new_per_day,
            review_cap=self.review_cap,
            kinds=self.kinds,
            # Interleaving reads terms' confusables: the order matters when studying, not
            # when counting for the home screen (which then reads no term at all).
            related=(lambda term_id: self.library.terms[term_id].confusables) if self._studying else None,
            source=self._source,
        )

    def _advance(self, now: datetime) -> None:
        self.queue = self._build(now)
        item = self.queue.next(now, self.answered)
        if not self._studying:  # counting only: no question is built (nor a term read)
            self.current = None
            return
        self.current = self._question(item, now) if item else None

    def _question(self, item: QueueItem | None, now: datetime) -> Question | None:
        if item is None:
            return None
        return Question.make(self.library, item, now, seed=f"{item.term_id}/{item.kind}/{now.isoformat()}")
