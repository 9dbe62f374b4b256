"""A dropped SSH session: the real ``retro`` process on a terminal gets SIGHUP."""

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

from retrotui.store import Store

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


def test_sighup_on_a_real_terminal_saves_the_edit_and_exits(db_path: Path) -> None:
    pm = incident()
    pm.phase = "stage"
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
        read_until(fd, b"Set the stage", seen)
        os.write(fd, b" HUPPED")
        read_until(fd, b"HUPPED", seen)
        os.kill(pid, signal.SIGHUP)
        deadline = time.monotonic() + PATIENCE
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            assert time.monotonic() < deadline, "retro did not exit after SIGHUP"
            select.select([fd], [], [], 0.2)
            with contextlib.suppress(OSError):
                seen.extend(os.read(fd, 65536))
    finally:
        os.close(fd)
    assert os.WIFEXITED(status), "killed by the signal instead of exiting cleanly"
    assert os.waitstatus_to_exitcode(status) == 128 + signal.SIGHUP
    assert b"Traceback" not in seen
    stored = Store(db_path).get(pm.id)
    # Typed into the focused title field; the signal came before the autosave.
    assert stored.title.endswith("HUPPED")
