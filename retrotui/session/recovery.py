"""Recovery copies: a postmortem that could not be saved, kept in a file.

When the database cannot be written (disk full, read-only, permissions, a
lock held too long) and the user leaves anyway, or the terminal hangs up, the
document goes to ``~/.retro-recovery/<id>-<time>.json`` (folder 0700, file
0600, never following a link), in the export format ``retro import`` reads:
``retro import FILE --replace`` puts it back.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from retrotui.errors import StoreError, os_error_line

if TYPE_CHECKING:
    from retrotui.document.models import Postmortem

RECOVERY_ENV = "RETROTUI_RECOVERY_DIR"


def recovery_dir() -> Path:
    """``$RETROTUI_RECOVERY_DIR``, else ``~/.retro-recovery``."""
    chosen = os.environ.get(RECOVERY_ENV, "").strip()
    return Path(chosen).expanduser() if chosen else Path.home() / ".retro-recovery"


def save_recovery_copy(pm: Postmortem, folder: Path | None = None) -> Path:
    """Write ``pm`` to a new file only the user can read; its path.

    Raises ``StoreError`` (one line) when that cannot be written either.
    """
    folder = folder or recovery_dir()
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    path = folder / f"{pm.id}-{stamp}.json"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(path, flags, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(pm.model_dump_json(indent=2).encode())
            handle.write(b"\n")
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as error:
        raise StoreError(os_error_line(error, f"cannot write {path}")) from error
    return path
