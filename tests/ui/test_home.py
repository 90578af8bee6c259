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


async def test_a_term_with_an_unknown_confusable_is_not_counted_as_left_out(tmp_path, store, scheduling, clock):
    """An unknown confusable is a warning: the term loads, so home does not say it was left out;
    a real error is still counted."""
    from cxvocab.config import Settings
    from cxvocab.content import load_library
    from tests.conftest import DATA, write
    from tests.ui.conftest import build_app

    good = (DATA / "good.yaml").read_text(encoding="utf-8")
    linked = write(tmp_path / "a.yaml", good.replace("confusables: [touchpoint]", "confusables: [touchpoint, nope]"))
    library = load_library([linked])
    assert "pain-point" in library.terms and library.errors == [] and len(library.warnings) == 1
    app = build_app(store, library, clock, settings=Settings(), scheduling=scheduling)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#problems").display is False

    broken = write(tmp_path / "b.yaml", good.replace("topic: sample", "topic: other").replace("    pos: noun\n", "    pos: nown\n"))
    library = load_library([linked, broken])
    app = build_app(store, library, clock, settings=Settings(), scheduling=scheduling)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        problems = app.screen.query_one("#problems")
        assert problems.display is True
        assert str(problems.render()) == (
            "1 term file has 3 problems; the terms with problems were left out. To see them: cxvocab check"
        )


async def test_the_command_line_builds_the_app_from_real_parts(_isolated_home):
    """``ui.app.build`` (what ``cxvocab`` runs): the built-in topics, a new database at the
    home folder (and the notice saying so), first-run calibration, and the app marked as the
    process's only one."""
    from cxvocab.bootstrap import Context, Options
    from cxvocab.ui.app import build
    from cxvocab.ui.screens.calibration import CalibrationScreen

    app = build(Context(Options()))
    database = _isolated_home / "data" / "progress.db"
    try:
        assert app.long_lived and database.exists() and len(app.library.topics) >= 10
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, CalibrationScreen)
            assert [n.message for n in app._notifications] == [f"Started a new progress database at {database}"]
    finally:
        app.store.close()
    again = build(Context(Options(rtl="visual")))  # the database exists now; the display is chosen
    try:
        assert not again.calibrate and again.notices == []
    finally:
        again.store.close()
