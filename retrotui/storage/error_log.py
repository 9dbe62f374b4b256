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

from retrotui.errors import RetroError
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


def record(db_path: Path | None, text: str) -> str:
    """Append ``text`` to the log of ``db_path``; where it went, for the end
    of a one-line error message. Never raises: the error being reported
    matters more than the log."""
    try:
        path = append(db_path, text)
    except (OSError, RetroError) as failure:
        return f"no details: the error log could not be written: {failure}"
    return f"details in {path}"


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


# Textual's rendering of an unhandled exception: Rich panels of frames, each
# panel followed by the exception's "Type: message" line(s).
_BOX = ("\u256d", "\u2502", "\u2570")  # the panel's left edge: top, side, bottom
_CHAINED = ("The above exception", "During handling of the above exception")


def rendered_crash_report(rendered: str) -> tuple[str, str]:
    """From the traceback Textual printed for an unhandled exception: the
    report for the log (frames and code, no locals, no message) and the last
    ``Type: message`` line, for the user's terminal."""
    kept: list[str] = []
    last = ""
    in_locals = after_panel = False
    for line in rendered.splitlines():
        inner = line[1:].strip() if line.startswith("\u2502") else ""
        if in_locals:
            in_locals = not inner.startswith("\u2570")
            continue
        if inner.startswith("\u256d") and " locals " in inner:
            in_locals = True
            continue
        if line.startswith(_BOX):
            kept.append(line.rstrip())
            after_panel = line.startswith("\u2570")
            continue
        if after_panel and line.strip():
            # The exception's own line: its type is kept, its message (which
            # may quote a postmortem) only goes to the terminal.
            last = line.strip()
            kind = last.split(":", 1)[0] if ":" in last else last
            kept.append(f"{kind} (message left out)")
            after_panel = False
        elif line.startswith(_CHAINED):
            kept.append(line.strip())
    return "\n".join(kept).strip(), last
