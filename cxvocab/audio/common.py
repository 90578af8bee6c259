"""What every part of the sound shares: the engines and accents, the errors, a clip, and
writing a file whole or not at all."""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from cxvocab.i18n import Msg

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
            raise AudioError(Msg("the engine returned no audio"))
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise
