"""Accuracy of the SMART checker's overall verdicts on the labelled set."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from retrotui.checks.smart import check_action

ITEMS = json.loads(
    (Path(__file__).parent / "data" / "smart_items.json").read_text(encoding="utf-8")
)["items"]
TARGET = 0.93


def _check(item: dict) -> object:
    return check_action(
        item["text"],
        owner=item.get("owner"),
        due=item.get("due"),
        factor=item.get("factor"),
        as_of=date.fromisoformat(item["as_of"]),
    )


def test_the_set_is_big_and_balanced() -> None:
    good = sum(item["ok"] for item in ITEMS)
    assert len(ITEMS) >= 80
    assert 0.4 <= good / len(ITEMS) <= 0.6


def test_overall_accuracy(capsys: pytest.CaptureFixture[str]) -> None:
    wrong = [item["text"] for item in ITEMS if _check(item).ok != item["ok"]]
    accuracy = 1 - len(wrong) / len(ITEMS)
    with capsys.disabled():
        print(f"\nSMART overall accuracy: {accuracy:.1%} ({len(ITEMS)} items)")
        for text in wrong:
            print(f"  wrong: {text}")
    assert accuracy >= TARGET


def test_per_criterion_accuracy(capsys: pytest.CaptureFixture[str]) -> None:
    judged = right = 0
    for item in ITEMS:
        result = _check(item)
        for name, expected in item.get("criteria", {}).items():
            judged += 1
            right += result.criteria[name].ok == expected
    with capsys.disabled():
        print(f"\nSMART per-criterion accuracy: {right / judged:.1%} ({judged} labels)")
    assert right / judged >= TARGET
