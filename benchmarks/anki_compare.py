"""cxvocab side by side with Anki's own Python library (``anki`` on PyPI), on the same work
(DESIGN §7). Called at the end of ``benchmarks/run.py``; these are comparisons, not targets,
except (4.), whose whole command has issue 21's target: no slower than 1.5 x Anki. Run (4.)
alone with ``python benchmarks/anki_compare.py`` (``--quick``: 3 runs of each side, not 7).

Each comparison prints one line,
``anki side by side, <work>: <ratio> x Anki (cxvocab <a> ms, Anki <b> ms)``, where the ratio is
cxvocab's time over Anki's (below 1: cxvocab is faster), plus ``#`` lines giving the context.
A line with a target ends as run.py's do, ``(target 1.5) ok`` or ``... MISS``.
Anki runs with its defaults except where noted. Its day is the real one (it cannot be given
a clock), so its due dates are set relative to its own "today".

1. **Import 5,000 notes** (500 in ``--quick``). The first 5,000 synthetic terms are written as
   ten CSV files of 500 rows (the columns of :mod:`cxvocab.authoring`; one file would pass its
   4 MB limit). Not timed: making the files, and for Anki a fresh collection with a note type
   whose fields are those columns and one card template (a note cannot exist without a card).

   - cxvocab, timed: for each file ``import_csv()`` (validates every row) and the topic file it
     returns written to a folder; then ``load_library()`` of that folder, cold (no content
     cache), so the terms are loaded, validated and studyable.
   - Anki, timed: for each file the desktop's CSV import path, ``get_csv_metadata`` (the
     backend's ``CsvMetadataRequest`` with the note type and deck) then ``col.import_csv``. The
     Anki copies hold the same rows, with Anki's file headers (``#separator:comma``,
     ``#html:false``, ``#columns:<the column names>``) in place of the spreadsheet's header row,
     so every column goes to the field of its name. Anki writes 5,000 notes and 5,000 cards to
     its SQLite collection; it does not check the content.

   Median of 3 runs (1 in ``--quick``), each on a new folder / a new collection.

2. **Build today's queue**, on run.py's database (5,040 terms, 25,200 cards, 250,000 reviews)
   and an Anki collection of the same size: 5,040 notes of a five-template note type (one per
   cxvocab card kind) = 25,200 cards, imported from the same CSV rows; every card put in review
   by SQL with the spread of due dates and stabilities of run.py's ``fill()`` (due from 3 days
   before to 30 days after run.py's moment, turned into Anki day numbers by where cxvocab's day
   ends), an interval and an FSRS memory state (``data`` s/d/dr); the listening cards
   suspended, as cxvocab has them but does not ask them yet (so about 1,800 terms / notes have
   a card due today on each side; the ``#`` line gives both counts);
   250,000 revlog rows over 200 days; FSRS on (cxvocab schedules with fsrs), reviews/day 9999
   (cxvocab has no cap), new/day 100 (as run.py), and burying of siblings on (cxvocab asks one
   card of a term a day).

   - cxvocab, timed: a new ``StudySession`` (what a session start does: the missing-siblings
     check, ``build_queue`` over every due card, and the first question), on a copy of the
     database, so the rest of run.py is unaffected.
   - Anki, timed: ``col.sched.get_queued_cards()`` after its queue cache was dropped (it builds
     the queues and returns the first card with its scheduling states). ``sched.reset()`` is a
     no-op in the v3 scheduler; the queue is dropped by any operation that "requires a study
     queue rebuild", here selecting another deck and then the default deck again (not timed).
     Building it fresh takes over 100 times as long as reading the cached queue.

   Median of 7 runs (3 in ``--quick``).

3. **Answer 1,000 cards** (100 in ``--quick``), each answered Good, on the same two
   collections right after (2.).

   - cxvocab, timed: ``StudySession.answer(Rating.GOOD, now)`` (fsrs, the answer saved in one
     transaction, the day's due cards patched with it, the queue assembled again and the next
     question made).
   - Anki, timed: what the desktop reviewer does, without drawing: ``build_answer`` from the
     current card's states, ``answer_card`` (FSRS, the card and a revlog row written), then
     ``get_queued_cards()`` and a ``Card`` for the next one. The first card is fetched before
     the clock starts, as cxvocab's session already holds its first question.

   One run each (the cards answered are used up); the total time is compared, and the medians
   per answer are printed on a ``#`` line.

4. **Fit FSRS parameters to 20,000 answers** (issue 21, ``cxvocab optimize``). The history is
   the forgetful learner of ``tests/synthetic.py``, as of the day of their 20,000th answer: its
   first 20,000 answers in time (2,880 cards over 146 days; about 14,500 training items). Not
   ``answers(20000)`` itself, whose last answers of each card run to the year 2398: Anki cannot
   hold a review dated after today or before 1970, and a real history has no future answers.
   Written, not timed, into a cxvocab database by ``simulate()`` (with its prep answers, which
   the fit leaves out) and into an Anki collection of one Basic note per card, its revlog one
   row per answer (the first a learning step, the rest reviews), moved back in time by whole
   days plus the gap between UTC midnight and Anki's day cutoff, so that Anki's days between
   two answers are cxvocab's UTC days. Both sides then build the same items (their counts are
   checked), both in the order of their last answer (fsrs-rs weights an item by its place in
   the list, for recency). The two fits still differ a little (Anki's request also carries
   its own settings, such as its learning steps); the ``#`` line gives both sides' log loss
   and RMSE and the largest difference between their parameters.

   - **Whole command**, with the target. Same work on both sides: read the history from the
     database, build the training items, fit from FSRS's defaults, and evaluate the defaults
     and the fitted parameters on the items (Anki keeps the better; cxvocab reports both).
     cxvocab, timed: ``optimize.fit(store, UTC)``, what ``cxvocab optimize`` does between
     opening the database and printing. Anki, timed: the deck options' Optimize button,
     ``compute_fsrs_params`` over the Default preset's search (``preset:"Default"
     -is:suspended``), current parameters FSRS's defaults, one relearning step (Anki's default,
     the same as fsrs-rs's when none is given, as cxvocab does), health check off (its default).
     That call joins a progress thread which wakes every 100 ms, so it never takes less than
     100 ms plus the two evaluations; the ``#`` lines give the parts of both sides.
   - **Fitting alone**, a comparison: the same items, cxvocab's ``training_items`` list, given
     to each library. cxvocab, timed: fsrs-rs-python's ``FSRS(defaults).compute_parameters``.
     Anki, timed: its backend's ``compute_fsrs_params_from_items`` (which includes turning the
     items into protobuf bytes; that part's time is on the ``#`` line). Given the same list,
     the two return the same parameters (shown on the ``#`` line).

   Median of 7 runs of each side, alternating (3 in ``--quick``).
"""

