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

    def rtl_changed(self) -> None:
        """Persian is drawn another way now: lay out again what this screen draws itself
        (widgets that draw Persian follow the app's ``rtl_mode`` on their own)."""

    def language_changed(self) -> None:
        """The interface speaks another language now: compose this screen again, then lay out
        what it draws itself."""

        async def again() -> None:
            await self.recompose()
            self.rtl_changed()

        self.call_later(again)

    def help_sections(self) -> list[Section]:
        """What ``?`` explains about this screen, after its keys (none by default)."""
        return []
