"""The action board's first page in a terminal, from what is kept per index
shard.

``retro actions`` in a terminal shows the most urgent open items. Reading
every action item the index keeps for it costs what the store holds (0.5 s
and 180 MB at 20,000 postmortems); the first ``TOP`` open items of every
shard are enough, since no shard can hold more than a page of the first.
Unfiltered, the board orders open items by due date (none last), then
postmortem and item id, whatever the day: the overdue ones are those due
before it, so they come first anyway. So ``P.d/board/NN.json`` keeps, for
index shard NN, those items (each with its postmortem's id, title and
services, and whether that postmortem's items pass their checks), how many
items are open by due date (the overdue count for any day), how often each
item id occurs (a reference names the postmortem when an id is not
unique), the unreadable entries, and the identity of the shard's list and
action files and log when they were taken: a shard a writer changed since
is read again.

Derived data only, kept as ``storage.kept`` keeps it: written by readers, atomically,
without fsync; missing, damaged or unwritable files are answered from the
index. ``None`` tells the caller to read the whole board: an older layout,
a writer's pending journal, a damaged shard, a postmortem on the page that
fails its checks (the whole board names it).
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from retrotui.document.text import clean_line
from retrotui.errors import BadDocument
from retrotui.followup.board import BoardRow, item_ref
from retrotui.followup.board_item import board_items
from retrotui.storage.kept import kept_parts, unreadable
from retrotui.storage.layout import ACTIONS, LIST, Layout
from retrotui.storage.listing import text_of
from retrotui.storage.summary import heading

# Open items kept per shard: the most a page can ask for this way.
TOP = 64
VERSION = 2
# An item's place: due day (none last: this), postmortem id, item id.
NO_DUE = date.max.isoformat()


def kept_page(
    path: Path, today: date, limit: int
) -> tuple[list[BoardRow], int, int, list[BadDocument]] | None:
    """The first ``limit`` rows of the unfiltered board, how many open items
    there are, how many overdue, and the unreadable postmortems; None: read
    the whole board."""
    from retrotui.storage.paths import resolve_db

    if limit > TOP:
        return None
    parts = kept_parts(
        Layout(resolve_db(path)), "board", VERSION, _worked_out, _valid, (LIST, ACTIONS)
    )
    if parts is None:
        return None
    try:
        return _page(parts, today, limit)
    except (BadDocument, TypeError, ValueError, AttributeError):
        return None  # a kept file of the right outline holding something else


def _page(
    parts: list[dict[str, Any]], today: date, limit: int
) -> tuple[list[BoardRow], int, int, list[BadDocument]] | None:
    candidates: list[list[Any]] = []
    ids: Counter[str] = Counter()
    dues: Counter[str] = Counter()
    skipped = []
    for part in parts:
        candidates += part["top"]
        ids.update(part["ids"])
        dues.update(part["dues"])
        skipped += [BadDocument(pm_id, reason) for pm_id, reason in part["skipped"]]
    rows = _rows(heapq.nsmallest(limit, candidates, key=lambda c: c[0]), ids, today)
    if rows is None:
        return None
    overdue = sum(n for day, n in dues.items() if day and day < today.isoformat())
    return rows, sum(dues.values()), overdue, skipped


def _rows(
    chosen: list[list[Any]], ids: Counter[str], today: date
) -> list[BoardRow] | None:
    """The rows of the items ``chosen`` (in shard order, as the whole board
    reads them: equal ones stay so); None if one's postmortem fails."""
    rows = []
    for _, head, checked, raw in chosen:
        if not checked:
            return None
        pm_id, title, services = head
        item = board_items(pm_id, [raw])[0]
        ref = item_ref(pm_id, item.id, ids[item.id.lower()] > 1)
        overdue = item.is_overdue(today)
        rows.append(BoardRow(pm_id, title, tuple(services), item, ref, overdue))
    return rows


def shard_items(
    listed: dict[str, dict[str, Any]], actions: dict[str, Any], skipped: list[Any]
) -> Iterator[tuple[str, str, list[tuple[int, dict[str, Any], str]]]]:
    """A shard's postmortems with stored items, as ``board_page`` reads
    them: key, id, and each item that is an object with its place and its
    cleaned id. The unreadable ones go to ``skipped`` as [id, reason]."""
    for key, entry in listed.items():
        if "unreadable" in entry:
            skipped.append(unreadable(entry))
            continue
        found = actions.get(key)
        if isinstance(found, list):
            yield (
                key,
                text_of(entry.get("id")),
                [
                    (n, item, clean_line(text_of(item.get("id"))))
                    for n, item in enumerate(found)
                    if isinstance(item, dict)
                ],
            )


def _worked_out(
    listed: dict[str, dict[str, Any]], actions: dict[str, Any]
) -> dict[str, Any]:
    """One shard's part, read as ``board_page`` reads the whole index."""
    ids: Counter[str] = Counter()
    dues: Counter[str] = Counter()
    skipped: list[Any] = []
    items = []
    for key, pm_id, found in shard_items(listed, actions, skipped):
        for n, item, item_id in found:
            ids[item_id.lower()] += 1
            if item.get("status", "open") != "open":
                continue
            due = due_day(item.get("due"))
            dues[due] += 1
            items.append(([due or NO_DUE, pm_id, item_id], key, n))
    top = []
    checked: dict[str, tuple[list[Any], bool]] = {}
    for place, key, n in heapq.nsmallest(TOP, items, key=lambda i: i[0]):
        if key not in checked:
            try:
                head = list(heading(listed[key]))
                board_items(head[0], actions[key])
                checked[key] = head, True
            except BadDocument:
                checked[key] = [], False
        head, good = checked[key]
        top.append([place, head, good, actions[key][n] if good else None])
    return {"top": top, "ids": ids, "dues": dues, "skipped": skipped}


def due_day(value: object) -> str:
    """An item's due day as ``board_page`` reads it; '' if none or not a date."""
    try:
        return date.fromisoformat(value).isoformat() if isinstance(value, str) else ""
    except ValueError:
        return ""


def _valid(kept: dict[str, Any]) -> bool:
    return (
        all(isinstance(kept.get(n), dict) for n in ("ids", "dues"))
        and isinstance(kept.get("top"), list)
        and all(isinstance(c, list) and len(c) == 4 for c in kept["top"])
        and isinstance(kept.get("skipped"), list)
    )
