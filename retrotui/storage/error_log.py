"""``retro-errors.log``: what went wrong, for whoever debugs it, kept private.

The log sits next to the database, often in a shared folder: it is created
0600, never through a symlink (a planted link could make retro append to
another file), never into another user's file, and it carries where the code
failed but not exception messages, which may quote a postmortem.
"""

from __future__ import annotations

import errno
import os
import stat
import traceback
from datetime import datetime, timezone
from pathlib import Path

from retrotui.storage.paths import log_path

_FLAGS = (
    os.O_WRONLY
    | os.O_APPEND
    | os.O_CREAT
    | os.O_NOFOLLOW
    | os.O_CLOEXEC
    # A FIFO planted at the path must not block retro: it fails instead.
    | os.O_NONBLOCK
)


def append(db_path: Path | None, text: str) -> Path:
    """Append ``text`` with a timestamp to the log of ``db_path``; its path.

    Raises OSError when the log cannot be written safely.
    """
    path = log_path(db_path)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, _FLAGS, 0o600)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid():
            raise OSError(errno.EPERM, "not a file of this user", str(path))
        if info.st_mode & 0o077:
            os.fchmod(fd, 0o600)
        stamp = datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")
        os.write(fd, f"{stamp} {text}\n".encode("utf-8", "backslashreplace"))
    finally:
        os.close(fd)
    return path


def crash_report(error: BaseException) -> str:
    """The traceback of ``error`` and of its causes, without their messages:
    the frames say where it broke; a message may quote a postmortem."""
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and all(current is not seen for seen in chain):
        chain.append(current)
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )
    lines: list[str] = []
    for exc in reversed(chain):
        lines.append("Traceback (most recent call last):\n")
        lines.extend(traceback.format_tb(exc.__traceback__))
        kind = type(exc)
        code = f" [Errno {exc.errno}]" if isinstance(exc, OSError) else ""
        lines.append(
            f"{kind.__module__}.{kind.__qualname__}{code} (message left out)\n"
        )
    return "".join(lines).rstrip()