from __future__ import annotations

import csv
import io
import json
import math
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from cxvocab.authoring import import_csv
from cxvocab.clock import day_window
from cxvocab.content import load_library

NOW = datetime(2026, 11, 24, 6, 30, tzinfo=timezone.utc)  # run.py's moment
ROWS_PER_FILE = 500  # a file of 500 terms is about 1.5 MB, under authoring's 4 MB limit
KINDS = ("meaning", "recall", "usage", "choice", "listening")
# What each Anki card template asks (the fronts must differ; the fields are always filled).
FRONTS = {
    "meaning": "{{term}}",
    "recall": "{{fa}}",
    "usage": "{{usage_1_sentence}}",
    "choice": "{{definition_en}}",
    "listening": "{{ipa_us}}",
}
REVLOG_DAYS = 200


def side_by_side(root: Path, content: Path, db: Path, quick: bool) -> None:
    """Print the four comparisons. ``content``: run.py's synthetic topic files; ``db``: its
    database of 25,000 cards and 250,000 reviews (copied, never changed); ``root``: a
    scratch folder (run.py's temporary folder, whose content cache is reused)."""
    try:
        from anki.collection import Collection  # noqa: F401
    except Exception as exc:  # not installed, or a build that cannot load here
        print(
            f"anki side by side: skipped, the anki package cannot be imported ({type(exc).__name__}: {exc})", flush=True
        )
        return

    library = load_library([content], cache_dir=root / "cache")
    terms = list(library.terms.values())
    with tempfile.TemporaryDirectory(dir=root, prefix="anki-compare-") as folder:
        work = Path(folder)
        imported = 500 if quick else 5000
        csvs, anki_csvs = _write_csvs(work / "csv", terms, imported)
        files = imported // ROWS_PER_FILE
        _guarded(
            f"import {imported:,} notes" + (" (quick; the full run imports 5,000)" if quick else ""),
            lambda: _import(work, csvs[:files], anki_csvs[:files], imported, runs=1 if quick else 3),
        )
        collection = work / "big" / "collection.anki2"
        copy = work / "bench.db"
        try:
            _big_collection(collection, anki_csvs)
            _copy_database(db, copy)
        except Exception as exc:
            print(f"anki side by side: the collections could not be made ({type(exc).__name__}: {exc})", flush=True)
        else:
            _guarded("build today's queue", lambda: _queue(copy, library, collection, runs=3 if quick else 7))
            answers = 100 if quick else 1000
            _guarded(
                f"answer {answers:,} cards"
                + (" (quick; the full run answers 1,000)" if quick else "")
                + ", next card included",
                lambda: _answers(copy, library, collection, answers),
            )
    fit_side_by_side(root, quick)


