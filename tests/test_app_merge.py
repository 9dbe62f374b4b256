"""The app and other writers: changes merged in, a failed save never dropped."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from factories import clock, incident, notices, open_at, settle, type_text

from retrotui.document.models import TimelineEvent
from retrotui.errors import StoreError
from retrotui.storage.store import Store
from screens.timeline import TimelineScreen
from screens.unsaved import UnsavedScreen
from tests.factories import T0


def add_event_from_cli(db_path: Path, text: str) -> None:
    event = TimelineEvent(id="e-cli", at=T0, text=text)
    Store(db_path).update(
        "k7m2qx", lambda pm: pm.model_copy(update={"timeline": [*pm.timeline, event]})
    )


async def test_a_cli_write_shows_in_the_open_app_and_both_edits_are_kept(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = open_at(db_path, incident(), "timeline")
    said = notices(app, monkeypatch)
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
        assert any("merged" in message for message in said)
        await pilot.press("ctrl+q")
    stored = [e.text for e in Store(db_path).get("k7m2qx").timeline]
    assert "Added by retro timeline add" in stored
    assert "status page updated" in stored


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise StoreError("cannot save db.json: No space left on device")

    monkeypatch.setattr(Store, "save", refuse)


async def test_quit_after_a_failed_save_asks_and_a_discard_exits_1(
    db_path: Path, full_disk: None
) -> None:
    stage = incident()
    stage.phase = "stage"
    Store(db_path).add(stage)
    app = open_at_stored(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("end", "space", "x", "ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, UnsavedScreen)
        await pilot.press("k")  # keep editing: back on the step
        assert not isinstance(app.screen, UnsavedScreen)
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("d")
        await pilot.pause()
    assert app.return_code == 1
    assert "discarded" in (app.error_line or "")


async def test_quit_after_a_failed_save_can_keep_a_private_copy(
    db_path: Path, full_disk: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RETROTUI_RECOVERY_DIR", str(tmp_path / "rescue"))
    stage = incident()
    stage.phase = "stage"
    Store(db_path).add(stage)
    app = open_at_stored(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("end", "space", "x", "ctrl+q")
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
    assert app.return_code == 0
    [copy] = (tmp_path / "rescue").iterdir()
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert '"title": "Checkout down during promotion x"' in copy.read_text()
    assert str(copy) in (app.error_line or "")


def open_at_stored(db_path: Path):
    from retrotui.app import RetroApp

    return RetroApp(db_path, pm_id="k7m2qx", clock=clock)
