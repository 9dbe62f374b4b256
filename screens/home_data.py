"""What the home screen holds of the store, built in its workers: the index
entries in home order, split by kind, matched against the filter."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

from retrotui.errors import BadDocument
from retrotui.storage.listing import DRAFT, Entries, OpenRef, text_of
from retrotui.storage.summary import ActionSummary

RETRO = "retro"
# One full-text search at a time: the first one may build the term index.
_SEARCHING = threading.Lock()


@dataclass(frozen=True)
class OpenAction:
    item: ActionSummary
    overdue: bool


class OpenActions:
    """Open action items, overdue first, then by due date; each checked and
    cleaned only when shown (``at``)."""

    def __init__(self, refs: list[OpenRef], today: date) -> None:
        self.today = today
        self.refs = sorted(
            refs,
            key=lambda r: (not self._overdue(r), r.due or date.max, r.pm_id),
        )
        self.overdue = sum(map(self._overdue, self.refs))

    def _overdue(self, ref: OpenRef) -> bool:
        return ref.due is not None and ref.due < self.today

    def __len__(self) -> int:
        return len(self.refs)

    def at(self, index: int) -> OpenAction | None:
        """The item at ``index``; None if it fails the checks."""
        try:
            item = self.refs[index].summary()
        except BadDocument:
            return None
        return OpenAction(item, item.is_overdue(self.today))


def _words(entry: dict) -> str:
    """What the quick part of the filter looks in: title, id, services, tags."""
    listed = [entry.get("title"), entry.get("id")]
    for name in ("services", "tags"):
        values = entry.get(name)
        listed += values if isinstance(values, list) else []
    return " ".join(map(text_of, listed)).casefold()


@dataclass
class Shelf:
    """``entries`` with their keys in home order (``listing.home_order``).
    What only the filter needs is worked out on its first use (in a worker),
    not before the list is first shown."""

    entries: Entries
    order: list[str]

    def __post_init__(self) -> None:
        by_key = self.entries.by_key
        self.retros = {k for k in self.order if by_key[k].get("kind") == RETRO}

    @cached_property
    def position(self) -> dict[str, int]:
        return {key: n for n, key in enumerate(self.order)}

    @cached_property
    def key_of(self) -> dict[str, str]:
        by_key = self.entries.by_key
        return {text_of(by_key[k].get("id")): k for k in self.order}

    @cached_property
    def haystack(self) -> dict[str, str]:
        return {k: _words(self.entries.by_key[k]) for k in self.order}

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
