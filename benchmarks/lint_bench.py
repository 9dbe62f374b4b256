"""Lint a ~100 KB report repeatedly; print one JSON line of timings.

The report is the DFDS postmortem corpus (real, mostly blameless prose,
tables and lists) repeated, with a blaming sentence every few paragraphs.
Also times ``retro lint`` on one real postmortem as a command, next to
``python -c "import textual.app"`` (goal: under half; see startup.py).
Usage: .venv/bin/python benchmarks/lint_bench.py [--corpus DIR] [--runs N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from startup import compare, retro

from retrotui.checks.blameless import lint

# The shared corpus beside the checkout (or beside a worktree's parent folder).
CORPUS = next(
    (
        folder / "shared/corpus/dfds-postmortems"
        for folder in Path(__file__).resolve().parents[1:4]
        if (folder / "shared/corpus/dfds-postmortems").is_dir()
    ),
    Path(__file__).resolve().parents[2] / "shared/corpus/dfds-postmortems",
)
TARGET_BYTES = 100_000
BLAMING = [
    "Bob forgot to run the migration before the deploy.",
    "The on-call engineer ignored the disk usage warning.",
    "It was human error: someone should have double-checked the region.",
    "Why didn't you escalate after the second page?",
    "A careless edit to the config took the site down.",
]
FALLBACK = (
    "The job failed to start because the image tag did not exist.\n"
    "| 2021-06-22 08:21 | VPC CNI replaced by the pipeline |\n"
    "- Revert to default of 300 seconds for de-registration delay on the ALBs.\n"
)


def build_report(corpus: Path) -> str:
    paragraphs: list[str] = []
    for path in sorted(corpus.glob("*.md")):
        paragraphs.extend(path.read_text(encoding="utf-8").split("\n\n"))
    if not paragraphs:
        paragraphs = FALLBACK.split("\n")
    parts: list[str] = []
    size = 0
    index = 0
    while size < TARGET_BYTES:
        chunk = paragraphs[index % len(paragraphs)]
        if index % 25 == 0:
            chunk += "\n" + BLAMING[(index // 25) % len(BLAMING)]
        parts.append(chunk)
        size += len(chunk.encode()) + 2
        index += 1
    return "\n\n".join(parts)


def _start(corpus: Path, runs: int) -> dict[str, object]:
    """``retro lint`` on the longest real postmortem, as a command."""
    documents = sorted(corpus.glob("*.md"), key=lambda path: path.stat().st_size)
    with tempfile.TemporaryDirectory() as folder:
        document = documents[-1] if documents else Path(folder) / "report.md"
        if not documents:
            document.write_text(FALLBACK, encoding="utf-8")
        size_kb = round(document.stat().st_size / 1024, 1)
        return {"file_kb": size_kb, **compare(retro("lint", str(document)), runs)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--start-runs", type=int, default=15)
    args = parser.parse_args()
    report = build_report(args.corpus)
    findings = lint(report)  # first call loads and compiles the rules
    timings = []
    for _ in range(args.runs):
        started = time.perf_counter()
        lint(report)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    print(
        json.dumps(
            {
                "size_kb": round(len(report.encode()) / 1024, 1),
                "runs": args.runs,
                "median_ms": round(statistics.median(timings), 2),
                "p95_ms": round(timings[int(0.95 * (len(timings) - 1))], 2),
                "findings": len(findings),
                "retro_lint": _start(args.corpus, args.start_runs),
            }
        )
    )


if __name__ == "__main__":
    main()
