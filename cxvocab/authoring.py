"""Teacher tools (DESIGN §2): a skeleton term to fill in, and a spreadsheet to a topic file.

The CSV columns are the YAML paths joined with ``_``: id, term, abbr, fa, aliases_en, aliases_fa,
pos, ipa_us, ipa_uk, definition_en, definition_fa, example_en, example_fa (example_2_en...),
usage_1_sentence, usage_1_correct, usage_1_why_en, usage_1_why_fa, usage_2_... (at least four),
confusables, collocations, tags. Lists are split on ``;``. A spreadsheet saved as UTF-8 (with or
without a BOM), comma- or semicolon-separated, with Excel's quoting, all read the same.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from cxvocab import placeholders as ph
from cxvocab.messages import id_problem, schema_problem
from cxvocab.schema import Term
from cxvocab.terms import ID_PATTERN

REQUIRED = [
    "id", "term", "fa", "pos", "ipa_us", "ipa_uk", "definition_en", "definition_fa", "example_en", "example_fa",
    *(f"usage_{n}_{part}" for n in range(1, 5) for part in ("sentence", "correct", "why_en", "why_fa")),
]
LISTS = ("aliases_en", "aliases_fa", "confusables", "collocations", "tags")
TRUE, FALSE = {"true", "yes", "y", "1", "✓", "correct"}, {"false", "no", "n", "0", "✗", "incorrect"}
MAX_CSV_BYTES = 4 * 1024 * 1024


class ImportError_(ValueError):
    """The whole file cannot be read (a missing column, not text...); the message says why."""


@dataclass
class ImportResult:
    yaml_text: str
    terms: int
    problems: list[str] = field(default_factory=list)  # "row N, column C: problem"


def skeleton(term_id: str, topic: str | None = None) -> str:
    """A complete term with every field, commented, to fill in (a whole file with ``topic``).

    Its texts are the placeholders of :mod:`cxvocab.placeholders`: valid YAML, but a term still
    holding one does not load, and ``cxvocab check`` lists each one left to fill in."""
    for value, what in ((term_id, "id"), (topic, "topic id")):
        if value is not None and not re.fullmatch(ID_PATTERN, value):
            raise ValueError(id_problem(value, what))
    words = term_id.replace("-", " ")

    def say(placeholder: ph.Placeholder) -> str:
        return placeholder.fill(words)

    term = f"""  - id: {term_id}                  # never change it once learners have studied the term
    term: {words}                  # as written in running text
    # abbr: ABC                      # only for abbreviations
    fa: {say(ph.FA)}                # the Persian most professionals use
    aliases:                         # other accepted answers; delete what you do not need
      en: []
      fa: []
    pos: noun                        # noun, verb, adjective, adverb or phrase
    ipa: {{us: {say(ph.IPA_US)}, uk: {say(ph.IPA_UK)}}}          # both accents, with stress marks
    definition:
      en: {say(ph.DEFINITION_EN)}
      fa: {say(ph.DEFINITION_FA)}
    examples:
      - en: {say(ph.EXAMPLE_EN)}
        fa: {say(ph.EXAMPLE_FA)}
    usage:                           # at least 2 correct and 2 incorrect sentences, each using the term
      - sentence: {say(ph.RIGHT_1)}
        correct: true
        why:
          en: {say(ph.WHY_RIGHT_EN)}
          fa: {say(ph.WHY_RIGHT_FA)}
      - sentence: {say(ph.RIGHT_2)}
        correct: true
        why:
          en: {say(ph.WHY_RIGHT_EN)}
          fa: {say(ph.WHY_RIGHT_FA)}
      - sentence: {say(ph.WRONG_1)}
        correct: false
        why:
          en: {say(ph.WHY_WRONG_1_EN)}
          fa: {say(ph.WHY_WRONG_FA)}
      - sentence: {say(ph.WRONG_2)}
        correct: false
        why:
          en: {say(ph.WHY_WRONG_EN)}
          fa: {say(ph.WHY_WRONG_FA)}
    confusables: []                  # ids of terms learners mix this one up with
    collocations: []                 # phrases a meeting would use
    tags: []
