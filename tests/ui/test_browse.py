"""Pilot tests of browse and the term screen."""

from __future__ import annotations

import pytest

from cxvocab.config import Settings
from cxvocab.ui.app import CxVocabApp
from cxvocab.ui.screens.browse import BrowseScreen, TermScreen
from cxvocab.ui.widgets.persian_input import PersianInput


@pytest.fixture
def app(store, library, scheduling, clock) -> CxVocabApp:
    return CxVocabApp(store, library, Settings(), None, clock, scheduling=scheduling, rtl_mode="visual")


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
        await pilot.click("#link-touchpoint")
        assert isinstance(app.screen, TermScreen) and app.screen.term.id == "touchpoint"
        await pilot.press("escape")
        assert app.screen.term.id == "pain-point"  # type: ignore[attr-defined]


async def test_term_screen_shows_the_history(app, clock):
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter", "space", "3", "escape")  # study pain-point once
        app.push_screen(TermScreen(app.library.terms["pain-point"]))
        await pilot.pause()
        from rich.console import Console

        console = Console(width=100, record=True)
        console.print(app.screen._history())  # type: ignore[attr-defined]
        history = console.export_text()
        assert "Your answers" in history and "meaning" in history and "right" in history
