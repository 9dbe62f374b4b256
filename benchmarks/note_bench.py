"""How fast ``retro note`` is next to merely importing Textual's App.

Runs the installed ``retro`` console script (from the same virtual environment
as this Python) and ``python -c "import textual.app"`` alternately, so both see
the same machine load, and prints one JSON line of medians in milliseconds.

    python benchmarks/note_bench.py [--runs 15]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NOTE_ARGS = [
    "note",
    "Disk full on db-2",
    "--started",
    "30m ago",
    "--duration",
    "20m",
    "--impact",
    "writes failed for 20 minutes",
    "--fix",
    "rotated the logs",
    "--service",
    "db",
]


def _wall_ms(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    retro = str(Path(sys.executable).with_name("retro"))
    textual = [sys.executable, "-c", "import textual.app"]
    timings: dict[str, list[float]] = {"note": [], "textual": [], "help": []}
    with tempfile.TemporaryDirectory() as folder:
        note = [retro, "--db", str(Path(folder) / "bench.json"), *NOTE_ARGS]
        help_ = [retro, "--help"]
        # One untimed round warms the file cache for every command.
        for command in (note, textual, help_):
            _wall_ms(command)
        for _ in range(args.runs):
            timings["note"].append(_wall_ms(note))
            timings["textual"].append(_wall_ms(textual))
            timings["help"].append(_wall_ms(help_))
    note_ms = statistics.median(timings["note"])
    textual_ms = statistics.median(timings["textual"])
    print(
        json.dumps(
            {
                "runs": args.runs,
                "note_ms_median": round(note_ms, 1),
                "import_textual_app_ms_median": round(textual_ms, 1),
                "ratio": round(note_ms / textual_ms, 3),
                "help_ms_median": round(statistics.median(timings["help"]), 1),
            }
        )
    )


if __name__ == "__main__":
    main()
