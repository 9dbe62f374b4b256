"""What the home screen holds of the store, built in its workers: the index
entries in home order, split by kind, matched against the filter."""

from __future__ import annotations

import threading
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from itertools import accumulate
from pathlib import Path
from typing import NamedTuple

from retrotui.errors import BadDocument
from retrotui.learning.index_build import READ_HERE
from retrotui.storage import newest as kept
from retrotui.storage.layout import Layout
from retrotui.storage.listing import (
    DRAFT,
    RETRO,
    Entries,
    OpenRef,
    home_order,
    names_of,
    ref_summary,
    text_of,
)
from retrotui.storage.paths import resolve_db
from retrotui.storage.summary import ActionSummary

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
            key=lambda r: (not self._overdue(r), r[0] or date.max, r[1]),
        )
        self.overdue = sum(map(self._overdue, self.refs))

    def _overdue(self, ref: OpenRef) -> bool:
        due = ref[0]
        return due is not None and due < self.today

    def __len__(self) -> int:
        return len(self.refs)

    def at(self, index: int) -> OpenAction | None:
        """The item at ``index``; None if it fails the checks."""
        try:
            item = ref_summary(self.refs[index])
        except BadDocument:
            return None
        return OpenAction(item, item.is_overdue(self.today))


def _words(entry: dict) -> str:
    """What the quick part of the filter looks in: title, id, services, tags,
    on one line."""
    listed = [entry.get("title"), entry.get("id")]
    for name in ("services", "tags"):
        listed += names_of(entry, name)
    return " ".join(map(text_of, listed)).casefold().replace("\n", " ")


class Haystack:
    """The words of ``keys`` (``_words``), a line each in one text, so that
    a filter word is looked for by ``str.find`` (in C) rather than key by
    key: a page of matches costs a page, however long the list."""

    def __init__(self, keys: list[str], by_key: dict[str, dict]) -> None:
        self.keys = keys
        lines = [_words(by_key[key]) + "\n" for key in keys]
        self.text = "".join(lines)
        self.starts = [0, *accumulate(map(len, lines))]

    def matching(self, query: str) -> Iterator[str]:
        """The keys holding every word of ``query``, in order, as needed."""
        words = query.casefold().split()
        if not words:
            yield from self.keys
            return
        # Looked for: the longest word (likely the rarest); the rest checked
        # on the lines that hold it.
        longest = max(words, key=len)
        text, starts = self.text, self.starts
        at = text.find(longest)
        while at >= 0:
            line = bisect_right(starts, at) - 1
            end = starts[line + 1]
            if all(text.find(word, starts[line], end) >= 0 for word in words):
                yield self.keys[line]
            at = text.find(longest, end)

    def found(self, query: str, also: set[str]) -> list[str]:
        """The keys ``matching`` ``query`` and those in ``also``, in order."""
        quick = self.matching(query)
        if not also:
            return list(quick)
        also = also.union(quick)
        return [key for key in self.keys if key in also]


@dataclass(frozen=True)
class Counts:
    """How many postmortems, drafts and retrospectives the whole index lists."""

    total: int
    drafts: int
    retros: int


@dataclass
class Shelf:
    """``entries`` with their keys in home order (``listing.home_order``).
    What only the filter needs is worked out on its first use (in a worker),
    not before the list is first shown. ``whole``: only the first page of
    each list is here (``first_page``), and these are the whole index's
    counts."""

    entries: Entries
    order: list[str]
    whole: Counts | None = None

    def __post_init__(self) -> None:
        by_key = self.entries.by_key
        self.retros = {k for k in self.order if by_key[k].get("kind") == RETRO}
        # Split here, in the worker: the unfiltered lists are shown from these
        # on the UI thread, before the filter's haystacks are made.
        self.parts = self.split(self.order)
        # The term index was found behind (built in another process): not
        # looked at again on every key until that build ends.
        self.index_behind = False

    @cached_property
    def tables(self) -> tuple[Haystack, Haystack]:
        """Incidents and notes; team retrospectives."""
        by_key = self.entries.by_key
        incidents, retros = self.parts
        return Haystack(incidents, by_key), Haystack(retros, by_key)

    @property
    def complete(self) -> bool:
        return self.whole is None

    @property
    def total(self) -> int:
        return len(self.order) if self.whole is None else self.whole.total

    @cached_property
    def drafts(self) -> int:
        if self.whole is not None:
            return self.whole.drafts
        return sum(e.get("status") == DRAFT for e in self.entries.by_key.values())

    @property
    def retro_count(self) -> int:
        return len(self.retros) if self.whole is None else self.whole.retros

    def split(self, keys: list[str]) -> tuple[list[str], list[str]]:
        """``keys`` as (incidents and notes, team retrospectives)."""
        return (
            [k for k in keys if k not in self.retros],
            [k for k in keys if k in self.retros],
        )

    def matching(self, query: str) -> tuple[Iterator[str], Iterator[str]]:
        """Keys whose title, id, services or tags hold every word of
        ``query``: (incidents and notes, retrospectives), as needed."""
        if not query.split():
            return iter(self.parts[0]), iter(self.parts[1])
        incidents, retros = self.tables
        return incidents.matching(query), retros.matching(query)

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


def first_page(db_path: Path) -> Shelf | None:
    """The first ``TOP`` of each home list, from the newest entries kept per
    index shard (``storage.newest``), with the whole index's counts; None
    where those cannot answer (the whole index is read then)."""
    layout = Layout(resolve_db(db_path))
    newest = kept.read_newest(layout)
    if newest is None:
        return None
    by_key = newest.by_key
    order = home_order(by_key)
    # Candidates beyond the first TOP of a list may be out of place (others
    # of their shards not kept): cut there.
    incidents = [k for k in order if by_key[k].get("kind") != RETRO][: kept.TOP]
    retros = [k for k in order if by_key[k].get("kind") == RETRO][: kept.TOP]
    shown = set(incidents + retros)
    entries = Entries(layout, by_key, newest.skipped)
    counts = Counts(newest.count, newest.drafts, newest.retros)
    return Shelf(entries, [k for k in order if k in shown], counts)


class Found(NamedTuple):
    """A filter's whole answer; ``every_word`` unless the term index could
    not be had in time (only titles, ids, services and tags were looked at)."""

    incidents: list[str]
    retros: list[str]
    every_word: bool


def full_text_matches(
    db_path: Path, shelf: Shelf, query: str, stale: Callable[[], bool]
) -> Found | None:
    """Keys matching ``query`` in title, id, services, tags or any word of
    the postmortem (``QuickSearch``: typos allowed), in home order; None
    when something else was typed since. Only the title, id, services and
    tags are looked at when the term index is behind by more than
    ``READ_HERE`` documents (a first build is left to ``index_build``)."""
    with _SEARCHING:
        if stale():
            return None
        from retrotui.learning.quick_search import QuickSearch
        from retrotui.learning.term_index import open_index
        from retrotui.storage.store import Store

        index = None
        if not shelf.index_behind:
            index = open_index(Store(db_path), most=READ_HERE)
            shelf.index_behind = index is None
        words: set[str] = set()
        if index is not None:
            try:
                if stale():
                    return None
                words = QuickSearch(index).keys(query)
            finally:
                index.close()
    incidents, retros = shelf.tables
    found = (table.found(query, words) for table in (incidents, retros))
    return Found(*found, every_word=index is not None)
