from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from cxvocab.config import Settings
from cxvocab.ui.app import CxVocabApp


@pytest.fixture
def make_app(store, library, scheduling, clock) -> Callable[..., CxVocabApp]:
    """The app over the test store, library and clock; keywords replace any part."""

    def make(**parts: Any) -> CxVocabApp:
        settings = parts.pop("settings", Settings())
        speaker = parts.pop("speaker", None)
        parts.setdefault("scheduling", scheduling)
        parts.setdefault("rtl_mode", "visual")
        return CxVocabApp(
            parts.pop("store", store), parts.pop("library", library), settings, speaker, parts.pop("clock", clock), **parts
        )

    return make
