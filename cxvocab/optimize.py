"""A schedule fitted to the learner's own memory (issue 21): FSRS parameters computed from their
study answers by fsrs-rs-python, the Rust FSRS that Anki itself runs.

- Only study answers count: prep answers leave the schedule alone, so they do not teach it
  either, and a listening card that could not be heard was never graded at all.
- The history is read per card: each answer after the first becomes one training item (the
  card's answers so far, with the days between them), as fsrs-rs expects.
- Both the current parameters and the fitted ones are evaluated on that history (log loss,
  RMSE over bins, from the library); the fit is offered only when it predicts better.
- The parameters in use, and those they replaced, are kept in the database (``meta``), so the
  learner can go back; :class:`cxvocab.scheduling.Scheduling` takes them from the next card on.

Nothing here imports fsrs_rs_python at module level: the app starts without it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, tzinfo
from typing import Any

from cxvocab.clock import local
from cxvocab.i18n import ENGLISH, N_, Msg, Translator
from cxvocab.store import Store

# Fewer study answers than this and the fit learns the noise, not the learner: say how many more.
# (fsrs-rs fits from a few hundred items; Anki leaves the defaults below roughly this many.)
MIN_REVIEWS = 400
META_KEY = "fsrs_parameters"

Progress = Callable[[str], None]


class NotEnoughReviews(ValueError):
    """The history is too short to fit: ``needed`` more study answers."""

    def __init__(self, have: int, needed: int) -> None:
        super().__init__(
            Msg.n(
                "{have} study answers so far: {n} more are needed before a schedule can be fitted to your memory",
                "{have} study answers so far: {n} more are needed before a schedule can be fitted to your memory",
                needed,
                have=have,
            )
        )
        self.have, self.needed = have, needed


@dataclass(frozen=True)
class Evaluation:
    """How well a set of parameters predicts the history (lower is better, both)."""

    log_loss: float
    rmse_bins: float

    def beats(self, other: Evaluation) -> bool:
        return self.log_loss < other.log_loss


@dataclass(frozen=True)
class Fit:
    """The result of fitting: the new parameters and both evaluations on the same history."""

    reviews: int  # study answers read
    items: int  # training items they made
    current: Evaluation
    fitted: Evaluation
    parameters: tuple[float, ...]

    @property
    def better(self) -> bool:
        return self.fitted.beats(self.current)


@dataclass(frozen=True)
class Saved:
    """What the database keeps: the parameters in use and the ones before them."""

    parameters: tuple[float, ...]
    fitted_at: str
    evaluation: Evaluation | None = None
    reviews: int = 0
    previous: tuple[float, ...] | None = None  # None: the defaults were in use before

    def to_json(self) -> str:
        data = asdict(self)
        return json.dumps(data)

    @classmethod
    def from_json(cls, text: str) -> Saved | None:
        """The kept parameters, or None for anything that is not them (a hand-edited row)."""
        try:
            data = json.loads(text)
            evaluation = data.get("evaluation")
            parameters = tuple(float(x) for x in data["parameters"])
            previous = data.get("previous")
            return cls(
                parameters,
                str(data.get("fitted_at", "")),
                Evaluation(**evaluation) if evaluation else None,
                int(data.get("reviews", 0)),
                tuple(float(x) for x in previous) if previous else None,
            )
        except (ValueError, TypeError, KeyError):
            return None


def default_parameters() -> tuple[float, ...]:
    """FSRS's defaults, as py-fsrs (the scheduler) has them."""
    import fsrs

    return tuple(fsrs.Scheduler().parameters)


def saved(store: Store) -> Saved | None:
    """The learner's fitted parameters, if they have applied some."""
    text = store.get_meta(META_KEY)
    return Saved.from_json(text) if text else None


def parameters_in_use(store: Store) -> tuple[float, ...] | None:
    """What the scheduler should use: the learner's own, or None for the defaults."""
    kept = saved(store)
    return kept.parameters if kept else None


@dataclass
class History:
    """Study answers per card, in order: (local date, rating, when as stored)."""

    cards: dict[int, list[tuple[Any, int, str]]] = field(default_factory=dict)
    reviews: int = 0


def history(store: Store, tz: tzinfo | None) -> History:
    """The learner's study answers, by card, with the local day of each (FSRS counts days)."""
    out = History()
    for card_id, reviewed_at, rating in store.study_history():
        day = local(datetime.fromisoformat(reviewed_at), tz).date()
        out.cards.setdefault(card_id, []).append((day, rating, reviewed_at))
        out.reviews += 1
    return out


