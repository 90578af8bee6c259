"""Pronunciation (DESIGN §6): find or make a clip of a term, and play it.

Where a clip comes from, first hit wins:

1. a teacher's recording, ``<content dir>/audio/<term id>.mp3``;
2. the cache (one file per accent and text);
3. gTTS, online (UK accent through ``translate.google.co.uk``, US through ``.com``), unless it
   failed a moment ago: after one failed reach it is left alone for :data:`OFFLINE_PAUSE`,
   so an offline machine does not wait on the network for every term;
4. espeak-ng, offline, from the ``espeakng-loader`` wheel (library and voices come with pip).

Files are written to a temporary name and renamed, so a failed request never leaves an empty
clip in the cache. Playback is miniaudio (mp3 and wav, no external player). Nothing here
imports gTTS, miniaudio or the espeak library until it is used.
"""

from __future__ import annotations

import ctypes
import hashlib
import io
import os
import tempfile
import threading
import time
import wave
from collections.abc import Callable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ENGINES = ("auto", "gtts", "espeak")
ACCENT_TLD = {"us": "com", "uk": "co.uk"}
ESPEAK_LANGUAGE = {"us": "en-us", "uk": "en-gb"}  # by language: the GB voice file is just "en"
OFFLINE_PAUSE = 300.0  # seconds without trying gTTS after it failed
GTTS_TIMEOUT = 4.0  # seconds; a slow network falls back to espeak instead of freezing a build
UNREACHABLE = "online speech is not reachable (no network?)"


class AudioError(Exception):
    """A clip could not be made or played; the message is one calm sentence."""


class NoSoundDevice(AudioError):
    """Nothing can be played on this machine (no sound card, no audio server)."""


@dataclass(frozen=True)
class Clip:
    path: Path
    source: str  # "teacher", "cache", "gtts" or "espeak"


