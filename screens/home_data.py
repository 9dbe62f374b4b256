"""What the home screen holds of the store, built in its workers: the index
entries in home order, split by kind, matched against the filter."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from retrotui.storage.listing import DRAFT, Entries, text_of
from retrotui.storage.summary import ActionSummary

RETRO = "retro"
# One full-text search at a time: the first one may build the term index.
_SEARCHING = threading.Lock()


@dataclass(frozen=True)
class OpenAction:
    item: ActionSummary
    overdue: bool


def open_actions(items: list[ActionSummary], today: date) -> list[OpenAction]:
    """Open action items: overdue first, then by due date."""
    found = [OpenAction(item, item.is_overdue(today)) for item in items]
    return sorted(
        found, key=lambda a: (not a.overdue, a.item.due or date.max, a.item.pm_id)
    )


def _words(entry: dict) -> str:
    """What the quick part of the filter looks in: title, id, services, tags."""
    listed = [entry.get("title"), entry.get("id")]
    for name in ("services", "tags"):
        values = entry.get(name)
        listed += values if isinstance(values, list) else []
    return " ".join(map(text_of, listed)).casefold()


@dataclass
class Shelf:
    """``entries`` with their keys in home order (``listing.home_order``)."""

    entries: Entries
    order: list[str]
    position: dict[str, int] = field(init=False)
    key_of: dict[str, str] = field(init=False)
    retros: set[str] = field(init=False)
    haystack: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        by_key = self.entries.by_key
        self.position = {key: n for n, key in enumerate(self.order)}
        self.key_of = {text_of(by_key[k].get("id")): k for k in self.order}
        self.retros = {k for k in self.order if by_key[k].get("kind") == RETRO}
        self.haystack = {k: _words(by_key[k]) for k in self.order}

    @property
    def drafts(self) -> int:
        return sum(e.get("status") == DRAFT for e in self.entries.by_key.values())

    @property
    def retro_count(self) -> int:
        return len(self.retros)

    def split(self, keys: list[str]) -> tuple[list[str], list[str]]:
        """``keys`` as (incidents and notes, team retrospectives)."""
        return (
            [k for k in keys if k not in self.retros],
            [k for k in keys if k in self.retros],
        )

    def matching(self, query: str) -> list[str]:
        """Keys whose title, id, services or tags hold every word of ``query``."""
        words = query.casefold().split()
        return [k for k in self.order if all(w in self.haystack[k] for w in words)]

    def with_review(self) -> list[str]:
        """Keys of postmortems with a follow-up review date."""
        return [k for k in self.order if self.entries.by_key[k].get("follow_up_on")]

    def latest_draft(self) -> str | None:
        """The id of the most recently touched draft (drafts come first)."""
        for key in self.order[:1]:
            entry = self.entries.by_key[key]
            if entry.get("status") == DRAFT:
                return text_of(entry.get("id"))
        return None


def full_text_matches(
    db_path: Path, shelf: Shelf, query: str, stale: Callable[[], bool]
) -> list[str] | None:
    """Keys matching ``query`` in title, id, services, tags or any word of
    the postmortem (``QuickSearch``: typos allowed), in home order; None
    when the term index cannot be had or something else was typed since."""
    with _SEARCHING:
        if stale():
            return None
        from retrotui.learning.quick_search import QuickSearch
        from retrotui.learning.term_index import open_index
        from retrotui.storage.store import Store

        index = open_index(Store(db_path))
        if index is None:
            return None
        try:
            if stale():
                return None
            found = QuickSearch(index).ids(query)
        finally:
            index.close()
    keys = {shelf.key_of[pm_id] for pm_id, _ in found if pm_id in shelf.key_of}
    keys.update(shelf.matching(query))
    return sorted(keys, key=shelf.position.__getitem__)
