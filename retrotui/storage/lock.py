"""The store's cross-process lock: ``flock`` on ``P.lock``, reentrant, with
a timeout.

What ``filelock.FileLock`` does on Unix, and interoperable with it (both lock
the same file with ``flock``), without its import: filelock brings logging,
inspect and more, about 60 ms, over half of what ``retro note`` may take.
Held per thread, as FileLock is by default: two threads of one process lock
each other out like two processes.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time

POLL = 0.05


class Timeout(Exception):  # noqa: N818 (the name filelock gives it)
    """The lock was not had within the timeout."""


class StoreLock:
    def __init__(self, lock_file: str, timeout: float, mode: int = 0o600) -> None:
        self.lock_file = lock_file
        self.timeout = timeout
        self.mode = mode
        self.held = threading.local()

    @property
    def lock_counter(self) -> int:
        return getattr(self.held, "count", 0)

    def acquire(self) -> None:
        if self.lock_counter:
            self.held.count += 1
            return
        deadline = time.monotonic() + self.timeout
        while True:
            fd = os.open(self.lock_file, os.O_RDWR | os.O_CREAT, self.mode)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                if time.monotonic() >= deadline:
                    raise Timeout(self.lock_file) from None
                time.sleep(POLL)
                continue
            except BaseException:
                os.close(fd)
                raise
            if os.fstat(fd).st_nlink == 0:
                os.close(fd)  # removed while we waited: lock the new one
                continue
            self.held.fd = fd
            self.held.count = 1
            return

    def release(self) -> None:
        if not self.lock_counter:
            return
        self.held.count -= 1
        if self.held.count == 0:
            fd = self.held.fd
            try:
                fcntl.flock(fd, fcntl.LOCK_UN)
            finally:
                os.close(fd)
