from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.cells import cell_len

from cxvocab.cli import main
from cxvocab.content import load_library
from cxvocab.paths import builtin_content_dir
from tests.conftest import DATA, write

_BUILTIN = load_library([builtin_content_dir()])
N = len(_BUILTIN.terms)  # the built-in terms
FILES = len(_BUILTIN.files)
TOPICS = ", ".join(_BUILTIN.topics)

README = Path(__file__).parent.parent / "README.md"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def own_terms(text: str) -> str:
    """The sample file with ids of its own (it reuses built-in ids, which clash when checked
    beside the built-in content, as they would in the app)."""
    for old in ("pain-point", "touchpoint", "net-promoter-score"):
        text = text.replace(f"id: {old}", f"id: my-{old}").replace(f"[{old}]", f"[my-{old}]")
    return text.replace("Our NPS rose to 42", "Our NPS rose to 43")


def test_check_good_files_exits_0(tmp_path):
    path = write(tmp_path / "mine.yaml", own_terms((DATA / "good.yaml").read_text(encoding="utf-8")))
    result = run("check", str(path))
    assert result.exit_code == 0, result.output
    assert f"1 file(s), {N + 3} term(s) loaded, 0 error(s)" in result.output  # checked among the built-in ones


def test_check_a_file_against_the_built_in_content(tmp_path):
    """A teacher's file may link to built-in terms; reusing a built-in id is an error in it."""
    mine = own_terms((DATA / "good.yaml").read_text(encoding="utf-8")).replace(
        "confusables: [my-touchpoint]", "confusables: [my-touchpoint, wait-time]"
    )
    assert run("check", str(write(tmp_path / "a.yaml", mine))).exit_code == 0
    clash = run("check", str(write(tmp_path / "b.yaml", (DATA / "good.yaml").read_text(encoding="utf-8"))))
    assert clash.exit_code == 1
    assert f"{tmp_path / 'b.yaml'}:5: pain-point: id: duplicate id: " in clash.output
    assert "already has a term with this id; ids are unique across all loaded files, so give this term another one" in clash.output
    assert "content/02-journey.yaml" in clash.output or "_content/02-journey.yaml" in clash.output


def test_check_builtin_content_by_default():
    result = run("check", "--strict")
    assert result.exit_code == 0, result.output
    assert "0 error(s), 0 warning(s)" in result.output


def test_warnings_fail_only_with_strict(tmp_path):
    text = own_terms((DATA / "good.yaml").read_text(encoding="utf-8")).replace("نقطه درد\n", "نقطه درد ها\n", 1)
    path = write(tmp_path / "w.yaml", text)
    relaxed, strict = run("check", str(path)), run("check", "--strict", str(path))
    assert relaxed.exit_code == 0 and strict.exit_code == 1
    assert f"{path}:7: my-pain-point: fa: warning: a space where a ZWNJ belongs" in strict.output
    assert f"{N + 3} term(s) loaded, 0 error(s), 1 warning(s)" in strict.output


def test_check_reports_every_problem_and_exits_1(tmp_path):
    bad = write(tmp_path / "bad.yaml", (DATA / "good.yaml").read_text().replace("    pos: noun\n", "    pos: nown\n"))
    broken = write(tmp_path / "broken.yaml", "topic: [\n")
    result = run("check", str(tmp_path))
    assert result.exit_code == 1
    lines = [l for l in result.output.splitlines() if l.startswith(str(tmp_path))]
    assert len(lines) == 4  # three terms with a bad pos, one broken file
    assert all(re.match(rf"{re.escape(str(bad))}:\d+: [a-z-]+: pos: ", l) for l in lines[:3])
    assert lines[3].startswith(f"{broken}:2: -: -: YAML:")
    assert "3 error(s)" not in result.output and "4 error(s)" in result.output


