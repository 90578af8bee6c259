"""The daily queue (DESIGN §4b): which card comes next today, read from the store.

A day's queue is today's learning steps and due reviews, one card per term per day, related
terms interleaved, then new terms up to the day's limit. New terms open their sibling cards due
tomorrow, so that two cards of one term are never asked on the same day.
"""

from __future__ import annotations

import bisect
import functools
import zlib
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo

from cxvocab.clock import day_window
from cxvocab.kinds import ALL_KINDS, ENABLED_KINDS, ENTRY_KIND
from cxvocab.records import CardRow, CardState
from cxvocab.scheduling import LEARN_AHEAD, REVIEW, Scheduling
from cxvocab.store import Store


@dataclass(frozen=True)
class QueueItem:
    """One card to ask: an existing card, or (``card`` None) a new term's entry card."""

    term_id: str
    kind: str
    card: CardRow | None = None

    @property
    def is_new(self) -> bool:
        return self.card is None


@dataclass
class DailyQueue:
    """What is left to study today, built fresh from the database."""

    learning: list[CardRow] = field(default_factory=list)  # learning/relearning steps, by due
    reviews: list[CardRow] = field(default_factory=list)  # review cards due today, by due
    new_terms: list[str] = field(default_factory=list)  # term ids, in teaching order
    later_today: int = 0  # learning cards due today but beyond the learn-ahead window

    @property
    def total(self) -> int:
        return len(self.learning) + len(self.reviews) + len(self.new_terms)

    def next(self, now: datetime, answered: int) -> QueueItem | None:
        """The card to show now.

        Learning steps that are due come first (they are short-term memory); then reviews and
        new terms mixed, one new term after every two reviews; then learning steps due within
        the learn-ahead window, earliest first.
        """
        due_learning = [c for c in self.learning if c.state.due <= now]
        if due_learning:
            c = due_learning[0]
            return QueueItem(c.term_id, c.kind, c)
        if self.new_terms and (not self.reviews or answered % 3 == 2):
            return QueueItem(self.new_terms[0], ENTRY_KIND)
        if self.reviews:
            c = self.reviews[0]
            return QueueItem(c.term_id, c.kind, c)
        ahead = [c for c in self.learning if c.state.due <= now + LEARN_AHEAD]
        if ahead:
            c = ahead[0]
            return QueueItem(c.term_id, c.kind, c)
        return None


INTERLEAVE_WINDOW = 50  # how far ahead in due order the next card is looked for


def interleave(cards: Sequence[CardRow], related: Callable[[str], Collection[str]]) -> list[CardRow]:
    """Reorder due cards so that kinds alternate and similar terms come one after the other.

    Each next card is, in order of preference: a card of a term ``related`` to the one just
    asked, of another kind (CSAT as a usage question, then NPS as a choice); any card of
    another kind and term; the earliest card left. Only the next :data:`INTERLEAVE_WINDOW`
    cards in due order are looked at, so thousands of due cards cost milliseconds, not seconds.
    """
    rest = list(cards)
    out: list[CardRow] = []
    while rest:
        index = 0
        if out:
            last = out[-1]
            near = related(last.term_id)
            other = -1
            for i, c in enumerate(rest[:INTERLEAVE_WINDOW]):
                if c.kind != last.kind and c.term_id != last.term_id:
                    if c.term_id in near:
                        other = i
                        break
                    if other < 0:
                        other = i
            index = max(other, 0)
        out.append(rest.pop(index))
    return out


