"""Shared set-up for tui-B's screen tests: a stored incident opened at a phase."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from retrotui.app import RetroApp
from retrotui.document.models import Postmortem
from retrotui.storage.store import Store

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=timezone.utc)


def clock() -> datetime:
    return NOW


def open_at(db_path: Path, pm: Postmortem, phase: str) -> RetroApp:
    """The app opened on ``pm`` (stored first) at ``phase``."""
    pm.phase = phase
    Store(db_path).add(pm)
    return RetroApp(db_path, pm_id=pm.id, clock=clock)


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def type_text(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(*[("space" if ch == " " else ch) for ch in text])


def stored(app: RetroApp) -> Postmortem:
    """What the database holds after the app saved its pending edits."""
    assert app.save_sync()
    assert app.pm is not None
    return Store(app.db_path).get(app.pm.id)
