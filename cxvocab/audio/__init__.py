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

The package: ``common`` (engines, accents, errors, a clip), ``engines`` (gTTS, espeak-ng),
``voices`` (where a clip comes from), ``player`` (playback and the Speaker), ``build``.
"""

from __future__ import annotations

from cxvocab.audio.build import BuildReport, build, build_items
from cxvocab.audio.common import (
    ACCENT_TLD,
    ENGINES,
    ESPEAK_LANGUAGE,
    GTTS_TIMEOUT,
    OFFLINE_PAUSE,
    UNREACHABLE,
    AudioError,
    Clip,
    NoSoundDevice,
)
from cxvocab.audio.engines import Espeak, GoogleTTS
from cxvocab.audio.player import Player, Speaker, quiet_alsa
from cxvocab.audio.voices import Voices

__all__ = [
    "ACCENT_TLD", "ENGINES", "ESPEAK_LANGUAGE", "GTTS_TIMEOUT", "OFFLINE_PAUSE", "UNREACHABLE", "AudioError",
    "BuildReport", "Clip", "Espeak", "GoogleTTS", "NoSoundDevice", "Player", "Speaker", "Voices", "build",
    "build_items", "quiet_alsa",
]
