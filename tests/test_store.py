from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from cxvocab.scheduling import Scheduling
from cxvocab.store import SCHEMA_VERSION, Answer, CardState, Store, StoreError, iso, parse_iso
from tests.conftest import NOW


def answer(state: CardState | None, **kw) -> Answer:
    base = dict(term_id="touchpoint", kind="meaning", rating=3, correct=True, reviewed_at=NOW, duration_ms=1500)
    base.update(kw)
    return Answer(new_state=state, **base)  # type: ignore[arg-type]


def test_iso_is_utc_fixed_width_and_round_trips():
    text = iso(NOW)
    assert text == "2026-11-22T09:00:00.000000+00:00"
    assert parse_iso(text) == NOW
    with pytest.raises(ValueError):
        iso(NOW.replace(tzinfo=None))


def test_open_creates_schema_with_wal(tmp_path):
    store = Store.open(tmp_path / "sub" / "progress.db")
    assert store.schema_version() == SCHEMA_VERSION
    assert store.conn.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("pragma busy_timeout").fetchone()[0] >= 5000
    assert {"cards", "reviews", "meta"} <= set(store.db.table_names())
    store.close()
    # Opening again migrates nothing and keeps the version.
    again = Store.open(tmp_path / "sub" / "progress.db")
    assert again.schema_version() == SCHEMA_VERSION
    again.close()


def test_first_answer_creates_card_and_review_in_one_go(store, scheduling):
    state = scheduling.review(0, None, 3, NOW)
    review_id = store.record(answer(state, answer="typed"))
    card = store.card("touchpoint", "meaning")
    assert card is not None and card.state == state
    (review,) = store.reviews()
    assert (review.id, review.card_id, review.rating, review.correct, review.duration_ms, review.mode, review.answer) == (
        review_id, card.id, 3, True, 1500, "study", "typed",
    )
    assert review.reviewed_at == NOW
    row = next(store.db.query("select due, last_review from cards"))
    assert row["due"].endswith("+00:00") and row["last_review"] == iso(NOW)


def test_undo_restores_card_exactly(store, scheduling):
    first = scheduling.review(0, None, 3, NOW)
    store.record(answer(first))
    card = store.card("touchpoint", "meaning")
    assert card
    later = NOW + timedelta(minutes=11)
    second = scheduling.review(card.id, card.state, 1, later)
    review_id = store.record(answer(second, rating=1, correct=False, reviewed_at=later))
    assert store.card("touchpoint", "meaning").state == second  # type: ignore[union-attr]
    store.undo(review_id)
    assert store.card("touchpoint", "meaning").state == first  # type: ignore[union-attr]
    assert len(store.reviews()) == 1


def test_undoing_a_first_answer_makes_the_term_new_again(store, scheduling):
    siblings = [("usage", Scheduling.new_state(NOW + timedelta(days=1)))]
    review_id = store.record(answer(scheduling.review(0, None, 3, NOW), siblings=siblings))
    assert store.count("cards") == 2 and store.met_terms() == {"touchpoint"}
    store.undo(review_id)
    assert store.count("cards") == 0 and store.count("reviews") == 0
    assert store.met_terms() == set()


def test_a_failed_write_leaves_nothing_behind(store, scheduling):
    state = scheduling.review(0, None, 3, NOW)
    with pytest.raises(sqlite3.IntegrityError):
        store.record(answer(state, rating=None))  # rating is NOT NULL
    assert store.count("cards") == 0 and store.count("reviews") == 0


def test_prep_answers_leave_the_schedule_alone(store, scheduling):
    store.record(answer(None, mode="prep"))
    assert store.count("cards") == 0
    (review,) = store.reviews()
    assert review.mode == "prep" and review.card_id is None
    state = scheduling.review(0, None, 3, NOW)
    store.record(answer(state))
    before = store.card("touchpoint", "meaning")
    store.record(answer(None, mode="prep", rating=1, correct=False))
    assert store.card("touchpoint", "meaning") == before


def test_counts_for_the_queue(store, scheduling):
    store.record(answer(scheduling.review(0, None, 3, NOW)))
    store.record(answer(scheduling.review(0, None, 3, NOW), term_id="pain-point"))
    assert store.introduced_between(NOW, NOW + timedelta(days=1)) == 2
    assert store.introduced_between(NOW + timedelta(seconds=1), NOW + timedelta(days=1)) == 0
    assert store.reviewed_between(NOW, NOW + timedelta(days=1)) == [("touchpoint", "meaning"), ("pain-point", "meaning")]
    assert [c.term_id for c in store.due_cards(NOW + timedelta(hours=1), ["meaning"])] == ["touchpoint", "pain-point"]
    assert store.due_cards(NOW, ["meaning"]) == []


def test_not_a_database_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "progress.db"
    garbage = b"this is not sqlite at all\n" * 200
    path.write_bytes(garbage)
    with pytest.raises(StoreError) as info:
        Store.open(path)
    assert str(path) in str(info.value) and "not a readable cxvocab database" in str(info.value)
    assert path.read_bytes() == garbage


def test_database_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "progress.db"
    Store.open(path).set_meta("schema_version", str(SCHEMA_VERSION + 1))
    with pytest.raises(StoreError, match="newer cxvocab"):
        Store.open(path)


def test_the_schema_has_the_stats_indexes(tmp_path):
    from cxvocab.store import Store

    path = tmp_path / "p.db"
    store = Store.open(path)
    assert store.schema_version() == SCHEMA_VERSION == 5
    names = {r["name"] for r in store.db.query("select name from sqlite_master where type = 'index'")}
    assert {"idx_reviews_mode_time", "idx_reviews_misses", "idx_reviews_agains"} <= names and "idx_reviews_lapses" not in names
    store.close()
    # A version-1 database (the indexes dropped, the version set back) is brought up to date.
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("drop index idx_reviews_mode_time")
    conn.execute("drop index idx_reviews_misses")
    conn.execute("update meta set value = '1' where key = 'schema_version'")
    conn.commit()
    conn.close()
    again = Store.open(path)
    assert again.schema_version() == SCHEMA_VERSION
    names = {r["name"] for r in again.db.query("select name from sqlite_master where type = 'index'")}
    assert {"idx_reviews_mode_time", "idx_reviews_misses"} <= names
    again.close()


def test_schema_4_keeps_the_state_before_an_answer_in_a_column(tmp_path, clock):
    """Retention counts answers to cards in review by a column, not by the key order of the
    JSON of card_before: a database of schema 3 gets it filled from that JSON."""
    import json
    import sqlite3

    from cxvocab.scheduling import REVIEW

    path = tmp_path / "p.db"
    store = Store.open(path)
    review = CardState(REVIEW, None, 5.0, 5.0, clock.now(), clock.now())
    store.open_cards([("touchpoint", "usage", review)], clock.now())
    store.record(Answer("touchpoint", "usage", 3, True, clock.now(), 1000, new_state=review))
    (row,) = store.db.query("select card_before, state_before from reviews")
    assert row["state_before"] == REVIEW and json.loads(row["card_before"])["state"] == REVIEW
    store.close()
    conn = sqlite3.connect(path)  # as a schema-3 database had it: no column yet
    conn.execute("drop index idx_reviews_mode_time")
    conn.execute("alter table reviews drop column state_before")
    conn.execute("update meta set value = '3' where key = 'schema_version'")
    conn.commit()
    conn.close()
    again = Store.open(path)
    assert [r["state_before"] for r in again.db.query("select state_before from reviews")] == [REVIEW]
    assert again.review_outcomes(clock.now().replace(year=2000)) == {"usage": (1, 1)}
    again.close()