def test_show_prints_the_card():
    result = run("show", "nps", "--width", "60", "--rtl", "native")
    assert result.exit_code == 0
    out = result.output
    assert "Net Promoter Score (NPS)" in out and "\u2067امتیاز خالص مروجان\u2069" in out
    wrong = next(u for u in _BUILTIN.terms["net-promoter-score"].usage if not u.correct)
    assert wrong.kind is not None
    assert "✗ " + " ".join(wrong.sentence.split()[:4]) in out
    assert f"{wrong.kind.name.en}: " in out  # the kind of mistake, named
    assert "Not to be confused with:" in out
    assert max(cell_len(line) for line in out.splitlines()) <= 60


def test_show_still_works_beside_a_broken_file(tmp_path):
    write(tmp_path / "broken.yaml", "terms: {")
    result = run("show", "touchpoint", "--content", str(tmp_path), "--content", str(DATA))
    assert result.exit_code == 0 and "touchpoint" in result.output


def test_show_unknown_term():
    result = CliRunner().invoke(main, ["show", "no-such-term"])
    assert result.exit_code == 1
    assert "no term 'no-such-term'" in result.output
    assert "Traceback" not in result.output


def test_locate_honours_cxvocab_home(_isolated_home):
    result = run("locate")
    assert result.exit_code == 0
    assert f"database: {_isolated_home / 'data' / 'progress.db'}" in result.output
    assert f"config:   {_isolated_home / 'config' / 'config.toml'}" in result.output
    assert not _isolated_home.exists()  # asking "where" creates nothing


def test_common_options_after_the_subcommand(tmp_path):
    db = tmp_path / "x.db"
    result = run("locate", "--db", str(db), "--rtl", "native", "--accent", "uk")
    assert f"database: {db}" in result.output


def test_corrupt_database_is_one_clear_line(tmp_path, monkeypatch):
    db = tmp_path / "progress.db"
    db.write_bytes(b"garbage" * 1000)
    result = CliRunner().invoke(main, ["--db", str(db)])
    assert result.exit_code == 1
    assert str(db) in result.output and "Traceback" not in result.output


def test_every_command_is_in_the_readme():
    readme = README.read_text(encoding="utf-8")
    for name in main.commands:  # type: ignore[attr-defined]
        assert f"cxvocab {name}" in readme, name


def test_python_dash_m_runs_the_same_command():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "cxvocab", "show", "touchpoint", "--content", str(DATA), "--rtl", "native"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "نقطه تماس" in result.stdout


def test_show_pain_point_visual_and_native_at_40_columns():
    """The done-when of issue 4: the definition comes out laid out for the mode, 40 columns."""
    from cxvocab.content import load_library
    from cxvocab.paths import builtin_content_dir
    from cxvocab.rtl import PDI, RLI, layout

    definition = load_library([builtin_content_dir()]).terms["pain-point"].definition.fa
    for mode in ("visual", "native"):
        out = [line.strip() for line in run("show", "pain-point", "--width", "40", "--rtl", mode).output.splitlines()]
        expected = [line.strip() for line in layout(definition, 40, mode)]
        assert len(expected) >= 3
        start = out.index(expected[0])
        assert out[start : start + len(expected)] == expected, mode
    assert all(line.startswith(RLI) and line.endswith(PDI) for line in layout(definition, 40, "native"))
    assert all(any("\ufb50" <= ch <= "\ufeff" for ch in line) for line in layout(definition, 40, "visual"))


def test_audio_build_with_espeak(_isolated_home):
    result = run("audio", "build", "--engine", "espeak")
    assert result.exit_code == 0, result.output
    assert f"{N} clip(s): made {N} with espeak; 0 already there; 0 failed" in result.output
    clips = list((_isolated_home / "cache" / "audio" / "us").glob("*.wav"))
    assert len(clips) == N and all(c.stat().st_size > 1000 for c in clips)
    assert f"made none; {N} already there" in run("audio", "build", "--engine", "espeak").output
    again = run("audio", "build", "--engine", "espeak", "--accent", "uk")
    assert f"made {N} with espeak" in again.output  # the other accent is other audio


