"""The store's lock: reentrant, per thread, and one with filelock's."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from retrotui.storage.lock import StoreLock, Timeout

HOLD = """
import sys, time
from filelock import FileLock
with FileLock(sys.argv[1]):
    print("held", flush=True)
    sys.stdin.readline()
"""


def test_reentrant_and_released_once_per_acquire(tmp_path: Path) -> None:
    lock = StoreLock(str(tmp_path / "db.lock"), timeout=0.2)
    lock.acquire()
    lock.acquire()
    assert lock.lock_counter == 2
    lock.release()
    other = StoreLock(str(tmp_path / "db.lock"), timeout=0.1)
    with pytest.raises(Timeout):
        other.acquire()  # still held once
    lock.release()
    other.acquire()
    other.release()


def test_a_filelock_in_another_process_is_waited_for(tmp_path: Path) -> None:
    path = tmp_path / "db.lock"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdin is not None
        assert holder.stdout.readline().strip() == "held"
        lock = StoreLock(str(path), timeout=0.2)
        with pytest.raises(Timeout):
            lock.acquire()
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(timeout=10)
        lock.timeout = 10
        lock.acquire()
        assert lock.lock_counter == 1
        lock.release()
    finally:
        holder.kill()
        holder.wait()


def test_two_threads_lock_each_other_out(tmp_path: Path) -> None:
    lock = StoreLock(str(tmp_path / "db.lock"), timeout=0.1)
    lock.acquire()
    seen: list[str] = []

    def other() -> None:
        try:
            lock.acquire()
        except Timeout:
            seen.append("timeout")

    thread = threading.Thread(target=other)
    thread.start()
    thread.join()
    lock.release()
    assert seen == ["timeout"]
