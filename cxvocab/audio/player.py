"""Playback through miniaudio, and the Speaker the app uses (find a clip, play it)."""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cxvocab.audio.common import AudioError, Clip, NoSoundDevice
from cxvocab.audio.voices import Voices
from cxvocab.i18n import Msg


def quiet_alsa() -> None:
    """Keep ALSA's own complaints ("ALSA lib pcm.c: Unknown PCM default") off the screen: with
    no sound card it writes them straight to the terminal, under the app."""
    handler_type = ctypes.CFUNCTYPE(None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p)
    try:
        asound = ctypes.CDLL("libasound.so.2")
    except OSError:
        return
    quiet_alsa.handler = handler_type(lambda *_: None)  # type: ignore[attr-defined]
    asound.snd_lib_error_set_handler(quiet_alsa.handler)  # type: ignore[attr-defined]


class Player:
    """Plays one clip at a time through miniaudio; a new clip replaces the one playing.

    The device is opened once and then kept fed (silence between clips): stopping and
    restarting a device is heard as a delay, swapping the clip it reads from is not.
    """

    CHANNELS, SAMPLE_RATE, SAMPLE_BYTES = 2, 44100, 2  # miniaudio's defaults, for device and decoder
    # A new clip starts at the device's next pull: miniaudio's default 200 ms buffer would be
    # 200 ms between the key and the sound (DESIGN §7 wants 50 at most).
    BUFFER_MS = 20

    def __init__(self, backends: Sequence[Any] | None = None) -> None:
        self.backends = backends
        self._device: Any = None
        self._clip: Any = None  # the decoder now playing, or None for silence
        self._lock = threading.Lock()
        self.started = threading.Event()  # set when the device first pulls a new clip's sound

    def play(self, path: Path) -> None:
        """Start playing; returns at once. Raises NoSoundDevice with no sound device."""
        import miniaudio

        try:
            stream = miniaudio.stream_file(str(path), nchannels=self.CHANNELS, sample_rate=self.SAMPLE_RATE)
            next(stream)  # prime the decoder, as miniaudio expects
        except (miniaudio.MiniaudioError, OSError) as exc:  # DecodeError is a MiniaudioError
            raise AudioError(Msg("cannot play {file} ({problem})", file=path.name, problem=str(exc))) from exc
        with self._lock:
            self.started.clear()
            self._clip = stream
            try:
                self._open()
            except NoSoundDevice:
                self._clip = None
                raise

    def check(self) -> None:
        """Open the sound device now (it stays open, playing silence, for the clips to come);
        raises NoSoundDevice where there is none."""
        with self._lock:
            self._open()

    def _open(self) -> None:
        import miniaudio

        if self._device is None:
            try:
                quiet_alsa()
                device = (
                    miniaudio.PlaybackDevice(
                        backends=list(self.backends),
                        nchannels=self.CHANNELS,
                        sample_rate=self.SAMPLE_RATE,
                        buffersize_msec=self.BUFFER_MS,
                    )
                    if self.backends
                    else miniaudio.PlaybackDevice(
                        nchannels=self.CHANNELS, sample_rate=self.SAMPLE_RATE, buffersize_msec=self.BUFFER_MS
                    )
                )
                feed = self._feed()
                next(feed)
                device.start(feed)
            except miniaudio.MiniaudioError as exc:
                raise NoSoundDevice(Msg("no sound device: pronunciation cannot be played here")) from exc
            self._device = device

    def _feed(self) -> Any:
        """What the device pulls: the current clip's frames, or silence."""
        frames = yield b""
        while True:
            clip = self._clip
            chunk: Any = None
            if clip is not None:
                try:
                    chunk = clip.send(frames)
                    self.started.set()
                except StopIteration:
                    self._clip = None
            if chunk is None or len(chunk) == 0:
                chunk = bytes(frames * self.CHANNELS * self.SAMPLE_BYTES)
            frames = yield chunk

    def close(self) -> None:
        with self._lock:
            self._clip = None
            if self._device is not None:
                self._device.close()
                self._device = None


class Speaker:
    """What the app is given: find or make a clip, and play it."""

    def __init__(self, voices: Voices, player: Player | None = None) -> None:
        self.voices = voices
        self.player = player or Player()

    def can_speak(self) -> bool:
        return self.voices.can_speak()

    def prepare(self, text: str, accent: str, term_id: str | None = None) -> Clip:
        return self.voices.clip(text, accent, term_id)

    def check_playback(self) -> None:
        """Raises NoSoundDevice if nothing can be played here."""
        self.player.check()

    def close(self) -> None:
        self.player.close()
