from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from cxvocab.content import load_library
from cxvocab.paths import builtin_content_dir
from cxvocab.prep import PrepError, PrepSession, parse_kinds, select_terms, sheet_markdown, sheet_title
from cxvocab.queue import interleave, missing_siblings
from cxvocab.scheduling import Rating
from cxvocab.session import StudySession
from cxvocab.store import CardRow, CardState
from tests.conftest import NOW


@pytest.fixture(scope="module")
def content():
    return load_library([builtin_content_dir()])


def test_select_terms_by_topic_title_or_tag(content, store):
    metrics = select_terms(content, store, ["metrics"])
    assert metrics == content.topics["metrics"].term_ids
    assert select_terms(content, store, ["Measuring CX"]) == metrics
    assert "customer-satisfaction-score" in select_terms(content, store, ["metric"])  # a tag
    assert select_terms(content, store, []) == list(content.terms)
    with pytest.raises(PrepError, match="no topic or tag 'nope'; topics are: fundamentals, journey"):
        select_terms(content, store, ["nope"])
    with pytest.raises(PrepError, match="no weak terms yet"):
        select_terms(content, store, [], weakest=True)


def test_parse_kinds():
    assert parse_kinds("usage, choice") == ("usage", "choice")
    assert parse_kinds(None) == ("usage", "choice", "gap", "recall")
    with pytest.raises(PrepError, match="unknown kind 'spelling'; choose from usage, choice, gap, recall, meaning"):
        parse_kinds("usage,spelling")


def test_prep_mixes_kinds_and_never_touches_the_schedule(content, store, scheduling):
    # One studied term, so that there is a schedule to leave alone.
    study = StudySession(store, content, scheduling, NOW, None, new_per_day=1)
    study.answer(Rating.GOOD, NOW)
    cards_before = [(c["id"], c["due"], c["stability"]) for c in store.db.query("select * from cards")]

    ids = content.topics["metrics"].term_ids
    prep = PrepSession(store, content, ids, NOW, kinds=("usage", "choice", "recall"), count=len(ids) + 1, seed=7)
    asked = []
    now = NOW
    while not prep.finished:
        question = prep.current
        assert question is not None
        asked.append((question.term.id, question.kind))
        now += timedelta(seconds=4)
        prep.answer(Rating.AGAIN if len(asked) % 3 == 0 else Rating.GOOD, now, correct=len(asked) % 3 != 0, text="x")
    assert len(asked) == len(ids) + 1 and len({t for t, _ in asked}) == len(ids)  # every topic term before any repeat
    assert {k for _, k in asked} == {"usage", "choice", "recall"}
    rows = [r for r in store.reviews() if r.mode == "prep"]
    assert len(rows) == len(asked) and all(r.duration_ms == 4000 and r.answer == "x" for r in rows)
    assert [(c["id"], c["due"], c["stability"]) for c in store.db.query("select * from cards")] == cards_before
    summary = prep.summary(now)
    assert summary.answered == len(asked) and len(summary.missed) == len(asked) // 3  # every third answer, distinct terms
    assert store.weakest_terms(3)[0] in {t.id for t in summary.missed}


def test_prep_is_time_boxed(content, store):
    prep = PrepSession(store, content, list(content.terms), NOW, count=50, minutes=5, seed=1)
    assert prep.time_left(NOW) == timedelta(minutes=5)
    prep.answer(Rating.GOOD, NOW + timedelta(minutes=4))
    assert not prep.finished
    prep.answer(Rating.GOOD, NOW + timedelta(minutes=6))
    assert prep.finished and prep.summary(NOW + timedelta(minutes=6)).ran_out_of_time


def test_prep_undo_removes_the_row(content, store):
    prep = PrepSession(store, content, ["touchpoint"], NOW, count=2, seed=1)
    first = prep.current
    prep.answer(Rating.GOOD, NOW)
    assert prep.undo(NOW) and store.count("reviews") == 0 and prep.current.term.id == first.term.id  # type: ignore[union-attr]


