"""Time listing N postmortems (what ``retro list`` and home read), cleaned and checked.

    python benchmarks/list_bench.py --docs 1000

Every field shown is checked for its shape and cleaned of escape sequences on
the way from the file (``read_summaries``); this prints what that costs next
to reading and parsing the file alone.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import orjson  # noqa: E402
from factories import bulky  # noqa: E402

from retrotui.document.ids import doc_id_for  # noqa: E402
from retrotui.storage.db_file import read_raw  # noqa: E402
from retrotui.storage.listing import read_summaries  # noqa: E402


def median_ms(action, rounds: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    template = bulky("tmpl00").model_dump(mode="json")
    table = {}
    for n in range(args.docs):
        doc = dict(template, id=f"bench{n:05d}", title=f"Incident {n}")
        table[str(doc_id_for(doc["id"]))] = doc
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "db.json"
        path.write_bytes(orjson.dumps({"postmortems": table}))
        parse = median_ms(lambda: read_raw(path), args.rounds)
        listing = median_ms(lambda: read_summaries(path), args.rounds)
    print(f"{'docs':>24}: {args.docs}")
    print(f"{'read and parse ms':>24}: {parse}")
    print(f"{'read_summaries ms':>24}: {listing}")
    print(f"{'checks and cleaning ms':>24}: {round(listing - parse, 1)}")


if __name__ == "__main__":
    main()
