"""Recall and false-positive rate of the blameless checker on labelled sentences.

Run with ``-s`` to see the figures:
``.venv/bin/pytest tests/test_blameless_accuracy.py -q -s``
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from retrotui.checks.blameless import lint

DATA = Path(__file__).parent / "data"
MIN_RECALL = 0.90
MAX_FALSE_POSITIVES = 0.07


def _score(name: str) -> tuple[float, float, list[str]]:
    sentences = json.loads((DATA / name).read_text(encoding="utf-8"))["sentences"]
    blaming = [s for s in sentences if s["blame"]]
    neutral = [s for s in sentences if not s["blame"]]
    wrong = []
    caught = flagged = 0
    for sentence in sentences:
        found = bool(lint(sentence["text"], sentence.get("names", ())))
        caught += found and sentence["blame"]
        flagged += found and not sentence["blame"]
        if found != sentence["blame"]:
            wrong.append(
                ("missed: " if sentence["blame"] else "flagged: ") + sentence["text"]
            )
    recall = caught / len(blaming)
    false_positives = flagged / len(neutral)
    print(
        f"\n{name}: {len(blaming)} blaming, {len(neutral)} neutral; "
        f"recall {recall:.1%}, false positives {false_positives:.1%}"
    )
    for line in wrong:
        print("  " + line)
    return recall, false_positives, wrong


@pytest.mark.parametrize("name", ["blameless_sentences.json", "blameless_holdout.json"])
def test_recall_and_false_positive_rate(name: str) -> None:
    recall, false_positives, wrong = _score(name)
    assert recall >= MIN_RECALL, wrong
    assert false_positives <= MAX_FALSE_POSITIVES, wrong


def test_labelled_set_is_balanced_and_large_enough() -> None:
    data = json.loads((DATA / "blameless_sentences.json").read_text(encoding="utf-8"))
    sentences = data["sentences"]
    blaming = sum(s["blame"] for s in sentences)
    assert len(sentences) >= 80
    assert blaming == len(sentences) - blaming