def test_the_user_content_folder_loads_with_the_built_in(_isolated_home):
    """A teacher's file in the folder `cxvocab locate` names is loaded everywhere, no flag needed."""
    folder = _isolated_home / "data" / "content"
    write(folder / "10-mine.yaml", own_terms((DATA / "good.yaml").read_text(encoding="utf-8")))
    assert f"content:  {folder}" in run("locate").output
    assert run("show", "my-touchpoint", "--rtl", "native").exit_code == 0
    checked = run("check")
    assert checked.exit_code == 0 and f"{FILES + 1} file(s), {N + 3} term(s) loaded, 0 error(s)" in checked.output


def test_a_term_removed_and_restored_keeps_its_progress(_isolated_home):
    from cxvocab.bootstrap import Context, Options
    from cxvocab.scheduling import Rating, Scheduling
    from cxvocab.session import StudySession
    from tests.conftest import NOW

    folder = _isolated_home / "data" / "content"
    mine_text = own_terms((DATA / "good.yaml").read_text(encoding="utf-8"))
    path = write(folder / "10-mine.yaml", mine_text)
    context = Context(Options())
    store = context.store()
    study = StudySession(store, context.library(), Scheduling(0.9, fuzzing=False), NOW, None, new_per_day=N + 3)
    while study.current is not None and study.current.term.id != "my-touchpoint":
        study.answer(Rating.GOOD, NOW)
    study.answer(Rating.EASY, NOW)
    before = store.card("my-touchpoint", "meaning")
    path.write_text(mine_text.split("  - id: my-touchpoint")[0], encoding="utf-8")  # the term is gone
    assert "my-touchpoint" not in context.library().terms
    assert store.card("my-touchpoint", "meaning") == before  # kept, hidden
    path.write_text(mine_text, encoding="utf-8")  # and back
    assert context.library().terms["my-touchpoint"] and store.card("my-touchpoint", "meaning") == before
    store.close()


def test_the_check_command_the_app_names_shows_the_problems_it_counted(tmp_path):
    """The home screen names a command for the problems it counts; with a --content folder,
    plain `cxvocab check` would not look there (it said "no problems")."""
    from cxvocab.bootstrap import Context, Options

    folder = tmp_path / "my terms"
    write(folder / "broken.yaml", "topic: [\n")
    context = Context(Options(content=(folder,)))
    command = context.check_command()
    assert command == f"cxvocab check --content '{folder}'"
    counted = len(context.library().errors)
    import shlex

    result = run(*shlex.split(command)[1:])
    assert result.exit_code == 1 and counted == 1
    assert f"{counted} error(s)" in result.output and f"{folder / 'broken.yaml'}:2:" in result.output


def split(*args: str):
    """Run a command; stdout and stderr apart (what a script sees, what the person sees)."""
    return CliRunner(mix_stderr=False).invoke(main, list(args), catch_exceptions=False)


def test_import_reports_what_check_reports_by_row(tmp_path):
    """A row reusing a built-in id: `check` rejects it, so import does, and leaves it out."""
    from tests.test_authoring import ROW, csv_text

    csv_path = write(tmp_path / "class.csv", csv_text([ROW, {**ROW, "id": "touchpoint"}]))
    out = tmp_path / "10-class.yaml"
    result = split("import", str(csv_path), "-o", str(out))
    assert result.exit_code == 1
    journey = builtin_content_dir() / "02-journey.yaml"
    line = journey.read_text(encoding="utf-8").splitlines().index("  - id: touchpoint") + 1
    assert result.stderr.splitlines() == [
        f"{csv_path}: row 3, column id: duplicate id: {journey}:{line} already has a"
        " term with this id; ids are unique across all loaded files, so give this term another one",
        "1 term(s) converted, 1 row(s) left out, 1 error(s), 0 warning(s)",
    ]
    assert run("check", str(out)).exit_code == 0  # what was written passes check


