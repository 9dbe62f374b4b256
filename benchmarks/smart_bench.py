"""Median time of one SMART check over the labelled set; prints one JSON line.

The TUI runs the check on every keystroke, so this should stay far below a
millisecond. Run: .venv/bin/python benchmarks/smart_bench.py
"""

from __future__ import annotations

import json
import statistics
import time
from datetime import date
from pathlib import Path

from retrotui.checks.smart import check_action

ITEMS = Path(__file__).resolve().parent.parent / "tests" / "data" / "smart_items.json"
ROUNDS = 20


def main() -> None:
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
            }
        )
    )


if __name__ == "__main__":
    main()
