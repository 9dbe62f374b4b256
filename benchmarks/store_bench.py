"""Time saving one postmortem into a store of N, ours against stock TinyDB.

    python benchmarks/store_bench.py --docs 1000 --json

Both stores start from the same file of N realistic postmortems (about 10 KB
each). "ours" is a long-lived Store, as the app holds it; "ours_cold" opens a
new Store for every save, as one ``retro note`` does; "stock" is
``TinyDB(path)`` with its default JSONStorage, which reads and rewrites the
whole file on every insert.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import orjson  # noqa: E402
from factories import bulky  # noqa: E402
from tinydb import TinyDB  # noqa: E402

from retrotui.document.ids import doc_id_for  # noqa: E402
from retrotui.storage.store import TABLE, Store  # noqa: E402


def build(path: Path, docs: int) -> list[dict]:
    template = bulky("tmpl00").model_dump(mode="json")
    table = {}
    for n in range(docs):
        doc = dict(template, id=f"bench{n:05d}", title=f"Incident {n}")
        table[str(doc_id_for(doc["id"]))] = doc
    path.write_bytes(orjson.dumps({TABLE: table}))
    return [dict(template, id=f"new{n:05d}", title=f"New {n}") for n in range(1000)]


def timed(action, *args) -> float:
    start = time.perf_counter()
    action(*args)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--json", action="store_true", help="one JSON line")
    args = parser.parse_args()

    from retrotui.document.models import Postmortem

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ours_path, cold_path, stock_path = (
            folder / n for n in ("ours.json", "cold.json", "stock.json")
        )
        new_docs = build(ours_path, args.docs)
        for other in (cold_path, stock_path):
            other.write_bytes(ours_path.read_bytes())
        file_mb = ours_path.stat().st_size / 1e6
        new_pms = [
            Postmortem.model_validate(doc) for doc in new_docs[: args.rounds * 3]
        ]

        store = Store(ours_path)
        store.get("bench00000")  # warm: the app has read the file once
        stock_db = TinyDB(stock_path)
        stock_table = stock_db.table(TABLE)
        ours, cold, stock = [], [], []
        # Alternate so that machine noise hits all three alike.
        for n in range(args.rounds):
            ours.append(timed(store.save, new_pms[3 * n]))
            cold.append(timed(lambda pm: Store(cold_path).save(pm), new_pms[3 * n + 1]))
            stock.append(timed(stock_table.insert, new_docs[3 * n + 2]))
        stock_db.close()

    result = {
        "docs": args.docs,
        "file_mb": round(file_mb, 1),
        "ours_save_ms_median": round(statistics.median(ours), 2),
        "ours_cold_save_ms_median": round(statistics.median(cold), 2),
        "stock_save_ms_median": round(statistics.median(stock), 2),
        "speedup": round(statistics.median(stock) / statistics.median(ours), 1),
        "speedup_cold": round(statistics.median(stock) / statistics.median(cold), 1),
    }
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>26}: {value}")


if __name__ == "__main__":
    main()
