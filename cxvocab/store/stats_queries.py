"""The aggregates of the Stats screen and ``cxvocab stats``, computed by SQL (DESIGN §7: the
numbers at 250,000 reviews in at most 100 ms)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from cxvocab.records import iso
from cxvocab.store.connection import Connection
from cxvocab.store.migrations import REVIEW_STATE


class StatsQueries(Connection):
    # -- aggregates for stats (DESIGN §7: stats at 250k reviews in ≤ 100 ms, so SQL does it) ---

    def reviews_per_day(self, days: Sequence[tuple[str, datetime, datetime]], mode: str = "study") -> dict[str, int]:
        """Answers per local day, for (label, UTC start, UTC end) days, in one statement of
        indexed range counts (at 250k reviews far quicker than grouping every row by a computed
        date). A day's answers in ``mode`` are all its answers, counted in the narrow index on
        the time, less those of the other modes (prep: few), counted in the index on (mode,
        time): three times quicker than counting one mode's entries in that wide index."""
        if not days:
            return {}
        counts: dict[str, int] = {}
        others = [m for m in self._modes() if m != mode]
        per_day = (
            "(select count(*) from reviews indexed by idx_reviews_reviewed_at where reviewed_at >= a and reviewed_at < b)"
            + " - (select count(*) from reviews indexed by idx_reviews_mode_time"
            " where mode = ? and reviewed_at >= a and reviewed_at < b)" * len(others)
        )
        for first in range(0, len(days), 200):  # at most 600 parameters a statement
            chunk = days[first : first + 200]
            values = ", ".join(["(?, ?, ?)"] * len(chunk))
            sql = f"with days(label, a, b) as (values {values}) select label, {per_day} from days"
            params = [value for label, start, end in chunk for value in (label, iso(start), iso(end))]
            counts.update((label, int(n)) for label, n in self.conn.execute(sql, (*params, *others)))
        return counts

    def _modes(self) -> list[str]:
        """The modes answers were given in, each found by one seek in the (mode, time) index."""
        modes: list[str] = []
        row = self.conn.execute("select min(mode) from reviews").fetchone()
        while row[0] is not None:
            modes.append(row[0])
            row = self.conn.execute("select min(mode) from reviews where mode > ?", (row[0],)).fetchone()
        return modes

    def reviews_since(self, since: datetime) -> int:
        sql = "select count(*) as n from reviews where reviewed_at >= ?"
        return int(next(self.db.query(sql, (iso(since),)))["n"])

    def review_outcomes(self, since: datetime) -> dict[str, tuple[int, int]]:
        """Per kind, (right, asked) for cards that were in review (not learning) when answered,
        in study mode since ``since``: what true retention is measured on (``state_before``, a
        column of its own since schema 4)."""
        sql = (
            "select kind, sum(rating > 1) as right, count(*) as asked from reviews"
            f" where mode = 'study' and reviewed_at >= ? and state_before = {REVIEW_STATE}"
            " group by kind"
        )
        return {r["kind"]: (int(r["right"]), int(r["asked"])) for r in self.db.query(sql, (iso(since),))}

    def review_outcomes_between(self, windows: Sequence[tuple[datetime, datetime]]) -> list[dict[str, tuple[int, int]]]:
        """:meth:`review_outcomes` for each [start, end) window: one statement of one grouped
        range a window (a join with the windows groups every row by two keys, 50% slower)."""
        outcomes: list[dict[str, tuple[int, int]]] = [{} for _ in windows]
        for first in range(0, len(windows), 200):
            chunk = windows[first : first + 200]
            sql = " union all ".join(
                f"select {first + i}, kind, sum(rating > 1), count(*) from reviews indexed by idx_reviews_mode_time"
                f" where mode = 'study' and reviewed_at >= ? and reviewed_at < ? and state_before = {REVIEW_STATE}"
                " group by kind"
                for i in range(len(chunk))
            )
            params = [iso(moment) for window in chunk for moment in window]
            for i, kind, right, asked in self.conn.execute(sql, params):
                outcomes[i][kind] = (int(right), int(asked))
        return outcomes

    def misses_by_term(self, limit: int) -> list[tuple[str, int]]:
        """Terms answered wrongly most often (study and prep), with how often: the hardest."""
        sql = (
            "select term_id, count(*) as n from reviews indexed by idx_reviews_misses where correct = 0"
            " group by term_id order by n desc, term_id limit ?"
        )
        return [(term_id, int(n)) for term_id, n in self.conn.execute(sql, (limit,))]

    def due_per_day(self, since: datetime, until: datetime, offset: str, kinds: Sequence[str]) -> dict[str, int]:
        """Terms with a card due, per local day (``offset`` from UTC, as "+HH:MM"), for cards due
        in [since, until); a term counts once a day, as the daily queue asks one card of it.
        (The table is read whole, not through the index on due: when many cards fall due within
        the fortnight, as a new learner's do, looking each one up costs more.)"""
        marks = ",".join("?" * len(kinds))
        sql = (
            "select date(due, ?) as day, count(distinct term_id) as n from cards not indexed"
            f" where suspended = 0 and due >= ? and due < ? and kind in ({marks})"
            # A suspended term is in no queue, so in no forecast either.
            " and term_id not in (select term_id from term_marks where suspended = 1) group by day"
        )
        return {day: int(n) for day, n in self.conn.execute(sql, (offset, iso(since), iso(until), *kinds))}

    def due_kinds(self, until: datetime, kinds: Sequence[str]) -> list[tuple[str, str, int]]:
        """(term_id, kind, in learning: 0 or 1) of the cards :meth:`due_cards` gives, without
        building them: for counting today's queue. "In learning": a learning or relearning step
        of a card already answered; the rest (reviews, and siblings opened but never answered)
        are due like reviews."""
        marks = ",".join("?" * len(kinds))
        sql = (
            # Left alone, the planner looks every card up through the (kind, created_at) index for
            # kind in (...); read in table order, a learner back after a month costs no more.
            "select term_id, kind, last_review is not null and state != ? from cards not indexed"
            f" where suspended = 0 and due <= ? and kind in ({marks})"
        )
        return self.conn.execute(sql, (REVIEW_STATE, iso(until), *kinds)).fetchall()

    def term_progress(self) -> dict[str, tuple[bool, float]]:
        """Per term met: (answered at least once, the lowest stability of its answered cards)."""
        sql = (
            "select term_id, count(last_review) as answered, min(case when last_review is not null"
            " then coalesce(stability, 0) end) as weakest from cards group by term_id"
        )
        return {term_id: (answered > 0, float(weakest or 0)) for term_id, answered, weakest in self.conn.execute(sql)}

    def memory_states(self) -> list[tuple[str, float | None, float | None, str | None]]:
        """(term_id, stability, difficulty, last review) of every card not suspended: what a
        simulation of the days ahead starts from (cxvocab.costs)."""
        sql = "select term_id, stability, difficulty, last_review from cards where suspended = 0"
        return [(r[0], r[1], r[2], r[3]) for r in self.conn.execute(sql)]

    def answered_terms(self, stable_days: float) -> list[tuple[str, bool]]:
        """Terms answered at least once, each with whether every answered card of it holds for
        ``stable_days`` (the stats' "mastered"): :meth:`term_progress` reduced to what stats
        needs, in less time (only answered cards are grouped, and 5,000 rows are not built)."""
        sql = (
            "select term_id, min(coalesce(stability, 0)) >= ? from cards not indexed"
            " where last_review is not null group by term_id"
        )
        return [(term_id, bool(stable)) for term_id, stable in self.conn.execute(sql, (stable_days,))]
