"""The four answers to a card, as FSRS numbers them: defined once, for grading (quiz.py), the
schedule (scheduling.py) and the screens."""

from __future__ import annotations

from cxvocab.i18n import N_


class Rating:
    """The four answers, as fsrs numbers them."""

    AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
    ALL = (1, 2, 3, 4)
    NAMES = {1: N_("Again"), 2: N_("Hard"), 3: N_("Good"), 4: N_("Easy")}  # as the interface says them
