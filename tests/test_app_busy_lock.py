"""Another process holds the database's lock: the app says so at once, never
freezes, keeps the edit, and offers ways out (issue 11)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from factories import incident, notices, open_at, settle
from textual.pilot import Pilot

from retrotui.errors import StoreBusy
from retrotui.session.session import Session
from retrotui.storage.store import Store
from screens.unsaved import UnsavedScreen
from shell import saving

HOLD = (
    "import sys\n"
    "from filelock import FileLock\n"
    "lock = FileLock(sys.argv[1])\n"
    "lock.acquire()\n"
    "print('held', flush=True)\n"
    "sys.stdin.read()\n"
)


class HeldLock:
    """The store's lock held by a second process until ``release``."""

    def __init__(self, db_path: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", HOLD, f"{db_path}.lock"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        assert self.process.stdout.readline().strip() == "held"

    def release(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.close()
            self.process.wait()


@pytest.fixture
def hold_lock(db_path: Path) -> Iterator[Callable[..., HeldLock]]:
    """Start holding the lock of ``db_path`` (or another database's)."""
    held: list[HeldLock] = []

    def start(path: Path = db_path) -> HeldLock:
        held.append(HeldLock(path))
        return held[-1]

    yield start
    for lock in held:
        lock.release()


@pytest.fixture
def rescue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder recovery copies go to in this test."""
    monkeypatch.setenv("RETROTUI_RECOVERY_DIR", str(tmp_path / "rescue"))
    return tmp_path / "rescue"


async def until(pilot: Pilot[int], ready: Callable[[], bool]) -> None:
    """Pause until ``ready()``; bounded in rounds, not in seconds."""
    for _ in range(200):
        if ready():
            return
        await pilot.pause(0.05)
    raise AssertionError("never became ready")


def said(told: list[str], words: str) -> bool:
    return any(words in message for message in told)


def test_a_busy_store_refuses_with_busy_and_the_session_keeps_the_edit(
    db_path: Path, hold_lock: Callable[..., HeldLock]
) -> None:
    Store(db_path).add(incident())
    session = Session(Store(db_path, lock_timeout=0.2))
    pm = session.open("k7m2qx")
    session.edit(pm.model_copy(update={"summary": "Kept while the lock is busy"}))
    lock = hold_lock()
    with pytest.raises(StoreBusy) as busy:
        session.save()
    assert "delete" not in str(busy.value) and "busy" in str(busy.value)
    assert session.dirty
    lock.release()
    assert session.save().saved
    assert Store(db_path).get("k7m2qx").summary == "Kept while the lock is busy"


async def test_autosave_waits_for_the_lock_without_freezing_and_saves_after(
    db_path: Path, hold_lock: Callable[..., HeldLock], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = open_at(db_path, incident(), "stage")
    # Kept as raised: a notice leaves app._notifications once its seconds
    # have passed, which a loaded machine can spend between two looks.
    told = notices(app, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        lock = hold_lock()
        await pilot.press("end", "space", "x")
        await until(pilot, lambda: said(told, "Waiting for another retro"))
        # Still typing while the save waits: the keys land at once.
        await pilot.press("y")
        await until(pilot, lambda: app.keys_waiting == 0)
        assert app.focused.value.endswith(" xy")  # type: ignore[union-attr]
        assert app.session.dirty
        lock.release()
        await until(pilot, lambda: said(told, "database is free again"))
    assert Store(db_path).get("k7m2qx").title.endswith(" xy")


async def test_quit_on_a_busy_lock_asks_at_once_and_leaves_once_it_is_free(
    db_path: Path, hold_lock: Callable[..., HeldLock], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = open_at(db_path, incident(), "stage")
    told = notices(app, monkeypatch)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("end", "space", "x")
        await settle(pilot)
        lock = hold_lock()
        await pilot.press("end", "space", "q")
        await until(pilot, lambda: said(told, "Waiting for another retro"))
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, UnsavedScreen))
        # The autosave's notice no longer lies over the question's box.
        await pilot.pause()
        assert not app.screen.query("Toast")
        reason = app.screen.reason  # type: ignore[attr-defined]
        assert "holds the database's lock" in reason and "delete" not in reason
        # Keep editing: back on the step, and the edit is still there.
        await pilot.press("k")
        assert not isinstance(app.screen, UnsavedScreen)
        assert app.focused.value.endswith(" x q")  # type: ignore[union-attr]
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, UnsavedScreen))
        lock.release()
        # The question closes by itself once the save went through.
        await until(pilot, lambda: app.return_code is not None)
    assert app.return_code == 0
    assert Store(db_path).get("k7m2qx").title.endswith(" x q")


async def test_quit_on_a_busy_lock_can_keep_a_recovery_copy(
    db_path: Path, hold_lock: Callable[..., HeldLock], rescue: Path
) -> None:
    app = open_at(db_path, incident(), "stage")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        hold_lock()
        await pilot.press("end", "space", "c", "ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, UnsavedScreen))
        await pilot.press("c")
        await until(pilot, lambda: app.return_code is not None)
    assert app.return_code == 0
    [copy] = rescue.iterdir()
    assert "promotion c" in copy.read_text()
    assert str(copy) in (app.error_line or "")


def test_snapshot_the_busy_question_at_80x24(  # type: ignore[no-untyped-def]
    snap_compare,
    tmp_path: Path,
    hold_lock: Callable[..., HeldLock],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Paths on screen are the same on every run: relative, and a fixed folder.
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RETROTUI_RECOVERY_DIR", "/home/sre/.retro-recovery")
    # The question alone: when more than the autosave's delay passed between
    # the typed keys and ctrl+q (a loaded machine), the autosave found the
    # lock busy and its 'Waiting for another retro' toast covered the box.
    monkeypatch.setattr(saving, "SAVE_DELAY", 600.0)
    app = open_at(Path("db.json"), incident(), "stage")

    async def quit_while_busy(pilot: Pilot[int]) -> None:
        await settle(pilot)
        hold_lock(Path("db.json"))
        await pilot.press("end", "space", "x", "ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, UnsavedScreen))

    assert snap_compare(app, terminal_size=(80, 24), run_before=quit_while_busy)


async def test_a_hang_up_on_a_busy_lock_keeps_the_edit_in_a_recovery_copy(
    db_path: Path, hold_lock: Callable[..., HeldLock], rescue: Path
) -> None:
    app = open_at(db_path, incident(), "stage")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        hold_lock()
        await pilot.press("end", "space", "h")
        app.hang_up()
        await until(pilot, lambda: app.return_code is not None)
    [copy] = rescue.iterdir()
    assert "promotion h" in copy.read_text()
    assert f"retro import {copy} --replace" in (app.error_line or "")
