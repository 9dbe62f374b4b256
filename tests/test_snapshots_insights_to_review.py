"""Snapshots of insights, factors, actions and review at 80x24 and 120x40.

Deterministic: fixed clock, fixed ids, a temporary database, no cursor blink.
Regenerate with ``--snapshot-update`` and look at the report before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import incident, open_at, settle

SIZES = [(80, 24), (120, 40)]
PHASES = ["insights", "factors", "actions", "review"]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("phase", PHASES)
def test_phase(snap_compare, db_path: Path, phase: str, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    pm = incident()
    # User text that looks like markup must show literally.
    pm.went_well.append("[bold]not markup[/] and Sam forgot to page the DBA")
    app = open_at(db_path, pm, phase)
    assert snap_compare(app, terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_action_item_open_with_its_smart_check(
    snap_compare, db_path: Path, size: tuple[int, int]
) -> None:  # type: ignore[no-untyped-def]
    pm = incident()
    pm.actions[0].owner = "everyone"  # one failing criterion, with its hint
    app = open_at(db_path, pm, "actions")

    async def open_item_one(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("ctrl+l", "up", "enter")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=open_item_one)
