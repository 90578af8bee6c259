"""What a desired retention costs (issue 21): for each retention from 0.80 to 0.97, how many
answers a day the next 30 days would ask of the learner and what share of their cards they
would remember, simulated on their own cards with their own FSRS parameters.

- fsrs-rs-python's simulator (``simulate``) cannot start from the learner's cards: 0.9.3 takes
  existing cards only in ``optimal_retention``, which runs some 1,260 whole simulations (seven
  steps of its search, 180 seeds each for a 30-day span) and took 3 to 9 seconds per retention
  on 2,000 cards. So the days are stepped here the way that simulator steps them, with
  fsrs-rs's memory model doing every step (``FSRS.next_states``): a card is asked on the day it
  falls due; it is recalled with the chance its stability gives after the days since its last
  answer (a seeded draw, the same for every retention, so that the rows differ by the retention
  and not by luck), and moves on to the state and interval fsrs-rs gives for Good, or for Again
  and then Good on its relearning step when forgotten. ``tests/test_costs.py`` checks the
  stepping against the library's own simulator.
- The learner's cards keep the due dates they have: a retention chosen now changes the
  intervals from each card's next answer on, as :class:`cxvocab.scheduling.Scheduling` does.
- New terms come in at the learner's daily limit while unmet ones remain; each opens its
  sibling cards, answered first the next day (:func:`cxvocab.queue.opened_siblings`). A card
  never answered yet (a sibling opened) is learnt on its due day. A first answer costs two
  answers (py-fsrs's learning steps, 1 and 10 minutes), a lapse two (Again, then its one
  relearning step).
- Every due card is answered on its day (cxvocab has no review limit), every answer but a
  lapse is Good, and nothing is fuzzed: what is shown is the schedule's cost, not a forecast
  of the learner's habits.
- "Remembered" is the share of the cards studied that the learner would recall on an average
  day of the period: the library simulator's ``memorized_cnt_per_day`` summed over the days,
  over the cards studied each day summed likewise. (The last day alone jumps about: the new
  cards of a day share one schedule, and all fall due together.)

A small collection is simulated several times over (other draws) and averaged, so that its
chart is not one run's luck; of a large one, an even sample of 3,000 cards, so that the chart
comes within a second. Suspended cards and the cards of suspended terms are left out:
they are in no queue. Nothing here imports fsrs_rs_python at module level.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from typing import TYPE_CHECKING

from cxvocab.clock import local
from cxvocab.i18n import ENGLISH, Translator
from cxvocab.kinds import ENABLED_KINDS
from cxvocab.records import CardState

if TYPE_CHECKING:
    from cxvocab.store import Store

RETENTIONS = (0.80, 0.83, 0.85, 0.87, 0.90, 0.93, 0.95, 0.97)
DAYS = 30
SEED = 21
LEARNING_ANSWERS = 2  # a new card: its two learning steps (1 min, 10 min), answered Good
RELEARNING_ANSWERS = 2  # a lapse: Again, then its relearning step (10 min) answered Good
MAX_INTERVAL = 36500  # days (py-fsrs's maximum interval)
SIMULATED = 2000  # cards stepped per retention at least: a smaller collection is run again
MAX_RUNS = 12
LARGEST = 3000  # cards stepped per retention at most: of a larger collection, an even sample
DAY = timedelta(days=1)
_MASK = (1 << 64) - 1


@dataclass(frozen=True)
class Cost:
    """One retention's days."""

    retention: float
    reviews_per_day: float  # study answers a day: reviews, learning and relearning steps
    remembered: float  # 0-1: the share of the cards studied recalled on an average day


def learner_cards(store: Store, kinds: Sequence[str] = ENABLED_KINDS) -> list[CardState]:
    """The states of the learner's cards of ``kinds`` (the kinds they study), suspended cards
    and the cards of suspended terms left out. A card never answered is in it too (the
    simulation learns it on its due day). Buried terms stay: they are back tomorrow."""
    # Every card is due by the year 9999: the store gives them all, with their states.
    cards = store.due_cards(datetime(9999, 1, 1, tzinfo=timezone.utc), kinds)
    suspended = {term_id for term_id, marks in store.marks().items() if marks.suspended}
    return [card.state for card in cards if card.term_id not in suspended]


