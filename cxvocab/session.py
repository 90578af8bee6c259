"""A study session: which card is up, answering it, undoing it (DESIGN §4b).

Every answer is on disk before the next card is chosen. The next card then comes from
today's due cards as read at the start, patched with the answers given since
(:class:`cxvocab.scheduling.QueueSource`): the same queue a fresh read would give, without
reading thousands of cards after every answer. A new day, an undo or a write by a second
instance (SQLite's data_version) makes it read the database afresh, so nothing can leave it
out of step.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, tzinfo

from cxvocab.card import BaseSession, Question
from cxvocab.clock import day_window
from cxvocab.content import Library
from cxvocab.i18n import N_
from cxvocab.kinds import ENABLED_KINDS, ENTRY_KIND, can_ask
from cxvocab.queue import DailyQueue, QueueItem, QueueSource, build_queue, missing_siblings, opened_siblings
from cxvocab.rating import Rating
from cxvocab.records import TermMarks
from cxvocab.scheduling import Scheduling
from cxvocab.store import Answer, Store
from cxvocab.terms import Term


@dataclass(frozen=True)
class AnswerRecord:
    review_id: int
    item: QueueItem
    rating: int
    marks_before: TermMarks | None = None  # the term's marks before this answer made it a leech


# What the learner can do to the term on screen (issue 21), each undone by u.
SUSPEND, BURY, FLAG = "suspend", "bury", "flag"
MARK_ACTIONS = (SUSPEND, BURY, FLAG)


@dataclass(frozen=True)
class MarkRecord:
    """A mark put on a term in this session, and the marks it had before (for undo)."""

    action: str
    item: QueueItem
    before: TermMarks
    after: TermMarks
    unanswered: bool = True  # its card was still to answer (not showing a verdict) when marked


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
        topic: str | None = None,
        ahead_days: int = 0,
        leech_threshold: int = 0,
    ) -> None:
        """``open_missing=False`` only counts (the home screen): nothing is written, and no
        question is built (``current`` stays None).

        ``topic``: only that topic's due cards and new terms (today's limit still holds).
        ``ahead_days``: review ahead: the cards due in that many days after today, asked now
        (no new terms); their answers are saved as ahead-of-time reviews.
        ``leech_threshold``: a term answered Again that many times in study becomes a leech
        (0: never)."""
        self.store = store
        self.library = library
        self.scheduling = scheduling
        self.tz = tz
        self.new_per_day = new_per_day
        self.review_cap = review_cap
        self.kinds = kinds
        self.started_at = now
        self.history: list[AnswerRecord | MarkRecord] = []
        self.topic = topic
        self.ahead_days = ahead_days
        self.leech_threshold = leech_threshold
        self.leech: Term | None = None  # a term the last answer made a leech, for the screen's notice
        self.undone: str | None = None  # what the last undo took back: "answer" or a mark action
        if ahead_days:
            self.new_per_day = 0
        self.queue = DailyQueue()
        self.current: Question | None = None
        self._term_order = (
            [t for t in library.terms if library.topic_of[t] == topic] if topic is not None else list(library.terms)
        )
        self._studying = open_missing
        self._source: QueueSource | None = None  # today's due cards, patched after each answer
        self._version = 0
        if open_missing:
            # Terms met before a kind existed get its card now, due tomorrow.
            missing = missing_siblings(
                store, list(library.terms), now, tz, kinds, lambda term_id, kind: can_ask(library.terms[term_id], kind)
            )
            store.open_cards(missing, now)
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
        return [(N_("new"), new), (N_("learning"), learning), (N_("review"), review), (N_("answered"), self.answered)]

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
        due = self.store.earliest_due(self.kinds, set(self._term_order) - self.store.held_terms(now))
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
        answers = self.answers()
        for record in answers:
            ratings[record.rating] += 1
        missed = dict.fromkeys(r.item.term_id for r in answers if r.rating == Rating.AGAIN)
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

    def answers(self) -> list[AnswerRecord]:
        return [r for r in self.history if isinstance(r, AnswerRecord)]

    @property
    def answered(self) -> int:
        return len(self.answers())

    def marks(self) -> TermMarks:
        """The marks on the term on screen."""
        return self.store.marks_of(self.shown.term.id) if self.shown is not None else TermMarks()

    # -- acting -------------------------------------------------------------------------------

    def answer(self, rating: int, now: datetime, *, correct: bool | None = None, text: str | None = None) -> None:
        """Grade the current card, save it (one transaction), then pick the next card."""
        question = self._answering(rating)
        card = question.item.card
        _start, today_end = day_window(now, self.tz)
        new_state = self.scheduling.review(
            card.id if card else 0, card.state if card else None, rating, now, self._duration(question, now)
        )
        siblings = []
        if card is None and question.kind == ENTRY_KIND:
            opens = [kind for kind in self.kinds if can_ask(question.term, kind)]
            siblings = opened_siblings(now, self.tz, opens)
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
                ahead=card is not None and card.state.due >= today_end,
            )
        )
        before = self._leech_check(question.term, rating, now)
        self.history.append(AnswerRecord(review_id, question.item, rating, before))
        if self._source is not None:
            self._source.answered(self.store, question.term.id, question.kind)
        self._advance(now)

    def _leech_check(self, term: Term, rating: int, now: datetime) -> TermMarks | None:
        """After an Again: the term becomes a leech (and is flagged, to be drilled) once it has
        been answered Again ``leech_threshold`` times in study. Returns its marks before."""
        if rating != Rating.AGAIN or self.leech_threshold <= 0:
            return None
        marks = self.store.marks_of(term.id)
        if marks.leech or self.store.study_agains(term.id) < self.leech_threshold:
            return None
        self.leech = term
        return self.store.set_marks(term.id, replace(marks, leech=True, flagged=True), now)

    def mark(self, action: str, now: datetime) -> TermMarks | None:
        """Suspend, bury (until tomorrow) or flag (on and off) the term on screen; one
        transaction, undone by :meth:`undo`. A suspended or buried term leaves the queue: if
        its card was not answered yet it stays unanswered, its schedule untouched; an answer
        already given stays saved. Returns the term's new marks (None: no card on screen)."""
        shown = self.shown
        if shown is None or action not in MARK_ACTIONS:
            return None
        marks = self.store.marks_of(shown.term.id)
        if action == SUSPEND:
            after = replace(marks, suspended=True)
        elif action == BURY:
            after = replace(marks, buried_until=day_window(now, self.tz)[1])
        else:
            after = replace(marks, flagged=not marks.flagged)
        before = self.store.set_marks(shown.term.id, after, now)
        self.history.append(MarkRecord(action, shown.item, before, after, self.phase != "feedback"))
        if action != FLAG:
            self._source = None  # today's cards read again, without the term
            if self.phase != "feedback":
                self._advance(now)  # its card leaves the screen, unanswered
            else:
                self.queue = self._build(now)
                if self.current is not None and self.current.term.id == shown.term.id:
                    self._advance(now)
        return after

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
        if isinstance(record, MarkRecord):
            return self._undo_mark(record, now)
        self.undone = "answer"
        self.store.undo(record.review_id)
        if record.marks_before is not None:  # the answer that made the term a leech
            self.store.set_marks(record.item.term_id, record.marks_before, now)
        self._source = None
        self.queue = self._build(now)
        if record.item.kind not in self.kinds:  # listening, off since: the card waits, as it was
            self.current = self._question(self._next(now), now)
            return True
        # Show the undone card again, as it now is in the database.
        item = record.item
        if item.card is not None:
            row = self.store.card_by_id(item.card.id)
            item = QueueItem(item.term_id, item.kind, row)
        self.current = self._question(item, now)
        return True

    def _undo_mark(self, record: MarkRecord, now: datetime) -> bool:
        """Put the term's marks back as they were; a suspended or buried card comes back on
        screen (a flag only changes the card's mark, and it stays as it is)."""
        self.undone = record.action
        self.store.set_marks(record.item.term_id, record.before, now)
        if record.action == FLAG:
            return True
        self._source = None
        self.queue = self._build(now)
        if not record.unanswered:  # answered before it was marked: the queue goes on
            self.current = self._question(self._next(now), now)
            return True
        item = record.item
        if item.card is not None:
            item = QueueItem(item.term_id, item.kind, self.store.card_by_id(item.card.id))
        self.current = self._question(item, now)
        return True

    # -- internals ----------------------------------------------------------------------------

    def _build(self, now: datetime) -> DailyQueue:
        if self._source is None or now >= self._source.end or self.store.data_version() != self._version:
            # A new day, an undo, or another instance wrote: read today's cards afresh.
            self._version = self.store.data_version()
            self._source = QueueSource.read(self.store, now, self.tz, self.kinds, ahead_days=self.ahead_days)
        queue = build_queue(
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
        return queue

    def _advance(self, now: datetime) -> None:
        self.queue = self._build(now)
        if not self._studying:  # counting only: no question is built (nor a term read)
            self.current = None
            return
        self.current = self._question(self._next(now), now)

    def _next(self, now: datetime) -> QueueItem | None:
        """The queue's next card that can be asked. A gap card whose term lost its gap items
        (its file changed) is left out, unasked and untouched: only the card about to be
        shown is looked at, not every card due."""
        item = self.queue.next(now, self.answered)
        while item is not None and item.card is not None and not can_ask(self.library.terms[item.term_id], item.kind):
            card = item.card
            self.queue.learning = [c for c in self.queue.learning if c is not card]
            self.queue.reviews = [c for c in self.queue.reviews if c is not card]
            item = self.queue.next(now, self.answered)
        return item

    def _question(self, item: QueueItem | None, now: datetime) -> Question | None:
        if item is None:
            return None
        return Question.make(self.library, item, now, seed=f"{item.term_id}/{item.kind}/{now.isoformat()}")
