"""Bringing the term index in step in a process of its own.

The first full-text search over a large store reads every document (about a
minute at 20,000 postmortems). Done in one of the app's threads it held the
interpreter's lock, so typing lagged the whole time; another process costs
the app nothing but a core it mostly leaves idle, and runs at a lower
priority. It commits shard by shard (``TermIndex.sync``): stopped half way,
the next one goes on from there.

    python -m retrotui.learning.index_build DATABASE
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
# Documents the term index may be behind by and still be brought in step in
# the app's worker asking for it (a second or two); more are left to
# ``build_apart``, and the worker waits for that process instead.
READ_HERE = 200

# One build a database at a time from this process; a second screen asking
# for the same database waits for the same build.
_BUILDS: dict[Path, subprocess.Popen[bytes]] = {}
_STARTING = threading.Lock()


def build_apart(db_path: Path) -> subprocess.Popen[bytes]:
    """The process bringing ``db_path``'s term index in step, started if it
    is not running. Its end (``wait``) means the index is as in step as it
    can be kept; a folder retro may not write in just ends it early."""
    with _STARTING:
        running = _BUILDS.get(db_path)
        if running is not None and running.poll() is None:
            return running
        process = subprocess.Popen(
            [sys.executable, "-m", "retrotui.learning.index_build", str(db_path)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            # Not the terminal's: Ctrl-C or a hang-up of the app does not stop
            # it half way through a shard (it would be resumed anyway).
            start_new_session=True,
        )
        _BUILDS[db_path] = process
        return process


def wait_built(db_path: Path, cancelled: Callable[[], bool]) -> bool:
    """Wait for ``db_path``'s build apart (``build_apart``) to end: True;
    False as soon as ``cancelled()``, the build left running. A worker thread
    left waiting kept a quitting app's process alive, its terminal blank,
    until the build ended (minutes at 20,000 postmortems)."""
    process = build_apart(db_path)
    while True:
        try:
            process.wait(timeout=WAKE)
            return True
        except subprocess.TimeoutExpired:
            if cancelled():
                return False


# Seconds between looks at whether a wait for a build was cancelled.
WAKE = 0.2


def when_built(
    db_path: Path,
    lookup: Callable[[int], T],
    building: Callable[[], object],
    cancelled: Callable[[], bool],
) -> T | None:
    """``lookup(READ_HERE)`` (a term index lookup given ``most``); when the
    index is further behind than that, ``building()`` is told, the index is
    built apart (``build_apart``) and the lookup asked once more: each call
    reads at most ``READ_HERE`` documents in this process. None when
    ``cancelled()`` once the build ended; ``term_index.Behind`` when the
    build could not bring the index in step (stopped, killed)."""
    from retrotui.learning.term_index import Behind

    running = _BUILDS.get(db_path)
    # While a build runs, not looked up to find it behind again: that reads
    # every shard of the summary index (0.2 s of this process at 20,000).
    if running is None or running.poll() is not None:
        try:
            return lookup(READ_HERE)
        except Behind:
            pass
    building()
    if not wait_built(db_path, cancelled) or cancelled():
        return None
    return lookup(READ_HERE)


def main(argv: list[str]) -> int:
    from retrotui.learning.term_index import open_index
    from retrotui.storage.store import Store

    if len(argv) != 1:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    with suppress(OSError):  # else as fast as anything else
        os.nice(10)
    index = open_index(Store(Path(argv[0])))
    if index is None:
        return 1
    index.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