def retention_costs(
    parameters: Sequence[float],
    cards: Sequence[CardState],
    now: datetime,
    *,
    new_per_day: int,
    unmet: int,
    cards_per_term: int = len(ENABLED_KINDS),
    days: int = DAYS,
    retentions: Sequence[float] = RETENTIONS,
    tz: tzinfo | None = None,
    introduced_today: int = 0,
) -> list[Cost]:
    """Each retention's cost over ``days`` of the learner's days (in ``tz``; None: the
    system's), today the first: the learner's ``cards`` as they stand at ``now``, and
    ``unmet`` terms still to meet, ``new_per_day`` a day, each opening ``cards_per_term``
    cards (``introduced_today`` of today's are met already). The same inputs give the same
    costs."""
    deck = Deck(
        parameters,
        cards,
        now,
        new_per_day=new_per_day,
        unmet=unmet,
        cards_per_term=cards_per_term,
        days=days,
        tz=tz,
        introduced_today=introduced_today,
    )
    count = max(1, min(MAX_RUNS, math.ceil(SIMULATED / max(1, deck.size))))
    out = []
    for retention in retentions:
        runs = [deck.run(retention, number) for number in range(count)]
        answers = deck.weight * sum(r.answers for r in runs) / count
        recalled, studied = sum(r.recalled for r in runs), sum(r.studied for r in runs)
        out.append(Cost(retention, answers / days if days > 0 else 0.0, recalled / studied if studied else 0.0))
    return out


@dataclass(frozen=True)
class Run:
    """One simulation of one retention: what the library's simulator counts, summed."""

    answers: int  # everything answered: reviews, learning and relearning steps
    reviews: int  # cards answered on their due day (``review_cnt_per_day``)
    lapses: int
    learnt: int  # cards answered for the first time (``learn_cnt_per_day``)
    recalled: float  # the recall chances of the cards studied, summed over the days
    studied: int  # the cards studied by each day, summed over the days

    @property
    def remembered(self) -> float:
        return self.recalled / self.studied if self.studied else 0.0


