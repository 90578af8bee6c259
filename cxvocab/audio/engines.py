"""The two engines: gTTS (online) and espeak-ng (offline, from the espeakng-loader wheel)."""

from __future__ import annotations

import ctypes
import io
import threading
import wave
from pathlib import Path
from typing import Any

from cxvocab.audio.common import ACCENT_TLD, ESPEAK_LANGUAGE, GTTS_TIMEOUT, UNREACHABLE, AudioError, _write_atomically
from cxvocab.i18n import Msg


class GoogleTTS:
    """gTTS, online. Raises :class:`AudioError` on any failure (offline, blocked, bad reply)."""

    name = "gtts"

    def save(self, text: str, accent: str, path: Path) -> None:
        try:
            from gtts import gTTS, gTTSError
        except ImportError as exc:  # pragma: no cover - gTTS is a dependency
            raise AudioError(Msg("gTTS is not installed")) from exc
        import requests

        try:
            tts = gTTS(text, lang="en", tld=ACCENT_TLD[accent], timeout=GTTS_TIMEOUT)
            _write_atomically(path, tts.write_to_fp)
        except gTTSError as exc:
            if exc.rsp is None:  # gTTS's "Failed to connect": no answer at all
                raise AudioError(UNREACHABLE) from exc
            status = getattr(exc.rsp, "status_code", "?")
            raise AudioError(Msg("online speech answered with an error (HTTP {status}); try again later", status=str(status))) from exc
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise AudioError(UNREACHABLE) from exc
        except (OSError, ValueError) as exc:
            raise AudioError(Msg("online speech failed ({problem})", problem=str(exc))) from exc
        except Exception as exc:  # requests raises a family of its own; all mean "not now"
            raise AudioError(Msg("online speech failed ({problem})", problem=type(exc).__name__)) from exc


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
                raise AudioError(Msg("no espeak voice for {voice}", voice=ESPEAK_LANGUAGE[accent]))
            data = text.encode("utf-8")
            # position type 1 (characters), flag 1 (UTF-8 text)
            if lib.espeak_Synth(data, len(data) + 1, 0, 1, 0, 1, None, None) != 0:
                raise AudioError(Msg("espeak could not speak this text"))
            lib.espeak_Synchronize()
            pcm = b"".join(chunks)
        if not pcm:
            raise AudioError(Msg("espeak produced no sound"))
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
            raise AudioError(Msg("the clip could not be saved in {folder} ({problem})", folder=str(path.parent), problem=exc.strerror or str(exc))) from exc
