from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from cxvocab.audio import Speaker
from cxvocab.clock import Clock
from cxvocab.config import Settings
from cxvocab.content import Library
from cxvocab.store import Store
from cxvocab.ui.app import CxVocabApp


def build_app(
    store: Store,
    library: Library,
    clock: Clock,
    *,
    settings: Settings | None = None,
    speaker: Speaker | None = None,
    **parts: Any,
) -> CxVocabApp:
    """The one way the tests build the app: over a test store, library and clock, with any
    other part (scheduling, rtl_mode, prep...) as a keyword, as ``ui.app.run`` passes them."""
    return CxVocabApp(store, library, settings or Settings(), speaker, clock, **parts)


@pytest.fixture
def make_app(store, library, scheduling, clock) -> Callable[..., CxVocabApp]:
    """The app over the test store, library and clock; keywords replace any part."""

    def make(**parts: Any) -> CxVocabApp:
        parts.setdefault("scheduling", scheduling)
        parts.setdefault("rtl_mode", "visual")
        return build_app(parts.pop("store", store), parts.pop("library", library), parts.pop("clock", clock), **parts)

    return make
