"""File operations every part of the store shares: atomic replace, the
read-only check, leftovers of killed writers, the lock file's folder."""

from __future__ import annotations

import os
import stat
import tempfile
from contextlib import suppress
from pathlib import Path

from retrotui.errors import StoreError, os_error_line

TMP_SUFFIX = ".tmp"


def tmp_prefix(target: Path) -> str:
    return f".{target.name}."


def refuse_read_only(path: Path) -> None:
    """A file the user made read-only (``chmod 400``) is not replaced.

    The atomic rename needs only the folder's permission, so without this a
    read-only file would silently be swapped for a writable one. The mode bits
    are read rather than ``os.access``, which says yes to root.
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise StoreError(os_error_line(error, f"cannot check {path}")) from error
    if not mode & stat.S_IWUSR:
        raise StoreError(
            f"{path} is read-only; nothing was saved (make it writable with "
            f"chmod u+w {path} to save changes)"
        )


def atomic_write(
    path: Path, payload: bytes, tmp_dir: Path | None = None, sync: bool = True
) -> None:
    """Replace ``path`` with ``payload``: temp file, fsync, rename.

    The old file stays whole on any failure; a kill leaves at most a temp file
    named ``.<name>.*.tmp`` in ``tmp_dir``, which ``remove_leftovers`` clears.
    """
    refuse_read_only(path)
    folder = tmp_dir or path.parent
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(
            dir=folder, prefix=tmp_prefix(path), suffix=TMP_SUFFIX
        )
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            if sync:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as error:
        if tmp:
            with suppress(OSError):
                os.unlink(tmp)
        if isinstance(error, OSError):
            line = os_error_line(
                error, f"cannot save {path}", "the file on disk is unchanged"
            )
            raise StoreError(line) from error
        raise


def fsync_folder(folder: Path) -> None:
    # Makes a rename durable; some filesystems refuse, which is fine.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_leftovers(folder: Path, name: str | None = None) -> None:
    """Delete temp files a killed writer left in ``folder`` (for ``name`` only,
    if given). Call only while holding the store's lock: every writer writes
    under it, so no temp file there belongs to a live writer (a reader keeping
    derived files, ``newest``, only loses one it would have kept)."""
    prefix = f".{name}." if name else "."
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(prefix) and entry.name.endswith(TMP_SUFFIX):
            with suppress(OSError):
                if entry.is_file(follow_symlinks=False):
                    os.unlink(entry.path)


def check_lock_file(lock_file: Path) -> None:
    """Fail at once where the lock file cannot be created (``/proc``, a folder
    in its place, no permission), instead of waiting out the lock timeout."""
    try:
        fd = os.open(lock_file, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    except OSError as error:
        raise StoreError(os_error_line(error, f"cannot lock {lock_file}")) from error
    os.close(fd)
