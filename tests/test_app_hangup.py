"""The real ``retro`` process on a terminal: a dropped SSH session, a fast quit."""

from __future__ import annotations

import contextlib
import os
import pty
import select
import signal
import sys
import time
from pathlib import Path

from factories import incident

from retrotui.document.models import Postmortem
from retrotui.storage.store import Store

# Generous: these machines are shared; this bounds a hang, it times nothing.
PATIENCE = 60.0


def read_until(fd: int, needle: bytes, seen: bytearray) -> None:
    deadline = time.monotonic() + PATIENCE
    while needle not in seen:
        assert time.monotonic() < deadline, (
            f"never saw {needle!r}: {bytes(seen[-400:])!r}"
        )
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                seen.extend(os.read(fd, 65536))
            except OSError:
                break


def run_on_a_terminal(
    db_path: Path,
    keys: bytes,
    hang_up: bool,
    phase: str = "stage",
    ready: bytes = b"Set the stage",
    close_terminal: bool = False,
) -> tuple[int, Postmortem]:
    """Open a stored draft at ``phase``, type ``keys``; (exit code, what was saved).

    ``close_terminal`` hangs up the way a dropped SSH session does: the
    terminal itself goes away (the kernel sends SIGHUP and every later write
    to it fails), not just a signal to a process whose terminal still works."""
    pm = incident()
    pm.phase = phase
    pm.title = "Checkout"
    Store(db_path).add(pm)
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}
    pid, fd = pty.fork()
    if pid == 0:  # the child: retro on the pty, as over SSH
        os.execvpe(
            sys.executable,
            [sys.executable, "-m", "retrotui.cli", "--db", str(db_path), "open", pm.id],
            env,
        )
    seen = bytearray()
    try:
        read_until(fd, ready, seen)
        os.write(fd, keys)
        if hang_up:
            read_until(fd, b"EDITED", seen)
            if close_terminal:
                os.close(fd)
                fd = -1
            else:
                os.kill(pid, signal.SIGHUP)
        deadline = time.monotonic() + PATIENCE
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            assert time.monotonic() < deadline, "retro did not exit"
            if fd < 0:
                time.sleep(0.2)
                continue
            select.select([fd], [], [], 0.2)
            with contextlib.suppress(OSError):
                seen.extend(os.read(fd, 65536))
    finally:
        if fd >= 0:
            os.close(fd)
    assert os.WIFEXITED(status), "killed by a signal instead of exiting cleanly"
    assert b"Traceback" not in seen
    return os.waitstatus_to_exitcode(status), Store(db_path).get(pm.id)


def test_sighup_right_after_typing_saves_the_edit_and_exits(db_path: Path) -> None:
    code, pm = run_on_a_terminal(db_path, b" EDITED", hang_up=True)
    assert code == 128 + signal.SIGHUP
    # Typed into the focused title field; the signal came before the autosave.
    assert pm.title.endswith("EDITED")


def test_a_terminal_that_goes_away_saves_the_edit_and_the_process_ends(
    db_path: Path,
) -> None:
    # Seen on a jump host: after the pty was destroyed the app saved, then hung
    # for good in the terminal driver's shutdown, one orphan per dropped session.
    code, pm = run_on_a_terminal(db_path, b" EDITED", hang_up=True, close_terminal=True)
    assert code == 128 + signal.SIGHUP
    assert pm.title.endswith("EDITED")


def test_ctrl_q_in_the_same_burst_as_the_typing_keeps_the_edit(db_path: Path) -> None:
    code, pm = run_on_a_terminal(db_path, b" EDITED\x11", hang_up=False)
    assert code == 0
    assert pm.title.endswith("EDITED")


def test_sighup_keeps_an_answer_typed_but_not_added(db_path: Path) -> None:
    code, pm = run_on_a_terminal(
        db_path,
        b"Failover runbook was EDITED",
        hang_up=True,
        phase="insights",
        ready=b"Insights",
    )
    assert code == 128 + signal.SIGHUP
    assert pm.unsent == {
        "insights:insights-input@went_well": "Failover runbook was EDITED"
    }
