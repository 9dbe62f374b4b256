"""Time reading the action board of N postmortems (``retro actions``, the app's board).

    python benchmarks/actions_bench.py --docs 1000

Prints, side by side, the board read through ``Store.all`` (every postmortem
validated in full) and through ``read_sources`` (the file read without the
lock, only the action items validated), which is what the board uses.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))


from bulky_store import median_ms, write_bulky_store  # noqa: E402

from retrotui.followup.board import board, read_sources  # noqa: E402
from retrotui.storage.store import Store  # noqa: E402

TODAY = date(2026, 12, 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "db.json"
        write_bulky_store(path, args.docs)
        # A new Store each round: a command starts with nothing cached.
        full = median_ms(lambda: board(Store(path).all(), TODAY), args.rounds)  # type: ignore[arg-type]
        light = median_ms(lambda: board(read_sources(path, []), TODAY), args.rounds)
    print(f"{'docs':>28}: {args.docs}")
    print(f"{'board via Store.all ms':>28}: {full}")
    print(f"{'board via read_sources ms':>28}: {light}")


if __name__ == "__main__":
    main()
