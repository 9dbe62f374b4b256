"""Finding one action item by its reference, and changing its status or due date.

Every change goes through ``Store.update``: it is applied to the version on
disk under the store's lock, so the app or another command writing the same
postmortem meanwhile loses nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from retrotui.document.duedate import DUE_HELP, read_due
from retrotui.document.models import ActionItem, Postmortem
from retrotui.document.schema import ActionStatus
from retrotui.errors import NotFound, RetroError, UsageError
from retrotui.followup import REF_HELP
from retrotui.followup.board import Source
from retrotui.followup.board_item import BoardItem
from retrotui.storage.store import Store


@dataclass(frozen=True)
class Found:
    pm_id: str
    pm_title: str
    item: BoardItem

    @property
    def label(self) -> str:
        return f"{self.item.id} ({self.pm_id})"


def find_item(pms: list[Source], ref: str) -> Found:
    """The one action item ``ref`` names among ``pms``; a clear error otherwise."""
    text = ref.strip()
    pm_part, _, item_part = text.rpartition("/")
    item_key = item_part.strip().lower()
    if not item_key:
        raise UsageError(f"retro actions: ITEM {ref!r} names no item; {REF_HELP}")
    candidates = pms
    if pm_part:
        key = pm_part.strip().lower()
        exact = [pm for pm in pms if pm.id == key]
        candidates = exact or [pm for pm in pms if pm.id.startswith(key)]
        if not candidates:
            raise NotFound(f"no postmortem with id '{pm_part}'")
        if len(candidates) > 1:
            ids = ", ".join(sorted(pm.id for pm in candidates))
            raise NotFound(f"'{pm_part}' matches several postmortems: {ids}")
    found = [
        Found(pm.id, pm.title, item)
        for pm in candidates
        for item in pm.actions
        if item.id.lower() == item_key
    ]
    if not found:
        where = f" in {candidates[0].id}" if pm_part else ""
        raise NotFound(
            f"no action item '{item_part}'{where}; 'retro actions --all' lists them"
        )
    if len(found) > 1:
        refs = ", ".join(f"{f.pm_id}/{f.item.id}" for f in found)
        raise NotFound(
            f"'{item_part}' is an item of several postmortems; give one of {refs}"
        )
    return found[0]


def read_due_date(text: str, today: date) -> date:
    """The date ``text`` names in the SMART check's due-date grammar."""
    reading = read_due(text, today)
    if reading is None or (reading.date is None and not reading.choices):
        raise UsageError(f"retro actions: {text!r} is not a due date; {DUE_HELP}")
    if reading.date is None:
        dates = " or ".join(day.isoformat() for day in reading.choices)
        says = (
            "could be" if len(reading.choices) > 1 else "is not one day: did you mean"
        )
        raise UsageError(
            f"retro actions: {text!r} {says} {dates}? Type the date as YYYY-MM-DD"
        )
    return reading.date


def mark_done(item: ActionItem, note: str, today: date) -> ActionItem:
    return item.model_copy(
        update={
            "status": ActionStatus.done,
            "closed_on": today,
            "closing_note": note or item.closing_note,
        }
    )


def mark_dropped(item: ActionItem, reason: str, today: date) -> ActionItem:
    return item.model_copy(
        update={
            "status": ActionStatus.not_doing,
            "closed_on": today,
            "closing_note": reason,
        }
    )


def reopened(item: ActionItem) -> ActionItem:
    return item.model_copy(
        update={"status": ActionStatus.open, "closed_on": None, "closing_note": ""}
    )


def with_due(item: ActionItem, due: date, typed: str) -> ActionItem:
    return item.model_copy(update={"due": due, "due_text": " ".join(typed.split())})


def with_tracker(item: ActionItem, url: str) -> ActionItem:
    return item.model_copy(update={"tracker": url})


def _validated(item: ActionItem) -> ActionItem:
    """``item`` checked like any edit: a note over the length limit is refused,
    escape sequences are cleaned."""
    from pydantic import ValidationError

    from retrotui.document.validation import describe

    try:
        return ActionItem.model_validate(item.model_dump())
    except ValidationError as error:
        raise RetroError(f"action item {item.id}: {describe(error)}") from error


def change_item(
    store: Store, pm_id: str, item_id: str, change: Callable[[ActionItem], ActionItem]
) -> ActionItem:
    """Apply ``change`` to the item as it is stored now, and save the postmortem."""
    changed: list[ActionItem] = []

    def apply(pm: Postmortem) -> Postmortem:
        for index, item in enumerate(pm.actions):
            if item.id == item_id:
                new = _validated(change(item))
                pm.actions[index] = new
                changed.append(new)
                return pm
        raise RetroError(
            f"action item '{item_id}' was removed from {pm_id} meanwhile; "
            "nothing was changed"
        )

    store.update(pm_id, apply)
    return changed[0]
