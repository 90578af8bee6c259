"""Pronunciation in the app: clips made and played in worker threads, and what the learner
is told when there is no sound. The app class is built on :class:`SoundApp`; the workers
talk back with messages (:mod:`cxvocab.ui.messages`), never by changing the app."""

from __future__ import annotations

from textual import work
from textual.app import App

from cxvocab.audio import AudioError, NoSoundDevice, Speaker
from cxvocab.config import Settings
from cxvocab.i18n import Translator
from cxvocab.ui.messages import AudioProblem, ListeningImpossible, ListeningOff


class SoundApp(App[None]):
    """The app's speaking part: ``p``, listening cards' clips, clips made ahead, and turning
    listening cards off for the run when nothing can be heard."""

    speaker: Speaker | None  # None: no pronunciation (tests), and no listening cards
    settings: Settings
    tr: Translator

    def __init__(self) -> None:
        super().__init__()
        self._audio_notices: set[str] = set()
        # Why listening cards are not asked in this run (None: they are, where audio can be made).
        self.listening_off: str | None = None

    def on_audio_problem(self, message: AudioProblem) -> None:
        # Said once, calmly; the app carries on without sound.
        if message.text not in self._audio_notices:
            self._audio_notices.add(message.text)
            self.notify(message.text, severity="warning", timeout=5, markup=False)

    def say(self, text: str, term_id: str | None = None) -> None:
        """``p`` on any screen: play ``text`` (or say that pronunciation is off in this run)."""
        if self.speaker is None:
            self.notify(self.tr("Pronunciation is off in this run."), timeout=2)
            return
        self.speak(text, term_id)

    @work(thread=True, exclusive=True, group="speech", exit_on_error=False)
    def speak(self, text: str, term_id: str | None = None, *, listening: bool = False) -> None:
        """Find or make the clip (network or synthesis: never on the UI thread), then play it;
        a new request replaces the one before. ``listening``: the clip is a listening card's
        question, which cannot be answered if it is not heard."""
        if self.speaker is None:
            return
        try:
            clip = self.speaker.prepare(text, self.settings.accent, term_id)
            self.speaker.player.play(clip.path)
        except AudioError as exc:
            if listening or isinstance(exc, NoSoundDevice):
                self.post_message(ListeningImpossible(_sentence(exc, self.tr)))
            else:
                self.post_message(AudioProblem(_sentence(exc, self.tr)))

    @work(thread=True, exclusive=True, group="sound-check", exit_on_error=False)
    def check_sound(self) -> None:
        """Open the sound device ahead of the first listening card; without one, listening
        cards are left for another day before any is asked."""
        if self.speaker is None:
            return
        try:
            self.speaker.check_playback()
        except NoSoundDevice as exc:
            self.post_message(ListeningImpossible(_sentence(exc, self.tr)))

    def on_listening_impossible(self, message: ListeningImpossible) -> None:
        if self.listening_off is not None:  # said already: a later failure is the same news
            self.on_audio_problem(AudioProblem(message.text))
            return
        self._audio_notices.add(message.text)  # one notice says both
        self.turn_listening_off(message.text)

    def turn_listening_off(self, reason: str) -> None:
        """Ask no listening card for the rest of this run; each waits, ungraded, for a day it
        can be heard. Every screen is told, so a listening card on screen is replaced.
        ``reason`` is a sentence: why."""
        if self.listening_off is not None:
            return
        self.listening_off = reason
        self.notify(
            self.tr("{reason} Listening cards wait for you, ungraded, until cxvocab starts again with sound.", reason=reason),
            timeout=8,
            markup=False,
        )
        for screen in self.screen_stack:
            screen.post_message(ListeningOff(reason))

    @work(thread=True, group="prepare", exit_on_error=False)
    def prepare_audio(self, items: list[tuple[str | None, str]]) -> None:
        """Make upcoming clips while the learner answers (errors wait until a clip is played)."""
        if self.speaker is None:
            return
        for term_id, text in items:
            try:
                self.speaker.prepare(text, self.settings.accent, term_id)
            except AudioError:
                return


def _sentence(error: Exception, tr: Translator) -> str:
    """An engine's message as a notice, in the interface's language: a capital letter (in
    English) and a full stop."""
    text = tr(error.args[0]) if error.args and isinstance(error.args[0], str) else str(error)
    return text[:1].upper() + text[1:] + "."
