"""``cxvocab audio build``: every clip made ahead of time, with a report."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from cxvocab.audio.common import UNREACHABLE, AudioError
from cxvocab.audio.voices import Voices


@dataclass
class BuildReport:
    """What ``cxvocab audio build`` did."""

    made: dict[str, int] = field(default_factory=dict)  # engine -> clips made
    cached: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (text, why)

    @property
    def total(self) -> int:
        return sum(self.made.values()) + self.cached + len(self.failed)

    @property
    def useless(self) -> bool:
        """Nothing could be made and nothing was there: the command failed."""
        return bool(self.failed) and not (self.made or self.cached)

    def line(self) -> str:
        made = ", ".join(f"{n} with {engine}" for engine, n in self.made.items()) or "none"
        return f"{self.total} clip(s): made {made}; {self.cached} already there; {len(self.failed)} failed"

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