def test_import_of_a_file_that_is_not_a_spreadsheet(tmp_path):
    notes = write(tmp_path / "notes.txt", "Terms for Tuesday\ntouchpoint, pain point\n")
    result = split("import", str(notes))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == (
        f"cxvocab: {notes}: row 1 names none of the columns a term needs (id, term, fa, pos, ipa_us...):"
        " save the spreadsheet as CSV with the column names in its first row (see content/README.md)\n"
    )


def test_an_unknown_confusable_is_the_same_warning_in_import_and_check(tmp_path):
    from tests.test_authoring import ROW, csv_text

    csv_path = write(tmp_path / "class.csv", csv_text([{**ROW, "confusables": "first-call-fix"}]))
    out = tmp_path / "10-class.yaml"
    imported = split("import", str(csv_path), "-o", str(out))
    said = "warning: no loaded file defines 'first-call-fix'; the term loads, and the link shows once a file defines it"
    assert imported.exit_code == 0
    assert imported.stderr.splitlines() == [
        f"{csv_path}: row 2, column confusables: {said}",
        "1 term(s) converted, 0 row(s) left out, 0 error(s), 1 warning(s)",
    ]
    checked, strict = split("check", str(out)), split("check", "--strict", str(out))
    line = next(n for n, text in enumerate(out.read_text(encoding="utf-8").splitlines(), 1) if "confusables" in text)
    assert checked.stdout.splitlines()[0] == f"{out}:{line}: class-fcr: confusables: {said}"
    assert checked.exit_code == 0 and strict.exit_code == 1


def all_commands():
    """(name, click command) of every command and subcommand."""
    import click

    def walk(group, prefix):
        for name, command in group.commands.items():
            yield f"{prefix}{name}", command
            if isinstance(command, click.Group):
                yield from walk(command, f"{prefix}{name} ")

    return [("", main), *walk(main, "")]


def test_prep_help_shows_each_example_on_its_own_line():
    lines = run("prep", "--help").output.splitlines()
    for example in (
        "cxvocab prep --topic metrics --kinds usage --count 5",
        "cxvocab prep --topic metrics --minutes 5",
        "cxvocab prep --sheet --topic metrics > metrics.md",
    ):
        assert f"      {example}" in lines


def test_every_example_in_help_prints_one_per_line():
    for name, command in all_commands():
        examples = [line.strip() for line in (command.help or "").splitlines() if line.strip().startswith("cxvocab")]
        assert examples, f"cxvocab {name} has no example"
        lines = [line.strip() for line in run(*name.split(), "--help").output.splitlines()]
        for example in examples:
            assert example in lines, (name, example)


def test_no_help_text_cites_the_design_document():
    for name, _ in all_commands():
        shown = run(*name.split(), "--help").output
        assert "DESIGN" not in shown and "§" not in shown, name
    assert "retention over 30 days (0 to 1)" in " ".join(run("stats", "--help").output.split())


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ("journy", "no term 'journy'; did you mean: customer journey, customer journey map (CJM), journey analytics?"),
        ("customer", "no term 'customer'; terms with 'customer': customer experience (CX), customer-centric,"
         " customer service (CS), customer experience management (CXM), customer satisfaction,"
         " customer expectations and 51 more"),
        ("tuchpoint", "no term 'tuchpoint'; did you mean: touchpoint?"),
        ("NSP", "no term 'NSP'; did you mean: Net Promoter Score (NPS), unique selling proposition (USP)?"),
        ("نقطه", "no term 'نقطه'; terms with 'نقطه': touchpoint, pain point, benchmark, unique selling proposition (USP)"),
        ("xyzzy", "no term 'xyzzy'; try an id, the English term, its abbreviation or its Persian, e.g. touchpoint"),
        ("", "give a term to show: an id, the English term, its abbreviation or its Persian, e.g. customer-experience"),
    ],
)
def test_show_suggests_the_closest_terms(query, said):
    result = split("show", query)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == f"cxvocab: {said}\n"


