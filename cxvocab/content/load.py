"""Many files to one Library: the order, the cache, ids unique across files, confusables."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from cxvocab.content.cache import Pending, _Manifest
from cxvocab.content.library import TERM_FILE_SUFFIXES, Library, Problem, TopicGroup
from cxvocab.content.parse import parse_file
from cxvocab.terms import Term


def term_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders to the term files inside them (sorted); keep files as given."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.suffix in TERM_FILE_SUFFIXES and p.is_file()))
        else:
            out.append(path)
    return out


# Bump when ParsedFile or the term model changes shape, or the rules change what a file yields
# (4: placeholders of `cxvocab new` are errors; problems reworded), so no cached entry outlives it.
def _confusable_problem(library: Library, term_id: str, message: str, severity: str) -> Problem:
    file, _ = library.source_of[term_id]
    return Problem(file, library.line_of(term_id, ("confusables",)), term_id, "confusables", message, severity)


def _did_you_mean(wanted: str, known: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(wanted, list(known), n=1, cutoff=0.8)
    return f" (misspelt? did you mean {close[0]!r}?)" if close else ""


def load_library(
    paths: Iterable[Path],
    keep_lines: bool = False,
    cache_dir: Path | None = None,
    *,
    given: Mapping[Path, bytes] | None = None,
    cache_read_only: bool = False,
) -> Library:
    """Load every term file under ``paths``; cross-check ids and confusables.

    ``keep_lines`` keeps every value's line number for author checks (:mod:`cxvocab.lint`).
    ``cache_dir`` remembers parsed files by content, so unchanged files are not parsed again
    at start-up (DESIGN §7); it is not used with ``keep_lines``. With ``cache_read_only`` the
    cache is read but nothing is written to it (commands that must create no file).
    ``given`` holds files not written yet, by the path they will have (``cxvocab import``
    checks what it converts before writing it): they are read from there, not from disk.
    """
    return _load(paths, keep_lines, None if keep_lines else cache_dir, given or {}, cache_read_only)


def _load(
    paths: Iterable[Path], keep_lines: bool, cache_dir: Path | None, given: Mapping[Path, bytes], read_only: bool
) -> Library:
    library = Library()
    confusables_of: dict[str, list[str]] = {}
    manifest = _Manifest(cache_dir, read_only) if cache_dir is not None else None
    seen: set[str] = set()
    for path in term_files(paths):
        if path in given:
            parsed = parse_file(path, given[path])
        elif not path.exists():
            library.problems.append(Problem(path, 1, "-", "-", "no such file or folder"))
            continue
        elif manifest is not None and cache_dir is not None:
            seen.add(os.path.abspath(path))
            parsed = manifest.parse(path, cache_dir)
        else:
            parsed = parse_file(path)
        library.files.append(path)
        library.problems.extend(parsed.problems)
        if keep_lines and parsed.lines is not None:
            library.lines[path] = parsed.lines
        if parsed.topic is None or parsed.title is None:
            continue
        group = library.topics.setdefault(parsed.topic, TopicGroup(parsed.topic, parsed.title))
        group.files.append(path)
        lazy = parsed.pickled is not None or parsed.entry is not None
        pending = Pending(parsed.pickled, parsed.entry, path) if lazy else None
        entries: list[tuple[str, int, list[str], Term | None]] = [
            (term.id, line, term.confusables, term) for term, line in parsed.terms
        ] + [(term_id, line, confusables, None) for term_id, line, confusables in parsed.index]
        for term_id, line, confusables, term in entries:
            if term_id in library.terms:
                first_file, first_line = library.source_of[term_id]
                library.problems.append(
                    Problem(
                        path, line, term_id, "id",
                        f"duplicate id: {first_file}:{first_line} already has a term with this id;"
                        " ids are unique across all loaded files, so give this term another one",
                    )
                )
                continue
            if term is not None:
                library.terms[term_id] = term
            elif pending is not None:
                library.terms.add_pending(term_id, pending)
            confusables_of[term_id] = confusables
            library.topic_of[term_id] = parsed.topic
            library.source_of[term_id] = (path, line)
            library.term_path[term_id] = parsed.term_path[term_id]
            group.term_ids.append(term_id)
    left_out = {p.term_id for p in library.problems if p.severity == "error"}  # terms with errors
    for term_id, confusables in confusables_of.items():
        for other in confusables:
            if other == term_id:
                problem = f"a term cannot be its own confusable: take {other!r} out of the list"
                library.problems.append(_confusable_problem(library, term_id, problem, "error"))
            elif other not in library.terms:
                # A warning, not an error: the term loads and teaches, and the link appears
                # once a file defines the other term (a teacher may write the pair in two
                # sittings, or link to a term of a folder not loaded in this run). A typo is
                # still caught: `check --strict` fails on it, and the message offers the
                # closest id.
                problem = (
                    f"{other!r} has problems of its own and was left out; the link shows once it loads"
                    if other in left_out
                    else f"no loaded file defines {other!r}{_did_you_mean(other, library.terms)};"
                    " the term loads, and the link shows once a file defines it"
                )
                library.problems.append(_confusable_problem(library, term_id, problem, "warning"))
    library.topics = {k: g for k, g in library.topics.items() if g.term_ids}
    if manifest is not None:
        manifest.save(seen)
    return library
