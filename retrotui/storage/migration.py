"""From an older retro's single JSON file to one file per postmortem.

Runs on first use, under the store's lock. The single file stays the truth
until the very last step: a backup copy is written, the new layout is built
in a fresh folder beside it, renamed into place, and only then is the single
file replaced by the layout marker. Interrupted anywhere, the next use finds
the single file still there and starts over (a half-built folder is
discarded); nothing is lost. A damaged file is reported and left untouched.
"""

from __future__ import annotations

import os
import shutil
from datetime import datetime, timezone
from pathlib import Path

import orjson

from retrotui.errors import StoreError, os_error_line
from retrotui.storage import notices
from retrotui.storage.file_format import TABLE, parse
from retrotui.storage.files import (
    atomic_write,
    fsync_folder,
    refuse_read_only,
    remove_leftovers,
)
from retrotui.storage.layout import (
    MARKER_START,
    PARTS,
    SHARDS,
    Layout,
    index_entry,
    marker,
    shard_of,
)

# A single file this big takes a while to move (0.4 s at 13 MB, 13 s at
# 260 MB): the user is told first (``notices``), or a command or home sits
# silent, home showing no postmortem at all.
TOLD_FROM = 10_000_000


def moving_size(path: Path) -> int:
    """The size of the single file at ``path`` its next use moves to one
    file per postmortem, if big enough to tell (``TOLD_FROM``); else 0."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(MARKER_START))
            size = os.fstat(handle.fileno()).st_size
    except OSError:
        return 0
    if head == MARKER_START or size < TOLD_FROM:
        return 0
    return size


def moving_line(path: Path, size: int) -> str:
    return (
        f"Moving {path.name} ({size / 1e6:,.0f} MB) to one file per postmortem, "
        "once (backup kept)..."
    )


def backup_path(path: Path, raw: bytes) -> Path:
    """Where the single file is kept: ``<name>.single-file.bak``, or a dated
    name if a different backup is already there."""
    plain = path.with_name(f"{path.name}.single-file.bak")
    try:
        if not plain.exists() or plain.read_bytes() == raw:
            return plain
    except OSError:
        pass
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
    return path.with_name(f"{path.name}.single-file-{stamp}.bak")


def migrate_single_file(layout: Layout, raw: bytes) -> None:
    """Split the single-file database at ``layout.path`` (its bytes ``raw``)."""
    table = parse(layout.path, raw)[TABLE]
    refuse_read_only(layout.path)
    if notices.moving is not None and len(raw) >= TOLD_FROM:
        notices.moving(moving_line(layout.path, len(raw)))
    building = layout.folder.with_name(f"{layout.folder.name}.new")
    try:
        for leftover in (building, layout.folder):
            # The single file is still the truth: these are half-built copies.
            if leftover.exists():
                shutil.rmtree(leftover)
        backup = backup_path(layout.path, raw)
        atomic_write(backup, raw)
        new = Layout(layout.path)
        new.folder = building
        new.index_dir = building / "index"
        new.tmp_dir = building / "tmp"
        for folder in (building, new.index_dir, new.tmp_dir):
            folder.mkdir(mode=0o700)
        shards: list[dict] = [{part: {} for part in PARTS} for _ in range(SHARDS)]
        for key, doc in table.items():
            # Documents as stored, not migrated: their content is never rewritten.
            payload = orjson.dumps({TABLE: {key: doc}})
            atomic_write(new.doc_file(key), payload, new.tmp_dir, sync=False)
            for part, value in index_entry(doc).items():
                if value is not None:
                    shards[shard_of(key)][part][key] = value
        for shard, parts in enumerate(shards):
            for part, entries in parts.items():
                path = new.shard_file(shard, part)
                atomic_write(path, orjson.dumps(entries), new.tmp_dir, False)
        os.sync()  # every file above is on disk before the layout goes live
        building.rename(layout.folder)
        fsync_folder(layout.path.parent)
        atomic_write(layout.path, marker(), layout.path.parent)
        fsync_folder(layout.path.parent)
    except OSError as error:
        raise StoreError(
            os_error_line(
                error,
                f"cannot move {layout.path} to one file per postmortem",
                "the database file is unchanged",
            )
        ) from error
    remove_leftovers(layout.path.parent, layout.path.name)