@dataclass
class QueueSource:
    """What a day's queue is built from, as read from the database by :meth:`read`.

    A study session keeps it between answers and patches it with each answer
    (:meth:`answered`) instead of reading thousands of due cards again; the queue built from
    a patched source is the one a fresh read would give (a test checks this after every
    answer). The session reads afresh on a new day, after an undo, and whenever another
    instance has written to the database.
    """

    start: datetime
    end: datetime
    kinds: tuple[str, ...]
    answered_today: dict[str, set[str]]  # term id -> kinds answered in study today
    # Met cards due by the end of today, in :func:`_due_order`: those in learning steps, and
    # the others (reviews, and siblings opened but never answered, which are due like reviews).
    learning: list[CardRow]
    reviews: list[CardRow]
    introduced: int  # terms introduced today
    held: set[str] = field(default_factory=set)  # terms suspended or buried now (out of the queue)
    until: datetime | None = None  # cards due by then are read (None: the end of today)
    met: set[str] | None = None  # terms introduced at all (read when first needed)
    unmet: tuple[Sequence[str], list[str]] | None = None  # (term order, its terms not met yet)

    @classmethod
    def read(
        cls, store: Store, now: datetime, tz: tzinfo | None, kinds: Sequence[str] = ENABLED_KINDS, *, ahead_days: int = 0
    ) -> QueueSource:
        """``ahead_days``: also the cards due in that many days after today (review ahead)."""
        start, end = day_window(now, tz)
        answered = answered_between(store, start, end)
        source = cls(start, end, tuple(kinds), answered, [], [], store.introduced_between(start, end), store.held_terms(now))
        source.until = end + timedelta(days=ahead_days)
        source._add(sorted(store.due_cards(source.until, kinds), key=_due_order))
        return source

    def _add(self, cards: Iterable[CardRow]) -> None:
        for card in cards:
            state = card.state
            into = self.reviews if state.last_review is None or state.state == REVIEW else self.learning
            if not into or _due_order(into[-1]) < _due_order(card):
                into.append(card)  # reading: cards come in order
            else:
                bisect.insort(into, card, key=_due_order)

    def met_terms(self, store: Store) -> set[str]:
        if self.met is None:
            self.met = store.met_terms()
        return self.met

    def not_met(self, store: Store, term_order: Sequence[str]) -> list[str]:
        """``term_order``'s terms never introduced, in order (kept between answers)."""
        if self.unmet is None or self.unmet[0] is not term_order:
            met = self.met_terms(store)
            self.unmet = (term_order, [t for t in term_order if t not in met])
        return self.unmet[1]

    def answered(self, store: Store, term_id: str, kind: str) -> None:
        """Take in an answer to ``term_id``'s ``kind`` card, already saved in ``store``: its
        term's due cards are read again (the answered card moved; a new term opened cards)."""
        self.answered_today.setdefault(term_id, set()).add(kind)
        self.learning = [c for c in self.learning if c.term_id != term_id]
        self.reviews = [c for c in self.reviews if c.term_id != term_id]
        self._add(store.due_cards(self.until or self.end, self.kinds, of_term=term_id))
        if kind == ENTRY_KIND:
            self.introduced = store.introduced_between(self.start, self.end)
            if self.met is not None:
                self.met.add(term_id)
            if self.unmet is not None and term_id in self.unmet[1]:
                self.unmet[1].remove(term_id)


def answered_between(store: Store, start: datetime, end: datetime) -> dict[str, set[str]]:
    """Term id -> the kinds of its cards answered in study in [start, end)."""
    answered: dict[str, set[str]] = {}
    for term_id, kind in store.reviewed_between(start, end):
        answered.setdefault(term_id, set()).add(kind)
    return answered


def buried(answered_today: dict[str, set[str]], term_id: str, kind: str) -> bool:
    """Sibling burying: another kind of this term was answered today, so this one waits."""
    kinds_done = answered_today.get(term_id)
    return bool(kinds_done) and kind not in kinds_done  # type: ignore[operator]


@functools.lru_cache(maxsize=65536)
def _turn(term_id: str, kind: str) -> int:
    """A fixed, term-dependent rank among kinds due at the same moment (see build_queue)."""
    index = ALL_KINDS.index(kind) if kind in ALL_KINDS else len(ALL_KINDS)
    return (index + zlib.crc32(term_id.encode())) % (len(ALL_KINDS) + 1)


def _due_order(card: CardRow) -> tuple[datetime, int, int]:
    """The order cards are asked in: due time; among cards due at the same moment (kinds
    opened together), a turn that differs by term; then creation."""
    return card.state.due, _turn(card.term_id, card.kind), card.id


