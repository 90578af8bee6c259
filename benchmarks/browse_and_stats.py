"""Browse search and stats at scale: 5,000 terms, 25,000 cards, 250,000 reviews (DESIGN §7).

    python benchmarks/browse_and_stats.py [--terms 5000] [--reviews 250000]

Synthetic content is made in memory from one real term; the database is a temporary file
filled in one transaction. Prints median and worst times; targets: stats ≤ 100 ms, a search
fast enough to run on every keystroke (≤ 16 ms, one frame).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cxvocab.content import Library, TopicGroup, load_library  # noqa: E402
from cxvocab.paths import builtin_content_dir  # noqa: E402
from cxvocab.search import SearchIndex  # noqa: E402
from cxvocab.stats import PastDays, compute  # noqa: E402
from cxvocab.store import Store, iso  # noqa: E402

KINDS = ("meaning", "recall", "usage", "choice", "listening")


def synthetic_library(n: int) -> Library:
    real = load_library([builtin_content_dir()])
    model = list(real.terms.values())
    library = Library()
    for i in range(n):
        base = model[i % len(model)]
        term = replace(base, id=f"{base.id}-{i}", term=f"{base.term} {i}", fa=f"{base.fa} {i}")
        topic = f"topic-{i % 50}"
        group = library.topics.setdefault(topic, TopicGroup(topic, real.topics["metrics"].title))
        library.terms[term.id] = term
        library.topic_of[term.id] = topic
        group.term_ids.append(term.id)
    return library


def fill(store: Store, library: Library, reviews: int, now: datetime, rng: random.Random) -> None:
    ids = list(library.terms)
    conn = store.conn
    with store.transaction():
        card_rows = []
        for term_id in ids:
            for kind in KINDS:
                due = now + timedelta(days=rng.uniform(-3, 30))
                card_rows.append((term_id, kind, 2, 0, rng.uniform(0.5, 60), 5.0, iso(due), iso(now - timedelta(days=1)), 0, iso(now - timedelta(days=200))))
        conn.executemany(
            "insert into cards (term_id, kind, state, step, stability, difficulty, due, last_review, suspended, created_at)"
            " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            card_rows,
        )
        review_rows = []
        for i in range(reviews):
            card = i % len(card_rows) + 1
            term_id, kind = card_rows[card - 1][0], card_rows[card - 1][1]
            at = now - timedelta(seconds=rng.uniform(0, 200 * 86400))
            rating = rng.choice((1, 3, 3, 3, 4))
            review_rows.append((card, term_id, kind, rating, int(rating > 1), iso(at), 4000, "study", '{"state": 2}', 2))
        conn.executemany(
            "insert into reviews (card_id, term_id, kind, rating, correct, reviewed_at, duration_ms, mode, card_before,"
            " state_before) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            review_rows,
        )


def timed(fn, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--terms", type=int, default=5000)
    parser.add_argument("--reviews", type=int, default=250_000)
    args = parser.parse_args()
    rng = random.Random(7)
    now = datetime(2026, 11, 24, 6, 30, tzinfo=timezone.utc)
    library = synthetic_library(args.terms)
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "bench.db")
        fill(store, library, args.reviews, now, rng)
        store.close()
        store = Store.open(Path(folder) / "bench.db")  # as the next start of the app would
        print(f"{len(library.terms)} terms, {store.count('cards')} cards, {store.count('reviews')} reviews")

        median, worst = timed(lambda: SearchIndex(library), 5)
        print(f"search index build: median {median:.1f} ms, max {worst:.1f} ms")
        index = SearchIndex(library)
        for query in ("touch", "nps", "customer journey 4", "نقطه تماس", "xyz-nothing"):
            median, worst = timed(lambda q=query: index.search(q), 20)
            print(f"search {query!r}: median {median:.2f} ms, max {worst:.2f} ms (target 16)")
        past = PastDays()  # kept from one opening of the Stats screen to the next, as the app does
        median, worst = timed(lambda: compute(store, library, now, ZoneInfo("Asia/Tehran"), KINDS, past), 5)
        print(f"stats numbers: median {median:.1f} ms, max {worst:.1f} ms (target 100)")
        # The first time on a store, before it keeps the counts of the days that are over (the
        # stats command, or the Stats screen's first opening in a session).
        first = []
        for _ in range(5):
            fresh = Store.open(Path(folder) / "bench.db")
            start = time.perf_counter()
            compute(fresh, library, now, ZoneInfo("Asia/Tehran"), KINDS)
            first.append((time.perf_counter() - start) * 1000)
            fresh.close()
        print(f"stats numbers, first time: median {statistics.median(first):.1f} ms, max {max(first):.1f} ms")
        store.close()


if __name__ == "__main__":
    main()
