"""Pilot tests of browse and the term screen."""

from __future__ import annotations

from datetime import timedelta

import pytest
from rich.cells import cell_len
from rich.console import Console
from textual.geometry import Region

from cxvocab.config import Settings
from cxvocab.content import Library, load_library
from cxvocab.paths import builtin_content_dir
from cxvocab.rtl import PDI, RLI, read_back
from cxvocab.store import Answer, CardState
from cxvocab.ui.app import CxVocabApp
from cxvocab.ui.screens.browse import BrowseScreen, ResultsTable, TermScreen
from cxvocab.ui.widgets.key_line import KeyLine
from cxvocab.ui.widgets.persian_input import PersianInput
from tests.ui.conftest import build_app


@pytest.fixture
def app(store, library, scheduling, clock) -> CxVocabApp:
    return build_app(store, library, clock, settings=Settings(), scheduling=scheduling, rtl_mode="visual")


@pytest.fixture(scope="module")
def builtin() -> Library:
    return load_library([builtin_content_dir()])


def builtin_app(store, builtin, scheduling, clock, mode: str = "visual") -> CxVocabApp:
    """The app over the built-in terms, four of them met: learning, 1 day, 12 days, mastered."""
    from tests.conftest import NOW

    for term_id, stability in [("customer-experience", 0.4), ("customer-centric", 1.4), ("customer-service", 12.0), ("user-experience", 30.0)]:
        state = CardState(2, None, stability, 5.0, NOW + timedelta(days=1), NOW)
        store.record(Answer(term_id, "meaning", 3, True, NOW, 4000, "study", None, new_state=state))
    return build_app(store, builtin, clock, settings=Settings(), scheduling=scheduling, rtl_mode=mode)


def shown_rows(app) -> list[list[str]]:
    """The results table as the learner reads it: each cell as drawn."""
    table = app.screen.query_one(ResultsTable)
    return [[str(cell) for cell in table.get_row_at(row)] for row in range(table.row_count)]


def shown_columns(app) -> dict[str, int]:
    table = app.screen.query_one(ResultsTable)
    return {str(key.value): column.width for key, column in table.columns.items()}


def status(app) -> str:
    return str(app.screen.query_one("#browse-status").render())


async def type_query(pilot, text: str) -> None:
    box = pilot.app.screen.query_one(PersianInput)
    box.value = text  # what typing ends in; Input.Changed fires as it would
    await pilot.pause()


@pytest.mark.parametrize("query", ["touch", "TOUCHPOINT", "نقطه تماس", "نقطه‌تماس", "نقطه  تماس"])
async def test_browse_finds_by_english_and_persian(app, query):
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("b")
        assert isinstance(app.screen, BrowseScreen)
        assert len(app.screen.results) == 3  # everything before typing
        await type_query(pilot, query)
        assert [t.id for t in app.screen.results][:1] == ["touchpoint"]
        await pilot.press("enter")
        assert isinstance(app.screen, TermScreen) and app.screen.term.id == "touchpoint"


async def test_browse_by_abbreviation_and_arrow_keys(app):
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("b")
        await type_query(pilot, "nps")
        assert [t.id for t in app.screen.results] == ["net-promoter-score"]
        await type_query(pilot, "")
        await pilot.press("down", "enter")
        assert app.screen.term.id == "touchpoint"  # type: ignore[attr-defined]


async def test_a_confusable_link_opens_its_term(app):
    async with app.run_test(size=(100, 32)) as pilot:
        app.push_screen(TermScreen(app.library.terms["pain-point"]))
        await pilot.pause()
        app.screen.query_one("#link-touchpoint").scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click("#link-touchpoint")
        assert isinstance(app.screen, TermScreen) and app.screen.term.id == "touchpoint"
        await pilot.press("escape")
        assert app.screen.term.id == "pain-point"  # type: ignore[attr-defined]


async def test_term_screen_shows_the_history(app, clock):
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter", "space", "3", "escape")  # study pain-point once
        app.push_screen(TermScreen(app.library.terms["pain-point"]))
        await pilot.pause()

        console = Console(width=100, record=True)
        console.print(app.screen._history())  # type: ignore[attr-defined]
        history = console.export_text()
        assert "Your answers" in history and "meaning" in history and "right" in history


