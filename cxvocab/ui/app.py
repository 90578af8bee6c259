"""The Textual app. It is handed every part it uses; it builds none of them itself."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen

from cxvocab import rtl
from cxvocab.audio import AudioError, Speaker
from cxvocab.bootstrap import freeze_long_lived
from cxvocab.clock import Clock, SystemClock
from cxvocab.config import Settings, remember
from cxvocab.content import Library
from cxvocab.scheduling import ENABLED_KINDS, LISTENING, Scheduling
from cxvocab.session import Overview, StudySession, overview
from cxvocab.store import ReviewRow, Store

if TYPE_CHECKING:  # imported where used: the first screen needs neither
    from cxvocab.prep import PrepRequest
    from cxvocab.stats import Stats


class CxVocabApp(App[None]):
    """cxvocab's TUI: home, study, summary."""

    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "cxvocab"
    SUB_TITLE = "CX vocabulary for Persian speakers"
    BINDINGS = [
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
        Binding("t", "toggle_rtl", "Persian display", id="toggle-rtl"),
        Binding("question_mark", "help", "Keys", id="help"),
    ]

    def __init__(
        self,
        store: Store,
        library: Library,
        settings: Settings,
        speaker: Speaker | None = None,
        clock: Clock | None = None,
        *,
        scheduling: Scheduling | None = None,
        notices: list[str] | None = None,
        rtl_mode: str | None = None,
        config_file: Path | None = None,
        calibrate: bool = False,
        prep: PrepRequest | None = None,
    ) -> None:
        """``rtl_mode`` is ``visual`` or ``native`` (``auto`` already resolved by the caller;
        without one, the setting is used and ``auto`` means visual). ``config_file`` is where
        a changed display mode is remembered (tests pass none). ``calibrate`` asks the learner
        on start which Persian line reads correctly. ``prep`` starts straight in a meeting-prep
        drill (``cxvocab prep``) and quits when it is done."""
        super().__init__()
        self.store = store
        self.library = library
        self.settings = settings
        self.speaker = speaker  # None: no pronunciation (tests), and no listening cards
        self._audio_notices: set[str] = set()
        self.clock: Clock = clock or SystemClock()
        self.scheduling = scheduling or Scheduling(settings.desired_retention)
        self.notices = notices or []  # e.g. a bad value in the settings file
        self.rtl_mode = rtl_mode or rtl.resolve(settings.rtl, {})
        self.config_file = config_file
        self.calibrate = calibrate
        self.prep = prep
        self.prep_only = prep is not None

    def get_default_screen(self) -> Screen:
        """Home is the app's first and bottom screen (no empty default screen beneath it)."""
        from cxvocab.ui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        freeze_long_lived()  # the terms and Textual itself live as long as the app
        for notice in self.notices:
            self.notify(notice, severity="warning", timeout=10, markup=False)
        if self.prep is not None:
            self.start_prep(self.prep)
        if self.calibrate:
            from cxvocab.ui.screens.calibration import CalibrationScreen

            self.push_screen(CalibrationScreen(), self.set_rtl_mode)

    def prep_request(
        self, topics: list[str], *, weakest: bool = False, count: int = 10, minutes: float | None = None
    ) -> PrepRequest:
        """A checked drill request (raises PrepError with a message for the learner)."""
        from cxvocab.prep import plan

        return plan(self.library, self.store, topics, weakest=weakest, count=count, minutes=minutes)

    def start_prep(self, request: PrepRequest | None) -> None:
        """Open a drill; its answers are saved as prep and leave the schedule alone."""
        from cxvocab.prep import PrepSession
        from cxvocab.ui.screens.study import PrepScreen

        if request is None:
            return
        session = PrepSession(
            self.store,
            self.library,
            request.term_ids,
            self.clock.now(),
            kinds=request.kinds,
            count=request.count,
            minutes=request.minutes,
        )
        self.push_screen(PrepScreen(session, request.title))

    def on_unmount(self) -> None:
        if self.speaker is not None:
            self.speaker.close()

    def action_toggle_rtl(self) -> None:
        """``t``: switch how Persian is drawn, and remember it."""
        self.set_rtl_mode(rtl.toggled(self.rtl_mode))
        self.notify(f"Persian display: {self.rtl_mode}. Press t again if Persian reads backwards.", timeout=4)

    def action_help(self) -> None:
        """``?``: every key of the screen on display and of the app, read from their own
        BINDINGS, so the help can never fall out of step with the keys."""
        from cxvocab.ui.screens.stats import HelpScreen

        rows: list[tuple[str, str]] = []
        for owner in (type(self.screen), type(self)):
            for item in owner.BINDINGS:
                binding = item if isinstance(item, Binding) else Binding(*item)
                for key in binding.key.split(","):
                    row = (self.get_key_display(Binding(key.strip(), binding.action)), binding.description)
                    if binding.description and row not in rows:
                        rows.append(row)
        self.push_screen(HelpScreen(rows))

    def apply_settings(self, settings: Settings) -> None:
        """Use new settings from now on (no restart) and remember them."""
        old = self.settings
        self.settings = settings
        if settings.desired_retention != old.desired_retention:
            self.scheduling = Scheduling(settings.desired_retention)
        if self.speaker is not None:
            self.speaker.voices.engine = settings.audio_engine
        if settings.rtl != old.rtl:
            self.set_rtl_mode(rtl.resolve(settings.rtl))
        if self.config_file is not None:
            try:
                remember(
                    self.config_file,
                    new_per_day=settings.new_per_day,
                    desired_retention=settings.desired_retention,
                    accent=settings.accent,
                    audio_engine=settings.audio_engine,
                    rtl=settings.rtl,
                )
            except OSError as exc:
                self.notify(f"Could not save the settings to {self.config_file}: {exc.strerror}", severity="warning")

    def set_rtl_mode(self, mode: str | None) -> None:
        """Draw Persian in ``mode`` everywhere, now and from now on."""
        from cxvocab.ui.widgets.rtl_text import RtlText

        if mode not in rtl.MODES:
            return
        self.rtl_mode = mode
        for screen in self.screen_stack:
            for widget in screen.query(RtlText):
                if not widget.fixed:
                    widget.mode = mode
            refresh = getattr(screen, "rtl_changed", None)
            if refresh is not None:  # screens that lay Persian out themselves (tables, cards)
                refresh()
        if self.config_file is not None:
            try:
                remember(self.config_file, rtl=mode)
            except OSError as exc:
                self.notify(f"Could not save the setting to {self.config_file}: {exc.strerror}", severity="warning")

    class AudioProblem(Message):
        """A clip could not be made or played (posted from the speech worker)."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def on_cx_vocab_app_audio_problem(self, message: AudioProblem) -> None:
        # Said once, calmly; the app carries on without sound.
        if message.text not in self._audio_notices:
            self._audio_notices.add(message.text)
            self.notify(message.text, severity="warning", timeout=5, markup=False)

    def say(self, text: str, term_id: str | None = None) -> None:
        """``p`` on any screen: play ``text`` (or say that pronunciation is off in this run)."""
        if self.speaker is None:
            self.notify("Pronunciation is off in this run.", timeout=2)
            return
        self.speak(text, term_id)

    @work(thread=True, exclusive=True, group="speech")
    def speak(self, text: str, term_id: str | None = None) -> None:
        """Find or make the clip (network or synthesis: never on the UI thread), then play it;
        a new request replaces the one before."""
        if self.speaker is None:
            return
        try:
            clip = self.speaker.prepare(text, self.settings.accent, term_id)
            self.speaker.player.play(clip.path)
        except AudioError as exc:
            text = str(exc)
            self.post_message(self.AudioProblem(text[:1].upper() + text[1:] + "."))

    @work(thread=True, group="prepare")
    def prepare_audio(self, items: list[tuple[str | None, str]]) -> None:
        """Make upcoming clips while the learner answers (errors wait until a clip is played)."""
        if self.speaker is None:
            return
        for term_id, text in items:
            try:
                self.speaker.prepare(text, self.settings.accent, term_id)
            except AudioError:
                return

    def prepare_grading(self) -> None:
        """Have every term's answer keys (for typed answers) worked out while the learner
        types, unless they already are."""
        from cxvocab.quiz import ANSWER_KEYS

        if ANSWER_KEYS not in self.library.derived:
            self._work_out_answer_keys()

    @work(thread=True, exclusive=True, group="grading")
    def _work_out_answer_keys(self) -> None:
        from cxvocab.quiz import answer_keys

        answer_keys(self.library)

    def term_progress(self) -> dict[str, tuple[bool, float]]:
        """Per term met: answered at all, and the weakest card's stability (days)."""
        return self.store.term_progress()

    def term_history(self, term_id: str) -> list[ReviewRow]:
        return self.store.reviews(term_id)

    def stats(self) -> Stats:
        """The numbers of the Stats screen, as of now (the same as ``cxvocab stats``)."""
        from cxvocab.stats import compute

        return compute(self.store, self.library, self.clock.now(), self.clock.tz, self.study_kinds())

    def study_kinds(self) -> tuple[str, ...]:
        """The card kinds to ask: listening only where audio can be made."""
        if self.speaker is not None and self.speaker.can_speak():
            return (*ENABLED_KINDS, LISTENING)
        return ENABLED_KINDS

    def new_session(self, *, open_missing: bool = True) -> StudySession:
        """A study session over today's queue, as of now."""
        return StudySession(
            self.store,
            self.library,
            self.scheduling,
            self.clock.now(),
            self.clock.tz,
            new_per_day=self.settings.new_per_day,
            review_cap=self.settings.review_cap,
            open_missing=open_missing,
            kinds=self.study_kinds(),
        )

    def today(self) -> Overview:
        """Today's due and new counts, per topic (a session that answers nothing)."""
        session = self.new_session(open_missing=False)
        return overview(session.queue, self.library)
