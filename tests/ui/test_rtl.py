"""Pilot tests of Persian display: what the widgets draw in each mode, t, resizing, calibration."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len

from cxvocab.config import Settings, load_settings
from cxvocab.rtl import PDI, RLI, ZWNJ, read_back, wrap
from cxvocab.ui.app import CxVocabApp
from cxvocab.ui.screens.calibration import CalibrationScreen, LanguageScreen
from cxvocab.ui.screens.home import HomeScreen
from cxvocab.ui.widgets.flashcard import Flashcard
from cxvocab.ui.widgets.persian_input import PersianInput
from cxvocab.ui.widgets.rtl_text import RtlText
from tests.ui.conftest import build_app


def drawn(widget: RtlText) -> list[str]:
    """The lines the widget puts on the screen, trailing padding removed."""
    return [widget.render_line(y).text.rstrip() for y in range(widget.size.height)]


def shaped(text: str) -> bool:
    return any("\ufb50" <= ch <= "\ufeff" for ch in text)


def make_app(store, library, scheduling, clock, mode: str, **kw) -> CxVocabApp:
    return build_app(store, library, clock, settings=Settings(), scheduling=scheduling, rtl_mode=mode, **kw)


async def reveal(pilot) -> None:
    await pilot.press("enter")
    await pilot.press("space")
    await pilot.pause()


async def test_visual_mode_draws_shaped_reordered_persian(store, library, scheduling, clock):
    app = make_app(store, library, scheduling, clock, "visual")
    async with app.run_test(size=(100, 32)) as pilot:
        await reveal(pilot)
        term_fa = drawn(app.screen.query_one("#term-fa", RtlText))
        assert [line.strip() for line in term_fa] == ["\ufea9\ufead\ufea9 \ufeea\ufec4\ufed8\ufee7"]  # نقطه درد
        definition = app.screen.query_one("#definition-fa", RtlText)
        lines = [line.strip() for line in drawn(definition)]
        assert all(shaped(line) for line in lines)
        assert " ".join(read_back(lines, "visual")) == library.terms["pain-point"].definition.fa


async def test_native_mode_draws_logical_persian(store, library, scheduling, clock):
    app = make_app(store, library, scheduling, clock, "native")
    async with app.run_test(size=(100, 32)) as pilot:
        await reveal(pilot)
        definition = app.screen.query_one("#definition-fa", RtlText)
        lines = [line.strip() for line in drawn(definition)]
        assert not any(shaped(line) for line in lines)
        assert lines[0].startswith(RLI + "لحظه‌ای در سفر مشتری") and lines[0].endswith(PDI)
        assert ZWNJ in lines[0]


async def test_t_switches_every_persian_text_and_remembers(store, library, scheduling, clock, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('accent = "uk"\n', encoding="utf-8")
    app = make_app(store, library, scheduling, clock, "visual", config_file=config)
    async with app.run_test(size=(100, 32)) as pilot:
        await reveal(pilot)
        card_texts = [w for w in app.screen.query_one(Flashcard).query(RtlText) if w.id in ("term-fa", "definition-fa", "example-fa")]
        assert len(card_texts) == 3 and {w.mode for w in card_texts} == {"visual"}
        await pilot.press("t")
        await pilot.pause()
        assert app.rtl_mode == "native" and {w.mode for w in app.screen.query(RtlText)} == {"native"}
        assert not shaped("".join(drawn(app.screen.query_one("#term-fa", RtlText))))
        assert load_settings(config)[0] == Settings(accent="uk", rtl="native")  # the rest of the file kept
        await pilot.press("t")
        await pilot.pause()
        assert app.rtl_mode == "visual" and load_settings(config)[0].rtl == "visual"


async def test_resize_rewraps(store, library, scheduling, clock):
    app = make_app(store, library, scheduling, clock, "visual")
    async with app.run_test(size=(100, 32)) as pilot:
        await reveal(pilot)
        definition = app.screen.query_one("#definition-fa", RtlText)
        wide = definition.size.height
        await pilot.resize_terminal(40, 32)
        await pilot.pause()
        narrow = [line.strip() for line in drawn(definition)]
        width = definition.size.width
        assert width < 40 and len(narrow) > wide
        assert narrow == [line.strip() for line in definition.render().lines(width)]
        assert all(cell_len(line) <= width for line in narrow)
        assert list(read_back(narrow, "visual")) == wrap(library.terms["pain-point"].definition.fa, width)


@pytest.mark.parametrize(("key", "mode"), [("1", "visual"), ("2", "native")])
async def test_first_run_calibration_saves_the_choice(store, library, scheduling, clock, tmp_path: Path, key, mode):
    config = tmp_path / "config.toml"
    app = make_app(store, library, scheduling, clock, "visual", config_file=config, calibrate=True)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CalibrationScreen)
        samples = {w.id: w for w in app.screen.query(RtlText)}
        assert shaped("".join(drawn(samples["sample-visual"])))
        assert not shaped("".join(drawn(samples["sample-native"])))
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, LanguageScreen)  # asked next, its Persian drawn the way chosen
        assert app.rtl_mode == mode and load_settings(config)[0].rtl == mode
        assert {w.mode for w in app.screen.query(RtlText)} == {mode}
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert load_settings(config)[0] == Settings(rtl=mode) and app.tr.language == "en"


async def test_calibration_can_wait(store, library, scheduling, clock, tmp_path: Path):
    config = tmp_path / "config.toml"
    app = make_app(store, library, scheduling, clock, "visual", config_file=config, calibrate=True)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.rtl_mode == "visual"
        assert not config.exists()  # asked again next time


async def test_persian_input_keeps_a_typed_zwnj():
    from textual import events
    from textual.app import App, ComposeResult
    from textual.keys import _character_to_key
    from textual.widgets import Input

    class One(App[None]):
        def __init__(self, widget_class: type[Input]) -> None:
            super().__init__()
            self.widget_class = widget_class

        def compose(self) -> ComposeResult:
            yield self.widget_class()

    async def type_(app: App[None], pilot, characters: str) -> None:
        # What a terminal sends for each typed character (textual's xterm parser). Pilot's
        # press() cannot send a ZWNJ: it turns it into a key name and loses the character.
        for ch in characters:
            name = ch if ch.isalnum() else _character_to_key(ch)
            app.post_message(events.Key(name, ch))
            await pilot.pause()

    for widget_class, expected in [(PersianInput, f"می{ZWNJ}کنم"), (Input, "میکنم")]:
        app = One(widget_class)
        async with app.run_test() as pilot:
            await type_(app, pilot, f"می{ZWNJ}کنم")
            assert app.query_one(widget_class).value == expected  # Input drops it: the bug worked around
