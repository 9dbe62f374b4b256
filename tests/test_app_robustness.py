"""Nothing is lost: autosave across restarts, hang-ups, damaged files, crashes."""

from __future__ import annotations

import os
import signal
from datetime import datetime, timezone
from pathlib import Path

import pytest
from factories import incident, settle
from textual import constants

from retrotui.app import RetroApp
from retrotui.storage.paths import log_path
from retrotui.storage.store import Store
from screens.stage import StageScreen
from screens.timeline import TimelineScreen
from widgets.timeline_editor import EventInput

NOW = datetime(2026, 11, 20, 18, 0, tzinfo=timezone.utc)


def clock() -> datetime:
    return NOW


def seeded(db_path: Path, phase: str = "timeline") -> str:
    pm = incident()
    pm.phase = phase
    Store(db_path).add(pm)
    return pm.id


async def test_autosave_survives_a_restart_at_the_same_phase(db_path: Path) -> None:
    pm_id = seeded(db_path)
    app = RetroApp(db_path, pm_id=pm_id, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TimelineScreen)
        await pilot.press(*"15:10", "space", *"postmortem", "space", *"booked", "enter")
        # Debounced autosave: wait for the timer and the save worker.
        await pilot.pause(0.7)
        await settle(pilot)
        # Leave the way a dropped process would: no quit-time save.
        app._dirty = False
        app.exit()
    stored = Store(db_path).get(pm_id)
    assert stored.timeline[-1].text == "postmortem booked"

    again = RetroApp(db_path, pm_id=pm_id, clock=clock)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(again.screen, TimelineScreen)
        assert again.screen.pm.timeline[-1].text == "postmortem booked"


async def test_sighup_saves_pending_edits_and_exits(db_path: Path) -> None:
    pm_id = seeded(db_path, phase="stage")
    app = RetroApp(db_path, pm_id=pm_id, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StageScreen)
        await pilot.press("end", "space", "x")  # within the debounce delay
        os.kill(os.getpid(), signal.SIGHUP)
        await pilot.pause()
    assert app.return_code == 128 + signal.SIGHUP
    assert Store(db_path).get(pm_id).title.endswith(" x")


async def test_ctrl_q_saves_before_quitting(db_path: Path) -> None:
    pm_id = seeded(db_path, phase="stage")
    app = RetroApp(db_path, pm_id=pm_id, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("end", "space", "y", "ctrl+q")
    assert app.return_code == 0
    assert Store(db_path).get(pm_id).title.endswith(" y")


async def test_damaged_database_is_one_line_and_exit_1(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_text("{not json")
    app = RetroApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
    assert app.return_code == 1
    assert app.error_line is not None and "damaged" in app.error_line
    assert "\n" not in app.error_line
    assert db_path.read_text() == "{not json"


async def test_unexpected_error_is_logged_and_the_draft_kept(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pm_id = seeded(db_path, phase="stage")

    def explode(self: StageScreen, *args: object) -> None:
        # Built at run time, so only a message or a local's value can show them.
        quoted = "-".join(("pager", "text"))
        raise RuntimeError("-".join(("boom", quoted)))

    app = RetroApp(db_path, pm_id=pm_id, clock=clock)
    with pytest.raises(RuntimeError):
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("end", "space", "z")
            monkeypatch.setattr(StageScreen, "_show_warnings", explode)
            await pilot.press("w")
            await pilot.pause()
    app.report_crash()  # what run_app does once the terminal is restored
    assert app.return_code == 1
    assert app.error_line is not None
    assert "RuntimeError: boom-pager-text" in app.error_line
    assert "\n" not in app.error_line
    assert app.error_line.endswith("your draft was saved")
    log = log_path(db_path).read_text()
    assert "Traceback" in log and "in explode" in log
    assert "RuntimeError (message left out)" in log
    # Neither the message nor the values of local variables reach the log.
    assert "pager-text" not in log and "locals" not in log
    assert Store(db_path).get(pm_id).title.endswith(" zw")


async def test_markup_in_user_text_shows_literally(db_path: Path) -> None:
    pm = incident()
    pm.title = "[bold]x[/] outage"
    pm.phase = "timeline"
    Store(db_path).add(pm)
    app = RetroApp(db_path, pm_id=pm.id, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        editor_input = app.screen.query_one(EventInput)
        editor_input.value = "15:00 [red]alarm[/]"
        await pilot.press("enter")
        await pilot.pause()
        assert "[bold]x[/] outage" in str(app.screen.query_one("#phase-title").render())
        assert "[red]alarm[/]" in app.export_screenshot()


def test_no_animations_unless_asked_for(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TEXTUAL_ANIMATIONS", raising=False)
    assert RetroApp(db_path).animation_level == "none"
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "full")
    # Textual read the variable when it was imported; it is left to decide.
    assert RetroApp(db_path).animation_level == constants.TEXTUAL_ANIMATIONS


async def test_printing_while_the_app_runs_does_not_crash_it(db_path: Path) -> None:
    # Textual captures stdout while it runs; a method of ours once replaced the
    # one it flushes with, and any print (a library's warning) crashed the app.
    app = RetroApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        print("a library's stray line", flush=True)
        await pilot.pause()
        assert app.is_running
    assert app.return_code != 1
