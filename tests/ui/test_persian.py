"""The whole interface in Persian (``--lang fa``): every screen is visited, in both display
modes, and what it draws is read back. It fails if an English word of the interface shows
(English content, keys and names aside), and checks that Persian labels read right to left."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest

from cxvocab.config import Settings
from cxvocab.content import Library, load_library
from cxvocab.i18n import extract
from cxvocab.kinds import Kind
from cxvocab.rtl import PDI, RLI, read_back
from cxvocab.scheduling import Scheduling
from cxvocab.ui.screens.browse import BrowseScreen, TermScreen
from cxvocab.ui.screens.calibration import CalibrationScreen, LanguageScreen
from cxvocab.ui.screens.help import HelpScreen
from cxvocab.ui.screens.home import HomeScreen
from cxvocab.ui.screens.prep import PrepSetupScreen, PrepSummaryScreen
from cxvocab.ui.screens.settings import SettingsScreen
from cxvocab.ui.screens.stats import StatsScreen
from cxvocab.ui.screens.study import PrepScreen, StudyScreen
from cxvocab.ui.screens.summary import SummaryScreen
from tests.ui.conftest import build_app

CONTENT = Path(__file__).parents[2] / "content"
# What may be Latin on a Persian screen besides the English being taught: the keys as printed on
# a keyboard, names, and the words a term file's own fields bring (an IPA, a theme's name).
KEYS = {"space", "enter", "escape", "esc", "tab", "ctrl", "f1", "up", "down", "y", "n", "p", "P", "u", "q", "t",
        "o", "m", "b", "s", "j", "e", "f", "r", "l", "a", "d"}
# Browse's searches for marks, typed as they are in either language (as Anki's are).
SEARCHES = {"is", "flagged", "suspended", "leech", "buried"}
NAMES = {"cxvocab", "optimize", "flagged", "CX", "FSRS", "Google", "espeak", "gTTS", "GNOME", "Terminal", "Konsole", "US", "UK",
         "cxvocab-dark", "cxvocab-light", "dracula", "rose-pine", "rose-pine-moon", "check", "prep", "sheet", "topic", "Markdown", "HTTP"}
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


@pytest.fixture(scope="module")
def metrics() -> Library:
    """One built-in topic, whole: gap items, word families, confusables."""
    return load_library([CONTENT / "03-metrics.yaml", CONTENT / "04-feedback.yaml"])


def content_words(library: Library) -> set[str]:
    words: set[str] = set()
    for term in library.terms.values():
        texts = [term.term, term.abbr or "", *term.aliases.en, term.definition.en, term.ipa.us, term.ipa.uk,
                 *(e.en for e in term.examples), *term.collocations, *(f.form for f in term.family or ())]
        for usage in term.usage:
            texts += [usage.sentence, usage.why.en]
        for gap in term.gaps:
            texts += [gap.sentence, gap.answer, *gap.wrong, gap.why.en]
        for text in texts:
            words.update(LATIN_WORD.findall(text))
    return words


def screen_lines(app) -> list[str]:
    """The screen as drawn, line by line; of a modal (help), only the modal's own box, not the
    screen half hidden under it."""
    strips = app.screen._compositor.render_strips()
    if isinstance(app.screen, HelpScreen):
        box = app.screen.query_one("#help").region
        return [strip.crop(box.x, box.right).text.rstrip() for strip in strips[box.y : box.bottom]]
    return [strip.text.rstrip() for strip in strips]


def logical(lines: list[str], mode: str) -> str:
    """The screen's Persian read back into logical order, whatever the mode drew."""
    if mode == "native":
        return "\n".join(line.replace(RLI, "").replace(PDI, "") for line in lines)
    return "\n".join(read_back([line.strip()], "visual").__next__() if any("\ufb50" <= c <= "\ufeff" for c in line) else line
                     for line in lines)


ENGLISH_LABELS = sorted(
    {e.msgid for e in extract() if len(LATIN_WORD.findall(e.msgid.replace("{", " {"))) >= 2}, key=len, reverse=True
)


class Reader:
    """Reads every screen of one run and keeps what is wrong with each."""

    def __init__(self, app, allowed: set[str], mode: str) -> None:
        self.app, self.allowed, self.mode = app, allowed, mode
        self.problems: list[str] = []
        self.screens: set[str] = set()

    def known(self, word: str) -> bool:
        """English content, a key or a name, or the start of content a narrow cell cut short."""
        word = word.strip("'-")
        return word in self.allowed or (len(word) >= 3 and any(a.startswith(word) for a in self.allowed))

    def read(self, where: str, *, english_too: bool = False) -> str:
        lines = screen_lines(self.app)
        text = logical(lines, self.mode)
        self.screens.add(where)
        assert re.search("[\u0600-\u06ff]", text), f"{where}: no Persian on the screen"
        if english_too:  # the first-run screens speak both languages, by design
            return text
        stray = sorted({w for w in LATIN_WORD.findall(text) if len(w) > 1 and not self.known(w)})  # one letter: a key
        if stray:
            self.problems.append(f"{where}: English on a Persian screen: {', '.join(stray)}\n" + "\n".join(lines))
        flat = " ".join(text.split())
        for label in ENGLISH_LABELS:
            if "{" not in label and label in flat:
                self.problems.append(f"{where}: an untranslated label: {label!r}")
        return text


