"""What a screen may ask of the app: the parts and calls the screens use, and nothing else.

Screens are written against this protocol, not against the app class, so that ``ui/`` has one
direction (the app above its screens, the screens above their widgets) and a screen can be read,
and tested, without the whole app in mind. :class:`cxvocab.ui.app.CxVocabApp` provides it; the
import-linter contracts in ``pyproject.toml`` keep every other module of ``ui/`` from importing
the app.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Callable

    from cxvocab.clock import Clock
    from cxvocab.config import Settings
    from cxvocab.content import Library
    from cxvocab.costs import Cost
    from cxvocab.i18n import Translator
    from cxvocab.optimize import Fit, NotEnoughReviews, Saved
    from cxvocab.prep import PrepRequest
    from cxvocab.records import TermMarks
    from cxvocab.session import Overview, StudySession
    from cxvocab.stats import Stats
    from cxvocab.store import ReviewRow


class Services(Protocol):
    """The app as its screens see it."""

    clock: Clock
    library: Library
    settings: Settings
    rtl_mode: str  # "visual" or "native": how Persian is drawn now
    tr: Translator  # the interface's language
    prep_only: bool  # started by `cxvocab prep`: the drill is the whole run
    check_command: str  # the command that shows the problems of the term files loaded

    def tr_inline(self, text: str) -> str: ...  # a Persian label inside a left-to-right line

    # Learning
    def new_session(self, *, open_missing: bool = True, topic: str | None = None, ahead_days: int = 0) -> StudySession: ...
    def ahead_count(self, days: int) -> int: ...
    def set_term_marks(self, term_id: str, marks: TermMarks) -> TermMarks: ...
    def term_marks(self) -> dict[str, TermMarks]: ...
    def today(self) -> Overview: ...
    def learn_more_today(self, count: int) -> None: ...
    def prep_request(
        self,
        topics: list[str],
        *,
        weakest: bool = False,
        flagged: bool = False,
        count: int | None = None,
        minutes: float | None = None,
    ) -> PrepRequest: ...
    def start_prep(self, request: PrepRequest | None) -> None: ...

    # Progress
    def term_progress(self) -> dict[str, tuple[bool, float]]: ...
    def term_history(self, term_id: str) -> list[ReviewRow]: ...
    def stats(self) -> Stats: ...

    # Sound
    def say(self, text: str, term_id: str | None = None) -> None: ...
    def speak(self, text: str, term_id: str | None = None, *, listening: bool = False) -> object: ...  # a worker
    def check_sound(self) -> object: ...  # a worker
    def turn_listening_off(self, reason: str) -> None: ...
    def prepare_audio(self, items: list[tuple[str | None, str]]) -> object: ...  # a worker

    # Settings
    def apply_settings(self, settings: Settings) -> None: ...
    def fit_schedule(self) -> Callable[[Callable[[str], None]], Fit | NotEnoughReviews]: ...  # run it in a worker
    def apply_fit(self, result: Fit) -> None: ...
    def schedule_back(self) -> None: ...
    def schedule_state(self) -> Saved | None: ...
    def retention_costs(self) -> Callable[[], list[Cost]]: ...  # run it in a worker
