"""What a desired retention costs (issue 21): more reviews and more remembered as it rises."""

from __future__ import annotations

import random
from datetime import timedelta

from cxvocab import costs
from cxvocab.optimize import default_parameters
from cxvocab.records import TermMarks
from cxvocab.scheduling import Rating
from cxvocab.session import StudySession
from tests.conftest import NOW


def _cards(n: int = 300) -> list[costs.Memory]:
    rng = random.Random(3)
    return [costs.Memory(rng.lognormvariate(1.5, 1.0), rng.uniform(2, 9), rng.uniform(0, 15)) for _ in range(n)]


def test_a_higher_retention_costs_more_reviews_and_remembers_more():
    found = costs.retention_costs(default_parameters(), _cards(), new_per_day=5, unmet=40)
    assert [c.retention for c in found] == list(costs.RETENTIONS)
    reviews = [c.reviews_per_day for c in found]
    remembered = [c.remembered for c in found]
    assert reviews == sorted(reviews) and reviews[-1] > 2 * reviews[0]
    assert remembered == sorted(remembered) and 0.8 < remembered[0] < remembered[-1] < 1
    # The same inputs give the same chart.
    assert costs.retention_costs(default_parameters(), _cards(), new_per_day=5, unmet=40) == found


def test_nothing_to_study_costs_nothing():
    assert all(c.reviews_per_day == 0 and c.remembered == 0 for c in costs.retention_costs(default_parameters(), [], new_per_day=10, unmet=0))


def test_the_chart_has_a_row_per_retention_within_its_width_and_marks_the_current_one():
    found = costs.retention_costs(default_parameters(), _cards(), new_per_day=5, unmet=40)
    rows = costs.chart_lines(found, 60, current=0.9)
    assert len(rows) == len(found) and all(len(r) <= 60 for r in rows)
    assert [r.startswith("▶") for r in rows] == [c.retention == 0.9 for c in found]
    bars = [r.count("█") for r in rows]
    assert bars.index(max(bars)) == len(rows) - 1


def test_the_learners_cards_leave_out_suspended_terms_and_cards_never_answered(store, library):
    from cxvocab.scheduling import Scheduling

    session = StudySession(store, library, Scheduling(0.9, fuzzing=False), NOW, None)
    now = NOW
    while not session.finished:
        now += timedelta(seconds=5)
        session.answer(Rating.GOOD, now)
    answered = len(costs.learner_cards(store, now))
    assert answered == 3  # three meaning cards; the siblings opened for tomorrow have no memory yet
    store.set_marks("pain-point", TermMarks(suspended=True), now)
    assert len(costs.learner_cards(store, now)) == 2
