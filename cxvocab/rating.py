"""The four answers to a card, as FSRS numbers them: defined once, for grading (quiz.py), the
schedule (scheduling.py) and the screens."""

from __future__ import annotations


class Rating:
    """The four answers, as fsrs numbers them."""

    AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
    ALL = (1, 2, 3, 4)
    NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
