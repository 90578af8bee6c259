"""Cards and reviews: the reads the queue and the screens make, and the one write per answer."""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from datetime import datetime, timezone
from typing import Any

from cxvocab.records import Answer, CardRow, CardState, ReviewRow, iso, parse_iso
from cxvocab.store.connection import Connection


class CardQueries(Connection):
    # -- reads ------------------------------------------------------------------------------

    def card(self, term_id: str, kind: str) -> CardRow | None:
        rows = list(self.db.query("select * from cards where term_id = ? and kind = ?", (term_id, kind)))
        return CardRow.from_row(rows[0]) if rows else None

    def card_by_id(self, card_id: int) -> CardRow | None:
        rows = list(self.db.query("select * from cards where id = ?", (card_id,)))
        return CardRow.from_row(rows[0]) if rows else None

    def due_cards(self, until: datetime, kinds: Sequence[str], of_term: str | None = None) -> list[CardRow]:
        """Cards already met (reviewed at least once, or opened) that are due by ``until``, in
        order of due time then id (only those of one term, with ``of_term``).

        Read as plain tuples: over thousands of due cards on a large collection, building a
        dict per row cost more than the query."""
        marks = ",".join("?" * len(kinds))
        one = " and term_id = ?" if of_term is not None else ""
        sql = (
            "select id, term_id, kind, state, step, stability, difficulty, due, last_review, suspended"
            # "+kind": the kind index would make SQLite visit every card; the due index reads
            # only the cards due.
            f" from cards where suspended = 0 and due <= ? and +kind in ({marks}){one} order by due, id"
        )
        return [
            CardRow(
                card_id, term_id, kind,
                CardState(state, step, stability, difficulty, datetime.fromisoformat(due), parse_iso(last_review)),
                bool(suspended),
            )
            for card_id, term_id, kind, state, step, stability, difficulty, due, last_review, suspended in self.conn.execute(
                sql, (iso(until), *kinds, *([of_term] if of_term is not None else []))
            )
        ]

    def earliest_due(self, kinds: Sequence[str], terms: Collection[str]) -> datetime | None:
        """When the first card of ``kinds`` of one of ``terms`` falls due (suspended cards
        aside), read in due order through the due index until one is found."""
        marks = ",".join("?" * len(kinds))
        sql = f"select term_id, due from cards where suspended = 0 and +kind in ({marks}) order by due"
        for term_id, due in self.conn.execute(sql, tuple(kinds)):
            if term_id in terms:
                return datetime.fromisoformat(due)
        return None

    def data_version(self) -> int:
        """Changes when another connection (a second instance) commits to the database;
        this connection's own commits leave it as it was (SQLite's ``PRAGMA data_version``)."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def card_kinds(self, short_of: Sequence[str] | None = None) -> list[tuple[str, str]]:
        """Every (term_id, kind) that has a card; with ``short_of``, only those of terms that
        lack a card of one of those kinds (counted in SQL: nearly every term has them all)."""
        if short_of is None:
            return [(r["term_id"], r["kind"]) for r in self.db.query("select term_id, kind from cards")]
        marks = ",".join("?" * len(short_of))
        sql = (
            "select term_id, kind from cards where term_id in (select term_id from cards group by term_id"
            f" having count(distinct case when kind in ({marks}) then kind end) < ?)"
        )
        return list(self.conn.execute(sql, (*short_of, len(set(short_of)))))

    def weakest_terms(self, limit: int) -> list[str]:
        """Term ids answered wrongly most often (study and prep), then least stable first."""
        sql = (
            "select m.term_id from (select term_id, count(*) as misses from reviews indexed by idx_reviews_misses"
            " where correct = 0 group by term_id) m"
            " left join (select term_id, min(coalesce(stability, 0)) as stability from cards group by term_id) c"
            " on c.term_id = m.term_id order by m.misses desc, c.stability asc, m.term_id limit ?"
        )
        return [r["term_id"] for r in self.db.query(sql, (limit,))]

    def open_cards(self, cards: Sequence[tuple[str, str, CardState]], now: datetime) -> None:
        """Create cards that do not exist yet (one transaction)."""
        if not cards:
            return
        with self.transaction():
            for term_id, kind, state in cards:
                self._insert_card(term_id, kind, state, now, or_ignore=True)

    def met_terms(self) -> set[str]:
        """Ids of terms that have been introduced (their meaning card exists)."""
        return {r["term_id"] for r in self.db.query("select term_id from cards where kind = 'meaning'")}

    def introduced_between(self, start: datetime, end: datetime) -> int:
        """How many terms were introduced (first answered) in [start, end)."""
        sql = "select count(*) as n from cards where kind = 'meaning' and created_at >= ? and created_at < ?"
        return int(next(self.db.query(sql, (iso(start), iso(end))))["n"])

    def reviewed_between(self, start: datetime, end: datetime, mode: str = "study") -> list[tuple[str, str]]:
        """(term_id, kind) pairs answered in [start, end), oldest first, for sibling burying."""
        sql = (
            "select term_id, kind from reviews where reviewed_at >= ? and reviewed_at < ? and mode = ?"
            " order by reviewed_at"
        )
        return [(r["term_id"], r["kind"]) for r in self.db.query(sql, (iso(start), iso(end), mode))]

    def study_history(self) -> list[tuple[int, str, int]]:
        """(card id, reviewed at, rating) of every study answer, by card, then in time: what
        FSRS is fitted to (prep answers never touch the schedule, so they never teach it)."""
        sql = "select card_id, reviewed_at, rating from reviews where mode = 'study' order by card_id, reviewed_at, id"
        return [(int(r[0]), str(r[1]), int(r[2])) for r in self.conn.execute(sql)]

    def reviews(self, term_id: str | None = None) -> list[ReviewRow]:
        sql = "select * from reviews" + (" where term_id = ?" if term_id else "") + " order by id"
        return [
            ReviewRow(
                id=r["id"],
                card_id=r["card_id"],
                term_id=r["term_id"],
                kind=r["kind"],
                rating=r["rating"],
                correct=bool(r["correct"]),
                reviewed_at=parse_iso(r["reviewed_at"]) or datetime.min.replace(tzinfo=timezone.utc),
                duration_ms=r["duration_ms"],
                mode=r["mode"],
                answer=r["answer"],
            )
            for r in self.db.query(sql, (term_id,) if term_id else ())
        ]

    # -- writes -----------------------------------------------------------------------------

    def record(self, answer: Answer) -> int:
        """Write one answer atomically; return the review id (for undo).

        On a term's first answer the card (and any sibling cards it opens) are created in the
        same transaction.
        """
        with self.transaction():
            row = self.card(answer.term_id, answer.kind)
            before: str | None = None
            state_before: int | None = None
            card_id: int | None
            if row is None and answer.new_state is None:
                # A prep answer on a term never studied: the schedule stays untouched, so no
                # card is created; the review row still keeps the answer.
                card_id = None
            elif row is None:
                assert answer.new_state is not None
                card_id = self._insert_card(answer.term_id, answer.kind, answer.new_state, answer.reviewed_at)
                for kind, state in answer.siblings:
                    self._insert_card(answer.term_id, kind, state, answer.reviewed_at, or_ignore=True)
            else:
                card_id = row.id
                if answer.new_state is not None:
                    before = json.dumps(row.state.to_row())
                    state_before = row.state.state
                    self._write_state(card_id, answer.new_state)
            cursor = self.conn.execute(
                "insert into reviews (card_id, term_id, kind, rating, correct, answer, reviewed_at,"
                " duration_ms, mode, card_before, state_before, ahead) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    card_id,
                    answer.term_id,
                    answer.kind,
                    answer.rating,
                    int(answer.correct),
                    answer.answer,
                    iso(answer.reviewed_at),
                    max(0, int(answer.duration_ms)),
                    answer.mode,
                    before,
                    state_before,
                    int(answer.ahead),
                ),
            )
            assert cursor.lastrowid is not None
            return cursor.lastrowid

    def _insert_card(self, term_id: str, kind: str, state: CardState, now: datetime, *, or_ignore: bool = False) -> int:
        verb = "insert or ignore" if or_ignore else "insert"
        cursor = self.conn.execute(
            f"{verb} into cards (term_id, kind, state, step, stability, difficulty, due, last_review,"
            " suspended, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
            (term_id, kind, *_state_values(state), iso(now)),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def _write_state(self, card_id: int, state: CardState) -> None:
        self.conn.execute(
            "update cards set state = ?, step = ?, stability = ?, difficulty = ?, due = ?, last_review = ?"
            " where id = ?",
            (*_state_values(state), card_id),
        )

    def undo(self, review_id: int) -> None:
        """Take back one answer: delete its review row and restore the card as it was.

        If that answer created the card (the term's first answer), the card and the sibling
        cards it opened go too, so the term is new again and today's new count drops.
        """
        with self.transaction():
            rows = list(self.db.query("select * from reviews where id = ?", (review_id,)))
            if not rows:
                return
            review = rows[0]
            self.conn.execute("delete from reviews where id = ?", (review_id,))
            if review["mode"] != "study":
                return
            if review["card_before"] is not None:
                self._write_state(review["card_id"], CardState.from_row(json.loads(review["card_before"])))
                return
            remaining = self.conn.execute(
                "select count(*) from reviews where term_id = ? and mode = 'study'", (review["term_id"],)
            ).fetchone()[0]
            if remaining == 0:
                # Prep answers may point at these cards; they keep their term and kind.
                self.conn.execute("update reviews set card_id = null where term_id = ?", (review["term_id"],))
                self.conn.execute("delete from cards where term_id = ?", (review["term_id"],))


def _state_values(state: CardState) -> tuple[Any, ...]:
    row = state.to_row()
    return (row["state"], row["step"], row["stability"], row["difficulty"], row["due"], row["last_review"])
