"""A wait for the term index built apart ends when the app no longer wants
it: a quitting app's process is not kept alive until the build ends."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from factories import as_a_large_store, held_builds, incident, settle

import retrotui.learning.index_build as index_build
from retrotui.app import RetroApp
from retrotui.storage.store import Store


def test_a_cancelled_wait_returns_and_leaves_the_build_running(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = tmp_path / "go"
    held_builds(monkeypatch, gate)
    Store(db_path).add(incident())
    looks = []

    def cancelled() -> bool:
        looks.append(1)
        return len(looks) > 2

    assert index_build.wait_built(db_path, cancelled) is False
    build = index_build.build_apart(db_path)
    assert build.poll() is None  # still building, for the next one to use
    gate.touch()
    assert index_build.wait_built(db_path, lambda: False) is True
    assert build.returncode == 0


def waiting() -> list[threading.Thread]:
    """Threads running home's ``_build_index`` (its worker waiting for a
    build)."""
    import sys

    frames = sys._current_frames()
    found = []
    for thread in threading.enumerate():
        frame = frames.get(thread.ident or -1)
        while frame is not None:
            code = frame.f_code
            if code.co_name == "_build_index" and code.co_filename.endswith(
                str(Path("screens", "home.py"))
            ):
                found.append(thread)
                break
            frame = frame.f_back
    return found


async def test_quitting_home_while_its_filter_waits_for_a_build(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import screens.home_data

    Store(db_path).add(incident())
    as_a_large_store(monkeypatch, db_path)
    monkeypatch.setattr(screens.home_data, "READ_HERE", 0)
    held_builds(monkeypatch, tmp_path / "go")  # never let go: a long build
    app = RetroApp(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"kafka")
        for _ in range(500):
            await pilot.pause(0.01)
            if waiting():
                break
        assert waiting(), "home's filter never waited for the build"
    # The app has quit: its worker stops waiting within a look or two.
    for _ in range(100):
        if not waiting():
            break
        time.sleep(index_build.WAKE / 2)
    assert not waiting()
    build = index_build.build_apart(db_path)
    assert build.poll() is None
    build.kill()
    build.wait()