# --- output ----------------------------------------------------------------------------------


def _take_turns(ours: Callable[[], Any], theirs: Callable[[], Any], runs: int) -> tuple[list[float], list[float], Any, Any]:
    """Each side ``runs`` times, taking turns: the times (ms) of each side, and the last result of each."""
    ours_ms: list[float] = []
    theirs_ms: list[float] = []
    mine = other = None
    for _ in range(runs):
        start = time.perf_counter()
        mine = ours()
        ours_ms.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        other = theirs()
        theirs_ms.append((time.perf_counter() - start) * 1000)
    return ours_ms, theirs_ms, mine, other


def _ms(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.3g}"


def _guarded(work: str, compare: Callable[[], tuple[float, float]], target: float | None = None) -> None:
    """Run one comparison and print its line; a failure is printed, never raised (run.py
    always runs to the end). With ``target`` (a ratio), the line ends as run.py's targets do."""
    try:
        ours, theirs = compare()
    except Exception as exc:
        print(f"anki side by side, {work}: failed ({type(exc).__name__}: {exc})", flush=True)
        return
    ratio = ours / theirs
    verdict = "" if target is None else f" (target {target:g}) {'ok' if ratio <= target else 'MISS'}"
    print(
        f"anki side by side, {work}: {ratio:.3g} x Anki (cxvocab {_ms(ours)} ms, Anki {_ms(theirs)} ms){verdict}",
        flush=True,
    )


# --- the CSV files ---------------------------------------------------------------------------


def _columns(terms: Sequence[Any]) -> list[str]:
    examples = max(len(t.examples) for t in terms)
    usages = max(len(t.usage) for t in terms)
    columns = [
        "id",
        "term",
        "abbr",
        "fa",
        "aliases_en",
        "aliases_fa",
        "pos",
        "ipa_us",
        "ipa_uk",
        "definition_en",
        "definition_fa",
    ]
    for n in range(1, examples + 1):
        prefix = "example" if n == 1 else f"example_{n}"
        columns += [f"{prefix}_en", f"{prefix}_fa"]
    columns += [
        f"usage_{n}_{part}" for n in range(1, usages + 1) for part in ("sentence", "correct", "why_en", "why_fa")
    ]
    return [*columns, "confusables", "collocations", "tags"]


def _row(term: Any, known: set[str]) -> dict[str, str]:
    """A term as a spreadsheet row (authoring's columns; lists joined with ``;``)."""
    row = {
        "id": term.id,
        "term": term.term,
        "abbr": term.abbr or "",
        "fa": term.fa,
        "aliases_en": "; ".join(term.aliases.en),
        "aliases_fa": "; ".join(term.aliases.fa),
        "pos": term.pos,
        "ipa_us": term.ipa.us,
        "ipa_uk": term.ipa.uk,
        "definition_en": term.definition.en,
        "definition_fa": term.definition.fa,
        "confusables": "; ".join(c for c in term.confusables if c in known),
        "collocations": "; ".join(term.collocations),
        "tags": "; ".join(term.tags),
    }
    for n, example in enumerate(term.examples, start=1):
        prefix = "example" if n == 1 else f"example_{n}"
        row[f"{prefix}_en"], row[f"{prefix}_fa"] = example.en, example.fa
    for n, usage in enumerate(term.usage, start=1):
        row[f"usage_{n}_sentence"] = usage.sentence
        row[f"usage_{n}_correct"] = "true" if usage.correct else "false"
        row[f"usage_{n}_why_en"], row[f"usage_{n}_why_fa"] = usage.why.en, usage.why.fa
    return row


