"""Messages the app sends down to its screens (screens never import the app class)."""

from __future__ import annotations

from textual.message import Message


class ListeningOff(Message):
    """Listening cards are no longer asked in this run: nothing can be heard (no sound device,
    no clip could be made) or the learner said they cannot listen now. A screen with a
    listening card on it puts another card in its place, ungraded."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason
