"""The action board: every action item of every postmortem, filtered.

One row per item, with the reference that names it on the command line: its
own id when no other postmortem has an item with that id, else the
postmortem's id and the item's (``k7m2qx/a-4kq9``).

The board is read like ``retro list``: from the summary index, without the
store's lock or a document (the index keeps every postmortem's action items
beside its summary, written in the same save); items are checked field by
field, not validated as models (``board_item``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from retrotui.document.schema import ActionStatus
from retrotui.errors import BadDocument
from retrotui.followup.board_item import BoardItem, board_items
from retrotui.storage.listing import action_lists, read_entries
from retrotui.storage.summary import heading


@dataclass(frozen=True)
class Source:
    """What the board needs of one postmortem."""

    id: str
    title: str
    services: tuple[str, ...]
    actions: list[BoardItem]


def read_sources(path: Path, skipped: list[BadDocument]) -> list[Source]:
    """Every readable postmortem in the database at ``path``; the others are
    added to ``skipped``, never fatal and never rewritten."""
    entries = read_entries(path)
    skipped.extend(entries.skipped)
    actions = action_lists(entries)
    sources = []
    for key, entry in entries.by_key.items():
        try:
            pm_id, title, services = heading(entry)
            items = board_items(pm_id, actions.get(key))
        except BadDocument as error:
            skipped.append(error)
            continue
        sources.append(Source(pm_id, title, services, items))
    return sources


@dataclass(frozen=True)
class BoardRow:
    pm_id: str
    pm_title: str
    services: tuple[str, ...]
    item: BoardItem
    ref: str
    overdue: bool

    def to_json(self) -> dict[str, Any]:
        """The object ``retro actions --json`` prints for this item."""
        item = self.item
        return {
            "id": self.ref,
            "item": item.id,
            "text": item.text,
            "owner": item.owner,
            "due": item.due.isoformat() if item.due else None,
            "due_text": item.due_text,
            "status": item.status.value,
            "overdue": self.overdue,
            "priority": item.priority.value,
            "tracker": item.tracker,
            "closed_on": item.closed_on.isoformat() if item.closed_on else None,
            "closing_note": item.closing_note,
            "postmortem": self.pm_id,
            "title": self.pm_title,
        }


def item_ref(pm_id: str, item_id: str, ambiguous: bool) -> str:
    return f"{pm_id}/{item_id}" if ambiguous else item_id


def board(pms: list[Source], today: date) -> list[BoardRow]:
    """Every action item of ``pms``: overdue first, then by due date."""
    counts = Counter(item.id.lower() for pm in pms for item in pm.actions)
    rows = [
        BoardRow(
            pm_id=pm.id,
            pm_title=pm.title,
            services=tuple(pm.services),
            item=item,
            ref=item_ref(pm.id, item.id, counts[item.id.lower()] > 1),
            overdue=item.is_overdue(today),
        )
        for pm in pms
        for item in pm.actions
    ]
    return sorted(
        rows,
        key=lambda row: (
            row.item.status is not ActionStatus.open,
            not row.overdue,
            row.item.due or date.max,
            row.pm_id,
            row.item.id,
        ),
    )


def matches_owner(owner: str, wanted: str) -> bool:
    """Does ``owner`` contain ``wanted``, ignoring case (``data`` finds 'Team Data')?"""
    return wanted.casefold().strip() in owner.casefold()


def filtered(
    rows: list[BoardRow],
    owner: str | None = None,
    service: str | None = None,
    overdue: bool = False,
    include_closed: bool = False,
) -> list[BoardRow]:
    """The rows a filter keeps: open items only unless ``include_closed``."""
    kept = []
    for row in rows:
        if not include_closed and row.item.status is not ActionStatus.open:
            continue
        if overdue and not row.overdue:
            continue
        if owner is not None and not matches_owner(row.item.owner, owner):
            continue
        if service is not None and service.casefold().strip() not in (
            name.casefold() for name in row.services
        ):
            continue
        kept.append(row)
    return kept


def table_header(ref_w: int, pm_w: int, with_status: bool) -> str:
    """The head of ``retro actions``' table, its reference column ``ref_w``
    wide and its postmortem column ``pm_w``."""
    status = f"{'STATUS':<9} " if with_status else ""
    return f"{'ITEM':<{ref_w}} {'DUE':<11} {status}{'OWNER':<12} {'FROM':<{pm_w}} TEXT"


def table_line(
    ref: str,
    due: str,
    status: str,
    owner: str,
    pm_id: str,
    text: str,
    widths: tuple[int, int],
) -> str:
    """A row of that table, whole, on one line (an item's text may hold
    several); ``due`` as ``due_cell`` gives it, ``status`` '' or the
    item's, ``owner`` as stored."""
    owner = owner or "-"
    owner = owner if len(owner) <= 12 else owner[:11] + "…"
    status = f"{status:<9} " if status else ""
    ref_w, pm_w = widths
    line = f"{ref:<{ref_w}} {due:<11} {status}{owner:<12} {pm_id:<{pm_w}} {text}"
    return " ".join(line.splitlines())


def due_cell(due: str, overdue: bool) -> str:
    """An item's due day (ISO, '' if none) as the table shows it."""
    return (due or "-") + ("!" if overdue else "")
