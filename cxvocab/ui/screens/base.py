"""What every cxvocab screen shares: typed access to the app's services."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, cast

from textual.screen import Screen

if TYPE_CHECKING:
    from cxvocab.ui.screens.help import Section
    from cxvocab.ui.services import Services


Result = TypeVar("Result")


class CxScreen(Screen[Result]):
    @property
    def cx(self) -> Services:
        """The app as a screen may use it (:class:`~cxvocab.ui.services.Services`): its
        library, settings, clock, sessions and sound, never the app class itself."""
        return cast("Services", self.app)

    def help_sections(self) -> list[Section]:
        """What ``?`` explains about this screen, after its keys (none by default)."""
        return []
