"""Pilot tests of Settings' schedule (issue 21; the other cases, in Persian too, are in
test_optimize_ui.py): fitting FSRS to the learner's answers in a
worker with its steps shown, the offer with both evaluations, applying and going back, and the
chart of what each desired retention costs."""

from __future__ import annotations

from cxvocab.costs import RETENTIONS
from cxvocab.optimize import saved
from cxvocab.ui.screens.schedule import FitScreen
from cxvocab.ui.screens.settings import SettingsScreen
from tests.synthetic import simulate


async def _settle(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_fit_apply_and_go_back(make_app, store):
    simulate(store, 1000)
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("o")
        await _settle(app, pilot)  # the chart first
        chart = str(app.screen.query_one("#costs-chart").render())
        assert len([line for line in chart.splitlines() if "a day" in line]) == len(RETENTIONS)
        assert "▶ 0.90" in chart  # the desired retention in use
        await pilot.press("ctrl+o")
        await _settle(app, pilot)
        assert isinstance(app.screen, FitScreen)
        said = " ".join(str(w.render()) for w in app.screen.query("RtlText"))
        assert "In use: log loss" in said and "Fitted: log loss" in said
        assert app.screen.result.better
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        kept = saved(store)
        assert kept is not None and app.scheduling.parameters == kept.parameters
        assert "fitted to your" in str(app.screen.query_one("#schedule-state").render())
        app.screen.query_one("#schedule-back").press()  # type: ignore[attr-defined]  # a notice may cover it
        await pilot.pause()
        assert saved(store) is None and app.scheduling.parameters is None
        await _settle(app, pilot)

