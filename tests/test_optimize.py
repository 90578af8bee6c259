"""A schedule fitted to the learner's own memory: fsrs-rs over study answers (issue 21)."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from cxvocab.cli import main
from cxvocab.optimize import (
    META_KEY,
    MIN_REVIEWS,
    NotEnoughReviews,
    Saved,
    apply,
    default_parameters,
    fit,
    go_back,
    parameters_in_use,
    saved,
)
from cxvocab.scheduling import Scheduling
from cxvocab.store import Store
from tests.synthetic import FORGETFUL, simulate

NOW = datetime(2026, 12, 3, 9, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def history() -> Store:
    store = Store.memory()
    simulate(store, 3000)
    return store


def test_a_fit_predicts_the_learners_answers_better_than_the_defaults(history):
    result = fit(history, timezone.utc)
    assert result.reviews == 3000  # the prep answers beside them are left out
    assert result.fitted.log_loss < result.current.log_loss and result.fitted.rmse_bins < result.current.rmse_bins
    assert result.better and len(result.parameters) == len(FORGETFUL)
    # A forgetful learner: the fitted first stability after Good is below FSRS's default.
    assert result.parameters[2] < default_parameters()[2]


def test_too_few_answers_say_how_many_more(store):
    simulate(store, 150)
    with pytest.raises(NotEnoughReviews) as caught:
        fit(store, timezone.utc)
    assert (caught.value.have, caught.value.needed) == (150, MIN_REVIEWS - 150)
    assert str(caught.value.args[0]).startswith("150 study answers so far: 250 more are needed")


def test_applied_parameters_schedule_the_next_card_and_can_be_undone(store):
    simulate(store, 1500)
    first = fit(store, timezone.utc)
    assert parameters_in_use(store) is None
    kept = apply(store, first, NOW)
    assert parameters_in_use(store) == first.parameters and kept.previous is None and kept.evaluation == first.fitted
    scheduling = Scheduling(0.9, parameters=parameters_in_use(store), fuzzing=False)
    assert tuple(scheduling.scheduler.parameters) == first.parameters
    # Fitted on its own parameters the second time: the way back is the first fit.
    second = fit(store, timezone.utc)
    assert second.current == first.fitted
    if second.better:
        apply(store, second, NOW)
        assert saved(store).previous == first.parameters  # type: ignore[union-attr]
        assert go_back(store, NOW) == first.parameters
    assert go_back(store, NOW) is None and parameters_in_use(store) is None
    with pytest.raises(ValueError, match="already uses FSRS's defaults"):
        go_back(store, NOW)


def test_a_worse_fit_is_never_applied(history):
    result = fit(history, timezone.utc)
    worse = type(result)(result.reviews, result.items, result.fitted, result.current, result.parameters)
    with pytest.raises(ValueError, match="do not predict your answers better"):
        apply(history, worse, NOW)


def test_a_damaged_row_means_the_defaults(store):
    store.set_meta(META_KEY, "{not json")
    assert saved(store) is None and parameters_in_use(store) is None
    assert Saved.from_json('{"parameters": [1, "x"]}') is None


def _database(tmp_path: Path, reviews: int) -> Path:
    path = tmp_path / "progress.db"
    store = Store.open(path, tmp_path / "backups", "2026-12-03")
    simulate(store, reviews)
    store.close()
    return path


def test_cxvocab_optimize_shows_both_and_applies_when_asked(tmp_path):
    db = _database(tmp_path, 2000)
    runner = CliRunner(mix_stderr=False)
    declined = runner.invoke(main, ["optimize", "--db", str(db)], input="n\n")
    assert declined.exit_code == 0, declined.output
    assert "2000 study answers" in declined.output and "In use: log loss" in declined.output and "Fitted: log loss" in declined.output
    assert "Nothing changed." in declined.output and "Fitting FSRS to 2000 answers" in declined.stderr
    store = Store.open(db, tmp_path / "backups", "2026-12-03")
    assert parameters_in_use(store) is None
    store.close()
    taken = runner.invoke(main, ["optimize", "--db", str(db), "--yes"])
    assert taken.exit_code == 0 and "Applied." in taken.output
    store = Store.open(db, tmp_path / "backups", "2026-12-03")
    assert parameters_in_use(store) is not None
    store.close()
    back = runner.invoke(main, ["optimize", "--db", str(db), "--back"])
    assert back.exit_code == 0 and back.output == "The schedule uses FSRS's defaults again.\n"


def test_cxvocab_optimize_on_a_short_history(tmp_path):
    db = _database(tmp_path, 100)
    result = CliRunner(mix_stderr=False).invoke(main, ["optimize", "--db", str(db)])
    assert result.exit_code == 1 and "100 study answers so far: 300 more are needed" in result.stderr


def test_cxvocab_optimize_without_a_database_creates_nothing(tmp_path):
    db = tmp_path / "none.db"
    result = CliRunner(mix_stderr=False).invoke(main, ["optimize", "--db", str(db)])
    assert result.exit_code == 1 and "no progress yet" in result.stderr and not db.exists()


def test_the_app_schedules_with_the_learners_parameters(store, library, clock):
    from tests.ui.conftest import build_app

    simulate(store, 1000)
    result = fit(store, timezone.utc)
    apply(store, result, NOW)
    app = build_app(store, library, clock)
    assert app.scheduling.parameters == result.parameters
