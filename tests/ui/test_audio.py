"""Pilot tests of pronunciation in the app: p never freezes or crashes it, with or without a
sound device; listening cards play by themselves and are graded like recall."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import miniaudio
import pytest
from textual.worker import WorkerFailed

from cxvocab.audio import NoSoundDevice, Player, Speaker, Voices
from cxvocab.config import Settings
from cxvocab.scheduling import Scheduling
from cxvocab.ui.screens.study import StudyScreen
from tests.ui.conftest import build_app


class NoDevice(Player):
    """What a machine without a sound card does. ``opens``: the device seems to open (the
    sound check passes), then nothing plays."""

    def __init__(self, opens: bool = False) -> None:
        super().__init__()
        self.tries = 0
        self.opens = opens

    def play(self, path: Path) -> None:
        self.tries += 1
        raise NoSoundDevice("no sound device: pronunciation cannot be played here")

    def check(self) -> None:
        if not self.opens:
            raise NoSoundDevice("no sound device: pronunciation cannot be played here")


def speaker(tmp_path: Path, player: Player) -> Speaker:
    return Speaker(Voices(tmp_path / "cache", [], "espeak"), player)


async def test_p_plays_the_term(store, library, scheduling, clock, tmp_path):
    voice = speaker(tmp_path, Player(backends=[miniaudio.Backend.NULL]))
    app = build_app(store, library, clock, settings=Settings(), speaker=voice, scheduling=scheduling, rtl_mode="visual")
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
    app = build_app(store, library, clock, settings=Settings(), speaker=speaker(tmp_path, player), scheduling=scheduling, rtl_mode="visual")
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
    app = build_app(store, library, clock, settings=Settings(new_per_day=0), speaker=voice, scheduling=scheduling, rtl_mode="visual")
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
    assert "listening" not in build_app(store, library, clock, settings=Settings()).study_kinds()
    # Until something has been tried, a speaker that can make clips may be heard.
    assert "listening" in build_app(store, library, clock, speaker=speaker(tmp_path, NoDevice())).study_kinds()


def due_now(store, clock, *cards: tuple[str, str]) -> None:
    """The cards, due in the order given (the first an hour ago, each next a minute later)."""
    store.open_cards(
        [(t, k, Scheduling.new_state(clock.now() - timedelta(hours=1) + timedelta(minutes=i))) for i, (t, k) in enumerate(cards)],
        clock.now(),
    )


async def test_without_a_sound_device_no_listening_card_is_asked_or_graded(store, library, scheduling, clock, tmp_path):
    """The sound check at the start of study finds no device: the listening cards due today
    are not asked, nothing is graded for them, and they stay due for a day with sound."""
    due_now(store, clock, ("touchpoint", "listening"), ("pain-point", "listening"), ("net-promoter-score", "usage"))
    player = NoDevice()
    app = build_app(store, library, clock, settings=Settings(new_per_day=0), speaker=speaker(tmp_path, player), scheduling=scheduling)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        assert screen.question is not None and screen.question.kind == "usage"
        assert "listening" not in app.study_kinds() and "listening" not in screen.session.kinds
        assert [n.message for n in app._notifications] == [
            "No sound device: pronunciation cannot be played here. Listening cards wait for you, ungraded, until"
            " cxvocab starts again with sound."
        ]
        await pilot.press("p")  # said once: not again
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(app._notifications) == 1
        await pilot.press("y")
        await pilot.press("space")
        assert [r.kind for r in store.reviews()] == ["usage"]  # the listening cards: never graded
    assert store.card("touchpoint", "listening").state.last_review is None  # type: ignore[union-attr]


async def test_a_listening_card_that_cannot_be_heard_gives_way(store, library, scheduling, clock, tmp_path):
    """No sound check ran before (the device failed only when the card played): the card on
    screen is replaced by the next one, ungraded."""
    due_now(store, clock, ("touchpoint", "listening"), ("net-promoter-score", "usage"))
    player = NoDevice(opens=True)
    app = build_app(store, library, clock, settings=Settings(new_per_day=0), speaker=speaker(tmp_path, player), scheduling=scheduling)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StudyScreen) and screen.question.kind == "usage"  # type: ignore[union-attr]
        assert player.tries == 1 and store.count("reviews") == 0


async def test_ctrl_l_cannot_listen_now(store, library, scheduling, clock, tmp_path):
    due_now(store, clock, ("touchpoint", "listening"), ("net-promoter-score", "usage"))
    voice = speaker(tmp_path, Player(backends=[miniaudio.Backend.NULL]))
    app = build_app(store, library, clock, settings=Settings(new_per_day=0), speaker=voice, scheduling=scheduling)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, StudyScreen) and screen.question.kind == "listening"  # type: ignore[union-attr]
        keys = screen.query_one("KeyLine").keys()  # type: ignore[attr-defined]
        assert ("ctrl+r", "Play again") in keys and ("ctrl+l", "Can't listen now") in keys and ("esc", "Finish") in keys
        await pilot.press("enter")  # an empty answer is refused, and the way out is named
        assert app._notifications and list(app._notifications)[-1].message == (
            "Type the English term first (escape finishes, ctrl+l if you cannot listen now)."
        )
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert screen.question.kind == "usage"  # type: ignore[union-attr]
        assert store.count("reviews") == 0 and "listening" not in app.study_kinds()


async def test_a_worker_that_fails_is_a_notice_not_the_end(store, library, scheduling, clock, tmp_path):
    """The audio cache under a regular file: making a clip fails with NotADirectoryError
    (once the app died of it, WorkerFailed); now it is said and the study goes on."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    voice = Speaker(Voices(blocker / "cache", [], "espeak"), Player(backends=[miniaudio.Backend.NULL]))
    app = build_app(store, library, clock, settings=Settings(), speaker=voice, scheduling=scheduling)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter", "p")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)
        assert any(
            n.message.startswith(f"The audio cache {blocker / 'cache' / 'audio' / 'us'} cannot be written")
            for n in app._notifications
        )
        await pilot.press("space", "3")
        assert store.count("reviews") == 1


async def test_an_unexpected_worker_error_is_a_notice(store, library, scheduling, clock):
    app = build_app(store, library, clock, settings=Settings(), scheduling=scheduling)

    def broken():
        raise RuntimeError("boom")

    async with app.run_test(size=(100, 32)) as pilot:
        worker = app.run_worker(broken, thread=True, exit_on_error=False)
        with pytest.raises(WorkerFailed):  # the worker itself failed...
            await worker.wait()
        await pilot.pause()
        assert app.is_running
        assert [n.message for n in app._notifications] == [
            "Something went wrong in the background (RuntimeError: boom); your answers are saved and you can go on."
        ]
