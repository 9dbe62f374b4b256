"""A draft made by "new" and left without a single entry is not kept."""

from __future__ import annotations

from pathlib import Path

from factories import clock, incident, settle, type_text

from retrotui.app import RetroApp
from retrotui.storage.store import Store
from screens.home import HomeScreen
from screens.stage import StageScreen
from shell.saving import SAVE_DELAY


async def test_n_then_escape_leaves_no_empty_draft(db_path: Path) -> None:
    Store(db_path).add(incident())
    app = RetroApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, StageScreen)
        assert len(Store(db_path).all()) == 2  # saved from the first second
        await pilot.press("f6", "f6")  # looking around is not an entry
        await settle(pilot)
        # Long enough for the autosave of where the user is to go through.
        await pilot.pause(SAVE_DELAY + 0.5)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert [pm.title for pm in Store(db_path).all()] == [incident().title]
        assert any("not kept" in n.message for n in app._notifications)


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
