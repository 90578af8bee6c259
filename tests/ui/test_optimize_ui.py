"""Pilot tests of Settings' schedule (issue 21) beyond those of test_schedule_ui.py: the fit's
steps shown as they come, a fit that is no better, an error in the fit, enter and escape in the
offer, going back through two fits, the chart following the typed retention and the window, and
all of it in Persian.

The fit itself is replaced by a ready result where its numbers do not matter (the real one, on
~1,000 synthetic answers, is test_schedule_ui.py's), so that these stay fast."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from cxvocab import optimize
from cxvocab.config import Settings
from cxvocab.costs import RETENTIONS
from cxvocab.i18n import Msg
from cxvocab.optimize import Evaluation, Fit, default_parameters, saved
from cxvocab.ui.screens.schedule import FitScreen
from cxvocab.ui.screens.settings import SettingsScreen
from tests.synthetic import simulate
from tests.ui.conftest import build_app
from tests.ui.test_persian import KEYS, NAMES, Reader, content_words, metrics  # noqa: F401  (metrics: a fixture)


async def settle(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


def a_fit(better: bool = True, shift: float = 0.01) -> Fit:
    """A fit as fsrs-rs would return it: parameters near the defaults, both evaluations."""
    parameters = tuple(p + shift for p in default_parameters())
    current, fitted = Evaluation(0.4142, 0.1224), Evaluation(0.4031 if better else 0.4150, 0.1142)
    return Fit(1000, 801, current, fitted, parameters)


@pytest.fixture
def fitted(monkeypatch):
    """The fit returns these results, one per ctrl+o (the answers are still read as they are)."""
    results: list[Fit | Exception] = []

    def fit_history(past, current, progress=lambda _: None):
        progress(Msg("Comparing the fitted schedule with the one in use…"))
        result = results.pop(0)
        if isinstance(result, Exception):
            raise result
        return result

    monkeypatch.setattr(optimize, "fit_history", fit_history)
    return results


async def test_the_steps_of_the_fit_are_shown_as_it_goes(make_app, store, monkeypatch):
    simulate(store, 1000)
    steps: list[str] = []
    original = SettingsScreen._progress

    def spy(screen: SettingsScreen, text: str) -> None:
        original(screen, text)
        steps.append(str(screen.query_one("#optimize-progress").render()))  # as drawn

    monkeypatch.setattr(SettingsScreen, "_progress", spy)
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("o", "ctrl+o")
        await settle(app, pilot)
        assert isinstance(app.screen, FitScreen)
    assert steps[0] == "Starting…"
    assert steps[1].startswith("Fitting FSRS to 1000 answers (") and steps[2] == "Comparing the fitted schedule with the one in use…"


async def test_the_optimise_key_is_in_the_key_line_and_the_button_on_screen(make_app):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("o")
        await settle(app, pilot)
        assert ("ctrl+o", "Optimise my schedule") in app.screen.query_one("KeyLine").keys()  # type: ignore[attr-defined]
        assert "Optimise my schedule  (ctrl+o)" in str(app.screen.query_one("#optimize").label)
        assert "Schedule: FSRS's defaults." in shown(app, "#schedule-state")
        assert not app.screen.query_one("#schedule-back-row").display  # nothing to go back to
        await pilot.click("#optimize")  # the button does what the key does
        await settle(app, pilot)
        assert "0 study answers so far: 400 more are needed" in shown(app, "#optimize-progress")


async def test_a_fit_no_better_only_closes(make_app, store, fitted):
    fitted.append(a_fit(better=False))
    app = make_app()
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await pilot.press("o", "ctrl+o")
        await settle(app, pilot)
        assert isinstance(app.screen, FitScreen)
        assert "they stay. escape closes" in shown(app, "#fit-question")
        said = " ".join(str(w.render()) for w in app.screen.query("RtlText"))
        assert "In use: log loss 0.4142, RMSE 0.1224" in said and "Fitted: log loss 0.4150, RMSE 0.1142" in said
        await pilot.press("y", "enter")  # there is nothing to agree to
        await pilot.pause()
        assert isinstance(app.screen, FitScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        assert saved(store) is None and app.scheduling.parameters is None
        assert not app._notifications  # nothing was applied: no notice says so


async def test_an_error_in_the_fit_is_a_notice_and_the_app_goes_on(make_app, store, fitted):
    fitted.append(RuntimeError("fsrs-rs fell over"))
    app = make_app()
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await pilot.press("o", "ctrl+o")
        await settle(app, pilot)
        assert isinstance(app.screen, SettingsScreen) and app.is_running
        assert not app.screen.query_one("#optimize-progress").display
        (notice,) = app._notifications
        assert "Something went wrong in the background (RuntimeError: fsrs-rs fell over)" in notice.message
        fitted.append(a_fit())
        await pilot.press("ctrl+o")  # and it can be tried again
        await settle(app, pilot)
        assert isinstance(app.screen, FitScreen)


async def test_enter_applies_escape_keeps_and_back_goes_one_fit_back_at_a_time(make_app, store, fitted):
    first, second = a_fit(shift=0.01), a_fit(shift=0.02)
    fitted.extend([first, second, a_fit(shift=0.03)])
    app = make_app()
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await pilot.press("o", "ctrl+o")
        await settle(app, pilot)
        assert "y / enter: yes" in shown(app, "#fit-question")
        await pilot.press("enter")
        await pilot.pause()
        assert app.scheduling.parameters == first.parameters
        assert app.scheduling.scheduler.desired_retention == 0.9  # the retention kept
        assert [n.message for n in app._notifications] == ["Your own parameters are in use from the next card on."]
        state = shown(app, "#schedule-state")
        assert "fitted to your 1000 study answers on 2026-11-22 (log loss 0.4031)" in state
        assert app.screen.query_one("#schedule-back-row").display
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        await pilot.press("y")
        await pilot.pause()
        assert app.scheduling.parameters == second.parameters
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        await pilot.press("escape")  # the third is not taken
        await pilot.pause()
        assert app.scheduling.parameters == second.parameters
        kept = saved(store)
        assert kept is not None and kept.parameters == second.parameters and kept.previous == first.parameters
        app.screen.query_one("#schedule-back").press()  # type: ignore[attr-defined]  # not a click: a notice may cover it
        await pilot.pause()
        assert app.scheduling.parameters == first.parameters  # the one before, not the defaults
        assert list(app._notifications)[-1].message == "The schedule uses the parameters it used before, from the next card on."
        app.screen.query_one("#schedule-back").press()  # type: ignore[attr-defined]  # not a click: a notice may cover it
        await pilot.pause()
        assert saved(store) is None and app.scheduling.parameters is None
        assert "FSRS's defaults" in shown(app, "#schedule-state")
        assert not app.screen.query_one("#schedule-back-row").display
        await settle(app, pilot)  # the chart worked out again for each


async def test_the_chart_marks_the_typed_retention_and_fits_the_window(make_app):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("o")
        await settle(app, pilot)
        rows = shown(app, "#costs-chart").splitlines()
        assert [row[2:6] for row in rows] == [f"{r:.2f}" for r in RETENTIONS]  # one row per retention
        assert [row for row in rows if row.startswith("▶")] == [next(row for row in rows if "0.90" in row)]
        box = app.screen.query_one("#desired-retention")
        box.value = "0.85"  # type: ignore[attr-defined]
        await pilot.pause()
        assert [row[:6] for row in shown(app, "#costs-chart").splitlines() if row.startswith("▶")] == ["▶ 0.85"]
        box.value = "0.88"  # type: ignore[attr-defined]  # no row of its own: the nearest marked
        await pilot.pause()
        assert [row[:6] for row in shown(app, "#costs-chart").splitlines() if row.startswith("▶")] == ["▶ 0.87"]
        for width in (60, 100):
            await pilot.resize_terminal(width, 40)
            await pilot.pause()
            await pilot.pause()
            room = app.screen.query_one("#costs-chart").content_region.width
            lines = shown(app, "#costs-chart").splitlines()
            assert len(lines) == len(RETENTIONS) and all(cell_len(line) <= room for line in lines), (width, room, lines)


@pytest.mark.parametrize("mode", ["visual", "native"])
async def test_the_schedule_in_persian(store, scheduling, clock, metrics, mode, fitted):  # noqa: F811
    fitted.append(a_fit())
    app = build_app(store, metrics, clock, settings=Settings(language="fa"), scheduling=scheduling, rtl_mode=mode)
    # "log loss" and "RMSE" stay as they are, as in the papers and Anki's Persian.
    reader = Reader(app, content_words(metrics) | KEYS | NAMES | {"log", "loss", "RMSE"}, mode)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await pilot.press("o")
        await settle(app, pilot)
        text = reader.read("settings: the schedule and the chart")
        assert "FSRS" in text and text.count("▶") == 1 and "۰٫۹۰" in text
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        assert isinstance(app.screen, FitScreen)
        text = reader.read("the offer")
        assert "۰٫۴۱۴۲" in text and "۰٫۴۰۳۱" in text
        await pilot.press("y")
        await settle(app, pilot)
        assert app.scheduling.parameters == fitted_parameters(store)
        reader.read("settings: fitted, the notice")
    assert not reader.problems, "\n\n".join(reader.problems)


@pytest.mark.parametrize("width", [60, 100])
async def test_too_few_answers_in_persian(store, scheduling, clock, metrics, width):  # noqa: F811
    app = build_app(store, metrics, clock, settings=Settings(language="fa"), scheduling=scheduling, rtl_mode="visual")
    reader = Reader(app, content_words(metrics) | KEYS | NAMES, "visual")
    async with app.run_test(size=(width, 40)) as pilot:
        await pilot.press("o", "ctrl+o")
        await settle(app, pilot)
        text = reader.read(f"settings: too few answers, {width} columns")
        assert "۴۰۰" in text and "FSRS" in text
    assert not reader.problems, "\n\n".join(reader.problems)


def fitted_parameters(store) -> tuple[float, ...] | None:
    kept = saved(store)
    return kept.parameters if kept else None
