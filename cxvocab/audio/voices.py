"""Finding or making a clip: a teacher's recording, the cache, gTTS, then espeak-ng."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from cxvocab.audio.common import ENGINES, OFFLINE_PAUSE, AudioError, Clip
from cxvocab.audio.engines import Espeak, GoogleTTS
from cxvocab.i18n import Msg


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
            problems: list[str] = []  # each a Msg
            folder = self._cache_paths(text, accent)[0].parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise AudioError(Msg("the audio cache {folder} cannot be written ({problem})", folder=str(folder), problem=exc.strerror or str(exc))) from exc
            for engine in self._engines():
                path = self._cache_paths(text, accent)[0 if engine.name == "gtts" else 1]
                try:
                    engine.save(text, accent, path)
                except AudioError as exc:
                    problems.append(exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc))
                    if engine.name == "gtts":
                        self.offline_until = self.monotonic() + OFFLINE_PAUSE
                    continue
                return Clip(path, engine.name)
            raise AudioError(Msg("{first}; {second}", first=problems[0], second=problems[1]) if len(problems) > 1 else problems[0] if problems else Msg("no speech engine is available"))

    def _engines(self) -> Iterator[GoogleTTS | Espeak]:
        if self.engine in ("auto", "gtts") and (self.engine == "gtts" or self.monotonic() >= self.offline_until):
            yield self.gtts
        if self.engine in ("auto", "espeak"):
            yield self.espeak

    def _cache_paths(self, text: str, accent: str) -> tuple[Path, Path]:
        digest = hashlib.sha1(f"{accent}\n{' '.join(text.split())}".encode()).hexdigest()[:20]
        folder = self.cache_dir / "audio" / accent
        return folder / f"{digest}.mp3", folder / f"{digest}.wav"
