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
retrospectives it has and the ones it cannot list (kept as
``storage.kept`` keeps derived data: a shard a writer changed since is
read again). ``None`` tells the caller to read the whole index.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from typing import Any

from retrotui.errors import BadDocument
from retrotui.storage.kept import kept_parts, unreadable
from retrotui.storage.layout import Layout
from retrotui.storage.listing import DRAFT, RETRO, compact, home_rank, recency

# Entries kept per shard in each order: the most a page can ask for this way.
TOP = 64
# What a kept file holds; one of another version is worked out again.
VERSION = 3


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
    parts = kept_parts(layout, "newest", VERSION, _worked_out, _valid)
    if parts is None:
        return None
    by_key: dict[str, dict[str, Any]] = {}
    newest = Newest(by_key, 0, [])
    for part in parts:
        by_key.update((key, compact(e)) for key, e in part["top"].items())
        newest.count += part["count"]
        newest.drafts += part["drafts"]
        newest.retros += part["retros"]
        newest.skipped += [BadDocument(pm_id, r) for pm_id, r in part["skipped"]]
    return newest


def _worked_out(data: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """One shard's part, from its listing part of the index."""
    listed = {k: e for k, e in data.items() if "unreadable" not in e}
    retros = [k for k, e in listed.items() if e.get("kind") == RETRO]
    rest = [k for k, e in listed.items() if e.get("kind") != RETRO]
    # nlargest keeps equal ones in the order given, as a stable sort does.
    top = set(heapq.nlargest(TOP, listed, key=lambda k: recency(listed[k])))
    for keys in (retros, rest):
        top.update(heapq.nlargest(TOP, keys, key=lambda k: home_rank(listed[k])))
    return {
        "count": len(listed),
        "drafts": sum(e.get("status") == DRAFT for e in listed.values()),
        "retros": len(retros),
        "skipped": [unreadable(e) for e in data.values() if "unreadable" in e],
        # In the shard's order: ties between equal dates fall as they would
        # over the whole index.
        "top": {k: e for k, e in listed.items() if k in top},
    }


def _valid(kept: dict[str, Any]) -> bool:
    return (
        all(isinstance(kept.get(n), int) for n in ("count", "drafts", "retros"))
        and isinstance(kept.get("top"), dict)
        and all(isinstance(e, dict) for e in kept["top"].values())
        and isinstance(kept.get("skipped"), list)
        and all(isinstance(s, list) and len(s) == 2 for s in kept["skipped"])
    )
