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
- Every due card is answered on its day (cxvocab has no review limit), every answer not a lapse
  is Good, and nothing is fuzzed: what is shown is the schedule's cost, not a forecast of the
  learner's habits.
- "Remembered" is the library simulator's ``memorized_cnt_per_day`` on the period's last day
  over the cards studied by then: the expected share of them the learner would recall on that
  day, after its answers.

A small collection is simulated several times over (different draws) and averaged, so that
its chart is not one run's luck. Suspended cards and the cards of suspended terms are left
out: they are in no queue. Nothing here imports fsrs_rs_python at module level.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

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
DAY = timedelta(days=1)
_MASK = (1 << 64) - 1


@dataclass(frozen=True)
class Cost:
    """One retention's 30 days."""

    retention: float
    reviews_per_day: float  # study answers a day: reviews, learning and relearning steps
    remembered: float  # 0-1: the share of the cards studied by the last day recalled on it


def learner_cards(store: Store, kinds: Sequence[str] = ENABLED_KINDS) -> list[CardState]:
    """The states of the learner's cards of ``kinds`` (the kinds they study), suspended cards
    and the cards of suspended terms left out. A card never answered is in it too (the
    simulation learns it on its due day). Buried terms stay: they are back tomorrow."""
    # Every card is due by the year 9999; the store gives them with their states.
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
) -> list[Cost]:
    """Each retention's cost over the ``days`` from ``now`` (day 0 is the day from now on):
    the learner's ``cards`` as they stand, and ``unmet`` terms still to meet, ``new_per_day`` a
    day, each opening ``cards_per_term`` cards. The same inputs give the same costs."""
    runs = _Runs(parameters, cards, now, new_per_day=new_per_day, unmet=unmet, cards_per_term=cards_per_term, days=days)
    count = max(1, min(MAX_RUNS, math.ceil(SIMULATED / max(1, runs.size))))
    out = []
    for retention in retentions:
        results = [runs.run(retention, number) for number in range(count)]
        answers = sum(r.answers for r in results) / count
        remembered = sum(r.remembered for r in results) / count
        out.append(Cost(retention, answers / days if days else 0.0, remembered))
    return out


@dataclass(frozen=True)
class Run:
    """One simulation of one retention (what the library's simulator counts, summed)."""

    answers: int  # everything answered: reviews, learning and relearning steps
    reviews: int  # cards answered on their due day (learnt cards' first answers aside)
    lapses: int
    learnt: int  # cards answered for the first time
    remembered: float  # mean recall chance on the last day over the cards studied by then


class _Runs:
    """The starting deck, read once, and the day-by-day stepping of it for one retention."""

    def __init__(
        self,
        parameters: Sequence[float],
        cards: Sequence[CardState],
        now: datetime,
        *,
        new_per_day: int,
        unmet: int,
        cards_per_term: int,
        days: int,
    ) -> None:
        from fsrs_rs_python import FSRS, check_and_fill_parameters

        w = check_and_fill_parameters(list(parameters))  # FSRS-4.5 and -5 lists to FSRS-6's 21
        self.fsrs = FSRS(w)
        self.decay = -w[20]
        self.factor = 0.9 ** (1 / self.decay) - 1
        self.days = days
        # The cards answered before: (stability, difficulty, day of the last answer, due day).
        self.known: list[tuple[float, float, float, int]] = []
        # How many cards are first answered on each day: those opened but never answered, the
        # new terms' entry cards, and their siblings the day after.
        self.learn = [0] * days
        for card in cards:
            due = max(0, math.floor((card.due - now) / DAY))
            if card.stability is None or card.difficulty is None or card.last_review is None:
                if due < days:
                    self.learn[due] += 1
                continue
            last = -max(0.0, (now - card.last_review) / DAY)
            self.known.append((float(card.stability), float(card.difficulty), last, due))
        left = max(0, unmet)
        for day in range(days):
            terms = min(max(0, new_per_day), left)
            left -= terms
            self.learn[day] += terms
            if day + 1 < days:
                self.learn[day + 1] += terms * max(0, cards_per_term - 1)
        self.size = len(self.known) + sum(self.learn)

    def recall(self, elapsed: float, stability: float) -> float:
        """FSRS's forgetting curve: the chance of recall ``elapsed`` days after an answer."""
        return float((1 + self.factor * elapsed / stability) ** self.decay)

    def run(self, retention: float, number: int) -> Run:
        from fsrs_rs_python import MemoryState

        fsrs, days = self.fsrs, self.days
        stability = [s for s, _d, _last, _due in self.known]
        difficulty = [d for _s, d, _last, _due in self.known]
        last = [x for _s, _d, x, _due in self.known]
        asked = [0] * len(self.known)  # answers so far, for each card's own draws
        due: list[list[int]] = [[] for _ in range(days)]
        for index, (_s, _d, _last, day) in enumerate(self.known):
            if day < days:
                due[day].append(index)
        # A new card answered Good on both its learning steps: the same state for every card.
        first = fsrs.next_states(fsrs.next_states(None, retention, 0).good.memory, retention, 0).good
        first_interval = _interval(first.interval)
        answers = reviews = lapses = learnt = 0
        for day in range(days):
            for index in due[day]:
                elapsed = day - last[index]
                chance = self.recall(elapsed, stability[index])
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
                last[index] = day
                then = day + _interval(after.interval)
                if then < days:
                    due[then].append(index)
            for _ in range(self.learn[day]):
                stability.append(first.memory.stability)
                difficulty.append(first.memory.difficulty)
                last.append(day)
                asked.append(0)
                if day + first_interval < days:
                    due[day + first_interval].append(len(last) - 1)
            learnt += self.learn[day]
            answers += LEARNING_ANSWERS * self.learn[day]
        end = days - 1
        chances = [self.recall(max(0.0, end - x), s) for s, x in zip(stability, last, strict=True)]
        return Run(answers, reviews, lapses, learnt, sum(chances) / len(chances) if chances else 0.0)


