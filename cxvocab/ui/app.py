"""The Textual app. It is handed every part it uses; it builds none of them itself."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding

from cxvocab.clock import Clock, SystemClock
from cxvocab.config import Settings
from cxvocab.content import Library
from cxvocab.scheduling import Scheduling
from cxvocab.session import Overview, StudySession, overview
from cxvocab.store import Store


class CxVocabApp(App[None]):
    """cxvocab's TUI: home, study, summary."""

    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "cxvocab"
    SUB_TITLE = "CX vocabulary for Persian speakers"
    BINDINGS = [Binding("ctrl+c", "quit", "Quit", show=False, priority=True)]

    def __init__(
        self,
        store: Store,
        library: Library,
        settings: Settings,
        speaker: object | None = None,
        clock: Clock | None = None,
        *,
        scheduling: Scheduling | None = None,
        notices: list[str] | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.library = library
        self.settings = settings
        # Pronunciation arrives with the audio issue; until then nothing is played.
        self.speaker = speaker
        self.clock: Clock = clock or SystemClock()
        self.scheduling = scheduling or Scheduling(settings.desired_retention)
        self.notices = notices or []  # e.g. a bad value in the settings file

    def on_mount(self) -> None:
        from cxvocab.ui.screens.home import HomeScreen

        self.push_screen(HomeScreen())
        for notice in self.notices:
            self.notify(notice, severity="warning", timeout=10, markup=False)

    def new_session(self) -> StudySession:
        """A study session over today's queue, as of now."""
        return StudySession(
            self.store,
            self.library,
            self.scheduling,
            self.clock.now(),
            self.clock.tz,
            new_per_day=self.settings.new_per_day,
            review_cap=self.settings.review_cap,
        )

    def today(self) -> Overview:
        """Today's due and new counts, per topic (a session that answers nothing)."""
        session = self.new_session()
        return overview(session.queue, self.library)