# What Browse shows of the first six terms and of day-in-the-life map (the longest Persian),
# at each width: whole, or shortened at a word boundary with "…" (never "learni", never a
# column past the edge); Topic is the first to go.
EXPECTED_ROWS = {
    60: (
        {"term": 21, "fa": 20, "known": 8},
        [
            ["customer experience…", "تجربه مشتری", "learning"],
            ["customer-centric", "مشتری‌محور", "1 day"],
            ["customer service (CS)", "خدمات مشتری", "12 days"],
            ["user experience (UX)", "تجربه کاربری", "mastered"],
            ["customer experience…", "مدیریت تجربه مشتری", "new"],
            ["customer satisfaction", "رضایت مشتری", "new"],
        ],
    ),
    100: (
        {"term": 32, "fa": 22, "topic": 25, "known": 8},
        [
            ["customer experience (CX)", "تجربه مشتری", "CX fundamentals", "learning"],
            ["customer-centric", "مشتری‌محور", "CX fundamentals", "1 day"],
            ["customer service (CS)", "خدمات مشتری", "CX fundamentals", "12 days"],
            ["user experience (UX)", "تجربه کاربری", "CX fundamentals", "mastered"],
            ["customer experience management…", "مدیریت تجربه مشتری", "CX fundamentals", "new"],
            ["customer satisfaction", "رضایت مشتری", "CX fundamentals", "new"],
        ],
    ),
    160: (
        {"term": 38, "fa": 28, "topic": 25, "known": 8},
        [
            ["customer experience (CX)", "تجربه مشتری", "CX fundamentals", "learning"],
            ["customer-centric", "مشتری‌محور", "CX fundamentals", "1 day"],
            ["customer service (CS)", "خدمات مشتری", "CX fundamentals", "12 days"],
            ["user experience (UX)", "تجربه کاربری", "CX fundamentals", "mastered"],
            ["customer experience management (CXM)", "مدیریت تجربه مشتری", "CX fundamentals", "new"],
            ["customer satisfaction", "رضایت مشتری", "CX fundamentals", "new"],
        ],
    ),
}


def logical(cell: str, mode: str) -> str:
    """A Persian cell read back in logical order (what the learner reads on screen)."""
    return next(read_back([cell], mode))


