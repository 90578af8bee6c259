"""The home screen's topic list: columns laid out as text, and a cap for very many topics."""

from __future__ import annotations

from rich.cells import cell_len

from cxvocab.ui.screens.home import topic_rows, topic_table


def test_topic_table_lines_up_columns_and_shortens_long_titles():
    rows = [("CX fundamentals", 8, 0, 8), ("A very long topic title " * 3, 120, 12, 0), ("Brand", 6, 3, 1)]
    lines = topic_table(rows).plain.split("\n")
    assert lines[0].split() == ["Topic", "Terms", "Due", "New", "today"]
    body = lines[2:]
    assert len({cell_len(line) for line in body}) == 1  # every row as wide as the others
    assert body[1].split()[-3:] == ["120", "12", "0"]
    assert "…" in body[1] and cell_len(body[1].split("  ")[0]) <= 40


def test_with_many_topics_those_with_cards_waiting_come_first():
    rows = [(f"topic {i}", 8, 1 if i % 10 == 0 else 0, 0) for i in range(630)]
    shown, more = topic_rows(rows, limit=60)
    assert len(shown) == 60 and more == 570
    assert [r[0] for r in shown] == [f"topic {i}" for i in range(0, 630, 10)][:60]
    few, none_left = topic_rows(rows[:12])
    assert few == rows[:12] and none_left == 0