async def press(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def answer_right(pilot, question) -> None:
    kind = question.kind
    if kind == Kind.MEANING:
        await press(pilot, "space", "3")
        return
    if kind == Kind.USAGE:
        await press(pilot, "y" if question.usage.usage.correct else "n")
    elif kind == Kind.RECALL:
        await press(pilot, *question.term.term.replace(" ", "-"), "enter")
    else:
        await press(pilot, str(1 + (question.choice or question.gap).answer))
    await press(pilot, "space")


def due(store, clock, *cards: tuple[str, str]) -> None:
    store.open_cards([(t, k, Scheduling.new_state(clock.now() - timedelta(hours=1))) for t, k in cards], clock.now())


@pytest.mark.parametrize("mode", ["visual", "native"])
async def test_every_screen_is_persian(store, scheduling, clock, metrics, mode):
    # One term of each app-graded kind due, then a new term (a meaning card).
    due(store, clock, ("net-promoter-score", Kind.USAGE), ("customer-satisfaction-score", Kind.RECALL),
        ("customer-effort-score", Kind.CHOICE), ("churn-rate", Kind.GAP))
    app = build_app(store, metrics, clock, settings=Settings(language="fa", new_per_day=1), scheduling=scheduling, rtl_mode=mode)
    reader = Reader(app, content_words(metrics) | KEYS | NAMES | {"cast"}, mode)  # "cast": what the learner typed
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        home = reader.read("home")
        assert "امروز" in home
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        reader.read("help on home")
        await press(pilot, "escape", "enter")
        assert isinstance(app.screen, StudyScreen)
        seen: set[str] = set()
        for _ in range(8):
            question = app.screen.question
            if question is None:
                break
            kind = question.kind
            seen.add(kind)
            reader.read(f"study: {kind}")
            if kind == Kind.MEANING:
                await press(pilot, "question_mark")
                reader.read("help on a meaning card")
                await press(pilot, "escape", "space")
                reader.read("study: meaning, revealed (the grade buttons)")
                await press(pilot, "1")
                continue
            if kind == Kind.USAGE:
                await press(pilot, "n" if question.usage.usage.correct else "y")  # type: ignore[union-attr]
            elif kind == Kind.RECALL:
                await press(pilot, *"cast", "enter")  # a wrong answer: the spelling shown
            elif kind in (Kind.CHOICE, Kind.GAP):
                picked = question.choice or question.gap
                await press(pilot, str(1 + (picked.answer + 1) % len(picked.options)))  # type: ignore[union-attr]
            reader.read(f"study: {kind}, a wrong answer's feedback")
            await press(pilot, "question_mark")
            reader.read(f"help on a {kind} card")
            await press(pilot, "escape", "u")  # undo: the card again, and a notice
            reader.read(f"study: {kind}, undone")
            await press(pilot, *(["n" if question.usage.usage.correct else "y"] if kind == Kind.USAGE else []))  # type: ignore[union-attr]
            if kind == Kind.RECALL:
                await press(pilot, *"cast", "enter")
            elif kind in (Kind.CHOICE, Kind.GAP):
                await press(pilot, str(1 + (picked.answer + 1) % len(picked.options)))  # type: ignore[union-attr]
            await press(pilot, "space")
        assert seen == {Kind.MEANING, Kind.USAGE, Kind.RECALL, Kind.CHOICE, Kind.GAP}
        if isinstance(app.screen, StudyScreen):
            await press(pilot, "q")
        assert isinstance(app.screen, SummaryScreen)
        reader.read("summary")
        await press(pilot, "enter")
        assert isinstance(app.screen, HomeScreen)
        reader.read("home, after a session")
    assert not reader.problems, "\n\n".join(reader.problems)


@pytest.mark.parametrize("mode", ["visual", "native"])
async def test_every_other_screen_is_persian(store, scheduling, clock, metrics, mode):
    """Home with nothing to do, prep, browse, a term, stats and settings."""
    typed = {"satisfactoin", "satisfactoinzzzq", "zzzq", "nps"}  # what the learner types is shown back
    app = build_app(store, metrics, clock, settings=Settings(language="fa", new_per_day=0), scheduling=scheduling, rtl_mode=mode)
    reader = Reader(app, content_words(metrics) | KEYS | NAMES | SEARCHES | typed, mode)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        reader.read("home, all done")
        await press(pilot, "enter")  # nothing to study: a notice says so
        reader.read("home, nothing due notice")
        await press(pilot, "m")
        assert isinstance(app.screen, PrepSetupScreen)
        reader.read("prep setup")
        await press(pilot, "enter")  # nothing picked: a notice
        reader.read("prep setup, nothing picked")
        await press(pilot, "down", "space", "enter")
        assert isinstance(app.screen, PrepScreen)
        reader.read("prep drill")
        await press(pilot, "q")
        assert isinstance(app.screen, PrepSummaryScreen)
        reader.read("prep summary")
        await press(pilot, "enter", "b")
        assert isinstance(app.screen, BrowseScreen)
        reader.read("browse")
        await press(pilot, *"satisfactoin")
        reader.read("browse, a misspelt query")
        await press(pilot, *"zzzq")
        reader.read("browse, no match")
        for _ in range(16):
            await pilot.press("backspace")
        await press(pilot, *"nps", "enter")
        assert isinstance(app.screen, TermScreen)
        reader.read("term detail")
        await press(pilot, "escape", "escape", "s")
        assert isinstance(app.screen, StatsScreen)
        stats = reader.read("stats")
        assert "آمار" in stats
        await press(pilot, "escape", "o")
        assert isinstance(app.screen, SettingsScreen)
        reader.read("settings")
        app.screen.query_one("#new-per-day").value = "5000"  # type: ignore[attr-defined]
        await press(pilot, "ctrl+s")
        reader.read("settings, a value out of range")
        await press(pilot, "escape", "t")
        reader.read("home, after t (a notice)")
    assert not reader.problems, "\n\n".join(reader.problems)
    assert len(reader.screens) >= 12


@pytest.mark.parametrize("mode", ["visual", "native"])
async def test_the_first_run_asks_in_both_languages(store, scheduling, clock, metrics, mode, tmp_path):
    config = tmp_path / "config.toml"
    app = build_app(store, metrics, clock, settings=Settings(), scheduling=scheduling, rtl_mode="visual",
                    calibrate=True, config_file=config)
    reader = Reader(app, content_words(metrics) | KEYS | NAMES, mode)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CalibrationScreen)
        first = reader.read("calibration", english_too=True)
        assert "How does Persian look" in first
        await press(pilot, "1" if mode == "visual" else "2")
        assert isinstance(app.screen, LanguageScreen)
        reader.mode = mode
        asked = reader.read("language", english_too=True)
        assert "Which language" in asked and "منوها و پیام‌های cxvocab به چه زبانی باشد" in asked
        await press(pilot, "f")
        assert isinstance(app.screen, HomeScreen) and app.tr.language == "fa"
        assert 'language = "fa"' in config.read_text(encoding="utf-8")
        reader.read("home, in Persian at once")
    assert not reader.problems, "\n\n".join(reader.problems)