def build_queue(
    store: Store,
    term_order: Sequence[str],
    now: datetime,
    tz: tzinfo | None,
    *,
    new_per_day: int = 10,
    review_cap: int = 0,
    kinds: Sequence[str] = ENABLED_KINDS,
    related: Callable[[str], Collection[str]] | None = None,
    source: QueueSource | None = None,
) -> DailyQueue:
    """Today's queue: due cards of loaded terms plus up to ``new_per_day`` new terms.

    - Terms not in ``term_order`` (removed from the files, or of another topic) are skipped,
      their rows kept; so are the terms the learner suspended or buried.
    - Sibling burying: once any card of a term is answered today, its other kinds wait for
      another day (the same card may still come back for its learning steps); and of a term's
      due cards only one is in today's queue, so the counts are what will really be asked.
    - ``review_cap`` (0 = none) bounds review-state cards per day.
    - With ``related`` (a term's confusables), reviews are interleaved (:func:`interleave`).
    - ``source``: what was read from ``store`` for today already (see :class:`QueueSource`).
    """
    if source is None:
        source = QueueSource.read(store, now, tz, kinds)
    loaded = set(term_order) - source.held  # suspended and buried terms wait
    answered_today = source.answered_today
    queue = DailyQueue()

    def kept(card: CardRow) -> bool:
        return card.term_id in loaded and not buried(answered_today, card.term_id, card.kind)

    # The source's lists are in asking order already (_due_order): no sorting per answer.
    learning = queue.learning = list(filter(kept, source.learning))
    reviews = filter(kept, source.reviews)
    # One card per term per day: a term with a learning step today waits with its other kinds,
    # and of several due kinds only the earliest is today's. Ties (kinds opened together) turn
    # by term (_turn), so that one day mixes recall, usage and choice rather than one kind.
    taken = {c.term_id for c in learning}
    one_each: list[CardRow] = []
    for card in reviews:
        if card.term_id not in taken:
            taken.add(card.term_id)
            one_each.append(card)
    queue.reviews = one_each
    queue.later_today = sum(1 for c in queue.learning if c.state.due > now + LEARN_AHEAD)
    if review_cap > 0:
        # Every card answered today counts against the cap, new ones included.
        done = sum(len(kinds_done) for kinds_done in answered_today.values())
        queue.reviews = queue.reviews[: max(0, review_cap - done)]
    if related is not None:
        # The queue is built again after every answer, so only its front is ever asked from:
        # ordering the first cards is enough (and keeps a large collection fast).
        head = INTERLEAVE_WINDOW * 2
        queue.reviews = interleave(queue.reviews[:head], related) + queue.reviews[head:]

    if ENTRY_KIND in kinds and new_per_day > 0:
        room = max(0, new_per_day - source.introduced)
        if room:
            queue.new_terms = [t for t in source.not_met(store, term_order) if t not in source.held][:room]
    return queue


def opened_siblings(
    now: datetime, tz: tzinfo | None, kinds: Sequence[str] = ENABLED_KINDS
) -> list[tuple[str, CardState]]:
    """The cards a new term opens when its entry card is first answered: due tomorrow, so
    that two cards of one term are never asked on the same day."""
    _start, end = day_window(now, tz)
    return [(k, Scheduling.new_state(end)) for k in kinds if k != ENTRY_KIND]


def missing_siblings(
    store: Store,
    term_order: Sequence[str],
    now: datetime,
    tz: tzinfo | None,
    kinds: Sequence[str] = ENABLED_KINDS,
    can_ask: Callable[[str, str], bool] = lambda _term_id, _kind: True,
) -> list[tuple[str, str, CardState]]:
    """Cards that terms met before a kind existed never got: (term, kind, state due tomorrow).

    A learner who met terms when only meaning cards existed gets their other kinds from the
    next day on, as a newly introduced term would. ``can_ask`` says whether a term has what a
    kind asks (a gap card needs gap items).
    """
    loaded = set(term_order)
    have: dict[str, set[str]] = {}
    for term_id, kind in store.card_kinds(short_of=kinds):
        have.setdefault(term_id, set()).add(kind)
    _start, end = day_window(now, tz)
    return [
        (term_id, kind, Scheduling.new_state(end))
        for term_id, term_kinds in have.items()
        if term_id in loaded and ENTRY_KIND in term_kinds
        for kind in kinds
        if kind not in term_kinds and can_ask(term_id, kind)
    ]