class Deck:
    """The cards as the period starts from them, read once, and the stepping of them through
    the days for one retention (:meth:`run`)."""

    def __init__(
        self,
        parameters: Sequence[float],
        cards: Sequence[CardState],
        now: datetime,
        *,
        new_per_day: int,
        unmet: int,
        cards_per_term: int = len(ENABLED_KINDS),
        days: int = DAYS,
        tz: tzinfo | None = None,
        introduced_today: int = 0,
    ) -> None:
        from fsrs_rs_python import FSRS, check_and_fill_parameters

        w = check_and_fill_parameters(list(parameters))  # FSRS-4.5 and -5 lists to FSRS-6's 21
        self.fsrs = FSRS(w)
        self.decay = -w[20]
        self.factor = 0.9 ** (1 / self.decay) - 1
        self.days = max(0, days)
        # The cards answered before: (stability, difficulty, day of the last answer, due day).
        # Day 0 is today, and its answers are given at ``now``'s time of day: a card answered
        # two and a half days ago was answered on day -2.5, one due tomorrow morning is due
        # on day 1 (a card overdue, today).
        self.known: list[tuple[float, float, float, int]] = []
        # How many cards are first answered each day: those opened but never answered, the new
        # terms' entry cards, and their siblings the day after.
        self.learn = [0] * self.days
        today = local(now, tz).date()
        for card in cards:
            due = max(0, (local(card.due, tz).date() - today).days)
            if card.stability is None or card.difficulty is None or card.last_review is None:
                if due < self.days:
                    self.learn[due] += 1
                continue
            last = -max(0.0, (now - card.last_review) / DAY)
            self.known.append((float(card.stability), float(card.difficulty), last, due))
        left = max(0, unmet)
        for day in range(self.days):
            terms = min(max(0, new_per_day - (introduced_today if day == 0 else 0)), left)
            left -= terms
            self.learn[day] += terms
            if day + 1 < self.days:
                self.learn[day + 1] += terms * max(0, cards_per_term - 1)
        self.size = len(self.known) + sum(self.learn)
        # Cards never wait for each other (there is no daily limit on reviews), so a sample of a
        # large collection costs its share: every stride-th card in order of due day and
        # stability (what its cost goes by), and as many of each day's new cards, each
        # counting for ``weight`` cards.
        self.weight = 1.0
        stride = math.ceil(self.size / LARGEST)
        if stride > 1:
            learn, total, kept = [], 0, 0
            for count in self.learn:
                total += count
                learn.append(round(total / stride) - kept)
                kept += learn[-1]
            self.known, self.learn = sorted(self.known, key=lambda k: (k[3], k[0]))[::stride], learn
            sampled = len(self.known) + kept
            self.weight, self.size = self.size / sampled, sampled

    def recall(self, elapsed: float, stability: float) -> float:
        """FSRS's forgetting curve: the chance of recall ``elapsed`` days after an answer."""
        return float((1 + self.factor * elapsed / stability) ** self.decay)

    def recalled(self, stability: float, last: float, start: int, end: int) -> float:
        """The recall chances of a card last answered on day ``last``, summed over the days
        ``start`` to ``end - 1`` (what the library adds to ``memorized_cnt_per_day``): day by
        day over a few days, and beyond by Euler-Maclaurin (the curve's integral, half its ends
        and a twelfth of their slopes), the first days of a stability under two one by one."""
        d, f = self.decay, self.factor
        total = 0.0
        if end - start <= 4 or stability < 2:
            exact = end if end - start <= 4 else start + 3
            for day in range(start, exact):
                total += (1 + f * (day - last) / stability) ** d
            start = exact
            if start >= end:
                return float(total)
        x, y = 1 + f * (start - last) / stability, 1 + f * (end - last) / stability
        integral = stability / (f * (d + 1)) * (y ** (d + 1) - x ** (d + 1))
        slopes = d * f / stability * (y ** (d - 1) - x ** (d - 1))
        return float(total + integral + (x**d - y**d) / 2 + slopes / 12)

    def run(self, retention: float, number: int = 0) -> Run:
        """The days at ``retention``, with the ``number``-th set of draws."""
        from fsrs_rs_python import MemoryState

        fsrs, days = self.fsrs, self.days
        stability = [s for s, _d, _last, _due in self.known]
        difficulty = [d for _s, d, _last, _due in self.known]
        last = [x for _s, _d, x, _due in self.known]
        since = [0] * len(self.known)  # the first day of the card's current stretch in the period
        asked = [0] * len(self.known)  # answers so far: each card's draws are its own
        due: list[list[int]] = [[] for _ in range(days)]
        for index, (_s, _d, _last, day) in enumerate(self.known):
            if day < days:
                due[day].append(index)
        # A new card answered Good on both its learning steps: the same state for every card.
        first = fsrs.next_states(fsrs.next_states(None, retention, 0).good.memory, retention, 0).good
        first_interval = _interval(first.interval)
        answers = reviews = lapses = learnt = 0
        recalled = 0.0
        for day in range(days):
            for index in due[day]:
                elapsed = day - last[index]
                chance = self.recall(elapsed, stability[index])
                recalled += self.recalled(stability[index], last[index], since[index], day)
                states = fsrs.next_states(MemoryState(stability[index], difficulty[index]), retention, int(elapsed))
                if _uniform(number, index, asked[index]) < chance:
                    after = states.good
                    answers += 1
                else:
                    after = fsrs.next_states(states.again.memory, retention, 0).good
                    answers += RELEARNING_ANSWERS
                    lapses += 1
                reviews += 1
                asked[index] += 1
                stability[index], difficulty[index] = after.memory.stability, after.memory.difficulty
                last[index] = since[index] = day
                then = day + _interval(after.interval)
                if then < days:
                    due[then].append(index)
            for _ in range(self.learn[day]):
                stability.append(first.memory.stability)
                difficulty.append(first.memory.difficulty)
                last.append(day)
                since.append(day)
                asked.append(0)
                if day + first_interval < days:
                    due[day + first_interval].append(len(last) - 1)
            learnt += self.learn[day]
            answers += LEARNING_ANSWERS * self.learn[day]
        recalled += sum(self.recalled(s, x, start, days) for s, x, start in zip(stability, last, since, strict=True))
        studied = len(self.known) * days + sum(n * (days - day) for day, n in enumerate(self.learn))
        return Run(answers, reviews, lapses, learnt, recalled, studied)