def _write_atomically(path: Path, write: Callable[[io.BufferedWriter], object]) -> None:
    """Write through a temporary file in the same folder, then rename; nothing on failure."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".part-", suffix=path.suffix, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            write(out)
        if os.path.getsize(tmp) == 0:
            raise AudioError("the engine returned no audio")
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise


# --- engines -------------------------------------------------------------------------------


class GoogleTTS:
    """gTTS, online. Raises :class:`AudioError` on any failure (offline, blocked, bad reply)."""

    name = "gtts"

    def save(self, text: str, accent: str, path: Path) -> None:
        try:
            from gtts import gTTS, gTTSError
        except ImportError as exc:  # pragma: no cover - gTTS is a dependency
            raise AudioError("gTTS is not installed") from exc
        import requests

        try:
            tts = gTTS(text, lang="en", tld=ACCENT_TLD[accent], timeout=GTTS_TIMEOUT)
            _write_atomically(path, tts.write_to_fp)
        except gTTSError as exc:
            if exc.rsp is None:  # gTTS's "Failed to connect": no answer at all
                raise AudioError(UNREACHABLE) from exc
            status = getattr(exc.rsp, "status_code", "?")
            raise AudioError(f"online speech answered with an error (HTTP {status}); try again later") from exc
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise AudioError(UNREACHABLE) from exc
        except (OSError, ValueError) as exc:
            raise AudioError(f"online speech failed ({exc})") from exc
        except Exception as exc:  # requests raises a family of its own; all mean "not now"
            raise AudioError(f"online speech failed ({type(exc).__name__})") from exc


class _Voice(ctypes.Structure):
    _fields_ = [
        ("name", ctypes.c_char_p),
        ("languages", ctypes.c_char_p),
        ("identifier", ctypes.c_char_p),
        ("gender", ctypes.c_ubyte),
        ("age", ctypes.c_ubyte),
        ("variant", ctypes.c_ubyte),
        ("xx1", ctypes.c_ubyte),
        ("score", ctypes.c_int),
        ("spare", ctypes.c_void_p),
    ]


_SYNTH_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)


class Espeak:
    """espeak-ng through ctypes, synchronous, one text at a time (the library is not
    thread-safe, so a lock serialises every call)."""

    name = "espeak"
    _lock = threading.Lock()
    _lib: Any = None
    _rate = 0
    _error: str | None = None

    def available(self) -> bool:
        try:
            self._load()
        except AudioError:
            return False
        return True

    def _load(self) -> None:
        cls = type(self)
        if cls._lib is not None:
            return
        if cls._error is not None:
            raise AudioError(cls._error)
        try:
            import espeakng_loader

            lib = ctypes.CDLL(espeakng_loader.get_library_path())
            data = Path(espeakng_loader.get_data_path())
            lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
            lib.espeak_Synth.argtypes = [
                ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int,
                ctypes.c_uint, ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p,
            ]
            rate = lib.espeak_Initialize(2, 0, str(data.parent).encode(), 0)  # 2: synchronous
            if rate <= 0:
                raise OSError(f"espeak_Initialize returned {rate}")
        except (ImportError, OSError, AttributeError) as exc:
            cls._error = f"offline speech is not available ({exc})"
            raise AudioError(cls._error) from exc
        cls._lib, cls._rate = lib, rate

    def wav(self, text: str, accent: str) -> bytes:
        """The text spoken in the accent, as a mono 16-bit WAV file's bytes."""
        with self._lock:
            self._load()
            lib = self._lib
            chunks: list[bytes] = []

            def collect(samples: Any, count: int, _events: Any) -> int:
                if samples and count > 0:
                    chunks.append(ctypes.string_at(samples, count * 2))
                return 0

            callback = _SYNTH_CALLBACK(collect)  # kept alive until Synchronize returns
            lib.espeak_SetSynthCallback(callback)
            voice = _Voice(None, ESPEAK_LANGUAGE[accent].encode(), None, 0, 0, 0, 0, 0, None)
            if lib.espeak_SetVoiceByProperties(ctypes.byref(voice)) != 0:
                raise AudioError(f"no espeak voice for {ESPEAK_LANGUAGE[accent]}")
            data = text.encode("utf-8")
            # position type 1 (characters), flag 1 (UTF-8 text)
            if lib.espeak_Synth(data, len(data) + 1, 0, 1, 0, 1, None, None) != 0:
                raise AudioError("espeak could not speak this text")
            lib.espeak_Synchronize()
            pcm = b"".join(chunks)
        if not pcm:
            raise AudioError("espeak produced no sound")
        out = io.BytesIO()
        with wave.open(out, "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(self._rate)
            wav.writeframes(pcm)
        return out.getvalue()

    def save(self, text: str, accent: str, path: Path) -> None:
        audio = self.wav(text, accent)
        try:
            _write_atomically(path, lambda out: out.write(audio))
        except OSError as exc:
            raise AudioError(f"the clip could not be saved in {path.parent} ({exc.strerror or exc})") from exc


# --- finding or making a clip ----------------------------------------------------------------


class Voices:
    """Finds or makes the clip for a text: teacher file, cache, gTTS, espeak."""

    def __init__(
        self,
        cache_dir: Path,
        teacher_dirs: Sequence[Path] = (),
        engine: str = "auto",
        *,
        gtts: GoogleTTS | None = None,
        espeak: Espeak | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        if engine not in ENGINES:
            raise ValueError(f"engine must be one of {', '.join(ENGINES)}")
        self.cache_dir = cache_dir
        self.teacher_dirs = list(teacher_dirs)
        self.engine = engine
        self.gtts = gtts or GoogleTTS()
        self.espeak = espeak or Espeak()
        self.monotonic = monotonic
        self.offline_until = 0.0
        self._lock = threading.Lock()  # one clip made at a time: no two writers of one file

    def can_speak(self) -> bool:
        """Whether a clip can be made for any text (listening cards depend on it): espeak is
        there, or the learner chose gTTS alone (and is online)."""
        return self.engine == "gtts" or self.espeak.available()

    def cached(self, text: str, accent: str, term_id: str | None = None) -> Clip | None:
        """A clip that exists already (teacher file or cache); never makes one."""
        if term_id:
            for folder in self.teacher_dirs:
                recording = folder / "audio" / f"{term_id}.mp3"
                # Never outside the content folder, not even through a link placed there.
                if recording.is_file() and recording.resolve().is_relative_to(folder.resolve()):
                    return Clip(recording, "teacher")
        for path in self._cache_paths(text, accent):
            if path.is_file() and path.stat().st_size > 0:
                return Clip(path, "cache")
        return None

    def clip(self, text: str, accent: str, term_id: str | None = None) -> Clip:
        """The clip for ``text`` in ``accent``, made if need be. Raises AudioError."""
        with self._lock:
            found = self.cached(text, accent, term_id)
            if found:
                return found
            problems: list[str] = []
            folder = self._cache_paths(text, accent)[0].parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise AudioError(f"the audio cache {folder} cannot be written ({exc.strerror or exc})") from exc
            for engine in self._engines():
                path = self._cache_paths(text, accent)[0 if engine.name == "gtts" else 1]
                try:
                    engine.save(text, accent, path)
                except AudioError as exc:
                    problems.append(str(exc))
                    if engine.name == "gtts":
                        self.offline_until = self.monotonic() + OFFLINE_PAUSE
                    continue
                return Clip(path, engine.name)
            raise AudioError("; ".join(problems) or "no speech engine is available")

    def _engines(self) -> Iterator[GoogleTTS | Espeak]:
        if self.engine in ("auto", "gtts") and (self.engine == "gtts" or self.monotonic() >= self.offline_until):
            yield self.gtts
        if self.engine in ("auto", "espeak"):
            yield self.espeak

    def _cache_paths(self, text: str, accent: str) -> tuple[Path, Path]:
        digest = hashlib.sha1(f"{accent}\n{' '.join(text.split())}".encode()).hexdigest()[:20]
        folder = self.cache_dir / "audio" / accent
        return folder / f"{digest}.mp3", folder / f"{digest}.wav"


# --- playback --------------------------------------------------------------------------------


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
    restarting a device costs about 200 ms, swapping the clip it reads from costs nothing.
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
            raise AudioError(f"cannot play {path.name} ({exc})") from exc
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
                raise NoSoundDevice("no sound device: pronunciation cannot be played here") from exc
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


# --- building every clip ahead of time ---------------------------------------------------------


@dataclass
class BuildReport:
    """What ``cxvocab audio build`` did."""

    made: dict[str, int] = field(default_factory=dict)  # engine -> clips made
    cached: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (text, why)

    @property
    def total(self) -> int:
        return sum(self.made.values()) + self.cached + len(self.failed)

    def failures(self, engine: str) -> list[str]:
        """One line per distinct reason, with its count, most common first (72 terms offline
        are one line, not 72), and what to try instead when the network was the reason."""
        counts: dict[str, list[str]] = {}
        for text, why in self.failed:
            counts.setdefault(why, []).append(text)
        lines = []
        for why, texts in sorted(counts.items(), key=lambda item: -len(item[1])):
            clips = "1 clip" if len(texts) == 1 else f"{len(texts)} clips"
            which = f" ({', '.join(repr(t) for t in texts)})" if len(texts) <= 3 else ""
            line = f"{clips} failed{which}: {why}"
            if UNREACHABLE in why and engine != "espeak":
                line += ". Try: cxvocab audio build --engine espeak"
            lines.append(line)
        return lines


def build(
    voices: Voices,
    items: Sequence[tuple[str | None, str]],
    accent: str,
    progress: Callable[[int], None] = lambda done: None,
) -> BuildReport:
    """Make (or find) the clip of every (term id or None, text); report what happened."""
    report = BuildReport()
    unreachable = False  # with gTTS alone: once it cannot be reached, do not wait on it 70 more times
    for done, (term_id, text) in enumerate(items, 1):
        if unreachable and voices.engine == "gtts" and voices.cached(text, accent, term_id) is None:
            report.failed.append((text, UNREACHABLE))
            progress(done)
            continue
        try:
            clip = voices.clip(text, accent, term_id)
        except AudioError as exc:
            report.failed.append((text, str(exc)))
            unreachable = unreachable or str(exc) == UNREACHABLE
        else:
            if clip.source in ("cache", "teacher"):
                report.cached += 1
            else:
                report.made[clip.source] = report.made.get(clip.source, 0) + 1
        progress(done)
    return report


def build_items(library: Any, *, examples: bool = False) -> list[tuple[str | None, str]]:
    """(term id, text) for every loaded term, and with ``examples`` every example sentence."""
    items: list[tuple[str | None, str]] = [(term.id, term.term) for term in library.terms.values()]
    if examples:
        items += [(None, example.en) for term in library.terms.values() for example in term.examples]
    return items
