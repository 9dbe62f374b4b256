"""Deletions: a postmortem removed on one side is removed on the other.

The store is in step with the clone's last synced commit (every file the
repository held there was imported), so a file in the clone whose id the
store no longer has was deleted here since: the sync removes its JSON and
report from the repository, in its commit, by name. A file someone removed
from the repository is removed from the store when the store's copy is
still what the repository held; a copy edited here since is kept and shared
again. Deleted on one side and edited on the other, the edit is kept, and
the sync says so: a deletion is never silent, and never undoes an edit.
"""

from __future__ import annotations

from pathlib import Path

import orjson

from retrotui.teamrepo import layout
from retrotui.teamrepo.git import git


def deleted_here(clone: Path, known: set[str]) -> dict[str, str]:
    """``{id: json path}`` of the clone's postmortems the store no longer has."""
    return {
        pm_id: path
        for pm_id, path in layout.existing_paths(clone).items()
        if pm_id not in known
    }


def remove(clone: Path, gone: dict[str, str]) -> list[str]:
    """Remove each postmortem's two files from the clone; ``delete`` lines."""
    changes = []
    for pm_id, path in sorted(gone.items()):
        title = title_of((clone / path).read_bytes())
        git(clone, "rm", "-q", "--ignore-unmatch", "--", path, layout.md_path(path))
        changes.append(f"delete {pm_id} {title[:50]!r}")
    return changes


def kept_line(pm_id: str, title: str, where: str) -> str:
    """What the sync says when an edit outlives a deletion."""
    return (
        f"{pm_id} {title[:50]!r}: deleted {where} but edited on the other side; "
        "the edit is kept (delete it again if it should go)"
    )


def title_of(raw: bytes | None) -> str:
    """The title in a postmortem file, for messages ('' if it has none)."""
    try:
        data = orjson.loads(raw or b"")
    except orjson.JSONDecodeError:
        return ""
    return str(data.get("title", "")) if isinstance(data, dict) else ""
