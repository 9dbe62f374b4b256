"""Snapshots of home, set the stage, timeline and help at 80x24 and 120x40.

Deterministic: fixed clock, fixed ids, a temporary database, no cursor blink
(the app never blinks). Regenerate with ``--snapshot-update`` and look at the
report before committing.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from factories import incident, settle, type_text

from retrotui.app import RetroApp
from retrotui.document.models import ActionItem, Status
from retrotui.document.schema import Kind
from retrotui.storage.store import Store

NOW = datetime(2026, 12, 30, 9, 0, tzinfo=timezone.utc)
SIZES = [(80, 24), (120, 40)]


def clock() -> datetime:
    return NOW


def filled(db_path: Path) -> None:
    published = incident("pub001", "Checkout down during promotion")
    published.status = Status.published
    draft = incident("drf001", "Disk full on db-2 [bold]not markup[/]")
    draft.phase = "timeline"
    draft.actions = [
        ActionItem(
            id="a-disk",
            text="Alert at 80% disk on every database host",
            owner="Team Data",
            due=date(2027, 1, 15),
        ),
        ActionItem(id="a-runb", text="Runbook for disk full", due_text="soon"),
    ]
    store = Store(db_path)
    store.add(published)
    store.add(draft)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home(snap_compare, db_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    filled(db_path)
    app = RetroApp(db_path, clock=clock)
    assert snap_compare(app, terminal_size=size, run_before=settle)


def test_home_with_team_retrospectives(snap_compare, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    filled(db_path)
    retro = incident("ret001", "Q3 platform team retrospective")
    retro.kind = Kind.retro
    retro.actions = []
    Store(db_path).add(retro)
    app = RetroApp(db_path, clock=clock)
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_stage(snap_compare, db_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    pm = incident()
    pm.phase = "stage"
    Store(db_path).add(pm)
    app = RetroApp(db_path, pm_id=pm.id, clock=clock)
    assert snap_compare(app, terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_stage_participants_at_the_bottom(  # type: ignore[no-untyped-def]
    snap_compare, db_path: Path, size: tuple[int, int]
) -> None:
    pm = incident()
    pm.phase = "stage"
    pm.facilitator = "Maria Lopez"
    Store(db_path).add(pm)
    app = RetroApp(db_path, pm_id=pm.id, clock=clock)

    async def to_facilitator(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        app.screen.query_one("#facilitator").focus()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=to_facilitator)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_timeline(snap_compare, db_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    pm = incident()
    pm.phase = "timeline"
    Store(db_path).add(pm)
    app = RetroApp(db_path, pm_id=pm.id, clock=clock)

    async def type_one(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await type_text(pilot, "+20m status page updated\r")
        await pilot.press("up")

    assert snap_compare(app, terminal_size=size, run_before=type_one)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_timeline_help(snap_compare, db_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    pm = incident()
    pm.phase = "timeline"
    Store(db_path).add(pm)
    app = RetroApp(db_path, pm_id=pm.id, clock=clock)

    async def open_help(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("up", "f1")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=open_help)


def test_timeline_with_partial_times_and_a_stated_duration(  # type: ignore[no-untyped-def]
    snap_compare, db_path: Path
) -> None:
    """A write-up's rows known only to the day, the month or not at all, and
    a stated time to detect, at 80x24."""
    pm = incident()
    pm.phase = "timeline"
    Store(db_path).add(pm)
    app = RetroApp(db_path, pm_id=pm.id, clock=clock)

    async def type_rows(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        for line in (
            "2026-11-19 limitrange applied by hand",
            "2026-11-?? ??:?? slow requests noticed some day",
            "?? script run again",
            "time to detect 3 days",
        ):
            await type_text(pilot, line + "\r")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=type_rows)