@pytest.mark.parametrize("mode", ["visual", "native"])
@pytest.mark.parametrize("width", [60, 100, 160])
async def test_browse_columns_fit_the_width(store, builtin, scheduling, clock, width, mode):
    app = builtin_app(store, builtin, scheduling, clock, mode)
    async with app.run_test(size=(width, 32)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        table = app.screen.query_one(ResultsTable)
        columns, first_rows = EXPECTED_ROWS[width]
        assert shown_columns(app) == columns
        # Nothing past the right edge: no horizontal scrolling, ever.
        assert sum(w + 2 for w in columns.values()) <= table.scrollable_content_region.width
        assert table.virtual_size.width <= table.scrollable_content_region.width
        rows = shown_rows(app)
        fa = list(columns).index("fa")
        assert [[logical(c, mode) if i == fa else c for i, c in enumerate(row)] for row in rows[:6]] == first_rows
        for row, term in zip(rows, app.screen.results, strict=True):  # every cell: whole, or cut at a word
            for key, cell in zip(columns, row, strict=True):
                assert cell_len(cell) <= columns[key]
                whole = {"term": term.label, "fa": term.fa}.get(key)
                if whole is not None:
                    text = logical(cell, mode) if key == "fa" else cell
                    assert text == whole or (text.endswith("…") and (whole + " ").startswith(text[:-1].rstrip() + " ")), (text, whole)


@pytest.mark.parametrize(
    ("mode", "shown"), [("visual", "ﯽﮔﺪﻧﺯ ﺯﺍ ﺯﻭﺭ ﮏﯾ ﻪﺸﻘﻧ"), ("native", f"{RLI}نقشه یک روز از زندگی{PDI}")], ids=["visual", "native"]
)
async def test_a_persian_cell_that_does_not_fit_keeps_its_start(store, builtin, scheduling, clock, mode, shown):
    app = builtin_app(store, builtin, scheduling, clock, mode)
    async with app.run_test(size=(60, 32)) as pilot:
        await pilot.press("b")
        await type_query(pilot, "day in the life")
        assert builtin.terms["day-in-the-life-map"].fa == "نقشه یک روز از زندگی"
        assert shown_rows(app) == [["day-in-the-life map", shown, "new"]]  # room for it all
        await pilot.resize_terminal(44, 32)  # narrower: laid out again for the width it gets
        await pilot.pause()
        assert shown_columns(app) == {"term": 19, "fa": 9, "known": 5}
        (row,) = shown_rows(app)
        assert row[0] == "day-in-the-life map"
        assert logical(row[1], mode) == "نقشه یک…"  # the start of the phrase, "…" at its end
        assert row[1] == ("…ﮏﯾ ﻪﺸﻘﻧ" if mode == "visual" else f"{RLI}نقشه یک…{PDI}")
        table = app.screen.query_one(ResultsTable)
        assert table.get_row_at(0)[1].justify == "right"


async def test_browse_lays_the_columns_out_again_on_resize(store, builtin, scheduling, clock):
    app = builtin_app(store, builtin, scheduling, clock)
    async with app.run_test(size=(160, 32)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        assert list(shown_columns(app)) == ["term", "fa", "topic", "known"]
        await pilot.press("down", "down")
        await pilot.resize_terminal(60, 32)
        await pilot.pause()
        assert shown_columns(app) == EXPECTED_ROWS[60][0]
        assert shown_rows(app)[0] == ["customer experience…", "ﯼﺮﺘﺸﻣ ﻪﺑﺮﺠﺗ", "learning"]
        assert app.screen.query_one(ResultsTable).cursor_row == 2  # the row chosen stays chosen
        await pilot.press("enter")
        assert app.screen.term.id == "customer-service"  # type: ignore[attr-defined]


async def test_browse_says_when_nothing_matches_and_offers_close_spellings(store, builtin, scheduling, clock):
    app = builtin_app(store, builtin, scheduling, clock)
    async with app.run_test(size=(60, 32)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        assert status(app) == f"All {len(builtin.terms)} terms, by topic. Type to find one."
        await type_query(pilot, "xyz")
        assert status(app) == "No term matches 'xyz'."
        assert shown_rows(app) == []
        await type_query(pilot, "journy")
        assert status(app) == "No term matches 'journy'.\nDid you mean 'journey'? Its terms are below."
        assert [t.id for t in app.screen.results][:3] == ["customer-journey", "journey-analytics", "customer-journey-map"]
        await pilot.press("enter")  # the close spellings can be opened like any result
        assert isinstance(app.screen, TermScreen) and app.screen.term.id == "customer-journey"
        await pilot.press("escape")
        await type_query(pilot, "نقشه سفرر")  # a Persian query is laid out like any Persian
        assert status(app) == "No term matches 'ﺭﺮﻔﺳ ﻪﺸﻘﻧ'.\nDid you mean 'ﺮﻔﺳ ﻪﺸﻘﻧ'? Its terms are below."
        assert [t.id for t in app.screen.results] == ["customer-journey-map"]
        await type_query(pilot, "journey")
        assert status(app) == "7 terms match 'journey'."
        await type_query(pilot, "nps")
        assert status(app) == "3 terms match 'nps'."  # NPS, relational and transactional NPS


async def test_browse_lists_the_whole_name_before_a_longer_one(store, builtin, scheduling, clock):
    app = builtin_app(store, builtin, scheduling, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("b")
        await type_query(pilot, "journey")
        assert [row[0] for row in shown_rows(app)] == [
            "customer journey",
            "journey analytics",  # the whole word "journey" in a shorter name
            "customer journey map (CJM)",
            "current-state map",
            "future-state map",
            "emotion curve",  # by its alias, "emotional journey line"
            "day-in-the-life map",
        ]


async def test_letters_go_into_the_search_box_and_ctrl_t_toggles_the_display(store, builtin, scheduling, clock):
    app = builtin_app(store, builtin, scheduling, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("b")
        await pilot.press(*"touchpoint")  # typed, t and all
        assert app.screen.query_one(PersianInput).value == "touchpoint"
        assert app.rtl_mode == "visual"
        assert shown_rows(app)[0][:2] == ["touchpoint", "ﺱﺎﻤﺗ ﻪﻄﻘﻧ"]
        line = str(app.screen.query_one(KeyLine).render())
        assert "ctrl+t Persian display" in line and "t Persian display" not in line.replace("ctrl+t", "")
        await pilot.press("ctrl+t")  # while the box has focus
        assert app.rtl_mode == "native"
        assert shown_rows(app)[0][:2] == ["touchpoint", f"{RLI}نقطه تماس{PDI}"]  # laid out again
        assert app.screen.query_one(PersianInput).value == "touchpoint"
        await pilot.press("ctrl+t")
        assert app.rtl_mode == "visual"
        assert shown_rows(app)[0][:2] == ["touchpoint", "ﺱﺎﻤﺗ ﻪﻄﻘﻧ"]
        await pilot.press("f1")  # ? is typed too; f1 shows the keys
        # The help writes the keys as the key line does.
        assert ("ctrl+t", "Persian display") in app.screen.rows  # type: ignore[attr-defined]


def seed_answers(store, term_id: str) -> None:
    from tests.conftest import NOW

    for minutes, (kind, correct, text) in enumerate(
        [
            ("recall", False, "costumer experiance"),
            ("recall", False, "تجربه مشتری"),
            ("usage", False, "incorrect"),
            ("choice", False, "customer experience management (CXM)"),
            ("listening", True, "customer experience"),
        ],
        start=1,
    ):
        store.record(Answer(term_id, kind, 3 if correct else 1, correct, NOW + timedelta(minutes=minutes), 4000, "prep", text))


def history_lines(app) -> list[str]:
    """The history as drawn on the screen, line by line."""
    box = app.screen.query_one("#term-history")
    strips = box.render_lines(Region(0, 0, box.size.width, box.size.height))
    return [strip.text.rstrip() for strip in strips]


EXPECTED_HISTORY = {
    60: [  # Mode goes first: the answer says more
        "Your answers",
        "When              Card       Result  Answer",
        "2026-11-22 09:00  meaning    right",
        "2026-11-22 09:01  recall     wrong   costumer…",
        "2026-11-22 09:02  recall     wrong         ﯼﺮﺘﺸﻣ ﻪﺑﺮﺠﺗ",
        "2026-11-22 09:03  usage      wrong   incorrect",
        "2026-11-22 09:04  choice     wrong   customer…",
        "2026-11-22 09:05  listening  right   customer…",
    ],
    100: [
        "Your answers",
        "When              Card       Result  Mode   Answer",
        "2026-11-22 09:00  meaning    right   study",
        "2026-11-22 09:01  recall     wrong   prep   costumer experiance",
        "2026-11-22 09:02  recall     wrong   prep                            ﯼﺮﺘﺸﻣ ﻪﺑﺮﺠﺗ",
        "2026-11-22 09:03  usage      wrong   prep   incorrect",
        "2026-11-22 09:04  choice     wrong   prep   customer experience management (CXM)",
        "2026-11-22 09:05  listening  right   prep   customer experience",
    ],
}
EXPECTED_HISTORY[160] = EXPECTED_HISTORY[100]


@pytest.mark.parametrize("width", [60, 100, 160])
async def test_term_screen_history_and_links_fit_the_width(store, builtin, scheduling, clock, width):
    app = builtin_app(store, builtin, scheduling, clock)  # one meaning answer at 09:00
    seed_answers(store, "customer-experience")
    async with app.run_test(size=(width, 40)) as pilot:
        app.push_screen(TermScreen(builtin.terms["customer-experience"]))
        await pilot.pause()
        assert history_lines(app) == EXPECTED_HISTORY[width]
        links = list(app.screen.query(".term-link"))
        assert len(links) == len(builtin.terms["customer-experience"].confusables) == 10
        assert all(link.region.right <= width for link in links)  # none past the edge
        assert all(str(link.label) == builtin.terms[link.id.removeprefix("link-")].label for link in links)
        assert len({link.region.y for link in links}) == {60: 10, 100: 5, 160: 4}[width]  # rows of the grid