@pytest.mark.parametrize("mode", ["visual", "native"])
@pytest.mark.parametrize("width", [20, 33, 40, 60, 100])
def test_no_line_of_show_ends_in_a_space(mode, width):
    for term in ("nps", "pain-point", "customer-journey-map"):
        out = run("show", term, "--width", str(width), "--rtl", mode).output
        assert out.count("\n") > 10
        assert [line for line in out.splitlines() if line.endswith(" ")] == [], (term, width, mode)


def test_audio_build_offline_says_why_once(monkeypatch):
    """gTTS alone, no network: one line for the one reason, with its count, and what to try."""
    import requests

    sent = []

    def refuse(self, request, **kwargs):
        sent.append(request)
        raise requests.exceptions.ConnectionError("network is unreachable")

    monkeypatch.setattr(requests.Session, "send", refuse)  # gTTS's HTTP layer; never the network
    result = split("audio", "build", "--engine", "gtts")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{N} clips failed: online speech is not reachable (no network?). Try: cxvocab audio build --engine espeak\n"
    )
    assert result.stdout.splitlines()[0] == f"{N} clip(s): made none; 0 already there; {N} failed"
    assert len(sent) == 1  # tried once, not once per term




@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["new", "BadId"], "cxvocab: 'BadId' is not a valid id: use lower-case letters, digits and hyphens, e.g. bad-id"),
        (["new", "x", "--topic", "My Topic"],
         "cxvocab: 'My Topic' is not a valid topic id: use lower-case letters, digits and hyphens, e.g. my-topic"),
        (["prep", "--sheet", "--topic", "nosuch"], f"cxvocab: no topic or tag 'nosuch'; topics are: {TOPICS}"),
        (["export", "anki", "x.apkg", "--topic", "nosuch", "--no-audio"],
         f"cxvocab: no topic 'nosuch'; the topics are: {TOPICS}"),
    ],
)
def test_bad_arguments_get_one_plain_line(tmp_path, monkeypatch, args, said):
    monkeypatch.chdir(tmp_path)
    result = split(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", said + "\n")
    assert list(tmp_path.iterdir()) == [] or args[0] == "new"


def test_check_a_path_that_is_not_there_or_holds_no_term_file(tmp_path):
    missing, empty = tmp_path / "my-clas", tmp_path / "empty"
    empty.mkdir()
    write(empty / "notes.txt", "not a term file")
    result = split("check", str(missing), str(empty))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{empty}:1: -: -: no term files in this folder (cxvocab reads *.yaml and *.yml)",
        f"{missing}:1: -: -: no such file or folder",
    ]
    assert result.stderr == f"0 file(s), {N} term(s) loaded, 2 error(s), 0 warning(s)\n"


def test_import_to_standard_output_and_a_file_with_no_good_row(tmp_path):
    from tests.test_authoring import ROW, csv_text

    good = split("import", str(write(tmp_path / "class.csv", csv_text([ROW]))))
    assert good.exit_code == 0 and "\ntopic: class\n" in good.stdout
    assert good.stderr == "1 term(s) converted, 0 row(s) left out, 0 error(s), 0 warning(s)\n"
    bad = split("import", str(write(tmp_path / "taken.csv", csv_text([{**ROW, "id": "touchpoint"}]))))
    assert bad.exit_code == 1 and bad.stdout == ""
    assert bad.stderr.splitlines()[-1] == f"cxvocab: {tmp_path / 'taken.csv'}: no row could be converted"


def test_prep_plans_the_drill_and_hands_it_to_the_app(monkeypatch):
    """``cxvocab prep`` plans from the options, then starts the app straight in that drill."""
    import cxvocab.ui.app

    started = []
    monkeypatch.setattr(cxvocab.ui.app, "run", lambda context, prep=None: started.append(prep))
    result = run("prep", "--topic", "metrics", "--kinds", "usage,choice", "--count", "5")
    assert result.exit_code == 0, result.output
    (request,) = started
    assert request.count == 5 and tuple(request.kinds) == ("usage", "choice")
    assert set(request.term_ids) <= {t for t in _BUILTIN.terms if _BUILTIN.topic_of[t] == "metrics"}
    unknown = split("prep", "--kinds", "spelling")
    assert unknown.exit_code == 1 and unknown.stderr == "cxvocab: unknown kind 'spelling'; choose from usage, choice, gap, recall, meaning\n"
    assert len(started) == 1  # no drill for a bad request


