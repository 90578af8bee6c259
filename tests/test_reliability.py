"""DESIGN §8: nothing lost, nothing let in. Each guarantee has a test that fails without it."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

from cxvocab.cli import main
from cxvocab.content import load_library
from cxvocab.render import term_card
from cxvocab.store import BACKUPS_KEPT, SCHEMA_VERSION, Store, StoreError
from tests.conftest import DATA, write

V1 = DATA / "progress-v1.db"
ROOT = Path(__file__).parent.parent


# --- migrations and backups ---------------------------------------------------------------------


def test_a_first_version_database_migrates_with_its_data(tmp_path):
    db = tmp_path / "progress.db"
    shutil.copy(V1, db)
    store = Store.open(db, tmp_path / "backups", "2026-11-24")
    assert store.schema_version() == SCHEMA_VERSION
    assert [(r.term_id, r.rating, r.duration_ms) for r in store.reviews()] == [
        ("touchpoint", 3, 5200), ("touchpoint", 3, 3100), ("touchpoint", 3, 2800), ("pain-point", 1, 9100),
    ]
    card = store.card("touchpoint", "meaning")
    assert card is not None and card.state.stability == 12.5
    store.close()
    # The backup was taken first: it is the version-1 file, untouched by the migration.
    backup = tmp_path / "backups" / "progress-2026-11-24.db"
    old = sqlite3.connect(backup)
    assert old.execute("select value from meta where key = 'schema_version'").fetchone() == ("1",)
    assert old.execute("select count(*) from reviews").fetchone() == (4,)
    old.close()


def test_one_backup_a_day_and_seven_kept(tmp_path):
    db = tmp_path / "progress.db"
    Store.open(db, tmp_path / "b", "2026-11-01").close()  # a new database: nothing to back up
    assert not (tmp_path / "b").exists()
    for day in range(2, 12):
        Store.open(db, tmp_path / "b", f"2026-11-{day:02d}").close()
        Store.open(db, tmp_path / "b", f"2026-11-{day:02d}").close()  # a second start that day
    kept = sorted(p.name for p in (tmp_path / "b").iterdir())
    assert len(kept) == BACKUPS_KEPT
    assert kept[0] == "progress-2026-11-05.db" and kept[-1] == "progress-2026-11-11.db"


# --- a corrupt or unreadable database ---------------------------------------------------------


def test_a_garbage_file_is_one_sentence_naming_the_newest_backup_and_stays_as_it_was(tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("CXVOCAB_HOME", str(home))
    db = home / "data" / "progress.db"
    backups = home / "data" / "backups"
    Store.open(db).close()
    Store.open(db, backups, "2026-11-23").close()
    garbage = os.urandom(8192)
    db.write_bytes(garbage)
    for suffix in ("-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    result = CliRunner().invoke(main, ["stats"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"cxvocab: {db}: this file is not a readable cxvocab database")
    assert f"The newest backup is {backups / 'progress-2026-11-23.db'}" in lines[0]
    assert db.read_bytes() == garbage  # byte-identical


def test_no_backup_yet_is_said_too(tmp_path):
    db = tmp_path / "progress.db"
    db.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match="There is no backup of it yet"):
        Store.open(db, tmp_path / "backups", "2026-11-24")


# --- hostile content ----------------------------------------------------------------------------

HOSTILE = textwrap.dedent(
    """\
    topic: hostile
    title: {en: "Hostile [bold]title[/]", fa: موضوع}
    terms:
      - id: markup
        term: "[bold red]markup[/] [@click=app.quit]quit[/]"
        fa: "نشانه‌گذاری \\e[31mقرمز\\e[0m"
        pos: noun
        ipa: {us: "/x/\\e]0;owned\\a", uk: /x/}
        definition: {en: "Moves the cursor \\e[2J\\e[H and rings \\a the bell.", fa: "متن \\x9b فارسی"}
        examples: [{en: "An example with a tab\\there.", fa: "نمونه"}]
        usage:
          - {sentence: "The [bold]markup[/] stays as typed.", correct: true, why: {en: a, fa: ب}}
          - {sentence: "The markup is fine.", correct: true, why: {en: a, fa: ب}}
          - {sentence: "The markup runs \\e[5m blink.", correct: false, why: {en: a, fa: ب}}
          - {sentence: "The markup moves.", correct: false, why: {en: a, fa: ب}}
    """
)


def test_escape_codes_and_markup_are_shown_as_typed(tmp_path):
    library = load_library([write(tmp_path / "h.yaml", HOSTILE)])
    assert library.errors == []
    term = library.terms["markup"]
    assert term.term == "[bold red]markup[/] [@click=app.quit]quit[/]"  # markup kept as text
    assert "\x1b" not in term.fa and "␛[31m" in term.fa  # the escape shown, not obeyed
    assert "\x07" not in term.ipa.us and "␛]0;owned␇" in term.ipa.us
    assert "\x9b" not in term.definition.fa and "\t" not in term.examples[0].en
    for mode in ("visual", "native"):
        console = Console(width=80, record=True, force_terminal=True, color_system="truecolor")
        console.print(term_card(term, library, mode))
        raw = console.export_text(styles=True, clear=False)
        text = console.export_text()
        assert "[bold red]markup[/]" in text and "[@click=app.quit]quit[/]" in text
        # Rich's own styling is the only escape sequence: none comes from the content.
        assert "\x1b[2J" not in raw and "\x1b]0;" not in raw and "\x1b[5m" not in raw


def test_show_prints_hostile_content_literally(tmp_path):
    write(tmp_path / "content" / "h.yaml", HOSTILE)
    result = CliRunner().invoke(main, ["show", "markup", "--content", str(tmp_path / "content"), "--rtl", "native"])
    assert result.exit_code == 0
    assert "[bold red]markup[/]" in result.output and "\x1b" not in result.output and "\x07" not in result.output


async def test_hostile_content_in_the_app(tmp_path, store, scheduling, clock):
    from cxvocab.config import Settings
    from cxvocab.ui.screens.browse import TermScreen
    from cxvocab.ui.widgets.flashcard import Flashcard
    from tests.ui.conftest import build_app

    library = load_library([write(tmp_path / "h.yaml", HOSTILE)])
    app = build_app(store, library, clock, settings=Settings(), scheduling=scheduling, rtl_mode="visual")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("enter", "space")
        assert "[bold red]markup[/]" in str(app.screen.query_one(Flashcard).query_one("#term-name").render())
        await pilot.press("3")
        assert app.is_running  # [@click=app.quit] did nothing
        app.push_screen(TermScreen(library.terms["markup"]))
        await pilot.pause()
        assert app.is_running


def test_unsafe_yaml_and_oversized_values_are_refused(tmp_path):
    tagged = write(tmp_path / "t.yaml", "!!python/object/apply:os.system ['echo owned']\n")
    library = load_library([tagged])
    assert "tag not allowed" in str(library.errors[0])
    long = HOSTILE.replace("definition: {en: \"Moves", "definition: {en: \"" + "x" * 3000 + " Moves")
    library = load_library([write(tmp_path / "l.yaml", long)])
    assert [p.message for p in library.errors if p.field == "definition.en"] == [
        "too long: 3,047 characters, and the most it may have is 2,000; keep it to one or two plain sentences"
    ]


def test_teacher_audio_never_leaves_the_content_folder(tmp_path):
    from cxvocab.audio import Voices

    content = tmp_path / "content"
    (content / "audio").mkdir(parents=True)
    secret = tmp_path / "secret.mp3"
    secret.write_bytes(b"not yours")
    (content / "audio" / "touchpoint.mp3").symlink_to(secret)
    voices = Voices(tmp_path / "cache", [content], "espeak")
    assert voices.cached("touchpoint", "us", "touchpoint") is None  # the link is not followed out


# --- crash safety and two instances -------------------------------------------------------------

STUDY = textwrap.dedent(
    """\
    import sys
    from datetime import datetime, timedelta, timezone
    from cxvocab.content import load_library
    from cxvocab.paths import builtin_content_dir
    from cxvocab.prep import PrepSession
    from cxvocab.scheduling import Rating, Scheduling
    from cxvocab.session import StudySession
    from cxvocab.store import Store

    db, mode, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    library = load_library([builtin_content_dir()])
    store = Store.open(__import__("pathlib").Path(db))
    now = datetime.now(timezone.utc)
    if mode == "study":
        session = StudySession(store, library, Scheduling(0.9), now, None, new_per_day=1000)
    else:
        session = PrepSession(store, library, list(library.terms), now, count=count, seed=1)
    for answered in range(1, count + 1):
        now += timedelta(seconds=2)
        session.answer(Rating.GOOD, now, correct=True, text="x")
        print(answered, flush=True)  # the answer is committed before this line is written
    """
)


def run_script(tmp_path: Path, *args: str) -> subprocess.Popen[str]:
    script = write(tmp_path / "study.py", STUDY)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, str(script), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )


def test_kill_9_mid_session_loses_nothing_answered(tmp_path):
    db = tmp_path / "progress.db"
    process = run_script(tmp_path, str(db), "study", "1000")
    assert process.stdout is not None
    seen = 0
    for line in process.stdout:  # wait on the process itself, never on a timer
        seen = int(line)
        if seen == 25:
            process.send_signal(signal.SIGKILL)
            break
    process.wait()
    assert process.returncode == -signal.SIGKILL
    store = Store.open(db)
    assert store.count("reviews") >= seen  # every answer reported was on disk
    assert store.conn.execute("pragma integrity_check").fetchone() == ("ok",)
    store.close()


def test_two_instances_on_one_database(tmp_path):
    db = tmp_path / "progress.db"
    Store.open(db).close()
    first = run_script(tmp_path, str(db), "study", "60")
    second = run_script(tmp_path, str(db), "prep", "60")
    out1, err1 = first.communicate(timeout=300)
    out2, err2 = second.communicate(timeout=300)
    assert first.returncode == 0 and second.returncode == 0, err1 + err2
    assert "locked" not in err1 + err2
    store = Store.open(db)
    modes = [r.mode for r in store.reviews()]
    assert modes.count("study") == 60 and modes.count("prep") == 60
    assert store.conn.execute("pragma integrity_check").fetchone() == ("ok",)
    store.close()
