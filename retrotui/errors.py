"""Errors the front doors turn into one line for the user."""

import errno


class RetroError(Exception):
    """An operation was refused or failed; the message is for the user."""


class UsageError(RetroError):
    """The command line was wrong (exit status 2)."""


class StoreError(RetroError):
    """The database file cannot be used; the message names it."""


class StoreBusy(StoreError):
    """Another process held the store's lock longer than this caller waits.

    Nothing was read or written; trying again later is safe.
    """


class RevisionConflict(StoreError):
    """A save or delete expected revision N; the stored postmortem moved on.

    ``current`` is the stored data now (a dict as stored), or None when the
    postmortem was deleted meanwhile. Nothing was written.
    """

    def __init__(self, pm_id: str, expected: int, current: dict | None) -> None:
        self.pm_id = pm_id
        self.expected = expected
        self.current = current
        found = (
            "deleted"
            if current is None
            else f"at revision {current.get('revision', 0)}"
        )
        super().__init__(
            f"postmortem {pm_id} changed since it was read (revision {expected}, now {found})"
        )


class NotFound(RetroError):
    """No postmortem has the id asked for."""


class BadDocument(RetroError):
    """One postmortem (stored or imported) has content retro cannot read.

    Listings skip it and name it; nothing rewrites it.
    """

    def __init__(self, pm_id: object, reason: str) -> None:
        self.pm_id = short_repr(pm_id)
        self.reason = reason
        super().__init__(f"postmortem {self.pm_id}: {reason}")


def short_repr(value: object, limit: int = 40) -> str:
    """``value`` quoted for a message: control characters escaped, cut to ``limit``."""
    text = repr(value)
    return text if len(text) <= limit else f"{text[: limit - 4]}...{text[-1]}"


_ADVICE = {
    errno.ENOSPC: "free some space and try again",
    errno.EDQUOT: "free some space (the disk quota is full) and try again",
    errno.EROFS: "give --db a path on a writable file system",
    errno.EACCES: "check its permissions",
    errno.EPERM: "check its permissions",
    errno.EISDIR: "a folder is where a file belongs; move it aside",
    errno.ENOTDIR: "a file is where a folder belongs; move it aside",
}


def os_error_line(error: OSError, what: str = "", note: str = "") -> str:
    """One line for a failed file operation: what failed, why, what to do."""
    where = what or (f"{error.filename}" if error.filename else "a file operation")
    parts = [f"{where}: {error.strerror or error.__class__.__name__}", note]
    parts.append(_ADVICE.get(error.errno or 0, ""))
    return "; ".join(part for part in parts if part)
