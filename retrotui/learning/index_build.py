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
from contextlib import suppress
from pathlib import Path

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