def _write_csvs(folder: Path, terms: Sequence[Any], imported: int) -> tuple[list[Path], list[Path]]:
    """Every term as CSV files of :data:`ROWS_PER_FILE` rows: the spreadsheet form cxvocab
    imports, and the same rows with Anki's headers. Confusables are kept only among the
    first ``imported`` terms, so that the files imported are complete on their own."""
    folder.mkdir(parents=True)
    columns = _columns(terms)
    known = {t.id for t in terms[:imported]}
    ours: list[Path] = []
    theirs: list[Path] = []
    for number, start in enumerate(range(0, len(terms), ROWS_PER_FILE), start=1):
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=columns, restval="")
        writer.writerows(_row(t, known) for t in terms[start : start + ROWS_PER_FILE])
        rows = out.getvalue()
        path = folder / f"class-{number:02d}.csv"
        path.write_text(",".join(columns) + "\r\n" + rows, encoding="utf-8")
        anki = folder / f"anki-{number:02d}.csv"
        anki.write_text(f"#separator:comma\n#html:false\n#columns:{','.join(columns)}\n" + rows, encoding="utf-8")
        ours.append(path)
        theirs.append(anki)
    return ours, theirs


# --- 1. import -------------------------------------------------------------------------------


def _anki_notetype(col: Any, columns: Sequence[str], kinds: Sequence[str]) -> int:
    models = col.models
    notetype = models.new("cxvocab term")
    for name in columns:
        models.add_field(notetype, models.new_field(name))
    for kind in kinds:
        template = models.new_template(kind)
        template["qfmt"] = FRONTS[kind]
        template["afmt"] = "{{FrontSide}}<hr id=answer>{{fa}}<br>{{definition_en}}"
        models.add_template(notetype, template)
    models.add(notetype)
    return int(models.by_name("cxvocab term")["id"])


def _anki_import(col: Any, notetype: int, paths: Sequence[Path]) -> int:
    """Anki's CSV import, as the desktop's import dialog drives it. Returns notes added."""
    from anki import import_export_pb2
    from anki.collection import ImportCsvRequest

    added = 0
    for path in paths:
        request = import_export_pb2.CsvMetadataRequest(path=str(path), notetype_id=notetype, deck_id=1)
        metadata = col._backend.get_csv_metadata(request)
        log = col.import_csv(ImportCsvRequest(path=str(path), metadata=metadata)).log
        added += len(log.new)
    return added


def _import(
    work: Path, csvs: Sequence[Path], anki_csvs: Sequence[Path], expected: int, runs: int
) -> tuple[float, float]:
    from anki.collection import Collection

    ours: list[float] = []
    theirs: list[float] = []
    for run in range(runs):
        topics = work / f"import-{run}"
        topics.mkdir()
        start = time.perf_counter()
        for path in csvs:
            result = import_csv(path)
            if result.problems:
                raise RuntimeError(f"cxvocab's import found problems: {result.problems[:3]}")
            (topics / f"{path.stem}.yaml").write_text(result.yaml_text, encoding="utf-8")
        library = load_library([topics])
        ours.append((time.perf_counter() - start) * 1000)
        if len(library.terms) != expected or library.errors:
            raise RuntimeError(f"cxvocab loaded {len(library.terms)} of {expected} terms, {len(library.errors)} errors")

        (work / f"anki-{run}").mkdir()
        col: Any = Collection(str(work / f"anki-{run}" / "collection.anki2"))
        try:
            notetype = _anki_notetype(col, _anki_columns(anki_csvs[0]), ["meaning"])
            start = time.perf_counter()
            added = _anki_import(col, notetype, anki_csvs)
            theirs.append((time.perf_counter() - start) * 1000)
            if added != expected or col.card_count() != expected:
                raise RuntimeError(f"Anki imported {added} of {expected} notes, {col.card_count()} cards")
        finally:
            col.close()
    return statistics.median(ours), statistics.median(theirs)


# --- the large collections -------------------------------------------------------------------