"""
    if topic is None:
        return term
    return (
        "# yaml-language-server: $schema=schema.json\n"
        f"topic: {topic}\n"
        f"title: {{en: {topic.replace('-', ' ').capitalize()}, fa: {ph.TITLE_FA.fill(words)}}}\n"
        "terms:\n" + term
    )


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    try:
        if path.stat().st_size > MAX_CSV_BYTES:
            raise ImportError_(f"{path}: the file is larger than {MAX_CSV_BYTES:,} bytes")
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportError_(f"{path}: cannot read the file ({exc.strerror or exc})") from exc
    if b"\x00" in raw:
        raise ImportError_(f"{path}: not a text file; save the spreadsheet as CSV (UTF-8)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportError_(f"{path}: not UTF-8 text; in Excel choose 'CSV UTF-8 (Comma delimited)'") from exc
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip() for h in (reader.fieldnames or [])]
    reader.fieldnames = header
    return header, [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]


def _column(loc: tuple[Any, ...]) -> str:
    """A model path such as ("usage", 1, "why", "en") as its CSV column, usage_2_why_en."""
    parts: list[str] = []
    for index, part in enumerate(loc):
        if isinstance(part, int):
            if loc[index - 1] == "examples":
                parts[-1] = "example" if part == 0 else f"example_{part + 1}"
            else:
                parts.append(str(part + 1))
        else:
            parts.append(str(part))
    return "_".join(parts) or "-"


def _term_data(row: dict[str, str], header: list[str]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    problems: list[tuple[str, str]] = []

    def listed(name: str) -> list[str]:
        return [item.strip() for item in row.get(name, "").split(";") if item.strip()]

    data: dict[str, Any] = {key: row[key] for key in ("id", "term", "fa", "pos") if row.get(key)}
    if row.get("abbr"):
        data["abbr"] = row["abbr"]
    aliases = {lang: listed(f"aliases_{lang}") for lang in ("en", "fa") if listed(f"aliases_{lang}")}
    if aliases:
        data["aliases"] = aliases
    data["ipa"] = {"us": row.get("ipa_us", ""), "uk": row.get("ipa_uk", "")}
    data["definition"] = {"en": row.get("definition_en", ""), "fa": row.get("definition_fa", "")}
    examples = [{"en": row.get("example_en", ""), "fa": row.get("example_fa", "")}]
    n = 2
    while f"example_{n}_en" in header:
        if row.get(f"example_{n}_en"):
            examples.append({"en": row[f"example_{n}_en"], "fa": row.get(f"example_{n}_fa", "")})
        n += 1
    data["examples"] = examples
    usage = []
    n = 1
    while f"usage_{n}_sentence" in header:
        if row.get(f"usage_{n}_sentence"):
            flag = row.get(f"usage_{n}_correct", "").casefold()
            if flag not in TRUE | FALSE:
                problems.append((f"usage_{n}_correct", f"expected true or false, got {row.get(f'usage_{n}_correct', '')!r}"))
            usage.append(
                {
                    "sentence": row[f"usage_{n}_sentence"],
                    "correct": flag in TRUE,
                    "why": {"en": row.get(f"usage_{n}_why_en", ""), "fa": row.get(f"usage_{n}_why_fa", "")},
                }
            )
        n += 1
    data["usage"] = usage
    for name in ("confusables", "collocations", "tags"):
        if listed(name):
            data[name] = listed(name)
    return data, problems


def import_csv(path: Path, topic: str | None = None) -> ImportResult:
    """Convert a CSV to a topic file's text. Good rows convert; each bad row is reported by row
    number (as a spreadsheet numbers it, the header being row 1) and column."""
    header, rows = _rows(path)
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise ImportError_(f"{path}: missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
    topic_id = topic or re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "imported"
    terms: list[dict[str, Any]] = []
    problems: list[str] = []
    for number, row in enumerate(rows, start=2):
        if not any(row.values()):
            continue
        data, row_problems = _term_data(row, header)
        try:
            term = Term.model_validate(data)
        except ValidationError as exc:
            bad_flag = any(column.endswith("_correct") for column, _ in row_problems)
            for err in exc.errors(include_url=False):
                loc = tuple(err["loc"])
                if bad_flag and loc == ("usage",):
                    continue  # the count of right and wrong sentences follows from the bad flag
                row_problems.append((_column(loc), schema_problem(err)))
        else:
            if not row_problems:
                terms.append(term.model_dump(exclude_defaults=True, exclude_none=True))
        problems.extend(f"{path}: row {number}, column {column}: {message}" for column, message in row_problems)
    body = yaml.dump(
        {"topic": topic_id, "title": {"en": topic_id.replace("-", " ").capitalize(), "fa": "واژه‌های وارد شده"}, "terms": terms},
        # libyaml's emitter: PyYAML's own, in Python, took 15 of the 24 s of a 5,000-row import.
        Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
        allow_unicode=True,
        sort_keys=False,
        width=1000,
    )
    return ImportResult("# yaml-language-server: $schema=schema.json\n" + body, len(terms), problems)
