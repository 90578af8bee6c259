"""The ``cxvocab`` command. Parses options and calls the core; holds no logic of its own."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from cxvocab import __version__
from cxvocab.audio import ENGINES
from cxvocab.bootstrap import Context, Options
from cxvocab.config import ACCENTS, LANGUAGES, RTL_MODES
from cxvocab.store import StoreError

F = TypeVar("F", bound=Callable[..., Any])


def common_options(func: F) -> F:
    """--db, --content, --rtl, --accent, --lang: accepted by the bare command and every subcommand."""

    @click.option("--db", type=click.Path(dir_okay=False, path_type=Path), help="Progress database to use.")
    @click.option(
        "--content",
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        multiple=True,
        help="Extra folder of term files (repeatable).",
    )
    @click.option("--rtl", type=click.Choice(RTL_MODES), help="How Persian is drawn.")
    @click.option("--accent", type=click.Choice(ACCENTS), help="Pronunciation accent.")
    @click.option("--lang", type=click.Choice(LANGUAGES), help="The interface's language: en (English) or fa (Persian).")
    @functools.wraps(func)
    def wrapper(
        *args: Any, db: Path | None, content: tuple[Path, ...], rtl: str | None, accent: str | None, lang: str | None, **kw: Any
    ) -> Any:
        ctx = click.get_current_context()
        given = Options(db=db, content=content, rtl=rtl, accent=accent, language=lang)
        parent = ctx.find_object(Context)
        ctx.obj = Context(parent.options.merged(given)) if parent else Context(given)
        return func(*args, **kw)

    return wrapper  # type: ignore[return-value]


def fail(message: str, mode: str | None = None) -> NoReturn:
    """Say what went wrong and exit 1; a Persian message (``--lang fa``) laid out in ``mode``."""
    if mode is not None:
        from cxvocab.rtl import paragraph

        click.echo(paragraph(message, mode), err=True)
        sys.exit(1)
    click.echo(f"cxvocab: {message}", err=True)
    sys.exit(1)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cxvocab")
@common_options
@click.pass_context
def main(ctx: click.Context) -> None:
    """Learn the English vocabulary of customer experience, for Persian speakers.

    With no command, opens today's study queue in the terminal:

    \b
        cxvocab
    """
    if ctx.invoked_subcommand is not None:
        return
    context: Context = ctx.obj
    try:
        from cxvocab.ui.app import run

        run(context)
    except StoreError as exc:
        fail(str(exc))


@main.command()
@click.argument("term")
@click.option("--width", type=click.IntRange(20, 400), help="Wrap to this many columns.")
@common_options
@click.pass_obj
def show(context: Context, term: str, width: int | None) -> None:
    """Print one term's card: IPA, Persian, definitions, examples and usage.

    TERM is an id, the English term, its abbreviation or its Persian equivalent. Persian is
    drawn for this terminal (--rtl visual for terminals without bidi, native for those with):

    \b
        cxvocab show pain-point --width 40 --rtl visual
    """
    from rich.console import Console

    from cxvocab.i18n import translator
    from cxvocab.render import Trimmed, term_card
    from cxvocab.rtl import resolve
    from cxvocab.search import not_found

    library = context.library(read_only=True)
    settings, _ = context.settings()
    tr = translator(settings.language)
    found = library.find(term)
    if found is None:
        fail(not_found(library, term, tr), resolve(settings.rtl) if tr.rtl else None)
    card = term_card(found, library, resolve(settings.rtl), tr=tr)
    Console(width=width, highlight=False, soft_wrap=False).print(Trimmed(card))


@main.command()
@click.option("--topic", "topics", multiple=True, help="A topic id, its English title or a tag (repeatable).")
@click.option("--weakest", is_flag=True, help="Add the terms you get wrong most often.")
@click.option("--flagged", is_flag=True, help="Add the terms you flagged (f while studying), leeches included.")
@click.option("--kinds", help="Question kinds, comma-separated: usage, choice, gap, recall, meaning.")
@click.option("--count", type=click.IntRange(1, 500), help="How many questions (default: each chosen term once).")
@click.option("--minutes", type=click.FloatRange(min=0, min_open=True), help="Stop after this many minutes.")
@click.option("--sheet", is_flag=True, help="Print the one-page sheet as Markdown instead of drilling.")
@common_options
@click.pass_obj
def prep(
    context: Context,
    topics: tuple[str, ...],
    weakest: bool,
    flagged: bool,
    kinds: str | None,
    count: int | None,
    minutes: float | None,
    sheet: bool,
) -> None:
    """Meeting prep: a short drill over chosen terms, due or not; the schedule is untouched.

    Answers are saved as prep. The drill ends with the terms you missed and a one-page sheet
    (term, Persian, one correct usage), which --sheet prints as Markdown:

    \b
        cxvocab prep --topic metrics --kinds usage --count 5
        cxvocab prep --topic metrics --minutes 5
        cxvocab prep --flagged
        cxvocab prep --sheet --topic metrics > metrics.md
    """
    from contextlib import closing

    from cxvocab.i18n import translator
    from cxvocab.prep import PrepError, plan, sheet_markdown
    from cxvocab.rtl import resolve

    library = context.library(read_only=sheet)
    settings, _ = context.settings()
    tr = translator(settings.language)
    try:
        # Planning only reads: the drill's app opens (and, the first time, makes) the database.
        store, _ = context.reading_store()
        with closing(store):
            request = plan(library, store, topics, weakest=weakest, flagged=flagged, kinds=kinds, count=count, minutes=minutes, tr=tr)
    except PrepError as exc:
        fail(tr(exc.args[0]), resolve(settings.rtl) if tr.rtl else None)
    except StoreError as exc:
        fail(str(exc))
    if sheet:
        click.echo(sheet_markdown([library.terms[t] for t in request.term_ids], library, request.title, tr), nl=False)
        return
    try:
        from cxvocab.ui.app import run

        run(context, prep=request)
    except StoreError as exc:
        fail(str(exc))


@main.command()
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help=(
        "Print the numbers as JSON, for scripts: terms in all and seen, answers in all and today,"
        " cards due today and in each of the next 14 days, retention over 30 days (0 to 1),"
        " the streak in days, and terms, seen and mastered per topic."
    ),
)
@click.option("--jalali", is_flag=True, help="Jalali dates and Persian digits (the default with --lang fa).")
@common_options
@click.pass_obj
def stats(context: Context, as_json: bool, jalali: bool) -> None:
    """Your progress: the same numbers as the Stats screen (s on the home screen).

    \b
        cxvocab stats
        cxvocab stats --json | jq .retention_30d
    """
    import json

    from rich.console import Console

    from cxvocab.i18n import translator
    from cxvocab.render import Trimmed, stats_report
    from cxvocab.rtl import resolve

    library = context.library(read_only=True)
    try:
        numbers, note = context.stats(library)
    except StoreError as exc:
        fail(str(exc))
    if note:
        click.echo(note, err=True)
    if as_json:
        click.echo(json.dumps(numbers.to_json(), ensure_ascii=False, indent=2))
        return
    settings, _ = context.settings()
    console = Console(highlight=False)
    tr = translator(settings.language)
    tr = tr.with_jalali(True) if jalali else tr
    console.print(Trimmed(stats_report(numbers, library, tr=tr, mode=resolve(settings.rtl), width=console.width)))


@main.command()
@click.option("--yes", is_flag=True, help="Apply a better fit without asking.")
@click.option("--back", is_flag=True, help="Go back to the parameters in use before the last fit.")
@common_options
@click.pass_obj
def optimize(context: Context, yes: bool, back: bool) -> None:
    """Fit FSRS to your own study answers (fsrs-rs, as Anki does) and use it if it predicts
    them better: shows log loss and RMSE of the schedule in use and of the fitted one, and asks.

    \b
        cxvocab optimize
        cxvocab optimize --back      the parameters before the last fit again
    """
    from contextlib import closing

    from cxvocab.clock import SystemClock
    from cxvocab.i18n import translator
    from cxvocab.optimize import NotEnoughReviews, apply, fit, go_back, report_lines
    from cxvocab.rtl import paragraph, resolve

    settings, _ = context.settings()
    tr = translator(settings.language)
    mode = resolve(settings.rtl)
    clock = SystemClock()

    def say(text: str, err: bool = False) -> None:
        click.echo(paragraph(text, mode), err=err)  # Persian laid out for the terminal
    try:
        store, note = context.reading_store() if not back else (context.store(), None)
    except StoreError as exc:
        fail(str(exc))
    with closing(store):
        if note:
            fail(note)
        if back:
            try:
                previous = go_back(store, clock.now())
            except ValueError as exc:
                fail(tr(exc.args[0]))
            say(tr("The schedule uses FSRS's defaults again.") if previous is None else tr("The schedule uses the parameters before the last fit again."))
            return
        try:
            result = fit(store, clock.tz, lambda step: say(tr(step), err=True))
        except NotEnoughReviews as exc:
            fail(tr(exc.args[0]), mode if tr.rtl else None)
    for line in report_lines(result, tr):
        say(line)
    if not result.better:
        say(tr("The schedule in use predicts your answers as well or better: nothing changes."))
        return
    if not yes and not click.confirm(paragraph(tr("Use the fitted schedule from the next card on?"), mode), default=True):
        say(tr("Nothing changed."))
        return
    try:
        with closing(context.store()) as writable:
            apply(writable, result, clock.now())
    except StoreError as exc:
        fail(str(exc))
    say(tr("Applied. `cxvocab optimize --back` goes back to the schedule before."))


@main.command()
@click.argument("term_id", metavar="ID")
@click.option("--topic", help="Print a whole topic file (header and term) for this topic id.")
@common_options
@click.pass_obj
def new(context: Context, term_id: str, topic: str | None) -> None:
    """Print a complete, commented term to fill in (with --topic, a whole file).

    \b
        cxvocab new first-contact-resolution >> my-class/10-service.yaml
        cxvocab new first-contact-resolution --topic service > my-class/10-service.yaml
    """
    from cxvocab.authoring import skeleton

    try:
        click.echo(skeleton(term_id, topic), nl=False)
    except ValueError as exc:
        fail(str(exc))


@main.command("import")
@click.argument("csv_file", metavar="FILE.csv", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the topic file here.")
@click.option("--topic", help="The topic id (default: from the file name).")
@common_options
@click.pass_obj
def import_(context: Context, csv_file: Path, output: Path | None, topic: str | None) -> None:
    """Turn a spreadsheet (CSV, UTF-8) into a topic file; bad rows are reported, good ones kept.

    Columns are the YAML paths joined with _ (id, term, fa, pos, ipa_us, definition_en,
    usage_1_sentence, usage_1_correct...); lists are split on ;. See content/README.md.
    The result is checked as `cxvocab check` checks a file, beside every loaded term file;
    each problem is reported by row and column, and a row with an error is left out:

    \b
        cxvocab import class-terms.csv -o my-class/10-class.yaml
        cxvocab import class-terms.csv --topic retail > 10-retail.yaml
    """
    from cxvocab.authoring import CsvImportError, import_csv
    from cxvocab.outputs import OutputError, problem, write_text

    if output is not None and (bad := problem(output)):
        fail(bad)  # before the work, not after it
    try:
        result = import_csv(csv_file, topic, context=context.content_dirs(), output=output)
    except CsvImportError as exc:
        fail(str(exc))
    for line in result.problems + result.warnings:
        click.echo(line, err=True)
    if not result.terms:
        fail(f"{csv_file}: no row could be converted")
    if output is None:
        click.echo(result.yaml_text, nl=False)
    else:
        try:
            write_text(output, result.yaml_text)
        except OutputError as exc:
            fail(str(exc))
    click.echo(result.tally(), err=True)
    if result.problems:
        sys.exit(1)


@main.group()
def export() -> None:
    """Export terms to other tools.

    \b
        cxvocab export anki cx.apkg
    """


@export.command("anki")
@click.argument("out", metavar="OUT.apkg", type=click.Path(path_type=Path))
@click.option("--topic", "topics", multiple=True, help="Only these topics (repeatable).")
@click.option("--no-audio", is_flag=True, help="Leave pronunciation out.")
@common_options
@click.pass_obj
def export_anki(context: Context, out: Path, topics: tuple[str, ...], no_audio: bool) -> None:
    """An Anki package of every loaded term (or of some topics), with audio.

    Each term gives English -> Persian and Persian -> English cards; each usage sentence a card
    of its own. Importing a new export into Anki updates the notes rather than adding copies.

    \b
        cxvocab export anki cx.apkg --topic metrics --accent uk
    """
    from cxvocab.anki import export as export_package
    from cxvocab.outputs import OutputError, problem

    if bad := problem(out):
        fail(bad)  # before the work, not after it
    library = context.library(read_only=True)
    if unknown := library.unknown_topics(topics):
        fail(unknown)
    settings, _ = context.settings()
    voices = None if no_audio else context.speaker(settings).voices
    from contextlib import closing

    try:
        store, _ = context.reading_store()  # read-only: the learner's marks travel with the deck
        with closing(store):
            marks = store.marks()
    except StoreError:
        marks = {}  # a damaged database: the deck is still made, without them
    try:
        report = export_package(library, out, topics=topics, voices=voices, accent=settings.accent, marks=marks)
    except OutputError as exc:
        fail(str(exc))
    click.echo(report.line(out))


@main.group()
def audio() -> None:
    """Pronunciation audio: make it ahead of time.

    \b
        cxvocab audio build --engine espeak
    """


@audio.command("build")
@click.option("--engine", type=click.Choice(ENGINES), help="auto: gTTS when online, else espeak.")
@click.option("--examples", is_flag=True, help="Also the example sentences.")
@common_options
@click.pass_obj
def audio_build(context: Context, engine: str | None, examples: bool) -> None:
    """Make the pronunciation of every loaded term (cached for the app and for Anki export).

    \b
        cxvocab audio build --engine espeak --accent uk
        cxvocab audio build --examples
    """
    from rich.console import Console
    from rich.progress import Progress

    from cxvocab.audio import build, build_items

    settings, _ = context.settings()
    speaker = context.speaker(settings, engine)
    items = build_items(context.library(), examples=examples)
    errors = Console(stderr=True)
    # A bar only on a terminal: redirected to a file it would leave a stray blank line.
    with Progress(transient=True, console=errors, disable=not errors.is_terminal) as bar:
        task = bar.add_task(f"Making audio ({settings.accent.upper()})", total=len(items))
        report = build(speaker.voices, items, settings.accent, lambda done: bar.update(task, completed=done))
    click.echo(report.line())
    for line in report.failures(speaker.voices.engine):
        click.echo(line, err=True)
    click.echo(f"cache: {speaker.voices.cache_dir / 'audio'}")
    if report.useless:
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Treat warnings (Persian spelling, usage, links) as errors.")
@click.option("--summary", is_flag=True, help="Also count the terms per topic and the incorrect sentences per kind of mistake.")
@common_options
@click.pass_obj
def check(context: Context, paths: tuple[Path, ...], strict: bool, summary: bool) -> None:
    """Check term files and report every problem as file:line: id: field: problem.

    With no PATH, checks every content folder and the interface's Persian catalog. With PATHs
    (term files, or a translator's .po catalog), checks those files against everything
    else that loads (so links to built-in terms resolve). Errors stop a term from loading; warnings
    (Arabic letters, a missing ZWNJ, a usage sentence without its term, a one-way confusable...)
    do not. Exits 1 on any error, or on any warning with --strict:

    \b
        cxvocab check --strict content/03-metrics.yaml
        cxvocab check --summary        terms per topic, incorrect sentences per kind of mistake
    """
    from cxvocab.i18n import catalog_files
    from cxvocab.lint import check_paths, summarize

    if paths:
        library = check_paths(paths, context.content_dirs())
    else:  # everything that loads, and the interface's own translations
        library = check_paths(context.content_dirs(), catalogs=catalog_files())
    for problem in sorted(library.problems, key=lambda p: (str(p.file), p.line)):
        click.echo(str(problem))
    if summary:
        click.echo("\n".join(["", *summarize(library).lines(), ""]))
    failed = bool(library.errors or (strict and library.warnings))
    click.echo(library.tally(), err=failed)
    if failed:
        sys.exit(1)


@main.command()
@common_options
@click.pass_obj
def locate(context: Context) -> None:
    """Print where the database, content folders, cache and config live.

    \b
        cxvocab locate
    """
    where = context.where
    click.echo(f"database: {context.database}")
    for folder in context.content_dirs():
        click.echo(f"content:  {folder}")
    if not where.user_content.is_dir():
        click.echo(f"content:  {where.user_content} (your own term files go here; not created yet)")
    click.echo(f"cache:    {where.cache_dir}")
    click.echo(f"config:   {where.config_file}")
