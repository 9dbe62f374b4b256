"""Time listing N postmortems (what ``retro list`` and home read), cleaned and checked.

    python benchmarks/list_bench.py --docs 1000

Every field shown is checked for its shape and cleaned of escape sequences on
the way from the file (``read_summaries``); this prints what that costs next
to reading and parsing the file alone.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))


from bulky_store import median_ms, write_bulky_store  # noqa: E402

from retrotui.storage.db_file import read_raw  # noqa: E402
from retrotui.storage.listing import read_summaries  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "db.json"
        write_bulky_store(path, args.docs)
        parse = median_ms(lambda: read_raw(path), args.rounds)
        listing = median_ms(lambda: read_summaries(path), args.rounds)
    print(f"{'docs':>24}: {args.docs}")
    print(f"{'read and parse ms':>24}: {parse}")
    print(f"{'read_summaries ms':>24}: {listing}")
    print(f"{'checks and cleaning ms':>24}: {round(listing - parse, 1)}")


if __name__ == "__main__":
    main()
