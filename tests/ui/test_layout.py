"""Layout at the widths learners use (60, 100, 160 columns): nothing cut, nothing covered,
Persian in reading order."""

from __future__ import annotations

import re

import pytest
from rich.console import Console

from cxvocab import rtl
from cxvocab.clock import FixedClock
from cxvocab.content import load_library
from cxvocab.paths import builtin_content_dir
from cxvocab.render import stats_report
from cxvocab.stats import compute
from cxvocab.store import Store
from cxvocab.ui.screens.study import StudyScreen
from cxvocab.ui.widgets.flashcard import Flashcard
from cxvocab.ui.widgets.persian_input import PersianInput
from cxvocab.ui.widgets.rating_bar import RatingBar
from tests.conftest import NOW


def lines_of(renderable, width: int) -> list[str]:
    console = Console(width=width, record=True, file=open("/dev/null", "w"))
    console.print(renderable)
    return console.export_text().splitlines()


@pytest.mark.parametrize("width", [160, 100, 60])
async def test_the_card_is_never_wider_than_a_reader_can_follow(make_app, width):
    app = make_app()
    async with app.run_test(size=(width, 32)) as pilot:
        await pilot.press("enter", "space")
        card = app.screen.query_one(Flashcard)
        assert card.region.width <= 104
        if width == 160:  # centred: as much room on either side
            assert abs(card.region.x - (width - card.region.right)) <= 2


async def test_notices_never_cover_the_grade_buttons(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await pilot.press("enter", "space")
        app.notify("A notice of three lines or so, the kind a missing sound device gives. " * 2)
        await pilot.pause()
        await pilot.pause()
        toast = app.screen.query_one("ToastRack").query_one("Toast")
        bar = app.screen.query_one(RatingBar)
        assert not toast.region.overlaps(bar.region)
        assert toast.region.bottom <= app.screen.query_one("#hint").region.y


@pytest.mark.parametrize("width", [40, 60, 100])
def test_the_stats_numbers_keep_their_labels_at_any_width(width):
    library = load_library([builtin_content_dir()])
    store = Store.memory()
    report = "\n".join(lines_of(stats_report(compute(store, library, NOW, None), library, width=width), width))
    for label in ("terms", "seen", "mastered", "day streak", "answers today", "answers in all", "due today",
                  "retention (30 days)"):
        assert f" {label}" in report, label
    assert "…" not in report.split("Due in the next")[0]


def test_a_persian_cell_wraps_in_reading_order():
    """"مدیریت تجربه مشتری" in a narrow column: a table that wrapped the display-order string
    put "تجربه مشتری" on the first line and "مدیریت" under it."""
    library = load_library([builtin_content_dir()])
    store = Store.memory()
    from cxvocab.scheduling import Scheduling
    from cxvocab.session import StudySession

    session = StudySession(store, library, Scheduling(fuzzing=False), NOW, None)
    while session.current is not None and session.current.term.id != "customer-experience-management":
        session.answer(3, NOW)
    session.answer(1, NOW)
    stats = compute(store, library, NOW, None)
    out = lines_of(stats_report(stats, library, mode="visual", width=40), 40)
    start = next(i for i, line in enumerate(out) if "Hardest" in line)
    runs = [re.search("[\u0600-\u06ff\ufb50-\ufeff][\u0600-\u06ff\ufb50-\ufeff\u200c ]*", line) for line in out[start:]]
    persian = [run.group().strip() for run in runs if run]
    assert len(persian) > 1  # wrapped, as the column is narrow
    assert " ".join(rtl.read_back(persian, "visual")) == "مدیریت تجربه مشتری"


async def test_persian_typed_into_a_box_is_shaped_in_visual_mode(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("b")
        box = app.screen.query_one(PersianInput)
        box.value = "نقطه تماس"
        await pilot.pause()
        drawn = "".join(segment.text for segment in box.render_line(0)).strip()
        assert drawn == rtl.visual_line("نقطه تماس")
        await pilot.press("ctrl+t")  # native: the terminal lays it out
        assert app.rtl_mode == "native" and box.mode == "native"
        assert box.value == "نقطه تماس"  # ctrl+t switched the display, typed nothing
        drawn = "".join(segment.text for segment in box.render_line(0)).strip()
        assert drawn == "نقطه تماس"


async def test_t_types_in_a_box_and_ctrl_t_is_shown_there(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("b", "t")
        assert app.screen.query_one(PersianInput).value == "t" and app.rtl_mode == "visual"
        keys = app.screen.query_one("KeyLine").keys()  # type: ignore[attr-defined]
        assert ("ctrl+t", "Persian display") in keys and ("t", "Persian display") not in keys


async def test_the_study_screen_fits_60_columns(make_app, clock):
    app = make_app(clock=FixedClock(NOW))
    async with app.run_test(size=(60, 32)) as pilot:
        await pilot.press("enter", "space")
        assert isinstance(app.screen, StudyScreen)
        bar = app.screen.query_one(RatingBar)
        assert bar.region.right <= 60
        for button in bar.query("Button"):
            assert button.region.right <= 60 and button.content_size.width >= len(str(button.label))
