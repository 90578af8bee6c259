"""Teacher tools (DESIGN §2): a skeleton term to fill in, and a spreadsheet to a topic file.

The CSV columns are the YAML paths joined with ``_``: id, term, abbr, fa, aliases_en, aliases_fa,
pos, ipa_us, ipa_uk, definition_en, definition_fa, example_en, example_fa (example_2_en...),
usage_1_sentence, usage_1_correct, usage_1_why_en, usage_1_why_fa, usage_2_... (at least four),
usage_N_mistake (optional: the kind of mistake of an incorrect sentence, "calque"...),
confusables, collocations, tags. Lists are split on ``;``. A spreadsheet saved as UTF-8 (with
or without a BOM), comma- or semicolon-separated, with Excel's quoting, all read the same.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cxvocab import placeholders as ph
from cxvocab.messages import id_problem
from cxvocab.terms import GAP_KINDS, ID_PATTERN, MISTAKES

REQUIRED = [
    "id", "term", "fa", "pos", "ipa_us", "ipa_uk", "definition_en", "definition_fa", "example_en", "example_fa",
    *(f"usage_{n}_{part}" for n in range(1, 5) for part in ("sentence", "correct", "why_en", "why_fa")),
]
LISTS = ("aliases_en", "aliases_fa", "confusables", "collocations", "tags")
TRUE, FALSE = {"true", "yes", "y", "1", "✓", "correct"}, {"false", "no", "n", "0", "✗", "incorrect"}
MAX_CSV_BYTES = 4 * 1024 * 1024
KNOWN = [*REQUIRED, "abbr", *LISTS, "example_2_en", "example_2_fa", "usage_5_sentence", "usage_1_mistake"]  # for "did you mean"


class CsvImportError(ValueError):
    """The whole file cannot be read (a missing column, not text...); the message says why."""


@dataclass
class ImportResult:
    yaml_text: str
    terms: int
    problems: list[str] = field(default_factory=list)  # errors: "FILE: row N, column C: problem"; rows left out
    warnings: list[str] = field(default_factory=list)  # as check's warnings: the rows load
    rows_left_out: int = 0

    def tally(self) -> str:
        """What ``cxvocab import`` says it did, last."""
        return (
            f"{self.terms} term(s) converted, {self.rows_left_out} row(s) left out, "
            f"{len(self.problems)} error(s), {len(self.warnings)} warning(s)"
        )


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
        # mistake: calque            # remove the first #, then pick one: {", ".join(MISTAKES)}
        why:
          en: {say(ph.WHY_WRONG_1_EN)}
          fa: {say(ph.WHY_WRONG_FA)}
      - sentence: {say(ph.WRONG_2)}
        correct: false
        # mistake: confusion         # the kind of mistake; for a confusion, the why names the right term
        why:
          en: {say(ph.WHY_WRONG_EN)}
          fa: {say(ph.WHY_WRONG_FA)}
    # family:                        # other forms of the word, where English has them
    #   - {{form: retain, pos: verb, fa: حفظ کردن}}
    # gaps:                          # the word that goes with the term; remove the #s to use them
    #   - sentence: We need to ___ customer loyalty before we raise prices.   # exactly one ___
    #     answer: build
    #     wrong: [make, attract]     # 1 to 3 words a Persian speaker puts there instead
    #     kind: collocation          # {", ".join(GAP_KINDS)}
    #     why:                       # why.en says why each wrong word is wrong
    #       en: We build loyalty; "make loyalty" is a calque, and we attract customers, not loyalty.
    #       fa: در انگلیسی وفاداری را build می‌کنند؛ make loyalty گرته‌برداری است.
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


def _rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and every row with its number as a spreadsheet shows it (the header is row
    1; blank rows count too)."""
    try:
        if path.stat().st_size > MAX_CSV_BYTES:
            raise CsvImportError(f"{path}: the file is larger than {MAX_CSV_BYTES:,} bytes; split it into several files")
        raw = path.read_bytes()
    except IsADirectoryError as exc:
        raise CsvImportError(f"{path}: a folder, not a spreadsheet; give the .csv file") from exc
    except OSError as exc:
        raise CsvImportError(f"{path}: cannot read the file ({(exc.strerror or str(exc)).lower()})") from exc
    if b"\x00" in raw:
        raise CsvImportError(f"{path}: not a text file; save the spreadsheet as CSV (UTF-8)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CsvImportError(f"{path}: not UTF-8 text; in Excel choose 'CSV UTF-8 (Comma delimited)'") from exc
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise CsvImportError(f"{path}: cannot be read as CSV ({exc})") from exc
    if not records:
        return [], []
    header = [h.strip() for h in records[0]]
    return header, [(number, [cell.strip() for cell in cells]) for number, cells in enumerate(records[1:], start=2)]


def _known_column(name: str) -> bool:
    return (
        name in REQUIRED or name in LISTS or name == "abbr"
        or re.fullmatch(
            r"example_[0-9]+_(en|fa)|usage_[0-9]+_(sentence|correct|mistake|why_en|why_fa)"
            r"|family_[0-9]+_(form|pos|fa)|gaps_[0-9]+_(sentence|answer|wrong|kind|why_en|why_fa)",
            name,
        )
        is not None
    )


def _column(loc: tuple[Any, ...]) -> str:
    """A model path such as ("usage", 1, "why", "en") as its CSV column, usage_2_why_en."""
    if loc[:1] in (("confusables",), ("collocations",), ("tags",)):
        return str(loc[0])  # a list in one cell: its items have no column of their own
    if loc[:1] == ("gaps",) and len(loc) > 2 and loc[2] == "wrong":
        return f"gaps_{int(loc[1]) + 1}_wrong"  # the wrong options share one cell
    if loc[:1] == ("aliases",):
        return f"aliases_{loc[1]}" if len(loc) > 1 else "aliases_en"
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


def _loc(field: str) -> tuple[str | int, ...]:
    """A field as ``check`` prints it ("usage[1].why.en") as a model path."""
    return tuple(int(p) if p.isdigit() else p for p in re.findall(r"[^.\[\]]+", field) if p != "-")


def _term_data(row: dict[str, str], header: list[str]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """A row as a term (keys in the file's order), and the problems only a spreadsheet has."""
    problems: list[tuple[str, str]] = []

    def listed(name: str) -> list[str]:
        return [item.strip() for item in row.get(name, "").split(";") if item.strip()]

    data: dict[str, Any] = {"id": row.get("id", ""), "term": row.get("term", "")}
    if row.get("abbr"):
        data["abbr"] = row["abbr"]
    data["fa"] = row.get("fa", "")
    aliases = {lang: listed(f"aliases_{lang}") for lang in ("en", "fa") if listed(f"aliases_{lang}")}
    if aliases:
        data["aliases"] = aliases
    data["pos"] = row.get("pos", "")
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
            item: dict[str, Any] = {"sentence": row[f"usage_{n}_sentence"], "correct": flag in TRUE}
            # "Word form" or "Word-Form" in a spreadsheet is the label word-form.
            mistake = "-".join(row.get(f"usage_{n}_mistake", "").casefold().split())
            if mistake:
                item["mistake"] = mistake
            item["why"] = {"en": row.get(f"usage_{n}_why_en", ""), "fa": row.get(f"usage_{n}_why_fa", "")}
            usage.append(item)
        n += 1
    data["usage"] = usage
    for name in ("confusables", "collocations", "tags"):
        if listed(name):
            data[name] = listed(name)
    family = []
    n = 1
    while f"family_{n}_form" in header:
        if row.get(f"family_{n}_form"):
            form = {"form": row[f"family_{n}_form"], "pos": row.get(f"family_{n}_pos", "")}
            if row.get(f"family_{n}_fa"):
                form["fa"] = row[f"family_{n}_fa"]
            family.append(form)
        n += 1
    if family:
        data["family"] = family
    gaps = []
    n = 1
    while f"gaps_{n}_sentence" in header:
        if row.get(f"gaps_{n}_sentence"):
            gaps.append({
                "sentence": row[f"gaps_{n}_sentence"],
                "answer": row.get(f"gaps_{n}_answer", ""),
                "wrong": listed(f"gaps_{n}_wrong"),
                "kind": row.get(f"gaps_{n}_kind", "").strip().casefold(),
                "why": {"en": row.get(f"gaps_{n}_why_en", ""), "fa": row.get(f"gaps_{n}_why_fa", "")},
            })
        n += 1
    if gaps:
        data["gaps"] = gaps
    return data, problems


def _dump(topic_id: str, terms: list[dict[str, Any]]) -> str:
    title = {"en": topic_id.replace("-", " ").capitalize(), "fa": "واژه‌های وارد شده"}
    body: str = yaml.dump(
        {"topic": topic_id, "title": title, "terms": terms},
        # libyaml's emitter: PyYAML's own, in Python, took most of the time of a large import.
        Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
        allow_unicode=True,
        sort_keys=False,
        width=1000,
    )
    return "# yaml-language-server: $schema=schema.json\n" + body


def _term_starts(text: str) -> list[int]:
    """The line of each term in a file written by :func:`_dump` (its entries of ``terms:``
    are the only lines that start with "- ")."""
    return [number for number, line in enumerate(text.split("\n"), start=1) if line.startswith("- ")]


def import_csv(
    path: Path, topic: str | None = None, *, context: Sequence[Path] = (), output: Path | None = None
) -> ImportResult:
    """Convert a CSV to a topic file's text, checked exactly as ``cxvocab check`` checks a file
    (against the files of ``context``, as the file that will be at ``output``).

    Each problem is reported by row number (as a spreadsheet numbers it, the header being row
    1) and column; a row with an error is left out, so the text returned passes ``check``;
    warnings are reported and their rows kept (they load, as in ``check``)."""
    if topic is not None and not re.fullmatch(ID_PATTERN, topic):
        raise CsvImportError(f"--topic: {id_problem(topic, 'topic id')}")
    header, rows = _rows(path)
    missing = [column for column in REQUIRED if column not in header]
    if len(missing) == len(REQUIRED):
        raise CsvImportError(
            f"{path}: row 1 names none of the columns a term needs (id, term, fa, pos, ipa_us...):"
            " save the spreadsheet as CSV with the column names in its first row (see content/README.md)"
        )
    if missing:
        raise CsvImportError(f"{path}: missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
    topic_id = topic or re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "imported"
    target = output if output is not None else path.with_suffix(".yaml")
    warnings = [
        f"{path}: row 1, column {name}: warning: not a column cxvocab reads"
        + (f" (misspelt? did you mean {close[0]}?)" if (close := difflib.get_close_matches(name, KNOWN, n=1)) else "")
        + "; it was ignored"
        for name in header
        if name and not _known_column(name)
    ]
    errors: list[str] = []
    last_required = max(header.index(column) for column in REQUIRED)
    entries: list[tuple[int, dict[str, Any], list[tuple[str, str]]]] = []
    for number, cells in rows:
        if not any(cells):
            continue
        if len(cells) <= last_required or (len(cells) > len(header) and any(cells[len(header) :])):
            errors.append(
                f"{path}: row {number} has {len(cells)} cells but the header has {len(header)} columns"
                " (a missing separator or an unquoted comma?)"
            )
            continue
        data, row_problems = _term_data(dict(zip(header, cells, strict=False)), header)
        entries.append((number, data, row_problems))

    kept, final = _checked(path, target, topic_id, entries, context, errors)
    rows_given = sum(1 for _, cells in rows if any(cells))
    return ImportResult(final.text, len(kept), errors, warnings + final.warnings, rows_given - len(kept))


def _rows_named(message: str, target: Path, starts: list[int], rows: list[tuple[int, Any, Any]]) -> str:
    """A message that points into the converted file ("same sentence as x (out.yaml:23)")
    points at the spreadsheet row instead ("(row 2)")."""

    def row(match: re.Match[str]) -> str:
        index = bisect_right(starts, int(match.group(1))) - 1
        return f"row {rows[index][0]}" if index >= 0 else match.group(0)

    for name in (str(target), target.name):
        message = re.sub(rf"(?<![\w/]){re.escape(name)}:(\d+)", row, message)
    return message


@dataclass
class _Round:
    text: str
    warnings: list[str] = field(default_factory=list)


def _checked(
    path: Path,
    target: Path,
    topic_id: str,
    entries: list[tuple[int, dict[str, Any], list[tuple[str, str]]]],
    context: Sequence[Path],
    errors: list[str],
) -> tuple[list[int], _Round]:
    """Check the converted rows as ``cxvocab check`` would, leave out every row with an error
    (adding its problems to ``errors``), and check again until no error is left: leaving a row
    out can cause another's (a confusable of it...). Returns the rows kept and the last round."""
    from cxvocab.lint import check_paths

    rows = list(entries)
    while rows:
        text = _dump(topic_id, [data for _, data, _ in rows])
        library = check_paths([target], context, given={target: text.encode("utf-8")})
        starts = _term_starts(text)
        by_row: dict[int, list[str]] = {number: [] for number, _, _ in rows}
        round_ = _Round(text)
        bad: set[int] = set()
        for number, _, row_problems in rows:
            if row_problems:
                bad.add(number)
                by_row[number].extend(f"{path}: row {number}, column {column}: {message}" for column, message in row_problems)
        for problem in sorted(library.problems, key=lambda p: p.line):
            index = bisect_right(starts, problem.line) - 1
            if problem.file != target or index < 0:
                (errors if problem.severity == "error" else round_.warnings).append(str(problem))
                continue
            number, _, row_problems = rows[index]
            loc = _loc(problem.field)
            if loc == ("usage",) and any(column.endswith("_correct") for column, _ in row_problems):
                continue  # the count of right and wrong sentences follows from the bad flag
            where = "the usage columns" if loc == ("usage",) else f"column {_column(loc)}" if loc else ""
            severity = "" if problem.severity == "error" else "warning: "
            message = _rows_named(problem.message, target, starts, rows)
            said = f"{path}: row {number}" + (f", {where}: " if where else ": ") + severity + message
            if problem.severity == "error":
                bad.add(number)
                by_row[number].append(said)
            else:
                round_.warnings.append(said)
        errors.extend(message for number in sorted(bad) for message in by_row[number])
        if not bad:
            return [number for number, _, _ in rows], round_
        rows = [entry for entry in rows if entry[0] not in bad]
    return [], _Round(_dump(topic_id, []))
