"""Settings (``o`` on home): what a learner can tune, shown as it is saved, applied at once."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Header, Input, Select
from textual.worker import Worker, WorkerState

from cxvocab.audio import ENGINES
from cxvocab.config import ACCENTS, LANGUAGES, RTL_MODES, THEMES, Settings
from cxvocab.i18n import N_
from cxvocab.persian import to_latin_digits
from cxvocab.ui.screens.base import CxScreen
from cxvocab.ui.screens.schedule import FitScreen
from cxvocab.ui.widgets.key_line import KeyLine
from cxvocab.ui.widgets.rtl_text import RtlText

if TYPE_CHECKING:
    from cxvocab.costs import Cost
    from cxvocab.optimize import Fit

# The number fields: (id, label, setting, type, lowest, highest).
NUMBERS = [
    ("new-per-day", N_("New terms per day"), "new_per_day", int, 0, 1000),
    ("desired-retention", N_("Desired retention"), "desired_retention", float, 0.7, 0.99),
]
# The choices' names as the interface says them (the values are what config.toml holds).
CHOICE_NAMES = {
    "auto": N_("auto"), "gtts": N_("Google (online)"), "espeak": N_("espeak (offline)"),
    "visual": N_("visual"), "native": N_("native"), "us": N_("American (US)"), "uk": N_("British (UK)"),
    "en": N_("English"), "fa": N_("Persian"),
}


class SettingsScreen(CxScreen[None]):
    """Every field starts at the value in use; ctrl+s (or enter in a box) saves what changed."""

    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save"), id="save", priority=True, key_display="ctrl+s"),
        Binding("ctrl+o", "optimize", N_("Optimise my schedule"), id="optimize", priority=True, key_display="ctrl+o"),
        Binding("escape", "app.pop_screen", N_("Back without saving"), id="back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.costs: list[Cost] = []  # what each desired retention costs, once worked out

    def compose(self) -> ComposeResult:
        s, tr = self.cx.settings, self.cx.tr

        def label(text: str) -> RtlText:
            return RtlText(Text(tr(text)), classes="setting-label")

        def choices(values: tuple[str, ...]) -> list[tuple[str, str]]:
            return [(self.cx.tr_inline(tr(CHOICE_NAMES[v])) if v in CHOICE_NAMES else v, v) for v in values]

        yield Header()
        with VerticalScroll(id="settings", classes="rtl" if tr.rtl else ""):
            # Problems go above the fields, where they are seen without scrolling.
            yield RtlText(id="settings-problems")
            yield label(N_("Interface language (the terms you learn stay English)"))
            with Horizontal(classes="setting-row"):
                yield Select(choices(LANGUAGES), value=s.language, allow_blank=False, id="language", compact=True)
            yield label(N_("New terms per day (0 to 1000; 0: review only)"))
            with Horizontal(classes="setting-row"):
                yield Input(str(s.new_per_day), id="new-per-day", type="integer", compact=True)
            yield label(N_("Desired retention (0.70 to 0.99): higher means more reviews, fewer lapses"))
            with Horizontal(classes="setting-row"):
                yield Input(f"{s.desired_retention:g}", id="desired-retention", type="number", compact=True)
            yield from self._schedule()
            yield label(N_("Accent"))
            with Horizontal(classes="setting-row"):
                yield Select(choices(ACCENTS) if tr.rtl else [(a.upper(), a) for a in ACCENTS], value=s.accent, allow_blank=False, id="accent", compact=True)
            yield label(N_("Pronunciation engine (auto: Google when online, else espeak)"))
            with Horizontal(classes="setting-row"):
                yield Select(
                    choices(ENGINES) if tr.rtl else [(e, e) for e in ENGINES], value=s.audio_engine, allow_blank=False, id="audio-engine", compact=True
                )
            yield label(N_("Persian display (visual: terminals without bidi; native: GNOME Terminal, Konsole)"))
            with Horizontal(classes="setting-row"):
                yield Select(choices(RTL_MODES) if tr.rtl else [(m, m) for m in RTL_MODES], value=s.rtl, allow_blank=False, id="rtl", compact=True)
            yield label(N_("Colours"))
            with Horizontal(classes="setting-row"):
                yield Select([(t, t) for t in THEMES], value=s.theme, allow_blank=False, id="theme", compact=True)
            with Horizontal(classes="setting-row"):
                yield Button(self.cx.tr_inline(tr("Save  (ctrl+s)")), id="save-settings", variant="primary")
        yield KeyLine()

    def _schedule(self) -> ComposeResult:
        """The schedule in use, the way to fit it to the learner, and what retentions cost."""
        tr = self.cx.tr
        yield RtlText(id="schedule-state", classes="setting-label")
        # A row each: side by side they run off a narrow window.
        with Horizontal(classes="setting-row"):
            yield Button(self.cx.tr_inline(tr("Optimise my schedule  (ctrl+o)")), id="optimize", compact=True)
        with Horizontal(classes="setting-row", id="schedule-back-row"):
            yield Button(self.cx.tr_inline(tr("Go back to the previous parameters")), id="schedule-back", compact=True)
        yield RtlText(id="optimize-progress")
        yield RtlText(Text(""), classes="setting-label")
        yield RtlText(Text(tr("What each desired retention costs over the next 30 days (reviews a day, share remembered):"), style="dim"), classes="setting-label")
        yield RtlText(Text(tr("working it out…"), style="dim"), id="costs-chart")

    def on_mount(self) -> None:
        self.query_one("#settings-problems").display = False
        self.query_one("#optimize-progress").display = False
        self.query_one("#new-per-day", Input).focus()
        self._show_schedule()
        self.run_worker(self.cx.retention_costs(), thread=True, exit_on_error=False, group="costs", name="costs")

    def _show_schedule(self) -> None:
        tr = self.cx.tr
        kept = self.cx.schedule_state()
        if kept is None:
            said = tr("Schedule: FSRS's defaults. Once you have 400 study answers, fit it to your memory.")
        else:
            said = tr(
                "Schedule: fitted to your {n} study answers on {day} (log loss {loss}).",
                n=kept.reviews,
                day=tr.short_date(datetime.fromisoformat(kept.fitted_at).date()) if kept.fitted_at else "-",
                loss=tr.digits(f"{kept.evaluation.log_loss:.4f}") if kept.evaluation else "-",
            )
        self.query_one("#schedule-state", RtlText).text = Text(said, style="bold")
        self.query_one("#schedule-back-row").display = kept is not None

    def _progress(self, text: str) -> None:
        box = self.query_one("#optimize-progress", RtlText)
        box.text = Text(self.cx.tr(text), style="italic")
        box.display = True

    @on(Button.Pressed, "#optimize")
    def action_optimize(self) -> None:
        """Fit FSRS to the learner's answers in a thread; its steps are shown as they come."""
        if any(w.name == "optimize" and w.is_running for w in self.workers):
            return
        self._progress(self.cx.tr("Starting…"))

        def progress(text: str) -> None:
            self.app.call_from_thread(self._progress, text)

        work = self.cx.fit_schedule()  # the answers read here: the database stays on this thread
        self.run_worker(lambda: work(progress), thread=True, exit_on_error=False, group="optimize", name="optimize")

    @on(Button.Pressed, "#schedule-back")
    def _back(self) -> None:
        try:
            self.cx.schedule_back()
        except ValueError as exc:
            self.notify(self.cx.tr(str(exc.args[0])), timeout=4, markup=False)
            return
        self._show_schedule()
        self.notify(self.cx.tr("The schedule uses the parameters it used before, from the next card on."), timeout=4)
        self._recost()

    def _recost(self) -> None:
        self.query_one("#costs-chart", RtlText).text = Text(self.cx.tr("working it out…"), style="dim")
        self.run_worker(self.cx.retention_costs(), thread=True, exit_on_error=False, group="costs", name="costs", exclusive=True)

    @on(Worker.StateChanged)
    def _worker_done(self, event: Worker.StateChanged) -> None:
        from cxvocab.optimize import Fit, NotEnoughReviews

        worker = event.worker
        if event.state == WorkerState.ERROR:
            if worker.name == "optimize":
                self.query_one("#optimize-progress").display = False
            elif worker.name == "costs":
                self.query_one("#costs-chart", RtlText).text = Text(self.cx.tr("(could not be worked out)"), style="dim")
            # A screen's workers tell the screen, not the app (Worker.StateChanged does not
            # bubble): the notice the app gives for its own workers is given here.
            self.notify(
                self.cx.tr(
                    "Something went wrong in the background ({problem}); your answers are saved and you can go on.",
                    problem=f"{type(worker.error).__name__}: {worker.error}",
                ),
                severity="error",
                timeout=8,
                markup=False,
            )
            return
        if event.state != WorkerState.SUCCESS:
            return
        result = worker.result
        if worker.name == "costs" and isinstance(result, list):
            self.costs = result
            self._draw_costs()
        elif worker.name == "optimize" and isinstance(result, NotEnoughReviews):
            self._progress(result.args[0])
        elif worker.name == "optimize" and isinstance(result, Fit):
            self.query_one("#optimize-progress").display = False
            self.app.push_screen(FitScreen(result), lambda use: self._fitted(result, bool(use)))

    def _fitted(self, result: Fit, use: bool) -> None:
        if not use:
            return
        self.cx.apply_fit(result)
        self._show_schedule()
        self.notify(self.cx.tr("Your own parameters are in use from the next card on."), timeout=4)
        self._recost()

    def _draw_costs(self) -> None:
        from cxvocab.costs import chart_lines

        if not self.costs:
            return
        typed = to_latin_digits(self.query_one("#desired-retention", Input).value.strip())
        try:
            current: float | None = float(typed)
        except ValueError:
            current = None
        width = max(30, min(80, (self.query_one("#costs-chart").content_region.width or self.app.size.width - 4)))
        lines = chart_lines(self.costs, width, self.cx.tr, current=current)
        self.query_one("#costs-chart", RtlText).text = Text("\n".join(lines))

    @on(Input.Changed, "#desired-retention")
    def _retention_typed(self) -> None:
        self._draw_costs()  # the row marked follows what is typed

    def on_resize(self) -> None:
        # The chart is drawn to the width it has: a window made narrower would wrap its rows.
        self.call_after_refresh(self._draw_costs)

    def edited(self) -> Settings | None:
        """The settings as entered, or None (the problems shown, the first bad field focused)."""
        current, tr = self.cx.settings, self.cx.tr
        values: dict[str, object] = {}
        problems: list[tuple[str, str]] = []
        for field_id, label, key, kind, low, high in NUMBERS:
            typed = to_latin_digits(self.query_one(f"#{field_id}", Input).value.strip())
            try:
                value = kind(typed)
            except ValueError:
                what = tr("it is empty") if not typed else tr("'{typed}' is not a number", typed=typed)
                problems.append(
                    (field_id, tr("{label}: type a number from {low} to {high} ({what}).", label=tr(label), low=low, high=high, what=what))
                )
                continue
            if not low <= value <= high:
                problems.append((field_id, tr("{label}: {typed} is not between {low} and {high}.", label=tr(label), typed=typed, low=low, high=high)))
                continue
            values[key] = value
        for field_id, key in (
            ("accent", "accent"), ("audio-engine", "audio_engine"), ("rtl", "rtl"), ("theme", "theme"), ("language", "language")
        ):
            values[key] = str(self.query_one(f"#{field_id}", Select).value)
        box = self.query_one("#settings-problems", RtlText)
        box.text = Text("\n".join(message for _, message in problems), style="bold")
        box.display = bool(problems)
        if problems:
            self.query_one(f"#{problems[0][0]}", Widget).focus()
            self.query_one("#settings", VerticalScroll).scroll_home(animate=False)
            return None
        return replace(current, **values)  # type: ignore[arg-type]

    @on(Button.Pressed, "#save-settings")
    @on(Input.Submitted)
    def action_save(self) -> None:
        settings = self.edited()
        if settings is None:
            return
        changed = bool(self.cx.settings.changes(settings))
        self.app.pop_screen()
        self.cx.apply_settings(settings)
        self.notify(self.cx.tr("Settings saved.") if changed else self.cx.tr("Nothing changed."), timeout=2)
