"""The Textual app. It is handed every part it uses; it builds none of them itself."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from textual import events
from textual.app import SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.reactive import reactive
from textual.screen import Screen
from textual.theme import Theme, ThemeProvider
from textual.worker import Worker, WorkerState

from cxvocab import rtl
from cxvocab.audio import Speaker
from cxvocab.bootstrap import Context
from cxvocab.clock import Clock, SystemClock, local
from cxvocab.config import LANGUAGES, THEMES, Settings, remember
from cxvocab.content import Library
from cxvocab.i18n import N_, translator
from cxvocab.kinds import ENABLED_KINDS, Kind
from cxvocab.optimize import parameters_in_use
from cxvocab.records import TermMarks
from cxvocab.scheduling import Scheduling
from cxvocab.session import Overview, StudySession, overview
from cxvocab.store import ReviewRow, Store
from cxvocab.ui.sound import SoundApp
from cxvocab.ui.themes import themes

if TYPE_CHECKING:  # imported where used: the first screen needs neither
    from textual.app import SystemCommand

    from cxvocab.costs import Cost
    from cxvocab.optimize import Fit, NotEnoughReviews, Saved
    from cxvocab.prep import PrepRequest
    from cxvocab.stats import PastDays, Stats


NOTICE_WIDTH = 60  # Textual's Toast: 60 cells, at most half the screen
HEADER_EDGES = 16  # the header's icon and clock room, both ends
EXTRA_NEW_KEY = "extra_new_today"  # meta: "<local date> <n>", new terms added for that day only


class CxVocabApp(SoundApp):
    """cxvocab's TUI: home, study, summary."""

    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "cxvocab"
    SUB_TITLE = N_("CX vocabulary for Persian speakers")
    BINDINGS = [
        Binding("ctrl+c", "quit", N_("Quit"), show=False, priority=True),
        Binding("t", "toggle_rtl", N_("Persian display"), id="toggle-rtl"),
        # In a text box t and ? are typed; ctrl+t and f1 do their work there (and work
        # everywhere, unshown).
        Binding("ctrl+t", "toggle_rtl_typing", N_("Persian display"), id="toggle-rtl-typing", priority=True, key_display="ctrl+t"),
        Binding("ctrl+t", "toggle_rtl", show=False, priority=True),
        Binding("question_mark", "help", N_("Keys"), id="help"),
        Binding("f1", "help_typing", N_("Keys"), id="help-typing", priority=True),
        Binding("f1", "help", show=False, priority=True),
    ]

    # How Persian is drawn ("visual" or "native"). Widgets that draw Persian watch it (attributes
    # down); screens that lay Persian out themselves are told through CxScreen.rtl_changed.
    rtl_mode: reactive[str] = reactive("visual", init=False)

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
        language_chosen: bool = False,
        prep: PrepRequest | None = None,
        check_command: str = "cxvocab check",
        long_lived: bool = False,
    ) -> None:
        """``rtl_mode`` is ``visual`` or ``native`` (``auto`` already resolved by the caller;
        without one, the setting is used and ``auto`` means visual). ``config_file`` is where
        a changed display mode is remembered (tests pass none). ``calibrate`` asks the learner
        on start which Persian line reads correctly, and then (unless ``language_chosen``) the
        interface's language. ``prep`` starts straight in a meeting-prep
        drill (``cxvocab prep``) and quits when it is done. ``check_command`` shows the
        problems of the term files this run loaded (with its ``--content`` folders).
        ``long_lived``: the only app of its process, as the CLI's is (see :meth:`on_mount`)."""
        super().__init__()
        self.store = store
        self.library = library
        self.settings = settings
        self.speaker = speaker  # None: no pronunciation (tests), and no listening cards
        self.clock: Clock = clock or SystemClock()
        # The learner's own FSRS parameters once they have fitted some (cxvocab optimize).
        self.scheduling = scheduling or Scheduling(settings.desired_retention, parameters=parameters_in_use(store))
        self.notices = notices or []  # e.g. a bad value in the settings file
        self.rtl_mode = rtl_mode or rtl.resolve(settings.rtl, {})
        self.tr = translator(settings.language)  # the interface's language
        self.config_file = config_file
        self.calibrate = calibrate
        self.language_chosen = language_chosen  # by --lang or the settings file: not asked on the first run
        self.prep = prep
        self.prep_only = prep is not None
        self.exiting = False
        self.check_command = check_command
        self.long_lived = long_lived
        self._past_days: PastDays | None = None  # what the Stats screen keeps of days that are over
        # Only the themes that are readable (ui/themes.py), in Settings and in ctrl+p alike.
        offered = themes()
        for name in list(self.available_themes):
            if name not in offered:
                self.unregister_theme(name)
        for theme in offered.values():
            self.register_theme(theme)
        self.theme = settings.theme

    def exit(self, *args: Any, **kwargs: Any) -> None:
        """Quit. Keys typed ahead of the quit (``q`` then ``s`` in one burst) are dropped from
        here on: a screen opened while the app shuts down would find none of its widgets."""
        self.exiting = True
        super().exit(*args, **kwargs)

    async def on_event(self, event: events.Event) -> None:
        if self.exiting and isinstance(event, events.InputEvent):
            return
        await super().on_event(event)

    def get_default_screen(self) -> Screen[Any]:
        """Home is the app's first and bottom screen (no empty default screen beneath it)."""
        from cxvocab.ui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        if self.long_lived:
            # The terms and Textual, alive now, live as long as the process: out of the cyclic
            # collector's sight, its full collections no longer walk them between cards.
            gc.freeze()
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self._retitle()
        for notice in self.notices:
            self.notify(self.tr(notice), severity="warning", timeout=10, markup=False)
        if self.prep is not None:
            self.start_prep(self.prep)
        if self.calibrate:
            from cxvocab.ui.screens.calibration import CalibrationScreen

            self.push_screen(CalibrationScreen(), self.calibrated)

    def calibrated(self, mode: str | None) -> None:
        """The first run's first answer, the display mode that reads right; then the language is
        asked, its Persian drawn that way (unless ``--lang`` or the settings file chose it)."""
        from cxvocab.ui.screens.calibration import LanguageScreen

        if mode is None:
            return
        self.set_rtl_mode(mode)
        if not self.language_chosen:
            self.push_screen(LanguageScreen(), self.chose_language)

    def chose_language(self, language: str | None) -> None:
        if language in LANGUAGES and language != self.settings.language:
            self.apply_settings(replace(self.settings, language=language))

    def _retitle(self) -> None:
        """The header's subtitle, in the interface's language; in Persian fitted to the room the
        header leaves it (cut by Textual, a laid-out line would lose its start, not its end)."""
        said = self.tr(self.SUB_TITLE)
        if not self.tr.rtl:
            self.sub_title = said
            return
        room = self.size.width - HEADER_EDGES - cell_len(f"{self.title} — ")
        self.sub_title = rtl.fit(said, max(room, 4), self.rtl_mode)

    def on_resize(self) -> None:
        if self.tr.rtl:
            self._retitle()

    def tr_inline(self, text: str) -> str:
        """A Persian label inside a left-to-right line (the header, a button, a box's hint):
        laid out for this terminal, or left alone in English."""
        return rtl.isolate(text, self.rtl_mode) if self.tr.rtl else text

    def notify(self, message: str, *, title: str = "", severity: Any = "information", timeout: float | None = None, markup: bool = True) -> None:
        """A notice; in Persian laid out right to left, line by line, at the notice's width
        (Textual would wrap the display-order text itself, putting the end of the sentence
        first)."""
        if rtl.has_rtl(message):
            # The text's room in Textual's Toast: 60 cells, at most half the screen, less its
            # padding and edge (measured: 16 at 40 columns, 56 at 120, 57 from 122 on).
            width = max(10, min(NOTICE_WIDTH - 3, self.size.width // 2 - 4))
            lines = rtl.layout(" ".join(message.split()), width, self.rtl_mode)
            message = "\n".join(" " * (width - cell_len(line)) + line for line in lines)
            markup = False
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)
    def prep_request(
        self,
        topics: list[str],
        *,
        weakest: bool = False,
        flagged: bool = False,
        count: int | None = None,
        minutes: float | None = None,
    ) -> PrepRequest:
        """A checked drill request (raises PrepError with a message for the learner)."""
        from cxvocab.prep import plan

        return plan(self.library, self.store, topics, weakest=weakest, flagged=flagged, count=count, minutes=minutes, tr=self.tr)

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

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """ctrl+p's commands, in the interface's language: colours, the keys of this screen
        (cxvocab's own help, not Textual's widget panel), quit."""
        from textual.app import SystemCommand

        tr = self.tr
        yield SystemCommand(self.tr_inline(tr("Colours")), self.tr_inline(tr("Choose the colour theme")), self.action_change_theme)
        yield SystemCommand(self.tr_inline(tr("Keys")), self.tr_inline(tr("The keys of this screen, and what it asks of you")), self.action_help)
        yield SystemCommand(self.tr_inline(tr("Quit")), self.tr_inline(tr("Quit (every answer is already saved)")), self.action_quit)

    def action_command_palette(self) -> None:

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]  # App[None] is an App
            self.push_screen(CommandPalette(id="--command-palette", placeholder=self.tr_inline(self.tr("Search for a command…"))))

    def action_change_theme(self) -> None:

        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=self.tr_inline(self.tr("Search for a theme…"))))

    def get_key_display(self, binding: Binding) -> str:
        """Keys as a learner reads them: "ctrl+t", not Textual's "^t"."""
        if binding.key_display is None and binding.key.startswith("ctrl+"):
            return binding.key
        return super().get_key_display(binding)

    def typing(self) -> bool:
        """Whether a text box has the focus (t and ? are typed there). Textual's Input is not
        imported to find out: until some screen has imported it, nothing can be one."""
        inputs = sys.modules.get("textual.widgets._input")
        return inputs is not None and isinstance(self.focused, inputs.Input)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        typing = self.typing()
        if action in ("toggle_rtl_typing", "help_typing"):
            return typing
        if action in ("toggle_rtl", "help") and typing:
            return False  # t and ? type into the box: ctrl+t and f1 (above) are shown and work instead
        return True

    def action_toggle_rtl_typing(self) -> None:
        self.action_toggle_rtl()

    def action_help_typing(self) -> None:
        self.action_help()

    def action_toggle_rtl(self) -> None:
        """``t`` (``ctrl+t`` in a text box): switch how Persian is drawn, and remember it."""
        self.set_rtl_mode(rtl.toggled(self.rtl_mode))
        key = "ctrl+t" if self.typing() else "t"
        mode = self.tr(N_("visual")) if self.rtl_mode == "visual" else self.tr(N_("native"))
        self.notify(self.tr("Persian display: {mode}. Press {key} again if Persian reads backwards.", mode=mode, key=key), timeout=4)

    def action_help(self) -> None:
        """``?``: the keys of the screen on display as they work now (read from the bindings
        themselves, so help cannot fall out of step with the keys), and what the screen
        explains of itself."""
        from cxvocab.ui.screens.base import CxScreen
        from cxvocab.ui.screens.help import help_screen

        screen = self.screen
        self.push_screen(help_screen(screen, screen.help_sections() if isinstance(screen, CxScreen) else []))

    def apply_settings(self, settings: Settings) -> None:
        """Use new settings from now on (no restart), and remember what changed (only that:
        values given on the command line stay out of the file unless the learner changed them)."""
        old = self.settings
        changes = old.changes(settings)
        if not changes:
            return
        self.settings = settings
        if "desired_retention" in changes:
            self.scheduling = Scheduling(settings.desired_retention, parameters=self.scheduling.parameters)
        if self.speaker is not None:
            self.speaker.voices.engine = settings.audio_engine
        if "theme" in changes:
            self.theme = settings.theme
        if "rtl" in changes:
            self.rtl_mode = rtl.resolve(settings.rtl)
        self._remember(**changes)
        if "language" in changes:
            self.tr = translator(settings.language)
            self._retitle()
            self.call_later(self._redraw_in_language)

    def _redraw_in_language(self) -> None:
        """Every screen drawn again in the new language (Settings and the first-run question
        are over Home, and gone by now: in practice, Home)."""
        from cxvocab.ui.screens.base import CxScreen

        for screen in self.screen_stack:
            if isinstance(screen, CxScreen):
                screen.language_changed()

    def set_rtl_mode(self, mode: str | None) -> None:
        """Draw Persian in ``mode`` everywhere, now and from now on (``t``, the calibration):
        the setting becomes that mode, in Settings and in the file."""
        if mode not in rtl.MODES:
            return
        self.rtl_mode = mode
        self.settings = replace(self.settings, rtl=mode)
        self._remember(rtl=mode)

    def watch_rtl_mode(self) -> None:
        # The widgets that draw Persian follow rtl_mode themselves; screens are told.
        from cxvocab.ui.screens.base import CxScreen

        if getattr(self, "tr", None) is not None:
            self._retitle()
        for screen in self.screen_stack:
            if isinstance(screen, CxScreen):  # screens that lay Persian out themselves (tables, cards)
                screen.rtl_changed()

    def _theme_changed(self, theme: Theme) -> None:
        """A theme picked with ctrl+p is kept, like one picked in Settings."""
        if theme.name != self.settings.theme and theme.name in THEMES:
            self.settings = replace(self.settings, theme=theme.name)
            self._remember(theme=theme.name)

    def _remember(self, **changes: Any) -> None:
        if self.config_file is None:
            return
        try:
            remember(self.config_file, **changes)
        except OSError as exc:
            self.notify(
                self.tr("Could not save the settings to {file}: {problem}", file=str(self.config_file), problem=exc.strerror or str(exc)),
                severity="warning",
                markup=False,
            )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker's unexpected error is a notice; the study goes on (every worker is started
        with exit_on_error=False, so none of them can end the app)."""
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            self.notify(
                self.tr(
                    "Something went wrong in the background ({problem}); your answers are saved and you can go on.",
                    problem=f"{type(error).__name__}: {error}",
                ),
                severity="error",
                timeout=8,
                markup=False,
            )

    def term_progress(self) -> dict[str, tuple[bool, float]]:
        """Per term met: answered at all, and the weakest card's stability (days)."""
        return self.store.term_progress()

    def term_history(self, term_id: str) -> list[ReviewRow]:
        return self.store.reviews(term_id)

    def stats(self) -> Stats:
        """The numbers of the Stats screen, as of now (the same as ``cxvocab stats``)."""
        from cxvocab.stats import PastDays, compute

        self._past_days = self._past_days or PastDays()
        now, tz = self.clock.now(), self.clock.tz
        return compute(self.store, self.library, now, tz, self.study_kinds(), self._past_days)

    def study_kinds(self) -> tuple[str, ...]:
        """The card kinds to ask: listening only where audio can be made and heard."""
        if self.speaker is not None and self.listening_off is None and self.speaker.can_speak():
            return (*ENABLED_KINDS, Kind.LISTENING)
        return ENABLED_KINDS

    def new_session(self, *, open_missing: bool = True, topic: str | None = None, ahead_days: int = 0) -> StudySession:
        """A study session over today's queue, as of now (``topic``: that topic's cards only;
        ``ahead_days``: review ahead the cards due in that many days)."""
        return StudySession(
            self.store,
            self.library,
            self.scheduling,
            self.clock.now(),
            self.clock.tz,
            new_per_day=self.new_per_day_now(),
            review_cap=self.settings.review_cap,
            open_missing=open_missing,
            kinds=self.study_kinds(),
            topic=topic,
            ahead_days=ahead_days,
            leech_threshold=self.settings.leech_threshold,
        )

    def ahead_count(self, days: int) -> int:
        """How many cards a review ahead over ``days`` would ask now."""
        return self.new_session(open_missing=False, ahead_days=days).queue.total

    def set_term_marks(self, term_id: str, marks: TermMarks) -> TermMarks:
        """Put the learner's marks on a term (Browse); returns those it had."""
        return self.store.set_marks(term_id, marks, self.clock.now())

    def term_marks(self) -> dict[str, TermMarks]:
        return self.store.marks()

    # -- the schedule fitted to the learner (issue 21) ---------------------------------------

    def fit_schedule(self) -> Callable[[Callable[[str], None]], Fit | NotEnoughReviews]:
        """The learner's study answers, read now, and the fit of FSRS to them, to run in a
        worker (told each step); nothing is written until :meth:`apply_fit`. A short history is
        a result, not an error."""
        from cxvocab.optimize import NotEnoughReviews, default_parameters, fit_history, history

        past = history(self.store, self.clock.tz)
        current = self.scheduling.parameters or default_parameters()

        def work(progress: Callable[[str], None]) -> Fit | NotEnoughReviews:
            try:
                return fit_history(past, current, progress)
            except NotEnoughReviews as short:
                return short

        return work

    def apply_fit(self, result: Fit) -> None:
        """Keep the fitted parameters; the scheduler uses them from the next card on."""
        from cxvocab.optimize import apply

        apply(self.store, result, self.clock.now())
        self.scheduling = Scheduling(self.settings.desired_retention, parameters=result.parameters)

    def schedule_back(self) -> None:
        """The parameters in use before the last fit, again (raises ValueError if none)."""
        from cxvocab.optimize import go_back

        self.scheduling = Scheduling(self.settings.desired_retention, parameters=go_back(self.store, self.clock.now()))

    def schedule_state(self) -> Saved | None:
        from cxvocab.optimize import saved

        return saved(self.store)

    def retention_costs(self) -> Callable[[], list[Cost]]:
        """What each desired retention would cost over the next 30 days: the cards read now,
        the simulation to run in a worker."""
        from cxvocab.costs import learner_cards, retention_costs
        from cxvocab.optimize import default_parameters

        now = self.clock.now()
        held = self.store.held_terms(now)
        unmet = sum(1 for t in self.library.terms if t not in held) - len(self.store.met_terms() - held)
        from cxvocab.clock import day_window

        tz = self.clock.tz
        cards, parameters, new_per_day = learner_cards(self.store, self.study_kinds()), self.scheduling.parameters, self.settings.new_per_day
        introduced = self.store.introduced_between(*day_window(now, tz))
        return lambda: retention_costs(
            parameters or default_parameters(), cards, now, tz=tz, new_per_day=new_per_day, unmet=max(0, unmet),
            introduced_today=introduced,
        )

    def today(self) -> Overview:
        """Today's due and new counts, per topic (a session that answers nothing), and with
        nothing to do, when there will be."""
        session = self.new_session(open_missing=False)
        counts = overview(session.queue, self.library)
        if counts.due + counts.new:
            return counts
        now = self.clock.now()
        return replace(counts, next_due=session.next_due(now), unmet=session.has_unmet())

    def learn_more_today(self, count: int) -> None:
        """Raise today's limit of new terms by ``count``, for today only (kept in the database,
        so that quitting and coming back the same day keeps it; tomorrow it is gone)."""
        today = local(self.clock.now(), self.clock.tz).date().isoformat()
        day, extra = self._extra_new()
        self.store.set_meta(EXTRA_NEW_KEY, f"{today} {(extra if day == today else 0) + count}")

    def _extra_new(self) -> tuple[str, int]:
        text = self.store.get_meta(EXTRA_NEW_KEY) or ""
        day, _, extra = text.partition(" ")
        return (day, int(extra)) if extra.isdigit() else ("", 0)

    def new_per_day_now(self) -> int:
        day, extra = self._extra_new()
        today = local(self.clock.now(), self.clock.tz).date().isoformat()
        return self.settings.new_per_day + (extra if day == today else 0)


