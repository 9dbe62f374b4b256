"""Median time of one SMART check over the labelled set, and ``retro smart``'s start.

The TUI runs the check on every keystroke, so this should stay far below a
millisecond; ``retro smart "..."`` as a command should start in under half the
time of ``python -c "import textual.app"`` (see startup.py). Prints one JSON
line. Run: .venv/bin/python benchmarks/smart_bench.py [--runs 15]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from datetime import date
from pathlib import Path

from startup import compare, retro

from retrotui.checks.smart import check_action

ITEMS = Path(__file__).resolve().parent.parent / "tests" / "data" / "smart_items.json"
ROUNDS = 20
START_ITEM = "@mia add an alert when replica lag on orders-db > 30s for 5 min by Fri"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="start-up runs")
    args = parser.parse_args()
    items = json.loads(ITEMS.read_text(encoding="utf-8"))["items"]
    calls = [
        (
            item["text"],
            item.get("owner"),
            item.get("due"),
            item.get("factor"),
            date.fromisoformat(item["as_of"]),
        )
        for item in items
    ]
    check_action(*calls[0])  # load and compile the rules outside the timing
    samples = []
    for _ in range(ROUNDS):
        for text, owner, due, factor, as_of in calls:
            start = time.perf_counter_ns()
            check_action(text, owner=owner, due=due, factor=factor, as_of=as_of)
            samples.append(time.perf_counter_ns() - start)
    samples.sort()
    print(
        json.dumps(
            {
                "benchmark": "smart.check_action",
                "items": len(calls),
                "calls": len(samples),
                "median_us": round(statistics.median(samples) / 1000, 1),
                "p95_us": round(samples[int(len(samples) * 0.95)] / 1000, 1),
                "max_us": round(samples[-1] / 1000, 1),
                "retro_smart": compare(retro("smart", START_ITEM), args.runs),
            }
        )
    )


if __name__ == "__main__":
    main()