def test_check_summary_counts_the_built_in_content():
    result = run("check", "--summary")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[-1] == f"{FILES} file(s), {N} term(s) loaded, 0 error(s), 0 warning(s)"
    assert any("metrics" in line for line in lines) and "" in lines


# --- --lang fa: the commands that print for a learner ------------------------------------------


def test_show_in_persian():
    result = run("show", "nps", "--lang", "fa", "--rtl", "native", "--width", "100")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert any(line.strip() == "\u2067تعریف\u2069" for line in lines)  # the heading, right to left
    assert "A loyalty measure based on one question" in result.output  # the English being taught stays
    assert "Definition" not in result.output and "Examples" not in result.output


def test_stats_in_persian_has_jalali_dates_and_persian_digits():
    result = run("stats", "--lang", "fa", "--rtl", "native")
    assert result.exit_code == 0
    assert "آمار" in result.output and "۱۴۰۵" in result.output and "Stats for" not in result.output
    assert "\u2067۲۱۱ اصطلاح\u2069" in result.output  # the built-in terms, counted in Persian digits


def test_the_prep_sheet_in_persian_keeps_markdown_logical():
    result = run("prep", "--sheet", "--topic", "metrics", "--lang", "fa")
    assert result.exit_code == 0
    head = result.output.splitlines()
    assert head[0] == "# آمادگی جلسه: سنجش تجربه مشتری"
    assert head[2] == "| اصطلاح | فارسی | کاربرد درست | هم‌آیندها | صورت‌های دیگر |"
    assert "satisfied (صفت)" in result.output


def test_a_persian_error_is_laid_out_for_the_terminal():
    result = CliRunner(mix_stderr=False).invoke(main, ["show", "zzzq", "--lang", "fa", "--rtl", "native"])
    assert result.exit_code == 1
    assert "\u2067اصطلاح «\u202azzzq\u202c» پیدا نشد؛" in result.stderr and "no term" not in result.stderr


def test_prep_flagged_drills_the_flagged_terms_and_says_when_there_are_none(monkeypatch, tmp_path):
    import cxvocab.ui.app
    from cxvocab.records import TermMarks
    from cxvocab.store import Store

    db = tmp_path / "p.db"
    Store.open(db).close()
    none = split("--db", str(db), "prep", "--flagged")
    assert none.exit_code == 1 and "no flagged terms yet" in none.stderr
    store = Store.open(db)
    store.set_marks("net-promoter-score", TermMarks(flagged=True), datetime.now(timezone.utc))
    store.set_marks("churn", TermMarks(leech=True, flagged=True), datetime.now(timezone.utc))
    store.close()
    started = []
    monkeypatch.setattr(cxvocab.ui.app, "run", lambda context, prep=None: started.append(prep))
    assert run("--db", str(db), "prep", "--flagged").exit_code == 0
    (request,) = started
    assert set(request.term_ids) == {"net-promoter-score", "churn"} & set(_BUILTIN.terms)


def test_stats_json_carries_the_marks_and_the_schedule(tmp_path):
    import json

    from cxvocab.records import TermMarks
    from cxvocab.store import Store

    db = tmp_path / "p.db"
    store = Store.open(db)
    store.set_marks("net-promoter-score", TermMarks(suspended=True), datetime.now(timezone.utc))
    store.close()
    data = json.loads(run("--db", str(db), "stats", "--json").output)
    assert data["suspended"] == 1 and data["leeches"] == [] and data["schedule"] == {"parameters": "default"}