def _interval(days: float) -> int:
    """An interval in whole days, as py-fsrs rounds it: one day at least."""
    return int(min(MAX_INTERVAL, max(1, round(days))))


def _uniform(run: int, card: int, answer: int) -> float:
    """A draw in [0, 1) for a card's n-th answer in one run: splitmix64 of the three, so that
    the n-th answer of a card meets the same luck whatever the retention."""
    z = (((SEED * 1_000_003 + run) * 10_000_019 + card) * 65_537 + answer) & _MASK
    z = (z + 0x9E3779B97F4A7C15) & _MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    return ((z ^ (z >> 31)) >> 11) / float(1 << 53)


BLOCKS = " ▏▎▍▌▋▊▉█"


def bar(value: float, most: float, width: int, *, whole: bool = False) -> str:
    """A bar of ``value`` out of ``most`` in ``width`` cells, padded to ``width``: in eighths
    of a cell, or (``whole``) in whole cells, for a bar drawn right to left (an eighth block
    sits at its cell's left). Any value above nothing shows."""
    if width <= 0:
        return ""
    eighths = round(8 * width * value / most) if most > 0 else 0
    if whole:
        eighths = 8 * round(eighths / 8)
    if value > 0 and eighths == 0:
        eighths = 8 if whole else 1
    full, part = divmod(min(eighths, 8 * width), 8)
    return ("█" * full + (BLOCKS[part] if part else "")).ljust(width)


def chart_lines(
    costs: Sequence[Cost], width: int, tr: Translator = ENGLISH, *, current: float | None = None
) -> list[str]:
    """One row per retention, ``▶ 0.90  ██████▌      12 a day · 91% remembered``: bars of
    the answers a day, scaled to the dearest retention and lined up, each row ``width`` cells
    at most (when that leaves room for its words); the row nearest ``current`` (the retention
    in use) marked ▶. Numbers are in the translator's digits; in a right-to-left interface
    the bars are whole cells. Each row is one plain string, its bar in the middle."""
    if not costs:
        return []
    most = max(c.reviews_per_day for c in costs)
    nearest = min(costs, key=lambda c: abs(c.retention - current)) if current is not None else None
    heads = [("▶ " if c is nearest else "  ") + tr.digits(f"{c.retention:.2f}") for c in costs]
    words = [
        tr(
            "{n} a day · {percent}% remembered",
            n=tr.digits(_amount(c.reviews_per_day)),
            percent=tr.digits(f"{100 * c.remembered:.0f}"),
        )
        for c in costs
    ]
    room = max(0, width - max(map(len, heads)) - max(map(len, words)) - 4)  # two spaces each side
    return [
        f"{head}  {bar(c.reviews_per_day, most, room, whole=tr.rtl)}  {said}"
        for head, c, said in zip(heads, costs, words, strict=True)
    ]


def _amount(per_day: float) -> str:
    """Answers a day: whole from ten, to a tenth below (0.4 a day is not none)."""
    return f"{per_day:.0f}" if per_day >= 9.95 else f"{per_day:.1f}"
