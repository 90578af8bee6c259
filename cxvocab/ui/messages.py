"""Messages of the interface: the app's to its screens (screens never import the app class),
and its workers' to the app."""

from __future__ import annotations

from textual.message import Message


class ListeningOff(Message):
    """Listening cards are no longer asked in this run: nothing can be heard (no sound device,
    no clip could be made) or the learner said they cannot listen now. A screen with a
    listening card on it puts another card in its place, ungraded."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason



class AudioProblem(Message):
    """A clip could not be made or played (posted from the speech worker)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class ListeningImpossible(Message):
    """Posted from a speech worker: a listening card's sound cannot be heard here."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