def test_sheet_markdown(content):
    nps = content.terms["net-promoter-score"]
    sheet = sheet_markdown([nps], content, sheet_title(content, ["metrics"], weakest=False))
    lines = sheet.splitlines()
    assert lines[0] == "# Meeting prep: Measuring CX"
    assert lines[2] == "| Term | Persian | Used correctly | Say it with | Other forms |"
    assert lines[4].startswith("| Net Promoter Score (NPS) | امتیاز خالص مروجان | We survey a random sample")
    assert lines[4].endswith("| raise our NPS; an NPS survey; promoters and detractors |  |")  # no other forms


def test_the_sheet_says_how_to_use_each_word(tmp_path):
    from cxvocab.content import load_library
    from tests.test_gaps import gapped

    library = load_library([gapped(tmp_path)])
    touchpoint = replace(library.terms["touchpoint"], collocations=[])
    (row,) = sheet_markdown([touchpoint], library).splitlines()[4:]
    assert row.endswith("| receive (collocation); with (preposition) | touch (verb) |")


def test_sheet_cells_cannot_break_the_table(content):
    term = replace(content.terms["touchpoint"], fa="نقطه | تماس\nدوم")
    assert "| نقطه \\| تماس دوم |" in sheet_markdown([term], content)


def card(card_id: int, term_id: str, kind: str) -> CardRow:
    return CardRow(card_id, term_id, kind, CardState(2, 0, 1.0, 5.0, NOW, NOW), False)


def test_interleave_alternates_kinds_and_brings_confusables_together():
    cards = [
        card(1, "csat", "usage"),
        card(2, "touchpoint", "usage"),
        card(3, "nps", "choice"),
        card(4, "journey", "recall"),
        card(5, "ces", "usage"),
    ]
    related = {"csat": {"nps", "ces"}, "nps": {"csat", "ces"}, "ces": {"csat", "nps"}}
    order = interleave(cards, lambda t: related.get(t, set()))
    assert [c.id for c in order] == [1, 3, 5, 4, 2]
    assert all(a.kind != b.kind for a, b in zip(order, order[1:], strict=False) if (a.id, b.id) != (4, 2))


def test_terms_met_before_a_kind_existed_get_it_tomorrow(content, store, scheduling):
    study = StudySession(store, content, scheduling, NOW, None, new_per_day=1, kinds=("meaning",))
    study.answer(Rating.GOOD, NOW)
    assert store.count("cards") == 1
    missing = missing_siblings(store, list(content.terms), NOW, None)
    assert sorted(k for _, k, _ in missing) == ["choice", "gap", "recall", "usage"]
    assert all(state.due > NOW for _, _, state in missing)
    StudySession(store, content, scheduling, NOW, None)  # the default kinds: the cards are opened
    assert store.count("cards") == 5  # (tests/test_gaps.py: a term without gap items gets no gap card)


def test_other_kinds_open_the_next_day_one_per_day(content, store, scheduling):
    """A new term enters through meaning; its other kinds come from the next day on, and two
    cards of one term are never asked on the same day."""
    study = StudySession(store, content, scheduling, NOW, None, new_per_day=1)
    assert study.current is not None and study.current.kind == "meaning"
    term = study.current.term.id
    study.answer(Rating.EASY, NOW)  # Easy: the meaning card itself is not due tomorrow
    assert study.finished  # nothing else of that term today
    tomorrow = NOW + timedelta(days=1)
    day2 = StudySession(store, content, scheduling, tomorrow, None, new_per_day=0)
    assert day2.current is not None and day2.current.term.id == term
    assert day2.remaining() == (0, 0, 1)  # three kinds due, one asked today: the count says 1
    first_kind = day2.current.kind
    assert first_kind in ("recall", "usage", "choice")
    day2.answer(Rating.GOOD, tomorrow, correct=True, text="typed")
    # Only that same card may come back today (its learning step); its siblings are buried.
    assert [c.kind for c in [*day2.queue.learning, *day2.queue.reviews]] == [first_kind]
    (last,) = [r for r in store.reviews() if r.reviewed_at == tomorrow]
    assert (last.correct, last.answer) == (True, "typed")
