"""The card being asked and how it is answered, for a study session and a prep drill alike:
the question drawn from a queue item, the phase of the card on screen, and the grading of
every kind (DESIGN §4b). A screen only draws what a session says and forwards keys."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from random import Random
from typing import TYPE_CHECKING, Literal

from cxvocab.content import Library
from cxvocab.kinds import TYPED_KINDS, Kind
from cxvocab.queue import QueueItem
from cxvocab.rating import Rating
from cxvocab.terms import Term

if TYPE_CHECKING:  # the quiz is imported with the first question, not for the home counts
    from cxvocab.quiz import AnswerKeys, ChoiceQuestion, GapQuestion, Grade, UsageQuestion


@dataclass(frozen=True)
class Question:
    """The card on screen. ``usage``, ``choice`` and ``gap`` are set for those kinds."""

    term: Term
    kind: Kind
    topic: str
    item: QueueItem
    shown_at: datetime
    usage: UsageQuestion | None = None
    choice: ChoiceQuestion | None = None
    gap: GapQuestion | None = None

    @property
    def is_new(self) -> bool:
        return self.item.is_new

    @classmethod
    def make(cls, library: Library, item: QueueItem, now: datetime, seed: str) -> Question:
        """The question for a queue item. ``seed`` fixes which sentence and which options
        are drawn, so the same question looks the same if it is built again."""
        from cxvocab.quiz import choice_question, gap_question, usage_question

        term = library.terms[item.term_id]
        rng = Random(seed)
        usage = usage_question(term, library, rng) if item.kind == Kind.USAGE else None
        choice = choice_question(term, library, rng) if item.kind == Kind.CHOICE else None
        gap = gap_question(term, rng) if item.kind == Kind.GAP else None
        return cls(term, Kind(item.kind), library.topic_of[item.term_id], item, now, usage, choice, gap)


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

    def fill_gap(self, number: int, now: datetime) -> Grade | None:
        """Option ``number`` (1-4) of a gap card: graded and saved, the word picked as the answer."""
        from cxvocab.quiz import grade_gap

        question = self.asking(Kind.GAP)
        if question is None or question.gap is None or not 1 <= number <= len(question.gap.options):
            return None
        return self._graded(grade_gap(question.gap, number - 1), now, question.gap.options[number - 1])

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
