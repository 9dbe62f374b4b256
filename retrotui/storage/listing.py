"""Listings from the database: summaries for ``retro list`` and home.

Read from the summary index without the store's lock or TinyDB. A listing
is read in two steps so that its cost follows what is shown: ``read_entries``
reads the index's listing part (a few hundred bytes a postmortem) and orders
it by fields kept there; ``summarize_page`` checks and cleans only the
entries about to be shown.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from retrotui.document.text import clean_line
from retrotui.errors import BadDocument, RetroError
from retrotui.storage.db_file import read_raw
from retrotui.storage.layout import ACTIONS, LIST, Layout, index_entry
from retrotui.storage.paths import resolve_db
from retrotui.storage.summary import ActionSummary, Summary, open_items, summarize

DRAFT = "draft"
RETRO = "retro"


@dataclass(frozen=True)
class Listing:
    """What a listing shows, and the postmortems it had to leave out."""

    summaries: list[Summary]
    skipped: list[BadDocument]


@dataclass
class Entries:
    """The listing part of every index entry (``compact``), not yet checked;
    and the unreadable ones. ``actions``: each entry's action items, for a
    database the index cannot serve (the same entries are made from its
    documents); None: read from the index when asked for."""

    layout: Layout
    by_key: dict[str, dict[str, Any]]
    skipped: list[BadDocument]
    actions: dict[str, Any] | None = None


def _current(layout: Layout) -> bool:
    """Is the index there to read? An older retro's single file or index is
    brought up to date first, under the store's lock (with a backup of the
    single file, see ``migration``); where that cannot be done (a read-only
    database, a busy lock) the documents are read instead."""
    if layout.kind()[0] == "split":
        return True
    if layout.kind()[0] == "missing":
        return False
    from retrotui.storage.store import Store

    try:
        with Store(layout.path).transaction():
            pass
    except RetroError:
        return False
    return layout.kind()[0] == "split"


@contextmanager
def no_collection() -> Iterator[None]:
    """No cyclic GC passes meanwhile. Reading the index makes no reference
    cycles, and the passes its 200,000 new containers set off at 20,000
    walked everything else too (a third of the board's time; home's whole
    list took twice as long once home no longer froze its objects)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@no_collection()
def read_entries(path: Path) -> Entries:
    """Every postmortem's index entry, by document key."""
    layout = Layout(resolve_db(path))
    skipped: list[BadDocument] = []
    if _current(layout):
        listed, actions = layout.entries(LIST), None
    else:
        listed, actions = {}, {}
        for n, doc in enumerate(read_raw(path, skipped)):
            # The entries the index would keep of each document.
            made = index_entry(doc)
            listed[str(n)], actions[str(n)] = made[LIST], made.get(ACTIONS)
    by_key = {}
    for key, entry in listed.items():
        if "unreadable" in entry:
            skipped.append(BadDocument(entry.get("id"), str(entry["unreadable"])))
        else:
            by_key[key] = compact(entry)
    return Entries(layout, by_key, skipped, actions)


def compact(entry: dict[str, Any]) -> dict[str, Any]:
    """An index entry as a reader keeps it (changed in place, returned):
    services and tags as tuples, the timeline's events as one flat tuple of
    each event's time and milestone in turn (``summary.timeline_pairs``).

    Home keeps 20,000 entries while shown; with lists and dicts in them,
    every full pass of the cyclic GC walked 80,000 objects (0.2 s on a key).
    A dict of text, numbers and flat tuples of those it stops tracking at
    its first full pass (Python 3.11 keeps tracking a tuple that holds a
    dict or, when the pass looks at it first, a tuple). Made in place: a
    fresh dict per entry doubled what reading the index costs. A list that
    is not text stays a list or becomes a tuple that is not, for
    ``summarize`` to name."""
    for key in ("services", "tags"):
        value = entry.get(key)
        if type(value) is list:
            entry[key] = tuple(value)
    events = entry.get("timeline")
    if type(events) is list and all(type(event) is dict for event in events):
        flat = tuple([event.get(name) for event in events for name in EVENT_KEYS])
        if all(value is None or type(value) is str for value in flat):
            entry["timeline"] = flat
    return entry


EVENT_KEYS = ("at", "milestone")


def names_of(entry: dict[str, Any], field: str) -> Sequence[object]:
    """An unchecked entry's ``services`` or ``tags``: a tuple once
    ``compact`` (of anything: not yet checked), () if not a list."""
    value = entry.get(field)
    return value if isinstance(value, (tuple, list)) else ()


