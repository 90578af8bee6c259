"""A simulated learner's study history, for the optimiser's tests and its benchmark (issue 21).

The learner's memory follows FSRS with parameters other than the defaults (they forget sooner).
Each card is reviewed when that learner's own schedule says, recalled with the probability their
memory gives, and graded Again when forgotten (Hard, Good or Easy when not). Fitting FSRS to such
a history should predict it better than FSRS's defaults do: what ``cxvocab optimize`` promises.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from random import Random

from cxvocab.store import Store

# Smaller first stabilities and a steeper loss after a lapse than FSRS's defaults.
FORGETFUL = (
    0.1, 0.4, 1.0, 4.0, 7.0, 0.6, 2.5, 0.002, 1.3, 0.15, 0.9, 1.6, 0.12, 0.3, 1.9, 0.3, 2.5, 0.5, 0.3, 0.1, 0.15,
)
PER_CARD = 10


def answers(reviews: int, *, seed: int = 7) -> list[tuple[int, datetime, int]]:
    """(card id, when, rating) of about ``reviews`` answers of the forgetful learner."""
    import fsrs

    rng = Random(seed)
    learner = fsrs.Scheduler(parameters=FORGETFUL, desired_retention=0.85, enable_fuzzing=False)
    start = datetime(2025, 1, 1, 9, tzinfo=timezone.utc)
    rows: list[tuple[int, datetime, int]] = []
    for number in range(max(1, reviews // PER_CARD)):
        card = fsrs.Card(card_id=number + 1)
        now = start + timedelta(days=number // 20, minutes=number)  # twenty new terms a day
        for _ in range(PER_CARD):
            chance = learner.get_card_retrievability(card, now) if card.last_review else 0.5
            if rng.random() < chance:
                rating = rng.choices([fsrs.Rating.Hard, fsrs.Rating.Good, fsrs.Rating.Easy], [1, 8, 1])[0]
            else:
                rating = fsrs.Rating.Again
            card, _ = learner.review_card(card, rating, now)
            rows.append((number + 1, now, int(rating)))
            now = card.due + timedelta(hours=rng.uniform(0, 30))
    return rows[:reviews]


def simulate(store: Store, reviews: int, *, seed: int = 7) -> int:
    """Write the forgetful learner's answers into ``store`` as study answers, and some prep
    answers beside them (which the fit must leave out); return how many study answers."""
    rows = answers(reviews, seed=seed)
    cards = sorted({card for card, _, _ in rows})
    from cxvocab.records import iso  # as the app stores them: fixed-width UTC
    with store.transaction():
        store.conn.executemany(
            "insert into cards (id, term_id, kind, state, step, stability, difficulty, due, last_review, suspended, created_at)"
            " values (?, ?, 'meaning', 2, 0, 1.0, 5.0, ?, ?, 0, ?)",
            [(card, f"term-{card}", iso(rows[0][1]), iso(rows[0][1]), iso(rows[0][1])) for card in cards],
        )
        store.conn.executemany(
            "insert into reviews (card_id, term_id, kind, rating, correct, reviewed_at, duration_ms, mode)"
            " values (?, ?, 'meaning', ?, ?, ?, 4000, ?)",
            [(card, f"term-{card}", rating, int(rating > 1), iso(at), "study") for card, at, rating in rows]
            + [(card, f"term-{card}", 1, 0, iso(at), "prep") for card, at, _ in rows[::7]],  # never counted
        )
    return len(rows)
