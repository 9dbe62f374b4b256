"""The action board's first rows, without checking every item.

A terminal shows a screenful of the most urgent items (``retro actions``);
checking and cleaning each of the 90,000 items of a store of 20,000 to show
20 took about 2 s. Here the items are filtered, counted and ordered as the
index keeps them, on the fields the board orders and filters by; only the
postmortems of the rows shown are checked (``board_items``), so a row is
shown as the whole board shows it. A postmortem whose items fail the checks
is named when one of its rows would be shown, and its rows are left out of
the page and the counts (the whole board, piped or ``--json``, checks them
all).
"""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from retrotui.document.text import clean_line
from retrotui.errors import BadDocument
from retrotui.followup.board import BoardRow, item_ref, matches_owner
from retrotui.followup.board_item import BoardItem, board_items
from retrotui.followup.board_kept import kept_page
from retrotui.storage.listing import (
    action_lists,
    names_of,
    no_collection,
    read_entries,
    text_of,
)
from retrotui.storage.summary import heading


@dataclass
class Filters:
    """What ``filtered`` keeps, and the day overdue is judged on."""

    today: date
    owner: str | None = None
    service: str | None = None
    overdue: bool = False
    include_closed: bool = False


@dataclass
class Page:
    """The first rows, how many rows the filters keep, how many of those
    are overdue, and the postmortems left out."""

    rows: list[BoardRow]
    total: int
    overdue: int
    skipped: list[BadDocument] = field(default_factory=list)


# An item as the index keeps it: its place in ``board``'s order (then as
# read, as its stable sort leaves equal ones), its postmortem's key, its
# position there, and whether it is overdue.
_Raw = tuple[tuple[Any, ...], int, str, int, bool]


def board_page(path: Path, filters: Filters, limit: int | None) -> Page:
    """The first ``limit`` rows (None: every one) of ``filtered(board(...))``
    for the database at ``path``, with its counts."""
    if limit is not None and filters == Filters(filters.today):
        # Unfiltered, a terminal's page: from what is kept per index shard.
        kept = kept_page(path, filters.today, limit)
        if kept is not None:
            return Page(*kept)
    with no_collection():
        return _page(path, filters, limit)


def _page(path: Path, filters: Filters, limit: int | None) -> Page:
    entries = read_entries(path)
    lists = action_lists(entries)
    skipped = list(entries.skipped)
    ids: Counter[str] = Counter()
    kept: list[_Raw] = []
    days: dict[object, date | None] = {}
    for key, entry in entries.by_key.items():
        items = lists.get(key)
        if not isinstance(items, list):
            continue
        pm_id = text_of(entry.get("id"))
        about = _about(entry, filters.service)
        for n, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            item_id = clean_line(text_of(item.get("id")))
            ids[item_id.lower()] += 1
            if about:
                raw = _kept(item, filters, days)
                if raw is not None:
                    order = (*raw[0], pm_id, item_id)
                    kept.append((order, len(kept), key, n, raw[1]))
    page = Page([], len(kept), sum(raw[4] for raw in kept), skipped)
    checked: dict[str, tuple[tuple[str, str, tuple[str, ...]], list[BoardItem]]] = {}
    bad: set[str] = set()
    while limit is None or len(page.rows) < limit:
        wanted = len(kept) if limit is None else limit - len(page.rows)
        first = heapq.nsmallest(wanted, kept)
        if not first:
            break
        for _, _, key, _, _ in first:
            if key not in checked and key not in bad:
                try:
                    head = heading(entries.by_key[key])
                    checked[key] = head, board_items(head[0], lists[key])
                except BadDocument as error:
                    skipped.append(error)
                    bad.add(key)
        if bad:
            # Left out, and out of the counts, as the whole board leaves them.
            gone = [raw for raw in kept if raw[2] in bad]
            page.total -= len(gone)
            page.overdue -= sum(raw[4] for raw in gone)
            kept = [raw for raw in kept if raw[2] not in bad]
            for key in bad:
                ids.subtract(
                    clean_line(text_of(item.get("id"))).lower()
                    for item in lists[key]
                    if isinstance(item, dict)
                )
            bad.clear()
            page.rows = []
            continue
        page.rows = [
            _row(checked[key], n, ids, filters.today) for _, _, key, n, _ in first
        ]
        break
    return page


def _about(entry: dict[str, Any], service: str | None) -> bool:
    """Is the postmortem about ``service`` (when one is asked for)?"""
    if service is None:
        return True
    wanted = service.casefold().strip()
    return any(
        clean_line(text_of(name)).casefold() == wanted
        for name in names_of(entry, "services")
    )


def _kept(
    item: dict[str, Any], filters: Filters, days: dict[object, date | None]
) -> tuple[tuple[Any, ...], bool] | None:
    """The item's place in the board's order and whether it is overdue, or
    None when the filters leave it out (``days``: due dates read so far)."""
    is_open = item.get("status", "open") == "open"
    if not filters.include_closed and not is_open:
        return None
    value = item.get("due")
    due = days[value] if value in days else days.setdefault(value, _day(value))
    late = is_open and due is not None and due < filters.today
    if filters.overdue and not late:
        return None
    if filters.owner is not None and not matches_owner(
        clean_line(text_of(item.get("owner"))), filters.owner
    ):
        return None
    return (not is_open, not late, due or date.max), late


def _day(value: object) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _row(
    checked: tuple[tuple[str, str, tuple[str, ...]], list[BoardItem]],
    n: int,
    ids: Counter[str],
    today: date,
) -> BoardRow:
    (pm_id, title, services), items = checked
    item = items[n]
    return BoardRow(
        pm_id=pm_id,
        pm_title=title,
        services=tuple(services),
        item=item,
        ref=item_ref(pm_id, item.id, ids[item.id.lower()] > 1),
        overdue=item.is_overdue(today),
    )