def build(context: Context, prep: PrepRequest | None = None, app: type[CxVocabApp] | None = None) -> CxVocabApp:
    """The app from real parts: the settings, term files, database and audio the command
    line's options name (with ``prep``: a meeting-prep drill, then quit). ``app``: a subclass
    to build instead (the start-up benchmark's, which quits once the first screen is drawn)."""
    settings, warnings = context.settings()
    library = context.library()
    started = context.new_database_notice()  # asked before the store is opened (and made)
    return (app or CxVocabApp)(
        context.store(),
        library,
        settings,
        context.speaker(settings),
        notices=[*warnings, *([started] if started else [])],
        rtl_mode=rtl.resolve(settings.rtl),
        config_file=context.where.config_file,
        calibrate=context.rtl_unchosen(),
        language_chosen=not context.language_unchosen(),
        check_command=context.check_command(),
        prep=prep,
        long_lived=True,
    )


def run(context: Context, prep: PrepRequest | None = None) -> None:
    """Build the app and run it until the learner quits."""
    app = build(context, prep)
    try:
        app.run()
    finally:
        app.store.close()


if TYPE_CHECKING:  # mypy holds the app to what its screens were promised
    from cxvocab.ui.services import Services

    def _provides(app: CxVocabApp) -> Services:
        return app