def _copy_database(db: Path, copy: Path) -> None:
    """A consistent copy of run.py's database (SQLite's backup API, so a WAL is included)."""
    source, target = sqlite3.connect(db), sqlite3.connect(copy)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def _big_collection(path: Path, anki_csvs: Sequence[Path]) -> None:
    """An Anki collection the size of run.py's database: every synthetic term as a note of
    five cards, all in review (listening suspended), about 1,800 notes due today, 250,000
    revlog rows; FSRS on, as in the module's docstring."""
    from anki.collection import Collection

    rng = random.Random(7)
    path.parent.mkdir(parents=True)
    col: Any = Collection(str(path))
    try:
        notetype = _anki_notetype(col, _anki_columns(anki_csvs[0]), KINDS)
        _anki_import(col, notetype, anki_csvs)
        today = col.sched.today
        # What is left of cxvocab's day at run.py's moment: a card due within it is due today.
        left = (day_window(NOW, None)[1] - NOW) / timedelta(days=1)
        card_ids = col.db.list("select id from cards order by id")
        cards = []
        for card_id in card_ids:
            stability = rng.uniform(0.5, 60)  # as browse_and_stats.fill()
            due = today + math.ceil(rng.uniform(-3, 30) - left)
            data = json.dumps({"s": round(stability, 4), "d": 5.0, "dr": 0.9})
            cards.append((due, max(1, round(stability)), data, card_id))
        now_ms = int(time.time() * 1000)
        spacing = REVLOG_DAYS * 86_400_000 // 250_000
        revlog = [
            (
                now_ms - 86_400_000 - i * spacing,
                card_ids[i % len(card_ids)],
                rng.choice((1, 3, 3, 3, 4)),
                rng.randint(1, 60),
            )
            for i in range(250_000)
        ]
        # One transaction: through Anki's database proxy each statement otherwise commits
        # on its own (3.5 s per 20,000 rows).
        col.db.execute("begin")
        col.db.executemany(
            # Listening cards (template 5) are suspended: cxvocab has them but does not ask them yet.
            "update cards set type = 2, queue = case when ord = 4 then -1 else 2 end, due = ?, ivl = ?, factor = 2500,"
            " reps = 5, data = ? where id = ?",
            cards,
        )
        col.db.executemany(
            "insert into revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) values (?, ?, -1, ?, ?, 1, 2500, 4000, 1)",
            revlog,
        )
        col.db.execute("commit")
        config = col.decks.config_dict_for_deck_id(1)
        config["rev"]["perDay"] = 9999
        config["new"]["perDay"] = 100
        config["rev"]["bury"] = config["new"]["bury"] = config["buryInterdayLearning"] = True
        col.decks.update_config(config)
        col.set_config("fsrs", True)
        col.decks.id("other")  # a second deck, to drop the queue cache by selecting it
    finally:
        col.close()


def _anki_columns(path: Path) -> list[str]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#columns:"):
            return line.removeprefix("#columns:").split(",")
    raise ValueError(f"{path}: no #columns header")


# --- 2. today's queue, 3. answers ------------------------------------------------------------


def _queue(copy: Path, library: Any, collection: Path, runs: int) -> tuple[float, float]:
    from anki.collection import Collection

    from cxvocab.queue import build_queue
    from cxvocab.scheduling import Scheduling
    from cxvocab.session import StudySession
    from cxvocab.store import Store

    store = Store.open(copy)
    try:
        ours: list[float] = []
        bare: list[float] = []
        for _ in range(runs):
            start = time.perf_counter()
            session = StudySession(store, library, Scheduling(0.9), NOW, None, new_per_day=100)
            ours.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            build_queue(
                store, list(library.terms), NOW, None, new_per_day=100, related=lambda t: library.terms[t].confusables
            )
            bare.append((time.perf_counter() - start) * 1000)
        due = len(session.queue.reviews) + len(session.queue.learning)
    finally:
        store.close()

    col: Any = Collection(str(collection))
    try:
        other = col.decks.id_for_name("other")
        theirs: list[float] = []
        for _ in range(runs):
            col.decks.set_current(other)
            col.decks.set_current(1)
            start = time.perf_counter()
            queued = col.sched.get_queued_cards()
            theirs.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        col.sched.get_queued_cards()
        cached = (time.perf_counter() - start) * 1000
        print(
            f"# today's queue: cxvocab {due:,} cards due (build_queue alone {_ms(statistics.median(bare))} ms);"
            f" Anki {queued.review_count:,} reviews, {queued.learning_count} learning, {queued.new_count} new"
            f" ({col.card_count():,} cards, {col.db.scalar('select count() from revlog'):,} revlog rows;"
            f" from the cached queue {cached:.2f} ms)",
            flush=True,
        )
    finally:
        col.close()
    return statistics.median(ours), statistics.median(theirs)


