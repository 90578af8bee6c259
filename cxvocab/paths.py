"""Where cxvocab keeps its files.

Everything a user owns (database, config, cache, their own term files) lives in the
platformdirs locations, or under one folder when ``CXVOCAB_HOME`` is set (tests set it to a
temporary directory). Nothing here creates a folder: callers create one only when they are about
to write in it, so that merely asking "where" never touches the disk.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "cxvocab"
HOME_ENV = "CXVOCAB_HOME"


@dataclass(frozen=True)
class Locations:
    """The user's files, resolved once from the environment."""

    data_dir: Path
    config_dir: Path
    cache_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / "progress.db"

    @property
    def user_content(self) -> Path:
        return self.data_dir / "content"

    @property
    def config_file(self) -> Path:
        return self.config_dir / "config.toml"

    @property
    def backups(self) -> Path:
        return self.data_dir / "backups"


def locations(environ: os._Environ[str] | dict[str, str] | None = None) -> Locations:
    """Resolve the user's locations; ``CXVOCAB_HOME`` puts all of them under one folder."""
    env = os.environ if environ is None else environ
    home = env.get(HOME_ENV)
    if home:
        root = Path(home).expanduser()
        return Locations(root / "data", root / "config", root / "cache")
    import platformdirs

    return Locations(
        Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
    )


def builtin_content_dir() -> Path:
    """The term files that ship with cxvocab.

    In a wheel they sit inside the package (``cxvocab/_content``: not ``content``, which would
    stand beside the ``content`` module); in a source checkout or an editable install they are
    the top-level ``content/`` folder beside the package.
    """
    here = Path(__file__).resolve().parent
    packaged = here / "_content"
    if packaged.is_dir():
        return packaged
    return here.parent / "content"

