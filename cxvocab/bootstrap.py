"""Build the parts the commands and the app need, from the command-line options.

The CLI only parses; this module decides where files are, loads settings and content and
opens the database. It never imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cxvocab.audio import Speaker, Voices
from cxvocab.config import Settings, chosen_in_file, load_settings
from cxvocab.content import Library, load_library
from cxvocab.i18n import Msg
from cxvocab.paths import Locations, builtin_content_dir, locations
from cxvocab.store import Store

if TYPE_CHECKING:  # the numbers are worked out for `cxvocab stats` only
    from cxvocab.stats import Stats


@dataclass(frozen=True)
class Options:
    """The common options every command accepts (DESIGN §2)."""

    db: Path | None = None
    content: tuple[Path, ...] = ()
    rtl: str | None = None
    accent: str | None = None
    language: str | None = None

    def merged(self, other: Options) -> Options:
        """Options given after a subcommand win over those given before it."""
        return Options(
            db=other.db or self.db,
            content=(*self.content, *other.content),
            rtl=other.rtl or self.rtl,
            accent=other.accent or self.accent,
            language=other.language or self.language,
        )


@dataclass
class Context:
    options: Options
    where: Locations = field(default_factory=locations)

    @property
    def database(self) -> Path:
        return self.options.db or self.where.database

    def content_dirs(self) -> list[Path]:
        """Built-in content, then the user's own folder (if it exists), then ``--content``."""
        dirs = [builtin_content_dir()]
        if self.where.user_content.is_dir():
            dirs.append(self.where.user_content)
        dirs.extend(self.options.content)
        return dirs

    def check_command(self) -> str:
        """The command that shows the problems of exactly the files this run loads."""
        import shlex

        return " ".join(["cxvocab check", *(f"--content {shlex.quote(str(folder))}" for folder in self.options.content)])

    def settings(self) -> tuple[Settings, list[str]]:
        settings, warnings = load_settings(self.where.config_file)
        return settings.with_overrides(rtl=self.options.rtl, accent=self.options.accent, language=self.options.language), warnings

    def language_unchosen(self) -> bool:
        """Neither the command line nor the settings file says which language to speak."""
        return self.options.language is None and not chosen_in_file(self.where.config_file, "language")

    def rtl_unchosen(self) -> bool:
        """True until the learner picks a display mode (first-run calibration asks them)."""
        return self.options.rtl is None and not chosen_in_file(self.where.config_file, "rtl")

    def speaker(self, settings: Settings, engine: str | None = None) -> Speaker:
        """Pronunciation: teacher recordings in the content folders, the cache, the engines."""
        voices = Voices(self.where.cache_dir, self.content_dirs(), engine or settings.audio_engine)
        return Speaker(voices)

    def library(self, *, read_only: bool = False) -> Library:
        """Every term file, read back from the cache where unchanged (``read_only``: the cache
        is used if it is there, never written; for commands that create no file)."""
        return load_library(self.content_dirs(), cache_dir=self.where.cache_dir / "content", cache_read_only=read_only)

    def store(self) -> Store:
        """The progress database, backed up once a day (and before any migration)."""
        from cxvocab.clock import SystemClock, local

        clock = SystemClock()
        return Store.open(self.database, self.where.backups, local(clock.now(), clock.tz).date().isoformat())

    def reading_store(self) -> tuple[Store, str | None]:
        """The progress database for a command that only reads it (``stats``, ``prep``'s
        planning): opened read-only, so nothing is created, not even by a mistyped ``--db``.
        Without a database, an empty one in memory and a note saying so."""
        store = Store.open_read_only(self.database, self.where.backups)
        if store is None:
            return Store.memory(), f"no progress yet at {self.database}"
        return store, None

    def stats(self, library: Library) -> tuple[Stats, str | None]:
        """The numbers of ``cxvocab stats``, as of now, read without writing anything; with a
        note when there is no database yet."""
        from contextlib import closing

        from cxvocab.clock import SystemClock
        from cxvocab.stats import compute

        clock = SystemClock()
        store, note = self.reading_store()  # read-only: a mistyped --db creates nothing
        with closing(store):
            return compute(store, library, clock.now(), clock.tz), note

    def new_database_notice(self) -> str | None:
        """What the app says when its database does not exist yet (it is about to make it)."""
        return None if self.database.exists() else Msg("Started a new progress database at {path}", path=str(self.database))
