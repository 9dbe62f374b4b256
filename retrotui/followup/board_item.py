"""An action item as the board shows it, read from the summary index.

The board lists every item of every postmortem (about 90,000 in a store of
20,000); validating each as an ``ActionItem`` model took seconds. The index
is written by retro from stored documents, so an item here is checked for
the shapes the model gives these fields and cleaned as the model would,
field by field, and a wrong one is named like a validation error
(``actions.2.due: not a date``). A change to an item still goes through the
model and the store (``retrotui.followup.items``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from retrotui.document.ids import ITEM_ID_PATTERN
from retrotui.document.schema import MAX_LINE, MAX_TEXT, ActionStatus, Priority
from retrotui.document.text import clean_line, clean_text
from retrotui.errors import BadDocument

_ITEM_ID = re.compile(ITEM_ID_PATTERN)
_STATUSES = {status.value: status for status in ActionStatus}
_PRIORITIES = {priority.value: priority for priority in Priority}


@dataclass(frozen=True, slots=True)
class BoardItem:
    """The fields of an ``ActionItem`` the board, its commands and the
    tracker sync read, with the same names and types."""

    id: str
    text: str
    owner: str = ""
    due: date | None = None
    due_text: str = ""
    priority: Priority = Priority.p1
    status: ActionStatus = ActionStatus.open
    tracker: str = ""
    closed_on: date | None = None
    closing_note: str = ""

    def is_overdue(self, today: date) -> bool:
        return (
            self.status is ActionStatus.open
            and self.due is not None
            and self.due < today
        )


def board_items(pm_id: str | None, raw: object) -> list[BoardItem]:
    """The items the index keeps for one postmortem; ``BadDocument`` naming
    the first field of the wrong shape."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise BadDocument(pm_id, "actions: not a list")
    return [_item(pm_id, n, item) for n, item in enumerate(raw)]


class _Wrong(Exception):
    def __init__(self, field: str, what: str) -> None:
        self.field, self.what = field, what


def _item(pm_id: str | None, n: int, item: object) -> BoardItem:
    if not isinstance(item, dict):
        raise BadDocument(pm_id, f"actions.{n}: not an object")
    try:
        item_id = _text(item, "id")
        if not _ITEM_ID.match(item_id):
            raise _Wrong("id", "not an id (1-40 letters, digits, '.', '_' or '-')")
        text = _text(item, "text", block=True)
        if not text:
            raise _Wrong("text", "must not be empty")
        return BoardItem(
            id=item_id,
            text=text,
            owner=_text(item, "owner"),
            due=_day(item, "due"),
            due_text=_text(item, "due_text"),
            priority=_choice(item, "priority", _PRIORITIES, "P1"),
            status=_choice(item, "status", _STATUSES, "open"),
            tracker=_text(item, "tracker"),
            closed_on=_day(item, "closed_on"),
            closing_note=_text(item, "closing_note", block=True),
        )
    except _Wrong as wrong:
        raise BadDocument(pm_id, f"actions.{n}.{wrong.field}: {wrong.what}") from None


# One function per kind of field, not closures: a store of 20,000 holds
# about 90,000 items, each read on every board.


def _text(item: dict[str, Any], key: str, block: bool = False) -> str:
    """A ``Line`` field (one line, folded), or with ``block`` a ``Text``."""
    value = item.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _Wrong(key, "not text")
    value = clean_text(value).strip() if block else clean_line(value)
    longest = MAX_TEXT if block else MAX_LINE
    if len(value) > longest:
        raise _Wrong(key, f"longer than {longest:,} characters")
    return value


def _day(item: dict[str, Any], key: str) -> date | None:
    value = item.get(key)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise _Wrong(key, "not a date") from None


def _choice(
    item: dict[str, Any], key: str, choices: dict[str, Any], default: str
) -> Any:
    value = item.get(key, default)
    if not isinstance(value, str) or value not in choices:
        raise _Wrong(key, f"not one of {', '.join(choices)}")
    return choices[value]
