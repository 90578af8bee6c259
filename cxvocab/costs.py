"""What a desired retention costs (issue 21): for each retention from 0.80 to 0.97, the reviews
a day the next 30 days would ask and the share of the learner's cards remembered at the end.

fsrs-rs-python's own simulator (``simulate``) starts from an empty deck: it cannot be given the
learner's cards (0.9.3 takes them only in ``optimal_retention``). So the days are stepped here,
with fsrs-rs's memory model doing every step: each of the learner's cards in review starts from
its own stability, difficulty and days since its last answer; it falls due when its recall
chance drops to the desired retention (``FSRS.next_interval``); it is recalled with that chance
(a seeded draw, so the same inputs give the same chart) and moves on to the state
``FSRS.next_states`` gives for Good, or for Again when forgotten. New terms come in at the
learner's daily limit while unmet ones remain. "Remembered" is the cards' average recall chance
over the period (sampled on six days), as fsrs-rs's simulator counts ``memorized_cnt_per_day``.

Suspended terms are left out: they are in no queue. Nothing here imports fsrs_rs_python at
module level.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from random import Random

from cxvocab.i18n import ENGLISH, Translator
from cxvocab.store import Store

RETENTIONS = (0.80, 0.83, 0.85, 0.87, 0.90, 0.93, 0.95, 0.97)
DAYS = 30
SEED = 21
AGAIN, GOOD = 1, 3


@dataclass(frozen=True)
class Cost:
    retention: float
    reviews_per_day: float  # answers a day over the period, new terms' first answers included
    remembered: float  # 0-1: the cards' average chance of recall over the period


@dataclass(frozen=True)
class Memory:
    """A card in review as the simulation starts from it."""

    stability: float
    difficulty: float
    days_since: float  # since its last answer


def learner_cards(store: Store, now: datetime) -> list[Memory]:
    """The learner's cards with a memory state (answered at least once), suspended terms aside."""
    held = store.held_terms(now)
    out = []
    for term_id, stability, difficulty, last_review in store.memory_states():
        if term_id in held or stability is None or difficulty is None or last_review is None:
            continue
        days = max(0.0, (now - datetime.fromisoformat(last_review)).total_seconds() / 86400)
        out.append(Memory(float(stability), float(difficulty), days))
    return out


def _recall(parameters: Sequence[float], stability: float, days: float) -> float:
    """FSRS's forgetting curve (FSRS-6: the decay is the last parameter; FSRS-5: 0.5)."""
    decay = -parameters[20] if len(parameters) > 20 else -0.5
    factor = 0.9 ** (1 / decay) - 1
    return float((1 + factor * days / max(stability, 0.01)) ** decay)


def retention_costs(
    parameters: Sequence[float],
    cards: Sequence[Memory],
    *,
    new_per_day: int,
    unmet: int,
    days: int = DAYS,
    retentions: Sequence[float] = RETENTIONS,
) -> list[Cost]:
    from fsrs_rs_python import FSRS, MemoryState

    fsrs = FSRS(list(parameters))
    # The same draws for every retention (the n-th answer of a card meets the same luck), so
    # that the rows differ by the retention, not by chance.
    rng = Random(SEED)
    draws = [rng.random() for _ in range(4093)]
    samples = range(0, days + 1, max(1, days // 5))
    out = []
    for retention in retentions:
        # (due day, stability, difficulty, last answer's day, answers so far): day 0 is today.
        deck: list[list[float]] = []
        for memory in cards:
            first = max(1.0, fsrs.next_interval(memory.stability, retention, GOOD))
            deck.append([max(0.0, first - memory.days_since), memory.stability, memory.difficulty, -memory.days_since, 0])
        left, answers, remembered = unmet, 0, 0.0
        for day in range(days + 1):
            if day in samples and deck:
                remembered += sum(_recall(parameters, c[1], day - c[3]) for c in deck) / len(deck)
            if day == days:
                break
            for index, row in enumerate(deck):
                due, stability, difficulty, last, count = row
                if due > day:
                    continue
                answers += 1
                luck = draws[(index * 31 + int(count)) % len(draws)]
                recalled = luck < _recall(parameters, stability, day - last)
                states = fsrs.next_states(MemoryState(stability, difficulty), retention, max(0, int(round(day - last))))
                after = (states.good if recalled else states.again).memory
                interval = max(1.0, round(fsrs.next_interval(after.stability, retention, GOOD))) if recalled else 1.0
                row[:] = [day + interval, after.stability, after.difficulty, float(day), count + 1]
            for _ in range(min(new_per_day, left)):
                learnt = fsrs.next_states(None, retention, 0).good.memory
                answers += 1
                left -= 1
                due = day + max(1.0, round(fsrs.next_interval(learnt.stability, retention, GOOD)))
                deck.append([due, learnt.stability, learnt.difficulty, float(day), 1])
        out.append(Cost(retention, answers / days, remembered / len(samples)))
    return out


BLOCKS = " ▏▎▍▌▋▊▉█"


def bar(value: float, most: float, width: int, *, whole: bool = False) -> str:
    """A bar of ``value`` out of ``most`` in ``width`` cells, in eighths of a cell (``whole``:
    whole cells only, for a bar that runs right to left: the partial blocks sit at a cell's left)."""
    eighths = int(round(8 * width * value / most)) if most > 0 else 0
    full, part = divmod(min(eighths, 8 * width), 8)
    if whole:
        return ("█" * (full + (part >= 4))).ljust(width)
    return ("█" * full + (BLOCKS[part] if part else "")).ljust(width)


def chart_lines(costs: Sequence[Cost], width: int, tr: Translator = ENGLISH, current: float | None = None) -> list[str]:
    """One row per retention: ``0.90 ████▌   12 a day · 91% remembered``, bars scaled to the
    dearest, the whole row within ``width`` cells; the row nearest ``current`` marked with ▶."""
    if not costs:
        return []
    most = max(c.reviews_per_day for c in costs)
    # The row nearest the retention in use (0.88 marks 0.87: the chart has eight rows, not all).
    nearest = min(costs, key=lambda c: abs(c.retention - current)) if current is not None else None
    rows = []
    for cost in costs:
        said = tr(
            "{n} a day · {percent}% remembered",
            n=tr.digits(f"{cost.reviews_per_day:.0f}"),
            percent=tr.digits(f"{100 * cost.remembered:.0f}"),
        )
        head = ("▶ " if cost is nearest else "  ") + tr.digits(f"{cost.retention:.2f}")
        room = max(4, width - len(head) - len(said) - 4)
        rows.append(f"{head}  {bar(cost.reviews_per_day, most, room, whole=tr.rtl)}  {said}")
    return rows
