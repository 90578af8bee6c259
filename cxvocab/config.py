"""User settings: read from ``config.toml``, validated, with defaults for anything missing.

A broken or half-written config never stops the app: each bad value is reported (file and
key) and replaced by its default, and the rest of the file still applies.
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from cxvocab.i18n import Msg

ACCENTS = ("us", "uk")
LANGUAGES = ("en", "fa")  # the interface's (cxvocab/i18n.py)
RTL_MODES = ("auto", "visual", "native")
AUDIO_ENGINES = ("auto", "gtts", "espeak")
# The colour themes on offer (each checked for readable contrast: cxvocab/ui/themes.py).
THEMES = ("cxvocab-dark", "cxvocab-light", "dracula", "rose-pine", "rose-pine-moon")


@dataclass(frozen=True)
class Settings:
    """What a learner can tune. Frozen: a change makes a new Settings."""

    new_per_day: int = 10
    review_cap: int = 0  # 0 means no cap on reviews per day
    desired_retention: float = 0.9
    accent: str = "us"
    rtl: str = "auto"
    audio_engine: str = "auto"
    theme: str = "cxvocab-dark"
    language: str = "en"
    leech_threshold: int = 8  # Agains in study that make a term a leech (Anki's 8); 0: never

    def with_overrides(self, **changes: Any) -> Settings:
        """A copy with the given non-None values (used for command-line options)."""
        given = {k: v for k, v in changes.items() if v is not None}
        settings = replace(self, **given)
        problems = settings.problems()
        if problems:
            raise ValueError("; ".join(problems))
        return settings

    def problems(self) -> list[str]:
        """Every value outside its range, as ``key: problem``."""
        out: list[str] = []
        if not 0 <= self.new_per_day <= 1000:
            out.append(f"new_per_day: {self.new_per_day} is not between 0 and 1000")
        if not 0 <= self.review_cap <= 100_000:
            out.append(f"review_cap: {self.review_cap} is not between 0 and 100000")
        if not 0 <= self.leech_threshold <= 1000:
            out.append(f"leech_threshold: {self.leech_threshold} is not between 0 and 1000")
        if not 0.7 <= self.desired_retention <= 0.99:
            out.append(f"desired_retention: {self.desired_retention} is not between 0.7 and 0.99")
        for key, allowed in (("accent", ACCENTS), ("rtl", RTL_MODES), ("audio_engine", AUDIO_ENGINES), ("theme", THEMES), ("language", LANGUAGES)):
            value = getattr(self, key)
            if value not in allowed:
                out.append(f"{key}: {value!r} is not one of {', '.join(allowed)}")
        return out

    def changes(self, other: Settings) -> dict[str, Any]:
        """The values of ``other`` that differ from these, by key."""
        return {f.name: getattr(other, f.name) for f in fields(Settings) if getattr(other, f.name) != getattr(self, f.name)}

    def to_toml(self) -> str:
        lines = ["# cxvocab settings; delete a line to get its default back"]
        for key, value in asdict(self).items():
            lines.append(f"{key} = {value!r}".replace("'", '"'))
        return "\n".join(lines) + "\n"


def load_settings(path: Path) -> tuple[Settings, list[str]]:
    """Read settings from ``path``; return them with a list of warnings naming the file.

    A missing file is not a problem (defaults). Unknown keys, wrong types and values out of
    range each produce a warning and fall back to the default for that key only.
    """
    if not path.exists():
        return Settings(), []
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return Settings(), [Msg("{path}: cannot read settings ({problem}); using defaults", path=str(path), problem=str(exc))]
    defaults = Settings()
    types = {f.name: type(getattr(defaults, f.name)) for f in fields(Settings)}
    warnings: list[str] = []
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in types:
            warnings.append(Msg("{path}: {key}: unknown setting, ignored", path=str(path), key=key))
            continue
        wanted = types[key]
        if wanted is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, wanted) or isinstance(value, bool):
            warnings.append(
                Msg("{path}: {key}: expected {kind}, got {value}; using default", path=str(path), key=key, kind=wanted.__name__, value=repr(value))
            )
            continue
        candidate = replace(defaults, **{key: value})
        bad = [p for p in candidate.problems() if p.startswith(f"{key}:")]
        if bad:
            warnings.append(Msg("{path}: {problem}; using default", path=str(path), problem=bad[0]))
            continue
        values[key] = value
    return replace(defaults, **values), warnings


def save_settings(settings: Settings, path: Path) -> None:
    """Write settings atomically (a crash mid-write leaves the old file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".toml.tmp")
    tmp.write_text(settings.to_toml(), encoding="utf-8")
    tmp.replace(path)


def remember(path: Path, **changes: Any) -> None:
    """Change some settings in the file and keep the rest as the file has them.

    Only the file's own values are written back, never options given on the command line, so
    ``cxvocab --accent uk`` followed by pressing ``t`` saves the display mode and nothing else.
    """
    current, _ = load_settings(path)
    save_settings(replace(current, **changes), path)


def chosen_in_file(path: Path, key: str) -> bool:
    """Whether the settings file sets ``key`` itself (rather than leaving it to its default)."""
    try:
        return key in tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
