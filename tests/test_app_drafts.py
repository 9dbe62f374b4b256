"""A draft made by "new" and left without a single entry is not kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import clock, incident, notices, settle, type_text

from retrotui.app import RetroApp
from retrotui.storage.store import Store
from screens.home import HomeScreen
from screens.stage import StageScreen


async def until_stored_at(pilot, db_path: Path, pm_id: str, phase: str) -> None:  # type: ignore[no-untyped-def]
    """Pause until the store holds ``pm_id`` at ``phase``; bounded in rounds."""
    for _ in range(200):
        if Store(db_path).get(pm_id).phase == phase:
            return
        await pilot.pause(0.05)
    raise AssertionError(f"{pm_id} never stored at {phase}")


async def test_n_then_escape_leaves_no_empty_draft(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store(db_path).add(incident())
    app = RetroApp(db_path, clock=clock)
    said = notices(app, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, StageScreen)
        assert len(Store(db_path).all()) == 2  # saved from the first second
        await pilot.press("f6", "f6")  # looking around is not an entry
        await settle(pilot)
        assert app.pm is not None and app.pm.phase != "stage"
        # The autosave of where the user is has gone through: waited for, as
        # a fixed pause under load ended before it.
        await until_stored_at(pilot, db_path, app.pm.id, app.pm.phase)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert [pm.title for pm in Store(db_path).all()] == [incident().title]
        assert any("not kept" in message for message in said)


async def test_a_new_draft_with_anything_entered_is_kept(db_path: Path) -> None:
    app = RetroApp(db_path, new_title="", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        await type_text(pilot, "14:02 paged")  # typed, not even added
        await pilot.press("ctrl+q")
    [pm] = Store(db_path).all()
    assert pm.unsent == {"timeline:event-input": "14:02 paged"}


async def test_new_then_quit_discards_but_a_title_on_the_command_line_is_kept(
    db_path: Path,
) -> None:
    app = RetroApp(db_path, new_title="", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+q")
    assert Store(db_path).all() == []

    app = RetroApp(db_path, new_title="Checkout down", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+q")
    assert [pm.title for pm in Store(db_path).all()] == ["Checkout down"]
