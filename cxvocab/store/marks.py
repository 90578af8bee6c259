"""The learner's marks on terms (issue 21): suspended, buried until tomorrow, flagged, leech.

They live in ``term_marks``, one row per term ever marked, apart from the cards: a term never
studied can be suspended, an answer never rewrites a mark, and taking a mark back (undo, or
unsuspending in Browse) touches nothing else. Every change is one transaction.
"""

from __future__ import annotations

from datetime import datetime

from cxvocab.records import TermMarks, iso, parse_iso
from cxvocab.store.connection import Connection


class MarkQueries(Connection):
    def marks(self) -> dict[str, TermMarks]:
        """Every term with a mark on it (a small table: read whole)."""
        sql = "select term_id, suspended, flagged, leech, buried_until from term_marks"
        out = {}
        for term_id, suspended, flagged, leech, buried_until in self.conn.execute(sql):
            marks = TermMarks(bool(suspended), bool(flagged), bool(leech), parse_iso(buried_until))
            if marks.any:
                out[term_id] = marks
        return out

    def marks_of(self, term_id: str) -> TermMarks:
        row = self.conn.execute(
            "select suspended, flagged, leech, buried_until from term_marks where term_id = ?", (term_id,)
        ).fetchone()
        if row is None:
            return TermMarks()
        return TermMarks(bool(row[0]), bool(row[1]), bool(row[2]), parse_iso(row[3]))

    def held_terms(self, now: datetime) -> set[str]:
        """Terms out of the study queue now: suspended, or buried until later than ``now``."""
        sql = "select term_id from term_marks where suspended = 1 or (buried_until is not null and buried_until > ?)"
        return {r[0] for r in self.conn.execute(sql, (iso(now),))}

    def set_marks(self, term_id: str, marks: TermMarks, now: datetime) -> TermMarks:
        """Put ``marks`` on a term (one transaction); return what it had before (for undo)."""
        with self.transaction():
            before = self.marks_of(term_id)
            self.conn.execute(
                "insert into term_marks (term_id, suspended, flagged, leech, buried_until, changed_at)"
                " values (?, ?, ?, ?, ?, ?) on conflict (term_id) do update set suspended = excluded.suspended,"
                " flagged = excluded.flagged, leech = excluded.leech, buried_until = excluded.buried_until,"
                " changed_at = excluded.changed_at",
                (
                    term_id,
                    int(marks.suspended),
                    int(marks.flagged),
                    int(marks.leech),
                    iso(marks.buried_until) if marks.buried_until else None,
                    iso(now),
                ),
            )
        return before

    def study_agains(self, term_id: str) -> int:
        """How many times the term's cards were answered Again in study (for leeches)."""
        sql = "select count(*) from reviews indexed by idx_reviews_agains where term_id = ? and rating = 1 and mode = 'study'"
        return int(self.conn.execute(sql, (term_id,)).fetchone()[0])