def text_of(value: object) -> str:
    """A field of an unchecked entry as text, for sorting and matching only."""
    return value if isinstance(value, str) else ""


def entry_date(entry: dict[str, Any]) -> str:
    """The incident's date the index keeps (a document: its created day;
    it is shown from the summary)."""
    return text_of(entry.get("date")) or text_of(entry.get("created"))[:10]


def recency(entry: dict[str, Any]) -> tuple[str, str]:
    """What a listing orders by, newest last: the incident's date as the
    home screen shows it (a historical incident typed in today sorts under
    the day it happened), then when it was written down."""
    return entry_date(entry), text_of(entry.get("created"))


def entry_words(entry: dict[str, Any]) -> str:
    """What ``Summary.matches`` searches (title, id, services, tags), from an
    unchecked entry, cleaned and casefolded: a listing filters on the index
    and checks only the entries it shows."""
    names = [
        text_of(name)
        for field in ("services", "tags")
        for name in names_of(entry, field)
    ]
    text = " ".join([text_of(entry.get("title")), text_of(entry.get("id")), *names])
    return clean_line(text).casefold()


def home_rank(entry: dict[str, Any]) -> tuple[bool, str]:
    """Where home lists an entry, last first: drafts (by when last touched),
    then the rest (by the incident's date)."""
    if entry.get("status") == DRAFT:
        return True, text_of(entry.get("updated"))
    return False, entry_date(entry)


def home_order(entries: dict[str, dict[str, Any]]) -> list[str]:
    """Keys with drafts first (most recently touched first), then the rest,
    newest incident first; equal ones as given (a stable sort)."""
    return sorted(entries, key=lambda k: home_rank(entries[k]), reverse=True)


def summarize_page(
    entries: dict[str, dict[str, Any]], keys: Iterable[str], skipped: list[BadDocument]
) -> list[Summary]:
    """Summaries of ``keys``; one that fails its checks goes to ``skipped``."""
    page = []
    for key in keys:
        try:
            page.append(summarize(entries[key]))
        except BadDocument as error:
            skipped.append(error)
    return page


def read_summaries(path: Path) -> Listing:
    """Summaries of every readable postmortem in the database at ``path``.

    A document that cannot be read is named in ``skipped``, never fatal,
    and never rewritten.
    """
    entries = read_entries(path)
    summaries = summarize_page(entries.by_key, entries.by_key, entries.skipped)
    return Listing(summaries, entries.skipped)


def action_lists(entries: Entries) -> dict[str, Any]:
    """The action items of each postmortem ``entries`` lists, by key, as
    stored (not checked: a list of objects, if well formed)."""
    if entries.actions is None:
        return entries.layout.entries(ACTIONS)
    return entries.actions


@no_collection()
def read_open_refs(entries: Entries) -> list[OpenRef]:
    """The open action items of the postmortems ``entries`` lists, as stored
    (not checked or cleaned until shown: ``ref_summary``)."""
    found: list[OpenRef] = []
    for key, items in action_lists(entries).items():
        entry = entries.by_key.get(key)
        if entry is None or not isinstance(items, list):
            continue
        pm_id = text_of(entry.get("id"))
        for item in items:
            if isinstance(item, dict) and item.get("status", "open") == "open":
                found.append(open_ref(pm_id, item))
    return found


def _due(value: object) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if isinstance(value, str) else None
    except ValueError:
        return None


# An open action item as home keeps it (90,000 at 20,000 postmortems): its
# due date, its postmortem's id, then the values of ``REF_KEYS`` (what is
# checked and shown), as stored. A flat tuple of plain values, which the
# cyclic GC stops tracking at its first pass: it walked a dataclass or a named
# tuple on every full pass, and a tuple holding a dict or (when its pass looks
# at it first) a tuple.
OpenRef = tuple[Any, ...]
REF_KEYS = ("text", "owner", "due", "due_text")


def open_ref(pm_id: str, item: dict[str, Any]) -> OpenRef:
    return (_due(item.get("due")), pm_id, *map(item.get, REF_KEYS))


def ref_summary(ref: OpenRef) -> ActionSummary:
    """The item checked and cleaned; ``BadDocument`` if it is not an item."""
    return open_items(ref[1], [dict(zip(REF_KEYS, ref[2:], strict=True))])[0]


def read_open_items(entries: Entries) -> list[ActionSummary]:
    """The open action items of the postmortems ``entries`` lists, checked
    and cleaned; one that fails the checks is named in ``entries.skipped``."""
    found = []
    for ref in read_open_refs(entries):
        try:
            found.append(ref_summary(ref))
        except BadDocument as error:
            entries.skipped.append(error)
    return found
