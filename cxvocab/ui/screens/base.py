"""What every cxvocab screen shares: typed access to the app's parts."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, cast

from textual.screen import Screen

if TYPE_CHECKING:
    from cxvocab.ui.app import CxVocabApp
    from cxvocab.ui.screens.help import Section


Result = TypeVar("Result")


class CxScreen(Screen[Result]):
    @property
    def cx(self) -> CxVocabApp:
        """The app, typed: its store, library, settings, clock and sessions."""
        return cast("CxVocabApp", self.app)

    def help_sections(self) -> list[Section]:
        """What ``?`` explains about this screen, after its keys (none by default)."""
        return []
