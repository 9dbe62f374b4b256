"""Train the learned blame score from the DEV sets only; report cross-validation.

    .venv/bin/python tools/train_blame_model.py [--cv] [--write] [--docs FILE]

A logistic regression over ``blameless.features`` (lemmas, lemma pairs and
signal classes), trained by plain gradient descent: no numpy, no scikit-learn.
Training data: the dev parts of tests/data/checks (real sentences weigh most),
tests/data/blameless_sentences.json and the rules' own examples. Held-out
files are never read. ``--cv`` scores 5 folds split by DOCUMENT on the real
dev set (and by sentence on the written dev set), rules alone, the model alone
and both, at the threshold the full model will use. ``--docs`` adds neutral
lines (a JSON list of [package, line]) from every other package as negatives.
``--write`` stores the weights in retrotui/checks/data/blame_model.json.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import zlib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from retrotui.checks.blameless.features import features  # noqa: E402
from retrotui.checks.blameless.lint import lint  # noqa: E402
from retrotui.checks.blameless.rules import load  # noqa: E402

DATA = ROOT / "tests" / "data"
OUT = ROOT / "retrotui" / "checks" / "data" / "blame_model.json"
FOLDS = 5
L2 = 3e-2  # class features ("#...") get a tenth of it
EPOCHS = 40
MIN_COUNT = 2
THRESHOLDS = (1.5, 2.0, 2.25, 2.5)
TARGET_FP = 0.02
RULES_W = 0.3  # the rules' own examples: textbook phrasing, weighed less  # of real neutral sentences, in cross-validation


def _sentences(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return json.loads(path.read_text(encoding="utf-8"))["sentences"]


def _examples(docs: Path | None) -> list[dict[str, Any]]:
    """Every training sentence: text, blame, weight, group (fold key), set."""
    rows: list[dict[str, Any]] = []
    for name, kind in (
        ("blameless_real_dev", "real"),
        ("blameless_fresh_dev", "fresh"),
    ):
        for s in _sentences(DATA / "checks" / f"{name}.json"):
            rows.append(_row(s, 1.0, kind, s.get("source", "")))
    for index, s in enumerate(
        _sentences(DATA / "checks" / "blameless_written_dev.json")
    ):
        rows.append(_row(s, 1.0, "written", f"written-{index}"))
    for s in _sentences(DATA / "blameless_sentences.json"):
        rows.append(_row(s, 0.5, "textbook", "textbook"))
    for rule in load()[0]:
        for key, blame in (("flag", True), ("pass", False)):
            for text in rule.examples.get(key, ()):
                rows.append(
                    {"text": text, "blame": blame, "w": RULES_W, "set": "rules",
                     "group": "rules", "names": list(rule.names)}
                )  # fmt: skip
    # The rules' own rewrites are what the check recommends: neutral.
    rewrites = {
        finding.suggestion
        for row in rows
        if row["blame"]
        for finding in lint(row["text"], row["names"])
        if not finding.rule.startswith("learned-")
    }
    for text in sorted(rewrites):
        rows.append(
            {"text": text, "blame": False, "w": RULES_W, "set": "rewrites",
             "group": "rewrites", "names": []}
        )  # fmt: skip
    if docs is not None:
        lines = json.loads(docs.read_text(encoding="utf-8"))
        packages = sorted({package for package, _ in lines})
        train = {p for i, p in enumerate(packages) if i % 2 == 1}
        for package, line in lines:
            if package in train:
                rows.append(
                    {"text": line, "blame": False, "w": 0.3, "set": "docs",
                     "group": "docs", "names": []}
                )  # fmt: skip
    return rows


def _row(s: dict[str, Any], weight: float, kind: str, group: str) -> dict[str, Any]:
    return {
        "text": s["text"],
        "blame": bool(s["blame"]),
        "w": weight,
        "set": kind,
        "group": group,
        "names": s.get("names") or [],
    }


def _featurise(rows: list[dict[str, Any]]) -> None:
    lex = load()[1]
    for row in rows:
        names = frozenset(n.lower() for n in row["names"])
        row["f"] = features(row["text"], lex, names)


def train(rows: list[dict[str, Any]]) -> dict[str, float]:
    """Weights (with "" the bias) of an L2 logistic regression, balanced classes."""
    counts: dict[str, int] = {}
    for row in rows:
        for f in row["f"]:
            counts[f] = counts.get(f, 0) + 1
    kept = {f for f, n in counts.items() if n >= MIN_COUNT}
    pos = sum(r["w"] for r in rows if r["blame"])
    neg = sum(r["w"] for r in rows if not r["blame"])
    data = [
        ([f for f in r["f"] if f in kept], 1.0 if r["blame"] else 0.0,
         r["w"] * (0.5 / pos if r["blame"] else 0.5 / neg) * len(rows))
        for r in rows
    ]  # fmt: skip
    weights: dict[str, float] = dict.fromkeys(kept, 0.0)
    bias = 0.0
    grad_sq: dict[str, float] = dict.fromkeys(kept, 1e-8)
    bias_sq = 1e-8
    rate = 0.5
    for _ in range(EPOCHS):
        for feats, label, weight in data:
            z = bias + sum(weights[f] for f in feats)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            g = (p - label) * weight
            bias_sq += g * g
            bias -= rate * g / math.sqrt(bias_sq)
            for f in feats:
                gf = g + (L2 / 10 if f[0] == "#" else L2) * weights[f]
                grad_sq[f] += gf * gf
                weights[f] -= rate * gf / math.sqrt(grad_sq[f])
    model = {f: round(w, 4) for f, w in weights.items() if abs(w) >= 0.05}
    model[""] = round(bias, 4)
    return model


def score(model: dict[str, float], feats: set[str]) -> float:
    return model.get("", 0.0) + sum(model.get(f, 0.0) for f in feats)


_SCORED = ("real", "fresh", "written")


def _fold(group: str) -> int:
    return zlib.crc32(group.encode()) % FOLDS


def cross_validate(rows: list[dict[str, Any]]) -> None:
    scored = [r for r in rows if r["set"] in _SCORED]
    for r in scored:
        found = lint(r["text"], r["names"])
        r["rule"] = any(not f.rule.startswith("learned-") for f in found)
    for fold in range(FOLDS):
        test = [r for r in scored if _fold(r["group"]) == fold]
        held = {r["text"].strip().lower() for r in test}
        train_rows = [
            r
            for r in rows
            if not (r["set"] in _SCORED and _fold(r["group"]) == fold)
            and r["text"].strip().lower() not in held
        ]
        model = train(train_rows)
        for r in test:
            r["cv"] = score(model, r["f"])
    real_neutral = sorted(
        (r["cv"] for r in scored if r["set"] in ("real", "fresh") and not r["blame"]),
        reverse=True,
    )
    cut = real_neutral[int(len(real_neutral) * TARGET_FP)]
    print(f"threshold at {TARGET_FP:.0%} real-neutral FP (cv): {cut:.3f}")
    for threshold in sorted({cut, *THRESHOLDS}):
        print(f"-- threshold {threshold:.2f}")
        for kind in _SCORED:
            part = [r for r in scored if r["set"] == kind]
            blame = [r for r in part if r["blame"]]
            neutral = [r for r in part if not r["blame"]]
            for label, hit in (
                ("model", lambda r, t=threshold: r["cv"] > t),
                ("both", lambda r, t=threshold: r["rule"] or r["cv"] > t),
            ):
                recall = sum(map(hit, blame)) / len(blame)
                fp = sum(map(hit, neutral)) / len(neutral)
                print(f"  {kind:<8}{label:<6} recall {recall:6.1%}  FP {fp:5.1%}")


def show_errors(rows: list[dict[str, Any]], threshold: float) -> None:
    """The cross-validated mistakes of the model on the dev sets (for reading)."""
    for r in rows:
        if "cv" not in r:
            continue
        hit = r["cv"] > threshold
        if hit != r["blame"]:
            what = "MISS" if r["blame"] else "FP  "
            print(
                f"{what} {r['set'][:4]} {r['cv']:6.2f} rule={int(r['rule'])} {r['text'][:130]}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", action="store_true")
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--docs", type=Path)
    parser.add_argument("--errors", action="store_true")
    parser.add_argument("--threshold", type=float, default=2.0)
    args = parser.parse_args()
    rows = _examples(args.docs)
    _featurise(rows)
    print(f"{len(rows)} training sentences, {sum(r['blame'] for r in rows)} blaming")
    if args.cv:
        cross_validate(rows)
    if args.errors:
        show_errors(rows, args.threshold)
    if args.write:
        model = train(rows)
        OUT.write_text(
            json.dumps(
                {"threshold": args.threshold, "weights": model},
                sort_keys=True,
                indent=0,
            )
            + "\n",
            encoding="utf-8",
        )
        print(f"wrote {len(model)} weights to {OUT}")


if __name__ == "__main__":
    main()
