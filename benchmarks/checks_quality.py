"""How well the blameless and SMART checks read real and messy text.

Prints, for each labelled set in tests/data/checks/, the dev part and the
held-out part side by side (the held-out part is only ever scored here, never
read while writing rules), then the older hand-written sets in tests/data/ and
the speed of one check. Usage:

    .venv/bin/python benchmarks/checks_quality.py [--holdout] [--json] [--misses]

Without ``--holdout`` only the dev parts are scored: the held-out figures are
taken twice, before the rules change and at the end, not while tuning.

``--misses`` lists what the checks get wrong on the dev parts (never on the
held-out parts). A sentence counts as flagged when lint() finds anything
in it. SMART figures:

- owner right: the owner read from the text equals the labelled one (case and
  spacing aside) and the owner criterion passes exactly when the label says
  the owner is one accountable person or team;
- due right: the date read equals the labelled one (none for none; for an
  ambiguous date such as 03/04/2027 the check must ask which is meant);
- verdict right: SMART or not, as labelled (an ambiguous date that the check
  asks about counts as passing, as the labels count it);
- failing named: of the items labelled not SMART, the share where the check
  fails exactly the labelled criteria ("some" when it names at least one).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from retrotui.checks.blameless import lint  # noqa: E402
from retrotui.checks.smart import check_action  # noqa: E402

DATA = ROOT / "tests" / "data"
LABELLED = DATA / "checks"
SPLITS = ("dev", "holdout")
CRITERIA = ("specific", "measurable", "achievable", "relevant", "time_bound", "owner")


def _items(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data, list):
        return data
    for key in ("items", "sentences"):
        if key in data:
            return data[key]
    return []


def _is_blame(item: dict[str, Any]) -> bool:
    if "blame" in item:
        return bool(item["blame"])
    return str(item.get("label", "")).lower() not in ("neutral", "", "none")


def blameless_scores(items: list[dict[str, Any]]) -> dict[str, Any]:
    blaming = neutral = caught = flagged = 0
    misses: list[str] = []
    for item in items:
        found = bool(lint(item["text"], item.get("names") or ()))
        if _is_blame(item):
            blaming += 1
            caught += found
            if not found:
                misses.append("missed: " + item["text"])
        else:
            neutral += 1
            flagged += found
            if found:
                misses.append("flagged: " + item["text"])
    return {
        "blame": blaming,
        "neutral": neutral,
        "recall": caught / blaming if blaming else None,
        "false_positives": flagged / neutral if neutral else None,
        "misses": misses,
    }


def _norm(owner: str | None) -> str:
    return " ".join((owner or "").lower().split()).strip(" .,;:-")


def _asked(result: Any) -> bool:
    return bool(getattr(result, "due_choices", ()))


def _failing(result: Any, asked: bool) -> set[str]:
    return {
        name
        for name, criterion in result.criteria.items()
        if criterion.ok is False and not (asked and name == "time_bound")
    }


def _verdict(result: Any, asked: bool) -> bool:
    if not asked:
        return bool(result.ok)
    return not _failing(result, asked) and all(
        result.criteria[name].ok is True for name in ("specific", "measurable", "owner")
    )


def smart_scores(items: list[dict[str, Any]], typed: bool = False) -> dict[str, Any]:
    """Scores of one set; ``typed``: owner and due are fields, not in the text."""
    counts = dict.fromkeys(("n", "owner", "due", "verdict", "bad", "named", "some"), 0)
    misses: list[str] = []
    for item in items:
        typed_owner = item.get("owner") if typed else None
        typed_due = item.get("due") if typed else None
        as_of = date.fromisoformat(item["as_of"])
        result = check_action(
            item["text"],
            owner=typed_owner,
            due=typed_due,
            factor=item.get("factor"),
            as_of=as_of,
        )
        expected_due = item.get("due_resolved", item.get("due"))
        asked = _asked(result)
        counts["n"] += 1
        owner_ok = item.get("owner_ok", item.get("owner") is not None)
        owner_right = _norm(result.owner) == _norm(item.get("owner")) and (
            result.criteria["owner"].ok is True
        ) == bool(owner_ok)
        if expected_due == "ask":
            due_right = asked
        else:
            got = result.due.isoformat() if result.due else None
            due_right = got == expected_due and not asked
        verdict_right = _verdict(result, asked) == item["ok"]
        counts["owner"] += owner_right
        counts["due"] += due_right
        counts["verdict"] += verdict_right
        failing = _failing(result, asked)
        if not item["ok"] and "failing" in item:
            counts["bad"] += 1
            counts["named"] += failing == set(item["failing"])
            counts["some"] += bool(failing & set(item["failing"]))
        wrong = [
            what
            for what, right in (
                (f"owner {result.owner!r} (want {item.get('owner')!r})", owner_right),
                (f"due {result.due} (want {expected_due})", due_right),
                (
                    f"fails {sorted(failing)} (want {item.get('failing')})",
                    verdict_right
                    and (item["ok"] or set(item.get("failing", failing)) == failing),
                ),
            )
            if not right
        ]
        if wrong:
            misses.append(
                f"{item.get('id', '')}: {item['text']}\n      " + "; ".join(wrong)
            )
    n, bad = counts["n"], counts["bad"]
    # The older sets give owner and due as fields and label neither.
    labelled = n and any("owner_ok" in item or not typed for item in items)
    return {
        "items": n,
        "owner_right": counts["owner"] / n if labelled else None,
        "due_right": counts["due"] / n if labelled else None,
        "verdict_right": counts["verdict"] / n if n else None,
        "failing_named": counts["named"] / bad if bad else None,
        "failing_some": counts["some"] / bad if bad else None,
        "misses": misses,
    }


def speed() -> dict[str, float]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from lint_bench import CORPUS, build_report

    report = build_report(CORPUS)
    lint(report)
    runs = []
    for _ in range(7):
        started = time.perf_counter()
        lint(report)
        runs.append((time.perf_counter() - started) * 1000)
    texts = [item["text"] for item in _items(LABELLED / "smart_messy_dev.json")]
    texts = texts or ["@bob: add an alert when lag > 30s, by Friday"]
    as_of = date(2027, 1, 13)
    check_action(texts[0], as_of=as_of)
    samples = []
    for _ in range(5):
        for text in texts:
            started = time.perf_counter()
            check_action(text, as_of=as_of)
            samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return {
        "lint_100kb_ms": round(statistics.median(runs), 1),
        "report_kb": round(len(report.encode()) / 1024, 1),
        "smart_median_ms": round(statistics.median(samples), 3),
        "smart_p95_ms": round(samples[int(len(samples) * 0.95)], 3),
    }


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def _table(
    title: str, rows: Iterable[tuple[str, Callable[[dict[str, Any]], Any]]], parts: dict
) -> list[str]:
    names = list(parts)
    lines = [f"{title:<34}" + "".join(f"{name[:19]:>20}" for name in names)]
    for label, get in rows:
        cells = []
        for name in names:
            value = get(parts[name])
            cells.append(_pct(value) if isinstance(value, float) else str(value))
        lines.append(f"  {label:<32}" + "".join(f"{cell:>20}" for cell in cells))
    return lines


BLAME_ROWS = [
    ("sentences (blame/neutral)", lambda s: f"{s['blame']}/{s['neutral']}"),
    ("judgement caught (recall)", lambda s: s["recall"]),
    ("neutral flagged (false pos.)", lambda s: s["false_positives"]),
]
SMART_ROWS = [
    ("items", lambda s: s["items"]),
    ("owner right", lambda s: s["owner_right"]),
    ("due right", lambda s: s["due_right"]),
    ("verdict right", lambda s: s["verdict_right"]),
    ("failing criteria named exactly", lambda s: s["failing_named"]),
    ("failing criteria named (some)", lambda s: s["failing_some"]),
]


def measure(splits: tuple[str, ...], labelled: Path = LABELLED) -> dict[str, Any]:
    report: dict[str, Any] = {}
    for name in (
        "blameless_real",
        "blameless_fresh",
        "blameless_real2",
        "blameless_real3",
        "blameless_written",
    ):
        report[name] = {
            split: blameless_scores(_items(labelled / f"{name}_{split}.json"))
            for split in splits
        }
    for name in ("smart_messy", "smart_tidy", "smart_real", "smart_fresh"):
        report[name] = {
            split: smart_scores(
                _items(labelled / f"{name}_{split}.json"), typed=name == "smart_tidy"
            )
            for split in splits
        }
    report["blameless_textbook"] = {
        name: blameless_scores(_items(DATA / f"{name}.json"))
        for name in ("blameless_sentences", "blameless_holdout", "heldout_blameless")
    }
    report["smart_textbook"] = {
        name: smart_scores(_items(DATA / f"{name}.json"), typed=True)
        for name in ("smart_items", "heldout_smart")
    }
    report["speed"] = speed()
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="one JSON object")
    parser.add_argument(
        "--holdout", action="store_true", help="score the held-out parts too"
    )
    parser.add_argument(
        "--misses", action="store_true", help="list what the checks get wrong on dev"
    )
    parser.add_argument(
        "--labels",
        type=Path,
        default=LABELLED,
        help="folder of the labelled sets (default tests/data/checks)",
    )
    args = parser.parse_args()
    splits = SPLITS if args.holdout and not args.misses else ("dev",)
    report = measure(splits, args.labels)
    if args.misses:
        for name, parts in report.items():
            if name == "speed" or "dev" not in parts:
                continue
            print(f"== {name} (dev)")
            for line in parts["dev"]["misses"]:
                print("  " + line)
        return
    for parts in report.values():
        for scores in parts.values():
            if isinstance(scores, dict):
                scores.pop("misses", None)
    if args.json:
        print(json.dumps(report))
        return
    lines: list[str] = []
    for name in (
        "blameless_real",
        "blameless_fresh",
        "blameless_real2",
        "blameless_real3",
        "blameless_written",
        "blameless_textbook",
    ):
        lines += _table(name, BLAME_ROWS, report[name])
    for name in (
        "smart_messy",
        "smart_tidy",
        "smart_real",
        "smart_fresh",
        "smart_textbook",
    ):
        lines += _table(name, SMART_ROWS, report[name])
    s = report["speed"]
    lines.append(
        f"speed: lint of {s['report_kb']} KB {s['lint_100kb_ms']} ms (median of 7); "
        f"one SMART check median {s['smart_median_ms']} ms, p95 {s['smart_p95_ms']} ms"
    )
    print("\n".join(lines))


if __name__ == "__main__":
    main()
