"""``retro search`` and ``retro similar`` over many postmortems, in-process,
side by side with a plain substring scan of the same text.

Usage: python benchmarks/learning_bench.py DB [--copies 1000]

DB holds real postmortems (the 20 DFDS ones imported); each is copied
``--copies`` times under new ids, so 20 x 1000 = 20,000 postmortems with a
real vocabulary. Index building (once per command run, or once per app
session) is timed apart from the query (each keystroke of a filter).

The copies are also written to a store on disk (``--store``, default a
temporary folder; one that holds them already is used as it is) for the
term index kept beside it: its first build, a ``retro similar`` as a command
does it (open, bring in step, query), the query alone, and bringing it in
step after one postmortem changed, side by side with the in-memory similar
over every postmortem. Then ``retro search`` as it is answered from the term
index (the best 20 with their snippets; in-process, the index open), and the
home filter's keys, each in wall and processor time (the processor time is
what an idle machine's wall time would be; this one is shared).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable

from retrotui.learning.documents import read_all
from retrotui.learning.fields import searchable
from retrotui.learning.quick_search import QuickSearch
from retrotui.learning.search import SearchIndex
from retrotui.learning.similar import similar
from retrotui.learning.similar_index import similar_indexed
from retrotui.learning.term_index import open_index
from retrotui.storage.listing import read_summaries
from retrotui.storage.store import Store

QUERIES = ("kubernetes", "kuberntes nodes", "certificat expired", "503")


def best_ms(action: Callable[[], object], repeat: int = 5) -> float:
    return best_wall_cpu(action, repeat)[0]


def best_wall_cpu(action: Callable[[], object], repeat: int = 5) -> tuple[float, float]:
    """The fastest of ``repeat`` runs in ms: wall clock, processor time."""
    walls, cpus = [], []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return 1000 * min(walls), 1000 * min(cpus)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--copies", type=int, default=1000)
    parser.add_argument("--store", help="folder for the store on disk (a new one)")
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
    if target is None:
        return
    copy = next(pm for pm in postmortems if pm.title == target.title)
    ms = best_ms(lambda: similar(copy, postmortems), repeat=2)
    print(f"similar {copy.id}, in memory over every postmortem: {ms:.0f} ms")
    folder = args.store or tempfile.mkdtemp(prefix="learning-bench-")
    store = Store(f"{folder}/bench.json")
    if len(read_summaries(store.path).summaries) != len(postmortems):
        start = time.perf_counter()
        for at in range(0, len(postmortems), 500):
            store.put_many(postmortems[at : at + 500])
        print(f"store written: {time.perf_counter() - start:.0f} s")
    start = time.perf_counter()
    index = open_index(store)
    assert index is not None
    print(f"term index first build: {time.perf_counter() - start:.0f} s")
    index.close()

    def command() -> object:
        index = open_index(Store(store.path))
        assert index is not None
        try:
            return similar_indexed(index, copy)
        finally:
            index.close()

    index = open_index(store)
    assert index is not None
    queried = best_ms(lambda: similar_indexed(index, copy))
    print(f"similar {copy.id}, term index, query only: {queried:.0f} ms")
    print(f"similar {copy.id}, term index, as a command: {best_ms(command):.0f} ms")

    def one_change() -> object:
        store.save(store.get(copy.id))
        return index.sync()

    print(f"bring in step after one save: {best_ms(one_change):.0f} ms")
    quick = QuickSearch(index)
    print("retro search from the term index, best 20 with snippets; home's keys")
    print(
        f"{'query':<22} {'search wall/cpu':>16} {'home keys wall/cpu':>19} {'hits':>6}"
    )
    for query in QUERIES:
        searched = best_wall_cpu(lambda query=query: quick.hits(query, 20))
        keys = best_wall_cpu(lambda query=query: quick.keys(query))
        shown = f"{searched[0]:.1f}/{searched[1]:.1f}ms"
        filtered = f"{keys[0]:.1f}/{keys[1]:.1f}ms"
        print(f"{query:<22} {shown:>16} {filtered:>19} {len(quick.keys(query)):>6}")
    index.close()


if __name__ == "__main__":
    main()
