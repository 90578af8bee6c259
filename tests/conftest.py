from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest

from cxvocab.clock import FixedClock
from cxvocab.content import Library, load_library
from cxvocab.scheduling import Scheduling
from cxvocab.store import Store

DATA = Path(__file__).parent / "data"
# A fixed moment: 09:00 UTC, Sunday 22 November 2026.
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test reads or writes the real user data dir."""
    home = tmp_path / "home"
    monkeypatch.setenv("CXVOCAB_HOME", str(home))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def library() -> Library:
    lib = load_library([DATA / "good.yaml"])
    assert not lib.problems, lib.problems
    return lib


@pytest.fixture
def store() -> Iterator[Store]:
    s = Store.memory()
    yield s
    s.close()


@pytest.fixture
def scheduling() -> Scheduling:
    return Scheduling(0.9, fuzzing=False)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
