"""The newest postmortems of each index shard, kept beside the index for a
listing's first page.

``retro list`` in a terminal shows the newest screenful. Reading the whole
listing index for it costs what the store holds (8 MB at 20,000
postmortems); the newest ``TOP`` entries of every shard are enough, since
no shard can hold more than a page of the newest. So ``P.d/newest/NN.json``
keeps, for index shard NN, those entries, how many entries it has, the
ones it cannot list, and the identity (inode, size, mtime) of the shard's
file and log when they were taken: a shard a writer changed since is read
again, one file and its log.

Derived data only: written by readers, atomically, without fsync; one that
is missing, damaged or cannot be written (a read-only store) is answered
from the index itself. ``None`` tells the caller to read the whole index:
an older layout, a writer's pending journal, a damaged shard.
"""

from __future__ import annotations

import heapq
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from retrotui.errors import BadDocument, RetroError
from retrotui.storage.files import atomic_write
from retrotui.storage.layout import LIST, SHARDS, Layout
from retrotui.storage.listing import recency

# Entries kept per shard: the most a page can ask for this way.
TOP = 64


@dataclass
class Newest:
    """Candidates for the newest ``TOP`` (every one of those is here), how
    many postmortems are listed in all, and the unreadable ones."""

    by_key: dict[str, dict[str, Any]]
    count: int
    skipped: list[BadDocument]


def read_newest(layout: Layout) -> Newest | None:
    if layout.kind()[0] != "split" or layout.pending.exists():
        return None
    folder = layout.folder / "newest"
    by_key: dict[str, dict[str, Any]] = {}
    count = 0
    skipped = []
    for shard in range(SHARDS):
        part = _part(layout, folder, shard)
        if part is None:
            return None
        by_key.update(part["top"])
        count += part["count"]
        skipped += [BadDocument(pm_id, reason) for pm_id, reason in part["skipped"]]
    return Newest(by_key, count, skipped)


def _part(layout: Layout, folder: Path, shard: int) -> dict[str, Any] | None:
    try:
        with layout.shard_files(shard, LIST) as files:
            stamp = list(files.stamp)
            kept = _kept(folder / f"{shard:02d}.json")
            if kept is not None and kept.get("stamp") == stamp:
                return kept
            # The identity and the bytes of the same open files: a shard
            # changed after this read has another identity and is read again.
            data = files.read()
    except OSError:
        return None
    if data is None:
        return None
    listed = {k: e for k, e in data.items() if "unreadable" not in e}
    top = set(heapq.nlargest(TOP, listed, key=lambda k: recency(listed[k])))
    part = {
        "stamp": stamp,
        "count": len(listed),
        "skipped": [
            [e.get("id"), str(e["unreadable"])]
            for e in data.values()
            if "unreadable" in e
        ],
        # In the shard's order: ties between equal dates fall as they would
        # over the whole index.
        "top": {k: e for k, e in listed.items() if k in top},
    }
    # Without the lock: a writer clearing the temp folder may take this temp
    # file away, and the part is simply not kept this time (as on a
    # read-only store); one a killed reader leaves is cleared likewise.
    with suppress(OSError, RetroError):
        folder.mkdir(mode=0o700, exist_ok=True)
        atomic_write(
            folder / f"{shard:02d}.json", orjson.dumps(part), layout.tmp_dir, False
        )
    return part


def _kept(path: Path) -> dict[str, Any] | None:
    try:
        with open(path, "rb") as handle:
            kept = orjson.loads(handle.read())
    except (OSError, orjson.JSONDecodeError):
        return None
    good = (
        isinstance(kept, dict)
        and isinstance(kept.get("count"), int)
        and isinstance(kept.get("top"), dict)
        and all(isinstance(e, dict) for e in kept["top"].values())
        and isinstance(kept.get("skipped"), list)
        and all(isinstance(s, list) and len(s) == 2 for s in kept["skipped"])
    )
    return kept if good else None