def training_items(past: History) -> list[Any]:
    """fsrs-rs's items: for each answer a day or more after the card's one before, the card's
    answers up to it, each with the days since the one before (0 for the first, and for answers
    on the same day).

    The items are in the order of their last answer, oldest first, as Anki gives them: fsrs-rs
    weighs an item by its place in the list, taking later ones for the more recent."""
    from fsrs_rs_python import FSRSItem, FSRSReview

    items = []
    for answers in past.cards.values():
        reviews = []
        last = answers[0][0]
        for day, rating, when in answers:
            days = (day - last).days
            reviews.append(FSRSReview(rating, days))
            last = day
            # An answer on the same day as the one before predicts nothing about memory over
            # days (fsrs-rs refuses to evaluate such an item): it stays in the history only.
            if len(reviews) > 1 and days > 0:
                items.append((when, FSRSItem(list(reviews))))  # stored fixed-width UTC: text order is time order
    items.sort(key=lambda pair: pair[0])
    return [item for _when, item in items]


def evaluate(parameters: Sequence[float], items: list[Any]) -> Evaluation:
    from fsrs_rs_python import FSRS

    result = FSRS(list(parameters)).evaluate(items)
    return Evaluation(round(float(result.log_loss), 5), round(float(result.rmse_bins), 5))


def fit(store: Store, tz: tzinfo | None, progress: Progress = lambda _: None) -> Fit:
    """Fit parameters to the learner's study answers and evaluate them beside the ones in use.
    Raises :class:`NotEnoughReviews` on a short history. ``progress`` is told each step."""

    progress(Msg("Reading your study answers…"))
    past = history(store, tz)
    return fit_history(past, parameters_in_use(store) or default_parameters(), progress)


def fit_history(past: History, current: Sequence[float], progress: Progress = lambda _: None) -> Fit:
    """The fit itself, on answers already read (a worker thread computes it: the database
    connection stays on the thread that opened it)."""
    from fsrs_rs_python import FSRS

    if past.reviews < MIN_REVIEWS:
        raise NotEnoughReviews(past.reviews, MIN_REVIEWS - past.reviews)
    items = training_items(past)
    progress(Msg("Fitting FSRS to {reviews} answers ({items} items)…", reviews=past.reviews, items=len(items)))
    fitted = tuple(float(x) for x in FSRS(list(current)).compute_parameters(items))
    progress(Msg("Comparing the fitted schedule with the one in use…"))
    return Fit(past.reviews, len(items), evaluate(current, items), evaluate(fitted, items), fitted)


def report_lines(result: Fit, tr: Translator = ENGLISH) -> list[str]:
    """What ``cxvocab optimize`` shows: how well each schedule predicts the learner's answers."""
    def row(name: str, e: Evaluation) -> str:
        return tr("{name}: log loss {loss}, RMSE {rmse}", name=tr(name), loss=tr.digits(f"{e.log_loss:.4f}"), rmse=tr.digits(f"{e.rmse_bins:.4f}"))

    return [
        tr("{reviews} study answers ({items} training items).", reviews=result.reviews, items=result.items),
        row(N_("In use"), result.current),
        row(N_("Fitted"), result.fitted),
    ]


def apply(store: Store, result: Fit, now: datetime) -> Saved:
    """Keep ``result``'s parameters as the learner's, and those in use as the way back. Only a
    better fit is applied (ValueError otherwise)."""
    if not result.better:
        raise ValueError(Msg("the fitted parameters do not predict your answers better than those in use"))
    kept = Saved(result.parameters, now.isoformat(), result.fitted, result.reviews, parameters_in_use(store))
    store.set_meta(META_KEY, kept.to_json())
    return kept


def go_back(store: Store, now: datetime) -> tuple[float, ...] | None:
    """Use the parameters that were in use before the last fit again (None: the defaults).
    Raises ValueError when there is no fit to undo."""
    kept = saved(store)
    if kept is None:
        raise ValueError(Msg("the schedule already uses FSRS's defaults"))
    if kept.previous is None:
        store.delete_meta(META_KEY)
        return None
    store.set_meta(META_KEY, Saved(kept.previous, now.isoformat()).to_json())
    return kept.previous