def _interval(days: float) -> int:
    """An interval in whole days, as py-fsrs rounds it: one day at least."""
    return int(min(MAX_INTERVAL, max(1, round(days))))


def _uniform(run: int, card: int, answer: int) -> float:
    """A draw in [0, 1) for a card's n-th answer in one run: splitmix64 of the three, so the
    n-th answer of a card meets the same luck whatever the retention."""
    z = (((SEED * 1_000_003 + run) * 10_000_019 + card) * 65_537 + answer) & _MASK
    z = (z + 0x9E3779B97F4A7C15) & _MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    return ((z ^ (z >> 31)) >> 11) / float(1 << 53)


BLOCKS = " ▏▎▍▌▋▊▉█"


def bar(value: float, most: float, width: int) -> str:
    """A bar of ``value`` out of ``most`` in ``width`` cells, in eighths of a cell (padded
    to ``width``); a value above nothing shows at least an eighth."""
    if width <= 0:
        return ""
    eighths = round(8 * width * value / most) if most > 0 else 0
    if value > 0 and eighths == 0:
        eighths = 1
    full, part = divmod(min(eighths, 8 * width), 8)
    return ("█" * full + (BLOCKS[part] if part else "")).ljust(width)


def chart_lines(
    costs: Sequence[Cost], width: int, tr: Translator = ENGLISH, *, current: float | None = None
) -> list[str]:
    """One row per retention, ``▶ 0.90  ██████▌      12 a day · 91% remembered``: the bars
    are the answers a day, scaled to the dearest retention, aligned, every row within
    ``width`` cells (given room for the words); ``current``'s row marked with ▶. Numbers
    are in the translator's digits; each row is one plain string, the bar in the middle."""
    if not costs:
        return []
    most = max(c.reviews_per_day for c in costs)
    heads = [
        ("▶ " if current is not None and abs(c.retention - current) < 0.005 else "  ") + tr.digits(f"{c.retention:.2f}")
        for c in costs
    ]
    saids = [
        tr(
            "{n} a day · {percent}% remembered",
            n=tr.digits(_amount(c.reviews_per_day)),
            percent=tr.digits(f"{100 * c.remembered:.0f}"),
        )
        for c in costs
    ]
    head_width = max(len(h) for h in heads)
    said_width = max(len(s) for s in saids)
    room = max(0, width - head_width - said_width - 4)  # two spaces either side of the bar
    return [
        f"{head.ljust(head_width)}  {bar(c.reviews_per_day, most, room)}  {said}"
        for head, c, said in zip(heads, costs, saids, strict=True)
    ]


def _amount(per_day: float) -> str:
    """Answers a day: whole above ten, to a tenth below (0.4 a day is not none)."""
    return f"{per_day:.0f}" if per_day >= 9.95 else f"{per_day:.1f}"