def _answers(copy: Path, library: Any, collection: Path, answers: int) -> tuple[float, float]:
    from anki.cards import Card
    from anki.collection import Collection
    from anki.scheduler.v3 import CardAnswer

    from cxvocab.scheduling import Rating, Scheduling
    from cxvocab.session import StudySession
    from cxvocab.store import Store

    store = Store.open(copy)
    try:
        moment = NOW + timedelta(hours=1)
        session = StudySession(store, library, Scheduling(0.9), moment, None, new_per_day=100)
        ours: list[float] = []
        for _ in range(answers):
            if session.finished:
                raise RuntimeError(f"cxvocab's queue ran out after {len(ours)} answers")
            moment += timedelta(seconds=3)
            start = time.perf_counter()
            session.answer(Rating.GOOD, moment)
            ours.append((time.perf_counter() - start) * 1000)
    finally:
        store.close()

    col: Any = Collection(str(collection))
    try:
        theirs: list[float] = []
        queued = col.sched.get_queued_cards()
        for _ in range(answers):
            if not queued.cards:
                raise RuntimeError(f"Anki's queue ran out after {len(theirs)} answers")
            start = time.perf_counter()
            current = queued.cards[0]
            card = Card(col, backend_card=current.card)
            card.start_timer()
            col.sched.answer_card(col.sched.build_answer(card=card, states=current.states, rating=CardAnswer.GOOD))
            queued = col.sched.get_queued_cards()
            theirs.append((time.perf_counter() - start) * 1000)
    finally:
        col.close()
    print(
        f"# {answers:,} answers, median per answer: cxvocab {statistics.median(ours):.3g} ms, Anki {statistics.median(theirs):.3g} ms",
        flush=True,
    )
    return sum(ours), sum(theirs)


# --- 4. fitting FSRS parameters --------------------------------------------------------------

FIT_ANSWERS = 20_000
FIT_TARGET = 1.5  # issue 21: cxvocab optimize no slower than 1.5 x Anki
# What the deck options' Optimize button searches for the Default preset.
PRESET_SEARCH = 'preset:"Default" -is:suspended'
DAY = 86_400


def fit_side_by_side(root: Path, quick: bool) -> None:
    """Print the two fitting comparisons (4. above). ``root``: a scratch folder."""
    try:
        from anki.collection import Collection  # noqa: F401
    except Exception as exc:  # not installed, or a build that cannot load here
        print(
            f"anki side by side, fit FSRS: skipped, the anki package cannot be imported ({type(exc).__name__}: {exc})",
            flush=True,
        )
        return
    with tempfile.TemporaryDirectory(dir=root, prefix="anki-fit-") as folder:
        work = Path(folder)
        db, collection = work / "fit.db", work / "fit" / "collection.anki2"
        try:
            rows = _fit_history(FIT_ANSWERS)
            _fit_database(db, rows)
            _fit_collection(collection, rows)
        except Exception as exc:
            print(f"anki side by side, fit FSRS: the histories could not be made ({type(exc).__name__}: {exc})", flush=True)
            return
        days = (max(at for _, at, _ in rows).date() - min(at for _, at, _ in rows).date()).days + 1
        print(
            f"# fit: the forgetful learner's first {len(rows):,} answers in time"
            f" ({len({card for card, _, _ in rows}):,} cards over {days} days; tests/synthetic.py)",
            flush=True,
        )
        runs = 3 if quick else 7
        _guarded(
            f"fit FSRS to {len(rows):,} answers, whole command (read, items, fit, evaluate both)",
            lambda: _fit_command(db, collection, runs),
            target=FIT_TARGET,
        )
        _guarded(
            f"fit FSRS to {len(rows):,} answers, compute_parameters alone on the same items",
            lambda: _fit_items(db, collection, runs),
        )


def _fit_history(answers: int) -> list[tuple[int, datetime, int]]:
    """The forgetful learner's first ``answers`` answers in time: their history on the day
    of that answer. ``synthetic.answers(n)`` gives every answer of each card in turn, up to
    centuries ahead. It is asked for twice as many, so that its last cards are still unseen on
    that day: every card's history then ends on the day, not where the simulation stopped."""
    from tests.synthetic import answers as simulated

    everything = simulated(2 * answers)
    rows = sorted(everything, key=lambda row: row[1])[:answers]
    if max(card for card, _, _ in rows) >= max(card for card, _, _ in everything):
        raise RuntimeError("the simulation ran out of new cards before the day of the last answer")
    return rows


