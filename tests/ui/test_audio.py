"""Pilot tests of pronunciation in the app: p never freezes or crashes it, with or without a
sound device; listening cards play by themselves and are graded like recall."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import miniaudio

from cxvocab.audio import AudioError, Player, Speaker, Voices
from cxvocab.config import Settings
from cxvocab.scheduling import Scheduling
from cxvocab.ui.app import CxVocabApp
from cxvocab.ui.screens.study import StudyScreen


class NoDevice(Player):
    """What a machine without a sound card does."""

    def __init__(self) -> None:
        super().__init__()
        self.tries = 0

    def play(self, path: Path) -> None:
        self.tries += 1
        raise AudioError("no sound device: pronunciation cannot be played here")


def speaker(tmp_path: Path, player: Player) -> Speaker:
    return Speaker(Voices(tmp_path / "cache", [], "espeak"), player)


async def test_p_plays_the_term(store, library, scheduling, clock, tmp_path):
    voice = speaker(tmp_path, Player(backends=[miniaudio.Backend.NULL]))
    app = CxVocabApp(store, library, Settings(), voice, clock, scheduling=scheduling, rtl_mode="visual")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        await app.workers.wait_for_complete()  # the card's clip was made ahead of time
        assert voice.voices.cached("pain point", "us") is not None
        assert voice.voices.cached("touchpoint", "us") is not None  # and the next card's
        await pilot.press("p")
        await app.workers.wait_for_complete()
        assert voice.player.started.wait(timeout=10)
        await pilot.press("P")  # the example sentence
        await app.workers.wait_for_complete()
        assert voice.voices.cached(library.terms["pain-point"].examples[0].en, "us") is not None


async def test_p_without_a_sound_device_says_so_once(store, library, scheduling, clock, tmp_path):
    player = NoDevice()
    app = CxVocabApp(store, library, Settings(), speaker(tmp_path, player), clock, scheduling=scheduling, rtl_mode="visual")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        for _ in range(3):
            await pilot.press("p")
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert player.tries == 3
        assert app._audio_notices == {"No sound device: pronunciation cannot be played here."}
        assert isinstance(app.screen, StudyScreen)  # the app carries on
        await pilot.press("space", "3")
        assert store.count("reviews") == 1


async def test_listening_plays_by_itself_and_grades_like_recall(store, library, scheduling, clock, tmp_path):
    voice = speaker(tmp_path, Player(backends=[miniaudio.Backend.NULL]))
    store.open_cards([("touchpoint", "listening", Scheduling.new_state(clock.now() - timedelta(hours=1)))], clock.now())
    app = CxVocabApp(store, library, Settings(new_per_day=0), voice, clock, scheduling=scheduling, rtl_mode="visual")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, StudyScreen) and screen.question.kind == "listening"  # type: ignore[union-attr]
        await app.workers.wait_for_complete()
        assert voice.player.started.wait(timeout=10)  # it played without a key
        voice.player.started.clear()
        await pilot.press("ctrl+r")
        await app.workers.wait_for_complete()
        assert voice.player.started.wait(timeout=10)
        await pilot.press(*"touch point", "enter")
        (review,) = store.reviews()
        assert (review.kind, review.rating, review.correct, review.answer) == ("listening", 3, True, "touch point")


async def test_no_listening_cards_without_a_speaker(store, library, scheduling, clock, tmp_path):
    assert "listening" not in CxVocabApp(store, library, Settings(), None, clock).study_kinds()
    assert "listening" in CxVocabApp(store, library, Settings(), speaker(tmp_path, NoDevice()), clock).study_kinds()
