"""``retro actions`` in a terminal: the most urgent that fit, then how many more."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from factories import incident
from factories import run_cli as run

from retrotui.cli import common
from retrotui.document.models import ActionItem
from retrotui.storage.store import Store

TODAY = "2026-12-03"
COUNT = 30


@pytest.fixture
def many(db_path: Path) -> Path:
    """COUNT open items, item ``n`` due ``n`` days before TODAY (all overdue
    but the first), plus the factory's a-alrt due after TODAY."""
    pm = incident()
    pm.actions += [
        ActionItem(
            id=f"a-{n:02d}",
            text=f"Item {n}",
            owner="Team Data",
            due=date(2026, 12, 3) - timedelta(days=n),
        )
        for n in range(COUNT)
    ]
    Store(db_path).add(pm)
    return db_path


def refs(out: str) -> list[str]:
    return [line.split()[0] for line in out.splitlines() if line.startswith("a-")]


def test_a_terminal_gets_the_most_urgent_then_the_overdue_count_and_how_many_more(
    capsys, many: Path, terminal: None
) -> None:
    code, out, _ = run(capsys, "--db", str(many), "actions", "--as-of", TODAY)
    lines = out.splitlines()
    # Header, 20 rows, the overdue count and what was left out: with the
    # prompt, 24 lines.
    assert code == 0 and len(lines) == 23
    assert refs(out) == [f"a-{n:02d}" for n in range(COUNT - 1, COUNT - 21, -1)]
    assert lines[-2] == "29 overdue (marked !)"
    assert lines[-1] == (
        "11 more: --limit N, --owner O, --service S, --overdue; piped, every one"
    )
    assert all(len(line) <= 80 for line in lines)


def test_a_pipe_and_json_get_every_item_and_limit_cuts_both(
    capsys, many: Path, terminal: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = json.loads(run(capsys, "--db", str(many), "actions", "--json")[1])
    assert len(rows) == COUNT + 1
    rows = json.loads(
        run(capsys, "--db", str(many), "actions", "--json", "--limit", "2")[1]
    )
    assert len(rows) == 2
    out = run(capsys, "--db", str(many), "actions", "--limit", "3", "--as-of", TODAY)[1]
    assert refs(out) == ["a-29", "a-28", "a-27"]
    assert out.splitlines()[-1].startswith("28 more:")
    monkeypatch.setattr(common, "to_terminal", lambda: False)
    out = run(capsys, "--db", str(many), "actions", "--as-of", TODAY)[1]
    assert len(refs(out)) == COUNT + 1 and "more:" not in out


def test_overdue_still_fails_when_the_page_is_cut(
    capsys, many: Path, terminal: None
) -> None:
    args = ["actions", "--overdue", "--limit", "1", "--as-of", TODAY]
    code, out, _ = run(capsys, "--db", str(many), *args)
    assert code == 1 and refs(out) == ["a-29"]
    assert out.splitlines()[-2:] == [
        "29 overdue (marked !)",
        "28 more: --limit N, --owner O, --service S, --overdue; piped, every one",
    ]