def _fit_database(path: Path, rows: list[tuple[int, datetime, int]]) -> None:
    """``rows`` as a cxvocab database, written by the tests' ``simulate()`` (which adds prep
    answers beside them, for the fit to leave out). ``simulate(store, n)`` writes
    ``answers(n)``; it is given ``rows`` in its place."""
    from cxvocab.store import Store
    from tests import synthetic

    store = Store.open(path)
    original = synthetic.answers
    synthetic.answers = lambda reviews, *, seed=7: rows  # type: ignore[assignment]
    try:
        written = synthetic.simulate(store, len(rows))
    finally:
        synthetic.answers = original
        store.close()
    if written != len(rows):
        raise RuntimeError(f"simulate() wrote {written} of {len(rows)} answers")


def _fit_collection(path: Path, rows: list[tuple[int, datetime, int]]) -> None:
    """``rows`` as an Anki collection: a Basic note (one card) per card, a revlog row per
    answer. Anki counts days back from its next day cutoff ``N`` (in whole seconds of the
    revlog id); every answer is moved back by whole days and ``(N + 1) mod 86,400`` seconds,
    so that a day of Anki's ends where a UTC day ends and the days between two answers are
    cxvocab's. All of them land before today and after 1970, which Anki needs."""
    from anki.collection import AddNoteRequest, Collection

    path.parent.mkdir(parents=True)
    col: Any = Collection(str(path))
    try:
        cutoff = int(col.sched.day_cutoff)
        first = min(int(at.timestamp()) for _, at, _ in rows)
        last = max(int(at.timestamp()) for _, at, _ in rows)
        shift = (cutoff + 1) % DAY + ((cutoff - last) // DAY - 2) * DAY
        if first + shift <= DAY:
            raise RuntimeError("the history spans more days than Anki's revlog can hold")
        basic = col.models.by_name("Basic")
        cards = sorted({card for card, _, _ in rows})
        notes = []
        for card in cards:
            note = col.new_note(basic)
            note["Front"], note["Back"] = f"term-{card}", "x"
            notes.append(note)
        col.add_notes([AddNoteRequest(note, 1) for note in notes])
        card_ids = {card: col.card_ids_of_note(note.id)[0] for card, note in zip(cards, notes, strict=True)}
        seen: set[int] = set()
        started: set[int] = set()
        revlog = []
        for card, at, rating in rows:
            ms = int(at.timestamp() * 1000) + shift * 1000
            while ms in seen:  # revlog ids are unique; two answers in the same millisecond
                ms += 1
            seen.add(ms)
            learning = card not in started
            started.add(card)
            # type 0: a learning step (Anki trains only on cards whose history has one), 1: a review
            revlog.append((ms, card_ids[card], rating, 0 if learning else 2500, 0 if learning else 1))
        col.db.execute("begin")
        col.db.executemany(
            "insert into revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) values (?, ?, -1, ?, 1, 0, ?, 4000, ?)",
            revlog,
        )
        col.db.execute("commit")
    finally:
        col.close()


def _anki_item(item: Any) -> Any:
    """An fsrs-rs-python item as Anki's protobuf ``FsrsItem``. The Python binding's reviews
    expose nothing but their repr, ``FSRSReview { rating: 3, delta_t: 2 }``."""
    import re

    from anki import scheduler_pb2

    reviews = [
        scheduler_pb2.FsrsReview(rating=int(rating), delta_t=int(days))
        for rating, days in re.findall(r"rating: (\d+), delta_t: (\d+)", repr(item))
    ]
    if len(reviews) != len(item.reviews):
        raise RuntimeError(f"could not read {item!r}")
    return scheduler_pb2.FsrsItem(reviews=reviews)


def _evaluations(fit: Any) -> str:
    return f"{fit.current.log_loss:.4f} / {fit.current.rmse_bins:.4f} -> {fit.fitted.log_loss:.4f} / {fit.fitted.rmse_bins:.4f}"


def _largest_difference(ours: Sequence[float], theirs: Sequence[float]) -> str:
    differences = [abs(a - b) for a, b in zip(ours, theirs, strict=True)]
    at = max(range(len(differences)), key=differences.__getitem__)
    return f"{differences[at]:.3g} (w[{at}]: {ours[at]:.4f} against {theirs[at]:.4f})"


def _fit_command(db: Path, collection: Path, runs: int) -> tuple[float, float]:
    from anki.collection import Collection

    from cxvocab import optimize
    from cxvocab.store import Store

    defaults = list(optimize.default_parameters())
    store = Store.open(db)
    col: Any = Collection(str(collection))
    try:
        ours, theirs, fit, response = _take_turns(
            lambda: optimize.fit(store, timezone.utc),
            lambda: col._backend.compute_fsrs_params(
                search=PRESET_SEARCH,
                current_params=defaults,
                ignore_revlogs_before_ms=0,
                num_of_relearning_steps=1,
                health_check=False,
            ),
            runs,
        )
        if response.fsrs_items != fit.items:
            raise RuntimeError(f"not the same items: cxvocab {fit.items:,}, Anki {response.fsrs_items:,}")
        # Not timed: Anki's evaluations, which its Optimize keeps to itself, and the parts.
        start = time.perf_counter()
        before = col._backend.evaluate_params_legacy(params=defaults, search=PRESET_SEARCH, ignore_revlogs_before_ms=0)
        anki_evaluate = (time.perf_counter() - start) * 1000
        after = col._backend.evaluate_params_legacy(
            params=list(response.params), search=PRESET_SEARCH, ignore_revlogs_before_ms=0
        )
        start = time.perf_counter()
        past = optimize.history(store, timezone.utc)
        read = (time.perf_counter() - start) * 1000
        start = time.perf_counter()
        items = optimize.training_items(past)
        build = (time.perf_counter() - start) * 1000
        start = time.perf_counter()
        optimize.evaluate(defaults, items)
        evaluate = (time.perf_counter() - start) * 1000
    finally:
        col.close()
        store.close()
    print(
        f"# fit, whole command: {fit.reviews:,} study answers, {fit.items:,} items on both sides"
        f" (both in time order); log loss / RMSE (bins), FSRS's defaults -> fitted:"
        f" cxvocab {_evaluations(fit)},"
        f" Anki {before.log_loss:.4f} / {before.rmse_bins:.4f} -> {after.log_loss:.4f} / {after.rmse_bins:.4f};"
        f" largest parameter difference {_largest_difference(fit.parameters, response.params)}",
        flush=True,
    )
    print(
        f"# fit, whole command, parts: cxvocab reads the history in {_ms(read)} ms, builds the items in"
        f" {_ms(build)} ms, evaluates once in {_ms(evaluate)} ms (and fits, below); Anki's Optimize joins a"
        f" progress thread that wakes every 100 ms, so it takes 100 ms or more plus its two evaluations;"
        f" its evaluate_params_legacy (read, items, evaluate once) takes {_ms(anki_evaluate)} ms",
        flush=True,
    )
    return statistics.median(ours), statistics.median(theirs)


def _fit_items(db: Path, collection: Path, runs: int) -> tuple[float, float]:
    from anki import scheduler_pb2
    from anki.collection import Collection
    from fsrs_rs_python import FSRS

    from cxvocab import optimize
    from cxvocab.store import Store

    defaults = list(optimize.default_parameters())
    store = Store.open(db)
    try:
        items = optimize.training_items(optimize.history(store, timezone.utc))
    finally:
        store.close()
    anki_items = [_anki_item(item) for item in items]
    col: Any = Collection(str(collection))
    try:
        ours, theirs, fitted, response = _take_turns(
            lambda: FSRS(defaults).compute_parameters(items),
            lambda: col._backend.compute_fsrs_params_from_items(items=anki_items),
            runs,
        )
        start = time.perf_counter()
        scheduler_pb2.ComputeFsrsParamsFromItemsRequest(items=anki_items).SerializeToString()
        encoding = (time.perf_counter() - start) * 1000
    finally:
        col.close()
    if response.fsrs_items != len(items):
        raise RuntimeError(f"Anki received {response.fsrs_items:,} of {len(items):,} items")
    same = "the same parameters" if list(fitted) == list(response.params) else (
        f"largest parameter difference {_largest_difference(fitted, response.params)}"
    )
    print(
        f"# fit, fitting alone: {len(items):,} items (cxvocab's order, by time), {same};"
        f" Anki's time includes {_ms(encoding)} ms making the request's protobuf bytes",
        flush=True,
    )
    return statistics.median(ours), statistics.median(theirs)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="The FSRS fitting comparison (4.) alone.")
    parser.add_argument("--quick", action="store_true", help="3 runs of each side instead of 7")
    with tempfile.TemporaryDirectory() as scratch:
        fit_side_by_side(Path(scratch), parser.parse_args().quick)
