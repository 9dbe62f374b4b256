"""``retro search`` and ``retro similar`` over many postmortems, in-process,
side by side with a plain substring scan of the same text.

Usage: python benchmarks/learning_bench.py DB [--copies 1000]

DB holds real postmortems (the 20 DFDS ones imported); each is copied
``--copies`` times under new ids, so 20 x 1000 = 20,000 postmortems with a
real vocabulary. Index building (once per command run, or once per app
session) is timed apart from the query (each keystroke of a filter).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from retrotui.learning.documents import read_all
from retrotui.learning.fields import searchable
from retrotui.learning.search import SearchIndex
from retrotui.learning.similar import similar
from retrotui.storage.store import Store

QUERIES = ("kubernetes", "kuberntes nodes", "certificat expired", "503")


def best_ms(action: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return 1000 * min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--copies", type=int, default=1000)
    args = parser.parse_args()
    real = read_all(Store(args.db)).postmortems
    postmortems = [
        pm.model_copy(update={"id": f"{pm.id[:2]}{n:04d}"})
        for n in range(args.copies)
        for pm in real
    ]
    print(f"{len(postmortems)} postmortems ({len(real)} real ones x {args.copies})")
    start = time.perf_counter()
    index = SearchIndex(postmortems)
    built = 1000 * (time.perf_counter() - start)
    texts = [
        (pm.id, text.casefold()) for pm in postmortems for _, text in searchable(pm)
    ]
    print(f"index built once: {built:.0f} ms, {len(index.vocabulary)} distinct words")
    print(f"{'query':<22} {'search':>10} {'substring scan':>16} {'hits':>6}")
    for query in QUERIES:
        words = query.split()
        searched = best_ms(lambda query=query: index.search(query, 20))
        scanned = best_ms(
            lambda words=words: {i for i, t in texts if all(w in t for w in words)}
        )
        hits = len(index.search(query, 10**9))
        print(f"{query:<22} {searched:>8.1f}ms {scanned:>14.1f}ms {hits:>6}")
    target = next(pm for pm in real if "404" in pm.title) if real else None
    if target is not None:
        ms = best_ms(lambda: similar(target, postmortems), repeat=2)
        print(f"similar {target.id} over all: {ms:.0f} ms")


if __name__ == "__main__":
    main()
