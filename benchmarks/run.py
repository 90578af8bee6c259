"""The performance targets of DESIGN §7, measured on this machine.

    python benchmarks/run.py            # the full run (a few minutes)
    python benchmarks/run.py --quick    # fewer repetitions (under a minute)

Synthetic content is made by the run itself: the built-in topic files copied with new ids
into 5,000 terms, and a database of 25,000 cards and 250,000 reviews. Each target prints one
line, ``name: value unit (target X) ok`` or ``... MISS``; the run always exits 0.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from browse_and_stats import KINDS, fill  # noqa: E402

from cxvocab.content import load_library  # noqa: E402
from cxvocab.paths import builtin_content_dir  # noqa: E402
from cxvocab.search import SearchIndex  # noqa: E402
from cxvocab.stats import PastDays, compute  # noqa: E402
from cxvocab.store import Store  # noqa: E402

NOW = datetime(2026, 11, 24, 6, 30, tzinfo=timezone.utc)


def report(name: str, value: float, unit: str, target: float, lower_is_better: bool = True) -> None:
    ok = value <= target if lower_is_better else value >= target
    print(f"{name}: {value:.3g} {unit} (target {target:g}) {'ok' if ok else 'MISS'}", flush=True)


def synthetic_content(folder: Path, copies: int) -> int:
    """The built-in files copied ``copies`` times with new ids (every built-in term a copy)."""
    sources = sorted(builtin_content_dir().glob("*.yaml"))
    terms = 0
    for copy in range(copies):
        for index, source in enumerate(sources):
            text = source.read_text(encoding="utf-8")
            suffix = f"-{copy}"
            text = re.sub(r"(?m)^(  - id: )(\S+)", lambda m, x=suffix: f"{m.group(1)}{m.group(2)}{x}", text)
            text = re.sub(
                r"(confusables: \[)([^\]]*)\]",
                lambda m, x=suffix: m.group(1) + ", ".join(f"{i.strip()}{x}" for i in m.group(2).split(",") if i.strip()) + "]",
                text,
            )
            text = text.replace("topic: ", f"topic: c{copy}-", 1)
            (folder / f"{copy:03d}-{index}.yaml").write_text(text, encoding="utf-8")
            terms += text.count("\n  - id: ")
    return terms


STARTUP = textwrap.dedent(
    """\
    import sys, time
    start = time.perf_counter()
    which = sys.argv[1]
    if which == "bare":
        from textual.app import App
        from textual.widgets import Static

        class Bare(App):
            def compose(self):
                yield Static("cxvocab")

            def on_mount(self):
                self.call_after_refresh(self.exit)

        Bare().run(headless=True)
    else:
        import cxvocab.cli  # the command the learner runs: its imports are part of start-up
        from cxvocab.bootstrap import Context, Options
        from cxvocab.ui.app import CxVocabApp, build
        from pathlib import Path

        class Timed(CxVocabApp):
            def on_mount(self):
                super().on_mount()
                self.call_after_refresh(self.exit)

        build(Context(Options(content=tuple(Path(p) for p in sys.argv[2:]))), app=Timed).run(headless=True)
    import resource
    print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    """
)


def startup(script: Path, home: Path, *args: str) -> tuple[float, float]:
    """(seconds to the first screen drawn, peak RSS in MB) of a fresh interpreter."""
    env = {**os.environ, "CXVOCAB_HOME": str(home)}
    start = time.perf_counter()
    out = subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True, env=env, check=True)
    total = time.perf_counter() - start
    _inside, rss_kb = out.stdout.split()
    return total, int(rss_kb) / 1024


async def answer_to_next_card(library_dirs: list[Path], db: Path, answers: int) -> list[float]:
    """Milliseconds inside the app from the action of the answering key (1-4 on a revealed
    card or a choice; space after an app-graded card's feedback) to the refresh that paints
    the next card (or the choice's verdict). Pilot drives the keys, but its own
    round trips (about 60 ms a key here) are not counted: the time is taken in the app."""
    from cxvocab.clock import FixedClock
    from cxvocab.config import Settings
    from cxvocab.scheduling import Scheduling
    from cxvocab.ui.app import CxVocabApp
    from cxvocab.ui.screens.study import StudyScreen

    times: list[float] = []
    original_rate, original_choose, original_next = StudyScreen.action_rate, StudyScreen.action_choose, StudyScreen.action_next

    def timed_rate(self: StudyScreen, number: int) -> None:
        start = time.perf_counter()
        original_rate(self, number)
        self.call_after_refresh(lambda: times.append((time.perf_counter() - start) * 1000))

    def timed_choose(self: StudyScreen, number: int) -> None:
        start = time.perf_counter()
        original_choose(self, number)
        self.call_after_refresh(lambda: times.append((time.perf_counter() - start) * 1000))

    def timed_next(self: StudyScreen) -> None:
        # After an app-graded answer (saved at once, its feedback on screen): space -> next card.
        start = time.perf_counter()
        original_next(self)
        self.call_after_refresh(lambda: times.append((time.perf_counter() - start) * 1000))

    StudyScreen.action_rate = timed_rate  # type: ignore[method-assign]
    StudyScreen.action_choose = timed_choose  # type: ignore[method-assign]
    StudyScreen.action_next = timed_next  # type: ignore[method-assign]
    library = load_library(library_dirs)
    store = Store.open(db)
    clock = FixedClock(NOW)
    app = CxVocabApp(store, library, Settings(new_per_day=answers + 5), None, clock, scheduling=Scheduling(0.9), rtl_mode="visual")
    try:
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.press("enter")
            for _ in range(answers * 3):
                question = getattr(app.screen, "question", None)
                if question is None or len(times) >= answers:
                    break
                clock.advance(seconds=3)
                if question.kind == "meaning":
                    await pilot.press("space", "3")
                elif question.kind == "usage":
                    await pilot.press("y", "space")
                elif question.kind == "choice":
                    await pilot.press("1", "space")
                else:
                    await pilot.press("x", "enter", "space")
                await pilot.pause()
    finally:
        StudyScreen.action_rate = original_rate  # type: ignore[method-assign]
        StudyScreen.action_choose = original_choose  # type: ignore[method-assign]
        StudyScreen.action_next = original_next  # type: ignore[method-assign]
        store.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer repetitions; under a minute")
    args = parser.parse_args()
    runs = 3 if args.quick else 7
    print(f"# {platform.node()}: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        content = root / "content"
        content.mkdir()
        # About 5,000 terms, however many the built-in content holds.
        terms = synthetic_content(content, -(-5000 // len(load_library([builtin_content_dir()]).terms)))
        home = root / "home"
        (home / "config").mkdir(parents=True)
        (home / "config" / "config.toml").write_text('rtl = "visual"\n')
        script = root / "startup.py"
        script.write_text(STARTUP)

        # Start-up: a bare Textual app against cxvocab, both fresh interpreters, medians. Both
        # start from bytecode, as installed packages do (pip compiles a wheel's modules; an
        # editable checkout, or PYTHONDONTWRITEBYTECODE, would compile cxvocab at every start).
        import compileall

        compileall.compile_dir(ROOT / "cxvocab", quiet=1)
        startup(script, home, "cxvocab")  # creates the database and warms the content cache
        bare = statistics.median(startup(script, home, "bare")[0] for _ in range(runs))
        ours = [startup(script, home, "cxvocab") for _ in range(runs)]
        print(f"# bare Textual app: {bare * 1000:.0f} ms; cxvocab: {statistics.median(t for t, _ in ours) * 1000:.0f} ms")
        report("start-up to the first screen, built-in content (x bare Textual)", statistics.median(t for t, _ in ours) / bare, "x", 1.5)
        startup(script, home, "cxvocab", str(content))  # warm the cache for the 5,000 terms
        big = [startup(script, home, "cxvocab", str(content)) for _ in range(runs)]
        report(f"start-up with {terms + 72} terms, cache warm (x bare Textual)", statistics.median(t for t, _ in big) / bare, "x", 1.5)
        report(f"peak memory with {terms + 72} terms", max(m for _, m in big), "MB", 150)

        # Load and validate the 5,000 terms: cold (nothing cached) and warm.
        cold = []
        for _ in range(max(1, runs // 2)):
            start = time.perf_counter()
            load_library([content])
            cold.append(time.perf_counter() - start)
        report(f"load + validate {terms} terms, cold", statistics.median(cold), "s", 1.0)
        cache = root / "cache"
        load_library([content], cache_dir=cache)
        warm = []
        for _ in range(runs):
            start = time.perf_counter()
            load_library([content], cache_dir=cache)
            warm.append(time.perf_counter() - start)
        report(f"load {terms} terms, unchanged files (cache)", statistics.median(warm), "s", 1.0)

        # A database of 25,000 cards and 250,000 reviews.
        library = load_library([content], cache_dir=cache)
        db = root / "bench.db"
        store = Store.open(db)
        fill(store, library, 250_000, NOW, random.Random(7))
        store.close()
        store = Store.open(db)
        timings = []
        past = PastDays()  # kept from one opening of the Stats screen to the next, as the app does
        for _ in range(runs):
            start = time.perf_counter()
            compute(store, library, NOW, ZoneInfo("Asia/Tehran"), KINDS, past)
            timings.append((time.perf_counter() - start) * 1000)
        report("stats numbers at 250k reviews", statistics.median(timings), "ms", 100)
        index = SearchIndex(library)
        searches = []
        for query in ("touch", "nps", "نقطه تماس", "customer journey 4", "zzz"):
            for _ in range(runs):
                start = time.perf_counter()
                index.search(query)
                searches.append((time.perf_counter() - start) * 1000)
        report("browse search per keystroke, 5,000 terms (one frame)", statistics.median(searches), "ms", 16)

        # The core of an answer, without drawing: save it, then choose the next card.
        from cxvocab.scheduling import Rating, Scheduling
        from cxvocab.session import StudySession

        session = StudySession(store, library, Scheduling(0.9), NOW, None, new_per_day=100)
        moment, core = NOW, []
        for _ in range(30 if args.quick else 100):
            moment += timedelta(seconds=3)
            start = time.perf_counter()
            session.answer(Rating.GOOD, moment)
            core.append((time.perf_counter() - start) * 1000)
        report("answer saved + next card chosen (core, no drawing), median", statistics.median(core), "ms", 16)
        store.close()

        # Answer -> next card drawn, on the big database.
        times = asyncio.run(answer_to_next_card([content], db, 24 if args.quick else 40))
        times.sort()
        report("answer -> next card drawn, median", statistics.median(times), "ms", 16)
        report("answer -> next card drawn, p95", times[max(0, int(len(times) * 0.95) - 1)], "ms", 33)

        # p -> sound for a cached clip, through miniaudio's NULL backend.
        import miniaudio

        from cxvocab.audio import Player, Voices

        clip = Voices(root / "audio", [], "espeak").clip("customer journey", "us")
        player = Player(backends=[miniaudio.Backend.NULL])
        delays = []
        for _ in range(runs * 3):
            start = time.perf_counter()
            player.play(clip.path)
            player.started.wait(5)
            delays.append((time.perf_counter() - start) * 1000)
        player.close()
        report("p -> sound starts, cached clip", statistics.median(delays), "ms", 50)

        # Side by side with Anki's own library, on the same work (comparisons, not targets).
        from anki_compare import side_by_side

        side_by_side(root, content, db, args.quick)


if __name__ == "__main__":
    main()
