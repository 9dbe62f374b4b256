"""The app and other writers: changes merged in, a failed save never dropped."""

from __future__ import annotations

from pathlib import Path

from factories import clock, incident, open_at, settle, type_text

from retrotui.document.models import TimelineEvent
from retrotui.storage.store import Store
from screens.timeline import TimelineScreen
from tests.factories import T0


def add_event_from_cli(db_path: Path, text: str) -> None:
    event = TimelineEvent(id="e-cli", at=T0, text=text)
    Store(db_path).update(
        "k7m2qx", lambda pm: pm.model_copy(update={"timeline": [*pm.timeline, event]})
    )


async def test_a_cli_write_shows_in_the_open_app_and_both_edits_are_kept(
    db_path: Path,
) -> None:
    app = open_at(db_path, incident(), "timeline")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_text(pilot, "15:10 status page updated")
        await pilot.press("enter")
        add_event_from_cli(db_path, "Added by retro timeline add")
        await pilot.pause(2.0)
        await settle(pilot)
        assert isinstance(app.screen, TimelineScreen)
        texts = [e.text for e in app.screen.pm.timeline]
        assert "Added by retro timeline add" in texts
        assert "status page updated" in texts
        assert any("merged" in n.message for n in app._notifications)
        await pilot.press("ctrl+q")
    stored = [e.text for e in Store(db_path).get("k7m2qx").timeline]
    assert "Added by retro timeline add" in stored
    assert "status page updated" in stored


def open_at_stored(db_path: Path):
    from retrotui.app import RetroApp

    return RetroApp(db_path, pm_id="k7m2qx", clock=clock)
