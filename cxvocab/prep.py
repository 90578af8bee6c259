"""Meeting prep (DESIGN §4b): a short drill over chosen terms that never touches the schedule.

Five minutes before a meeting a learner drills one topic, due or not. Answers are saved (mode
``prep``) so nothing typed is lost and stats can count them, but no card's fsrs state changes
and no card is created. The drill ends with the terms missed and a one-page sheet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from random import Random

from cxvocab.card import BaseSession, Question
from cxvocab.content import Library
from cxvocab.i18n import ENGLISH, N_, Msg, Translator
from cxvocab.kinds import Kind, can_ask
from cxvocab.queue import QueueItem
from cxvocab.rating import Rating
from cxvocab.store import Answer, Store
from cxvocab.terms import Term

PREP_KINDS: tuple[Kind, ...] = (Kind.USAGE, Kind.CHOICE, Kind.GAP, Kind.RECALL, Kind.MEANING)
DEFAULT_KINDS: tuple[Kind, ...] = (Kind.USAGE, Kind.CHOICE, Kind.GAP, Kind.RECALL)
WEAKEST = "weakest"
FLAGGED = "__flagged__"  # the setup list's row for the terms the learner flagged
MAX_QUESTIONS = 500


class PrepError(ValueError):
    """A prep request that cannot be met (an unknown topic, no terms); the message says why."""


def select_terms(
    library: Library, store: Store, topics: Sequence[str], *, weakest: bool = False, flagged: bool = False, limit: int = 20
) -> list[str]:
    """Term ids for a drill: those of the named topics (a topic id, its English title or a
    tag), and/or the learner's weakest terms, and/or the terms they flagged (leeches are
    flagged too); every loaded term if nothing is named."""
    chosen: list[str] = []
    for name in topics:
        wanted = name.strip().casefold()
        ids = [
            term_id
            for term_id, term in library.terms.items()
            if wanted in (library.topic_of[term_id], library.topics[library.topic_of[term_id]].title.en.casefold())
            or wanted in (tag.casefold() for tag in term.tags)
        ]
        if not ids:
            known = ", ".join(library.topics)
            raise PrepError(Msg("no topic or tag '{name}'; topics are: {known}", name=name, known=known))
        chosen.extend(i for i in ids if i not in chosen)
    if weakest:
        weak = [t for t in store.weakest_terms(limit) if t in library.terms]
        if not weak and not chosen:
            raise PrepError(Msg("no weak terms yet: answer some cards first, or choose a topic"))
        chosen.extend(t for t in weak if t not in chosen)
    if flagged:
        marks = store.marks()
        marked = [t for t in library.terms if t in marks and (marks[t].flagged or marks[t].leech)]
        if not marked and not chosen:
            raise PrepError(Msg("no flagged terms yet: press f on a card while studying to flag it"))
        chosen.extend(t for t in marked if t not in chosen)
    return chosen or list(library.terms)


def parse_kinds(text: str | None) -> tuple[str, ...]:
    """``usage,choice`` -> ("usage", "choice"); a clear error for an unknown kind."""
    if not text:
        return DEFAULT_KINDS
    kinds = tuple(k.strip() for k in text.split(",") if k.strip())
    unknown = [k for k in kinds if k not in PREP_KINDS]
    if unknown or not kinds:
        raise PrepError(Msg("unknown kind {kind}; choose from {kinds}", kind=repr(", ".join(unknown) or text), kinds=", ".join(PREP_KINDS)))
    return kinds


@dataclass(frozen=True)
class PrepRequest:
    """What a drill is over, checked and ready to start."""

    term_ids: tuple[str, ...]
    kinds: tuple[str, ...]
    count: int  # questions: by default one per term (each term once, none twice)
    minutes: float | None
    title: str


def plan(
    library: Library,
    store: Store,
    topics: Sequence[str] = (),
    *,
    weakest: bool = False,
    flagged: bool = False,
    kinds: Sequence[str] | str | None = None,
    count: int | None = None,
    minutes: float | None = None,
    tr: Translator = ENGLISH,
) -> PrepRequest:
    """Check a prep request (from the command line or the home screen); PrepError says why
    not. Without ``count``, each chosen term is asked once."""
    if count is not None and not 1 <= count <= MAX_QUESTIONS:
        raise PrepError(Msg("the number of questions must be from 1 to {most}", most=MAX_QUESTIONS))
    if minutes is not None and minutes <= 0:
        raise PrepError(Msg("the minutes must be more than 0"))
    chosen_kinds = parse_kinds(kinds) if kinds is None or isinstance(kinds, str) else tuple(kinds)
    term_ids = select_terms(library, store, topics, weakest=weakest, flagged=flagged)
    term_ids = [t for t in term_ids if any(can_ask(library.terms[t], kind) for kind in chosen_kinds)]
    if not term_ids:  # only gap questions, over terms without gap items (a teacher's file)
        raise PrepError(Msg("none of these terms has {kinds} questions: choose other kinds", kinds=" or ".join(chosen_kinds)))
    questions = count if count is not None else min(len(term_ids), MAX_QUESTIONS)
    return PrepRequest(tuple(term_ids), chosen_kinds, questions, minutes, sheet_title(library, topics, weakest, tr, flagged=flagged))


LEECH_CONFUSABLES = 4  # the terms a leech is set beside: its file lists the closest first


def leech_confusables(library: Library, term: Term) -> list[str]:
    return [c for c in term.confusables if c in library.terms][:LEECH_CONFUSABLES]


def drill_with_confusables(library: Library, term_id: str, tr: Translator = ENGLISH) -> PrepRequest:
    """A leech's drill: the term and the terms it is confused with, each asked twice, in the
    kinds that set them side by side (the schedule untouched, as every drill)."""
    term = library.terms[term_id]
    ids = [term_id, *leech_confusables(library, term)]
    kinds = tuple(k for k in DEFAULT_KINDS if any(can_ask(library.terms[t], k) for t in ids))
    title = tr("Meeting prep: {what}", what=tr.embed(term.label) + " " + tr("and its confusables"))
    return PrepRequest(tuple(ids), kinds, min(2 * len(ids), MAX_QUESTIONS), None, title)


@dataclass(frozen=True)
class PrepRecord:
    review_id: int
    term_id: str
    correct: bool


@dataclass
class PrepSummary:
    answered: int
    missed: list[Term]  # terms answered wrongly at least once, in the order first missed
    started_at: datetime
    ended_at: datetime
    ran_out_of_time: bool = False
    terms: list[Term] = field(default_factory=list)  # the terms asked (all of the drill's if none was)

    @property
    def elapsed(self) -> timedelta:
        return self.ended_at - self.started_at


class PrepSession(BaseSession):
    """A drill of ``count`` questions over ``term_ids``, kinds mixed, optionally time-boxed."""

    mode = "prep"

    def __init__(
        self,
        store: Store,
        library: Library,
        term_ids: Sequence[str],
        now: datetime,
        *,
        kinds: Sequence[str] = DEFAULT_KINDS,
        count: int = 10,
        minutes: float | None = None,
        seed: int | str | None = None,
    ) -> None:
        self.store = store
        self.library = library
        self.kinds = tuple(kinds)
        self.started_at = now
        self.deadline = now + timedelta(minutes=minutes) if minutes else None
        rng = Random(seed if seed is not None else now.isoformat())
        terms = list(dict.fromkeys(t for t in term_ids if t in library.terms))
        terms = [t for t in terms if any(can_ask(library.terms[t], kind) for kind in self.kinds)]
        rng.shuffle(terms)
        # Every term before any repeats; the kind turns with each question and each round,
        # so a term met again comes back as another kind (the next one it can be asked as).
        self.plan = []
        for i in range(count if terms and self.kinds else 0):
            term_id, turn = terms[i % len(terms)], i + i // len(terms)
            turns = [self.kinds[(turn + step) % len(self.kinds)] for step in range(len(self.kinds))]
            self.plan.append(QueueItem(term_id, next(k for k in turns if can_ask(library.terms[term_id], k))))
        self.seed = rng.random()
        self.history: list[PrepRecord] = []
        self.current: Question | None = None
        self._ended_early = False
        self._show(now)

    # -- reading ------------------------------------------------------------------------------

    def progress(self) -> list[tuple[str, int]]:
        """What the screen's top line shows: questions left and answered, and terms missed
        (the same count the summary gives: a term missed twice is one term to look at)."""
        return [(N_("left"), len(self.plan) - self.answered), (N_("answered"), self.answered), (N_("terms missed"), len(self.missed()))]

    def upcoming(self) -> Term | None:
        index = self.answered + 1
        return self.library.terms[self.plan[index].term_id] if index < len(self.plan) else None

    def time_left(self, now: datetime) -> timedelta | None:
        return None if self.deadline is None else max(timedelta(0), self.deadline - now)

    def out_of_time(self, now: datetime) -> bool:
        return self.deadline is not None and now >= self.deadline

    def missed(self) -> list[Term]:
        ids = dict.fromkeys(r.term_id for r in self.history if not r.correct)
        return [self.library.terms[i] for i in ids]

    def summary(self, now: datetime) -> PrepSummary:
        # With nothing answered, the sheet still lists what the drill was over: it is what a
        # learner about to walk into the meeting wants to read.
        asked = dict.fromkeys(r.term_id for r in self.history) or dict.fromkeys(i.term_id for i in self.plan)
        return PrepSummary(
            answered=self.answered,
            missed=self.missed(),
            started_at=self.started_at,
            ended_at=now,
            ran_out_of_time=self._ended_early,
            terms=[self.library.terms[i] for i in asked],
        )

    # -- acting -------------------------------------------------------------------------------

    def answer(self, rating: int, now: datetime, *, correct: bool | None = None, text: str | None = None) -> None:
        """Save the answer (mode prep; the schedule is untouched), then go on."""
        question = self._answering(rating)
        right = rating != Rating.AGAIN if correct is None else correct
        review_id = self.store.record(
            Answer(
                term_id=question.term.id,
                kind=question.kind,
                rating=rating,
                correct=right,
                reviewed_at=now,
                duration_ms=self._duration(question, now),
                mode="prep",
                answer=text,
                new_state=None,
            )
        )
        self.history.append(PrepRecord(review_id, question.term.id, right))
        self._show(now)

    def undo(self, now: datetime) -> bool:
        if not self.history:
            return False
        record = self.history.pop()
        self.store.undo(record.review_id)
        self._show(now)
        return True

    def stop(self, now: datetime) -> None:
        """Time is up: no more questions."""
        self._ended_early = self.current is not None
        self.current = None

    def _show(self, now: datetime) -> None:
        if self.answered >= len(self.plan) or self.out_of_time(now):
            self._ended_early = self.answered < len(self.plan)
            self.current = None
            return
        item = self.plan[self.answered]
        self.current = Question.make(self.library, item, now, seed=f"{self.seed}/{self.answered}")


def sheet_markdown(terms: Sequence[Term], library: Library, title: str = "Meeting prep", tr: Translator = ENGLISH) -> str:
    """A one-page sheet: each term, its Persian, one sentence using it correctly, the words
    that go with it (what a meeting needs: how to use the word, not only what it means) and
    its other forms. Headings in ``tr``'s language (Markdown viewers do their own bidi)."""
    heads = [tr(h) for h in SHEET_COLUMNS]
    lines = [
        f"# {_cell(title)}", "",
        "| " + " | ".join(heads) + " |", "|---|---|---|---|---|",
    ]
    for term in terms:
        sentence = next((u.sentence for u in term.usage if u.correct), term.examples[0].en)
        lines.append(
            f"| {_cell(term.label)} | {_cell(term.fa)} | {_cell(sentence)} | {_cell('; '.join(say_it_with(term, tr=tr)))} | {_cell(term.forms_in(tr))} |"
        )
    return "\n".join(lines) + "\n"


SHEET_COLUMNS = (N_("Term"), N_("Persian"), N_("Used correctly"), N_("Say it with"), N_("Other forms"))


def say_it_with(term: Term, most: int = 3, tr: Translator = ENGLISH, *, labels: bool = True) -> list[str]:
    """The term's top collocations: those its file lists first, else the words its gap items
    put with it ("build customer loyalty"), at most ``most``."""
    if term.collocations:
        return term.collocations[:most]
    if not labels:
        return [gap.answer for gap in term.gaps[:most]]
    return [f"{gap.answer} ({tr.pick(gap.label.name)})" for gap in term.gaps[:most]]


def sheet_title(library: Library, topics: Sequence[str], weakest: bool, tr: Translator = ENGLISH, *, flagged: bool = False) -> str:
    names = [tr.pick(library.topics[t].title) if t in library.topics else t for t in topics]
    if weakest:
        names.append(tr("my weakest terms"))
    if flagged:
        names.append(tr("my flagged terms"))
    comma = "، " if tr.rtl else ", "
    return tr("Meeting prep: {what}", what=comma.join(names) if names else tr("all terms"))


def _cell(text: str) -> str:
    """Table cells keep to one line and cannot end the cell early."""
    return " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|")