async def test_the_grade_buttons_read_from_the_right(store, scheduling, clock, metrics):
    from cxvocab.ui.widgets.rating_bar import RatingBar

    app = build_app(store, metrics, clock, settings=Settings(language="fa"), scheduling=scheduling, rtl_mode="native")
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "enter", "space")
        bar = app.screen.query_one(RatingBar)
        xs = [bar.query_one(f"#rate-{r}").region.x for r in (1, 2, 3, 4)]
        assert xs == sorted(xs, reverse=True)  # Again at the right end, Easy at the left
        assert "دوباره" in str(bar.query_one("#rate-1").label) and "۱ دقیقه" in str(bar.query_one("#rate-1").label)
        await press(pilot, "۳")  # a Persian keyboard's 3: Good
        assert store.reviews()[0].rating == 3


async def test_settings_turn_the_interface_persian_at_once(store, scheduling, clock, metrics, tmp_path):
    config = tmp_path / "config.toml"
    app = build_app(store, metrics, clock, settings=Settings(), scheduling=scheduling, rtl_mode="native", config_file=config)
    async with app.run_test(size=(100, 32)) as pilot:
        await press(pilot, "o")
        app.screen.query_one("#language").value = "fa"  # type: ignore[attr-defined]
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, HomeScreen) and app.tr.language == "fa"
        assert "امروز" in logical(screen_lines(app), "native") and 'language = "fa"' in config.read_text(encoding="utf-8")
        await press(pilot, "o")
        assert app.screen.query_one("#language").value == "fa"  # type: ignore[attr-defined]
