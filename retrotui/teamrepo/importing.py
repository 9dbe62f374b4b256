"""Bringing what others pushed into the local store.

For each postmortem file that changed between the commit the store was last
in step with (``since``) and now: a postmortem the store lacks is added; one
the store still has as it was at ``since`` takes the repository's version;
one edited here meanwhile is merged (the same rules as two local editors).
This host's own fields (place in the interview, unsent text) are kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from retrotui.session.documents import merge_postmortems
from retrotui.teamrepo import deleting, layout
from retrotui.teamrepo.git import cat_files, out

if TYPE_CHECKING:
    from retrotui.document.models import Postmortem
    from retrotui.storage.store import Store


def changed_files(clone: Path, since: str | None, until: str) -> list[str]:
    """Postmortem JSON files that differ between ``since`` and ``until``."""
    if since is None:
        listing = out(clone, "ls-tree", "-r", "--name-only", until, "--", layout.FOLDER)
    else:
        listing = out(
            clone,
            "diff",
            "--name-only",
            "--no-renames",
            since,
            until,
            "--",
            layout.FOLDER,
        )
    return [p for p in listing.splitlines() if p.endswith(".json")]


def read_all(clone: Path, commit: str | None, paths: list[str]) -> list[bytes | None]:
    """Each path's bytes at ``commit`` (None: not there), in one git process."""
    if commit is None:
        return [None] * len(paths)
    return cat_files(clone, [f"{commit}:{path}" for path in paths])


def check_files(clone: Path, commit: str, paths: list[str]) -> None:
    """Refuse a damaged file before anything is merged or imported."""
    for path, raw in zip(paths, read_all(clone, commit, paths), strict=True):
        if raw is not None:
            layout.parse(raw, f"{path} in the team repository")


@dataclass
class Imported:
    """What one import brought into the store."""

    ids: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def import_changes(
    store: Store, clone: Path, since: str | None, until: str
) -> Imported:
    """Bring files changed in ``since..until`` into ``store``.

    A file deleted in the repository deletes the store's copy only when
    that copy is what the repository held at ``since``; an edited copy is
    kept (``deleting`` has the rules).
    """
    paths = changed_files(clone, since, until)
    incoming, removed = [], []
    now, before = read_all(clone, until, paths), read_all(clone, since, paths)
    for path, raw, base in zip(paths, now, before, strict=True):
        if raw is not None:
            incoming.append((layout.parse(raw, path), base))
        elif base is not None:
            removed.append((layout.parse(base, path), base))
    done = Imported()
    with store.transaction():
        taken = [_take(store.stored(pm.id), pm, base) for pm, base in incoming]
        new = [pm for pm in taken if pm is not None]
        if new:
            store.put_many(new, replace=True)  # one write of the index for all
        done.ids += [pm.id for pm in new]
        for gone, base_raw in removed:
            _drop(store, gone, orjson.loads(base_raw), done)
    return done


def _drop(
    store: Store, gone: Postmortem, base_doc: dict[str, Any], done: Imported
) -> None:
    stored = store.stored(gone.id)
    if stored is None:
        return  # deleted here too
    mine = layout.parse(orjson.dumps(stored), "the local store")
    if layout.shared_doc(mine) != base_doc:
        done.kept.append(
            deleting.kept_line(gone.id, mine.title, "in the team repository")
        )
        return
    store.delete(gone.id)  # under the transaction's lock: nobody wrote since
    done.deleted.append(f"{gone.id} {gone.title[:50]!r}")


def _take(
    stored: dict[str, Any] | None, theirs: Postmortem, base_raw: bytes | None
) -> Postmortem | None:
    """The version to store, or None when the store has it already."""
    if stored is None:
        return theirs
    mine = layout.parse(orjson.dumps(stored), "the local store")
    mine_doc, theirs_doc = layout.shared_doc(mine), layout.shared_doc(theirs)
    if mine_doc == theirs_doc:
        return None
    base_doc = orjson.loads(base_raw) if base_raw is not None else {}
    if mine_doc == base_doc:
        result = theirs
    else:
        merged, _ = merge_postmortems(base_doc, mine_doc, theirs_doc)
        merged["updated"] = max(str(mine_doc["updated"]), str(theirs_doc["updated"]))
        result = layout.parse(orjson.dumps(merged), theirs.id)
    own = {key: getattr(mine, key) for key in ("phase", "unsent")}
    return result.model_copy(update=own)
