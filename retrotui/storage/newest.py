"""The newest postmortems of each index shard, kept beside the index for a
listing's first page.

``retro list`` in a terminal shows the newest screenful, and home first
shows a page in its own order (drafts first: ``listing.home_order``).
Reading the whole listing index for it costs what the store holds (8 MB at
20,000 postmortems); the first ``TOP`` entries of every shard in each order
are enough, since no shard can hold more than a page of the first. So
``P.d/newest/NN.json`` keeps, for index shard NN, those entries (the newest
by ``recency``, and the first in home's order of its team retrospectives
and of the rest: the sets mostly overlap), how many entries, drafts and
retrospectives it has, the ones it cannot list, and the identity (inode,
size, mtime) of the shard's file and log when they were taken: a shard a
writer changed since is read again, one file and its log.

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
from retrotui.storage.listing import DRAFT, RETRO, compact, home_rank, recency

# Entries kept per shard in each order: the most a page can ask for this way.
TOP = 64
# What a kept file holds; one of another version is read again.
VERSION = 2


@dataclass
class Newest:
    """Candidates for the newest ``TOP`` and for home's first ``TOP`` of
    each list (every one of those is here, in index order), how many
    postmortems, drafts and retrospectives are listed in all, and the
    unreadable ones."""

    by_key: dict[str, dict[str, Any]]
    count: int
    skipped: list[BadDocument]
    drafts: int = 0
    retros: int = 0


def read_newest(layout: Layout) -> Newest | None:
    if layout.kind()[0] != "split" or layout.pending.exists():
        return None
    folder = layout.folder / "newest"
    by_key: dict[str, dict[str, Any]] = {}
    newest = Newest(by_key, 0, [])
    for shard in range(SHARDS):
        part = _part(layout, folder, shard)
        if part is None:
            return None
        by_key.update((key, compact(e)) for key, e in part["top"].items())
        newest.count += part["count"]
        newest.drafts += part["drafts"]
        newest.retros += part["retros"]
        newest.skipped += [BadDocument(pm_id, r) for pm_id, r in part["skipped"]]
    return newest


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
    retros = [k for k, e in listed.items() if e.get("kind") == RETRO]
    rest = [k for k, e in listed.items() if e.get("kind") != RETRO]
    # nlargest keeps equal ones in the order given, as a stable sort does.
    top = set(heapq.nlargest(TOP, listed, key=lambda k: recency(listed[k])))
    for keys in (retros, rest):
        top.update(heapq.nlargest(TOP, keys, key=lambda k: home_rank(listed[k])))
    part = {
        "version": VERSION,
        "stamp": stamp,
        "count": len(listed),
        "drafts": sum(e.get("status") == DRAFT for e in listed.values()),
        "retros": len(retros),
        "skipped": [
            [e.get("id"), str(e["unreadable"])]
            for e in data.values()
            if "unreadable" in e
        ],
        # In the shard's order: ties between equal dates fall as they would
        # over the whole index.
        "top": {k: e for k, e in listed.items() if k in top},
    }
    keep(layout, folder / f"{shard:02d}.json", part)
    return part


def keep(layout: Layout, path: Path, part: dict[str, Any]) -> None:
    """Write a kept part, if it can be (in ``path``'s folder, made private)."""
    # Without the lock: a writer clearing the temp folder may take this temp
    # file away, and the part is simply not kept this time (as on a
    # read-only store); one a killed reader leaves is cleared likewise.
    with suppress(OSError, RetroError):
        path.parent.mkdir(mode=0o700, exist_ok=True)
        atomic_write(path, orjson.dumps(part), layout.tmp_dir, False)


def read_kept(path: Path) -> Any:
    """A kept part's JSON, None if it is missing or not JSON."""
    try:
        with open(path, "rb") as handle:
            return orjson.loads(handle.read())
    except (OSError, orjson.JSONDecodeError):
        return None


def _kept(path: Path) -> dict[str, Any] | None:
    kept = read_kept(path)
    good = (
        isinstance(kept, dict)
        and kept.get("version") == VERSION
        and all(isinstance(kept.get(n), int) for n in ("count", "drafts", "retros"))
        and isinstance(kept.get("top"), dict)
        and all(isinstance(e, dict) for e in kept["top"].values())
        and isinstance(kept.get("skipped"), list)
        and all(isinstance(s, list) and len(s) == 2 for s in kept["skipped"])
    )
    return kept if good else None
