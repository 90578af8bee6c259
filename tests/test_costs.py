"""What a desired retention costs (issue 21): more answers and more remembered as it rises, on
the learner's own cards; the stepping checked against fsrs-rs's own simulator."""

from __future__ import annotations

import random
import re
import threading
from datetime import datetime, timedelta, timezone

import pytest

from cxvocab import costs
from cxvocab.i18n import Translator
from cxvocab.optimize import default_parameters
from cxvocab.records import CardState, TermMarks
from cxvocab.scheduling import LEARNING, REVIEW, Rating, Scheduling
from cxvocab.session import StudySession
from tests.conftest import NOW
from tests.synthetic import FORGETFUL

PARAMETERS = tuple(default_parameters())
UTC = timezone.utc


def _cards(n: int = 300, seed: int = 3) -> list[CardState]:
    """A learner's cards in review: stabilities of days to months, some of them overdue."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        stability = rng.lognormvariate(1.5, 1.0)
        last = NOW - timedelta(days=rng.uniform(0, 1.2 * stability))
        out.append(CardState(REVIEW, None, stability, rng.uniform(2, 9), last + timedelta(days=max(1, round(stability))), last))
    return out


@pytest.fixture(scope="module")
def found() -> list[costs.Cost]:
    return costs.retention_costs(PARAMETERS, _cards(), NOW, tz=UTC, new_per_day=5, unmet=40)


def test_a_higher_retention_costs_more_answers_and_remembers_more(found):
    assert [c.retention for c in found] == list(costs.RETENTIONS)
    reviews = [c.reviews_per_day for c in found]
    remembered = [c.remembered for c in found]
    assert reviews == sorted(reviews) and reviews[-1] > 1.5 * reviews[0]
    assert remembered == sorted(remembered) and 0.85 < remembered[0] < remembered[-1] < 1


def test_the_same_inputs_give_the_same_costs():
    cards, two = _cards(200, seed=8), (0.8, 0.9)
    first = costs.retention_costs(FORGETFUL, cards, NOW, tz=UTC, new_per_day=10, unmet=25, retentions=two)
    assert costs.retention_costs(FORGETFUL, list(cards), NOW, tz=UTC, new_per_day=10, unmet=25, retentions=two) == first
    # The learner's own parameters count: a forgetful learner's reviews cost more.
    usual = costs.retention_costs(PARAMETERS, cards, NOW, tz=UTC, new_per_day=10, unmet=25, retentions=two)
    assert first[0].reviews_per_day > usual[0].reviews_per_day


def test_nothing_to_study_costs_nothing():
    found = costs.retention_costs(PARAMETERS, [], NOW, tz=UTC, new_per_day=10, unmet=0)
    assert len(found) == len(costs.RETENTIONS)
    assert all(c.reviews_per_day == 0 and c.remembered == 0 for c in found)
    assert costs.retention_costs(PARAMETERS, _cards(5), NOW, tz=UTC, new_per_day=0, unmet=0, days=0)[0].reviews_per_day == 0


def test_new_terms_open_their_siblings_the_next_day_and_unanswered_cards_are_learnt_when_due():
    deck = costs.Deck(PARAMETERS, [], NOW, tz=UTC, new_per_day=2, unmet=3, cards_per_term=5, days=10)
    assert deck.learn[:4] == [2, 1 + 2 * 4, 4, 0] and deck.size == 15
    # The terms met today already leave less room today.
    assert costs.Deck(PARAMETERS, [], NOW, tz=UTC, new_per_day=2, unmet=3, introduced_today=1, days=10).learn[:3] == [1, 2 + 4, 8]
    run = deck.run(0.9)
    assert run.learnt == 15 and run.answers == 15 * costs.LEARNING_ANSWERS + run.reviews + run.lapses
    # Cards opened but never answered (a term's siblings) are first answered on their due day.
    opened = [Scheduling.new_state(NOW + timedelta(days=day, hours=2)) for day in (0, 3, 3, 40)]
    assert costs.Deck(PARAMETERS, opened, NOW, tz=UTC, new_per_day=0, unmet=0).learn[:5] == [1, 0, 0, 2, 0]


def test_a_large_collection_is_sampled_evenly_and_costs_about_what_all_of_it_does(monkeypatch):
    cards = _cards(1500, seed=11)
    whole = costs.retention_costs(PARAMETERS, cards, NOW, tz=UTC, new_per_day=10, unmet=30, retentions=(0.8, 0.95))
    monkeypatch.setattr(costs, "LARGEST", 500)
    deck = costs.Deck(PARAMETERS, cards, NOW, tz=UTC, new_per_day=10, unmet=30)
    assert deck.size <= 500 and sum(deck.learn) == round(150 / 4) and len(deck.known) == 1500 // 4
    assert deck.weight == pytest.approx(4, rel=0.01)
    sampled = costs.retention_costs(PARAMETERS, cards, NOW, tz=UTC, new_per_day=10, unmet=30, retentions=(0.8, 0.95))
    for one, other in zip(whole, sampled, strict=True):
        assert other.reviews_per_day == pytest.approx(one.reviews_per_day, rel=0.03)
        assert other.remembered == pytest.approx(one.remembered, abs=0.005)


def test_the_recall_summed_over_days_is_the_sum_of_each_days_recall():
    deck = costs.Deck(PARAMETERS, [], NOW, tz=UTC, new_per_day=0, unmet=0)
    for stability in (0.001, 0.3, 1.9, 2.3, 40.0, 900.0):
        for last, start, end in ((0, 0, 30), (-2.5, 0, 7), (3, 3, 30), (-40, 0, 30), (5, 5, 6), (0, 4, 4)):
            exact = sum(deck.recall(day - last, stability) for day in range(start, end))
            assert deck.recalled(stability, last, start, end) == pytest.approx(exact, rel=1e-4, abs=1e-9)


def _library_config(**changes: object):
    """The library's simulator set to what is simulated here: every answer but a lapse Good, each
    learning and relearning step Good, and every due card answered on its day."""
    import fsrs_rs_python as fsrs_rs

    config = fsrs_rs.default_simulator_config()
    config.learn_span = 30
    config.max_cost_perday = float("inf")
    config.first_rating_prob = [0, 0, 1, 0]
    config.review_rating_prob = [0, 1, 0]
    config.learning_step_transitions = [[0, 0, 1, 0]] * 3
    config.relearning_step_transitions = [[0, 0, 1, 0]] * 3
    for name, value in changes.items():
        setattr(config, name, value)
    return config


@pytest.mark.parametrize("retention", [0.8, 0.97])
def test_new_terms_cost_what_the_librarys_simulator_says(retention):
    """From an empty deck (all fsrs-rs's ``simulate`` can start from), its counts averaged over
    40 seeds and ours over 40 runs agree: reviews, lapses and the recall summed over the days."""
    import fsrs_rs_python as fsrs_rs

    config = _library_config(deck_size=600, learn_limit=20)
    theirs = [fsrs_rs.simulate(list(PARAMETERS), retention, config, seed) for seed in range(40)]
    deck = costs.Deck(PARAMETERS, [], NOW, tz=UTC, new_per_day=20, unmet=600, cards_per_term=1)
    ours = [deck.run(retention, number) for number in range(40)]

    def mean(values):
        return sum(values) / len(values)

    assert mean([sum(r.learn_cnt_per_day) for r in theirs]) == mean([r.learnt for r in ours]) == 600
    assert mean([r.reviews for r in ours]) == pytest.approx(mean([sum(r.review_cnt_per_day) for r in theirs]), rel=0.04)
    lapses = mean([sum(r.review_cnt_per_day) - sum(r.correct_cnt_per_day) for r in theirs])
    assert mean([r.lapses for r in ours]) == pytest.approx(lapses, rel=0.12)
    assert mean([r.recalled for r in ours]) == pytest.approx(mean([sum(r.memorized_cnt_per_day) for r in theirs]), rel=0.01)


@pytest.mark.parametrize("retention", [0.8, 0.97])
def test_the_learners_cards_cost_what_the_librarys_simulator_says(retention):
    """On existing cards: the library simulates them only inside ``optimal_retention``, whose
    ``target`` is shown each simulation (180 seeds, seven times over in its search). A card's own
    desired retention schedules it there, and with no new cards the search's retention is
    never used: every result is the simulation of these cards at ``retention``."""
    import fsrs_rs_python as fsrs_rs

    rng = random.Random(5)
    cards, theirs = [], []
    for number in range(150):
        stability, difficulty, ago = rng.lognormvariate(1.5, 1.0), rng.uniform(2, 9), rng.randint(0, 20)
        due = max(0, round(stability) - ago) if rng.random() < 0.8 else rng.randint(0, 10)
        cards.append(CardState(REVIEW, None, stability, difficulty, NOW + timedelta(days=due), NOW - timedelta(days=ago)))
        card = fsrs_rs.Card()
        card.id, card.stability, card.difficulty = number + 1, stability, difficulty
        card.last_date, card.due, card.interval = float(-ago), float(due), float(due + ago)
        card.desired_retention, card.parameters = retention, list(PARAMETERS)
        theirs.append(card)
    results: list[tuple[int, int, float, int]] = []
    lock = threading.Lock()

    def target(result, _parameters):
        reviews = sum(result.review_cnt_per_day)
        with lock:
            results.append((reviews, reviews - sum(result.correct_cnt_per_day), sum(result.memorized_cnt_per_day), sum(result.learn_cnt_per_day)))
        return 1.0

    fsrs_rs.optimal_retention(_library_config(deck_size=len(theirs), learn_limit=0), list(PARAMETERS), theirs, target)
    assert len(results) >= 180 and all(learnt == 0 for *_, learnt in results)
    deck = costs.Deck(PARAMETERS, cards, NOW, tz=UTC, new_per_day=0, unmet=0)
    ours = [deck.run(retention, number) for number in range(180)]

    def mean(values):
        return sum(values) / len(values)

    assert mean([r.reviews for r in ours]) == pytest.approx(mean([r[0] for r in results]), rel=0.03)
    assert mean([r.lapses for r in ours]) == pytest.approx(mean([r[1] for r in results]), rel=0.1)
    assert mean([r.recalled for r in ours]) == pytest.approx(mean([r[2] for r in results]), rel=0.01)


def test_the_chart_has_a_row_per_retention_within_its_width_and_marks_the_nearest_to_the_one_in_use(found):
    for width in (44, 60, 90):
        rows = costs.chart_lines(found, width, current=0.88)
        assert len(rows) == len(found) and all(len(r) <= width for r in rows)
        assert [r.startswith("▶") for r in rows] == [c.retention == 0.87 for c in found]
        # Bars line up, the dearest retention has the longest, and the widest row fills the width.
        assert len({r.index("█") for r in rows}) == 1 and max(map(len, rows)) == width
        bars = [sum(ch in costs.BLOCKS[1:] for ch in r) for r in rows]
        assert bars.index(max(bars)) == len(rows) - 1 and bars == sorted(bars)
    row = costs.chart_lines(found, 70)[4]
    assert row.startswith("  0.90  █") and re.search(r"\d+ a day · \d+% remembered$", row)
    assert costs.chart_lines([], 60) == []


def test_the_chart_in_persian_writes_persian_digits_and_whole_cells(found):
    fa = Translator("fa", {"{n} a day · {percent}% remembered": "روزی {n} · {percent}٪ به یاد"})
    rows = costs.chart_lines(found, 60, fa, current=0.9)
    assert all(len(r) <= 60 for r in rows) and not any(re.search("[0-9]", r) for r in rows)
    assert "۰٫۹۰" in rows[4] and rows[4].startswith("▶") and "٪ به یاد" in rows[4]
    assert not any(block in "".join(rows) for block in costs.BLOCKS[1:-1])  # whole cells: no eighths


def test_a_bar_is_eighths_of_cells_and_shows_any_cost_at_all():
    assert costs.bar(1, 1, 4) == "████" and costs.bar(0.5, 1, 4) == "██  " and costs.bar(0.53, 1, 4) == "██▏ "
    assert costs.bar(0.001, 1, 4) == "▏   " and costs.bar(0, 1, 4) == "    " and costs.bar(0, 0, 3) == "   "
    assert costs.bar(0.53, 1, 4, whole=True) == "██  " and costs.bar(0.001, 1, 4, whole=True) == "█   "


def test_the_learners_cards_leave_out_suspended_cards_and_terms(store, library):
    session = StudySession(store, library, Scheduling(0.9, fuzzing=False), NOW, UTC)
    now = NOW
    while not session.finished:
        now += timedelta(seconds=5)
        session.answer(Rating.GOOD, now)
    cards = costs.learner_cards(store)
    # Three terms met: each meaning card answered, three siblings opened for tomorrow.
    assert len(cards) == 12 and sum(c.last_review is not None for c in cards) == 3
    assert all(c.state == LEARNING and c.stability is None for c in cards if c.last_review is None)
    store.set_marks("pain-point", TermMarks(suspended=True), now)
    assert len(costs.learner_cards(store)) == 8
    with store.transaction():
        store.conn.execute("update cards set suspended = 1 where term_id = 'touchpoint'")
    assert len(costs.learner_cards(store)) == 4 and len(costs.learner_cards(store, ["meaning"])) == 1
    # A buried term is back tomorrow: its cards stay in.
    store.set_marks("net-promoter-score", TermMarks(buried_until=now + timedelta(hours=12)), now)
    assert len(costs.learner_cards(store)) == 4
    # They go into the simulation as they are: the siblings learnt tomorrow, the day they are due.
    deck = costs.Deck(PARAMETERS, costs.learner_cards(store), now, tz=UTC, new_per_day=0, unmet=0)
    assert len(deck.known) == 1 and deck.learn[:3] == [0, 3, 0]
    found = costs.retention_costs(PARAMETERS, costs.learner_cards(store), now, tz=UTC, new_per_day=0, unmet=0)
    assert all(c.reviews_per_day > 0 and 0.9 < c.remembered < 1 for c in found)


def test_the_days_are_the_learners_local_days():
    tehran = timezone(timedelta(hours=3, minutes=30))
    evening = datetime(2026, 11, 22, 19, 0, tzinfo=UTC)  # 22:30 in Tehran
    tomorrow = Scheduling.new_state(datetime(2026, 11, 22, 21, 0, tzinfo=UTC))  # 00:30 there, the next day
    assert costs.Deck(PARAMETERS, [tomorrow], evening, tz=UTC, new_per_day=0, unmet=0).learn[:2] == [1, 0]
    assert costs.Deck(PARAMETERS, [tomorrow], evening, tz=tehran, new_per_day=0, unmet=0).learn[:2] == [0, 1]
