"""The store on disk: one TinyDB file per postmortem and a sharded summary index.

For a database path ``P`` (``postmortems.json``):

- ``P`` itself is a small marker naming the layout (an older retro's single
  file is migrated on first write, see ``retrotui.storage.migration``);
- ``P.d/<doc id>.json`` holds one postmortem, as a TinyDB database of one
  document, so opening or saving one reads or writes about 12 KB;
- ``P.d/index/NN.json`` (64 shards) hold each postmortem's summary: what
  ``retro list`` and the home screen show, and its revision; beside each,
  ``NN.actions.json`` holds the action items of the same postmortems (the
  action board and home read them, a listing does not), and ``NN.log`` what
  saves changed since (``retrotui.storage.shard_log``): a save appends a
  line to one shard's log;
- ``P.d/pending`` names the documents a writer is changing, written before
  the documents and removed after the index: a writer killed in between
  leaves it, and the next one (or a reader, in memory) brings those index
  entries in step from the documents;
- ``P.d/newest/NN.json`` keeps each shard's newest entries for a listing's
  first page, written by readers (``retrotui.storage.newest``);
- ``P.d/tmp/`` holds temp files until their atomic rename.

Every change happens under ``P.lock``; readers need no lock, since every file
is replaced atomically. Everything here is plain data: no pydantic, no TinyDB.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import orjson

from retrotui.document.migrate import migrate
from retrotui.errors import BadDocument, StoreError, os_error_line
from retrotui.storage.file_format import TABLE, damaged, parse, unreadable
from retrotui.storage.shard_log import ShardFiles, Stamp, stamp_of
from retrotui.storage.summary import summarize

LAYOUT = 2
MARKER_KEY = "retrotui_layout"
# How the marker file begins: a split store, not an older single file.
MARKER_START = b'{"' + MARKER_KEY.encode()
SHARDS = 64
# Bump when index entries change shape: an index of another version is rebuilt.
INDEX_VERSION = 3
# Version 2 is version 3 without logs: taken as it is (``Index.refresh``).
LOGLESS_VERSION = 2
# The two parts of a shard: the listing, and the action items.
LIST = "list"
ACTIONS = "actions"
PARTS = (LIST, ACTIONS)
Entry = dict[str, Any]


def marker() -> bytes:
    return orjson.dumps({MARKER_KEY: LAYOUT, "index_version": INDEX_VERSION})


class Layout:
    """The paths of one database and lock-free reads of its parts."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.folder = path.with_name(f"{path.name}.d")
        self.index_dir = self.folder / "index"
        self.tmp_dir = self.folder / "tmp"
        self.pending = self.folder / "pending"

    def doc_file(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def shard_file(self, shard: int, part: str = LIST) -> Path:
        suffix = "" if part == LIST else f".{part}"
        return self.index_dir / f"{shard:02d}{suffix}.json"

    def log_file(self, shard: int) -> Path:
        return self.index_dir / f"{shard:02d}.log"

    def shard_files(self, shard: int, part: str = LIST) -> ShardFiles:
        """One part of a shard with its log, opened (see ``ShardFiles``)."""
        return ShardFiles(
            self.shard_file(shard, part), self.log_file(shard), part == LIST
        )

    def shard_stamp(self, shard: int, part: str = LIST) -> Stamp | None:
        """What changes whenever a writer changes that part of the shard."""
        return stamp_of(self.shard_file(shard, part), self.log_file(shard))

    # -- what the marker file holds ------------------------------------------

    def kind(self) -> tuple[str, bytes]:
        """``("missing" | "split" | "single", raw bytes of P)``."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return "missing", b""
        except OSError as error:
            raise unreadable(self.path, error) from error
        if raw.startswith(MARKER_START):
            try:
                data = orjson.loads(raw)
            except orjson.JSONDecodeError as error:
                raise damaged(self.path, "the layout marker is not JSON") from error
            if data.get(MARKER_KEY) != LAYOUT:
                raise damaged(self.path, f"unknown layout {data.get(MARKER_KEY)!r}")
            if data.get("index_version") != INDEX_VERSION:
                # Documents as they were; the index of an older retro.
                return "old-index", raw
            return "split", raw
        return "single", raw

    # -- documents --------------------------------------------------------------

    def read_doc(self, key: str) -> dict[str, Any] | None:
        """The stored postmortem under ``key`` as stored; None if absent."""
        path = self.doc_file(key)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            raise unreadable(path, error) from error
        table = parse(path, raw)[TABLE]
        if len(table) != 1:
            raise damaged(path, f"it holds {len(table)} postmortems instead of one")
        return next(iter(table.values()))

    def remove_doc(self, key: str) -> None:
        try:
            os.unlink(self.doc_file(key))
        except FileNotFoundError:
            pass
        except OSError as error:
            line = os_error_line(error, f"cannot remove {error.filename}")
            raise StoreError(line) from error

    def stamp(self, key: str) -> tuple[int, ...] | None:
        try:
            st = self.doc_file(key).stat()
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def doc_keys(self) -> list[str]:
        """Every document's key, from the folder (for rebuilding the index)."""
        try:
            names = os.listdir(self.folder)
        except FileNotFoundError:
            return []
        return [name[:-5] for name in names if name.endswith(".json")]

    # -- the index ---------------------------------------------------------------

    def read_shard(self, shard: int, part: str = LIST) -> dict[str, Any] | None:
        """One shard's entries (a summary, or a list of action items, by
        document key); None if missing or damaged (to be rebuilt)."""
        return self.read_shard_stamped(shard, part)[1]

    def read_shard_stamped(
        self, shard: int, part: str = LIST
    ) -> tuple[Stamp | None, dict[str, Any] | None]:
        """``read_shard`` and the stamp of what it read (never newer)."""
        try:
            with self.shard_files(shard, part) as files:
                return files.stamp, files.read()
        except FileNotFoundError:
            return None, None
        except OSError as error:
            raise unreadable(Path(error.filename or self.index_dir), error) from error

    def pending_keys(self) -> list[str]:
        try:
            raw = self.pending.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as error:
            raise unreadable(self.pending, error) from error
        try:
            keys = orjson.loads(raw)
        except orjson.JSONDecodeError:
            # Killed while writing the journal itself: nothing after it ran yet,
            # but its keys are unknown, so every shard is checked.
            return self.doc_keys()
        return [str(k) for k in keys] if isinstance(keys, list) else self.doc_keys()

    def entries(self, part: str = LIST) -> dict[str, Any]:
        """One part of every index entry by document key, as a reader sees it
        now: shards that are missing or damaged, and documents a killed
        writer left pending, are read from the documents (in memory only)."""
        entries: dict[str, Any] = {}
        missing = []
        for shard in range(SHARDS):
            data = self.read_shard(shard, part)
            if data is None:
                missing.append(shard)
            else:
                entries.update(data)
        if missing:
            wanted = set(missing)
            for key in self.doc_keys():
                if shard_of(key) in wanted:
                    _put(entries, key, self.entry_for(key), part)
        for key in self.pending_keys():
            entries.pop(key, None)
            _put(entries, key, self.entry_for(key), part)
        return entries

    def entry_for(self, key: str) -> Entry | None:
        """The index entry of the document stored under ``key`` now."""
        try:
            doc = self.read_doc(key)
        except StoreError as error:
            return {LIST: {"id": key, "unreadable": str(error)}}
        return None if doc is None else index_entry(doc)

    def documents(self, keys: Iterable[str]) -> list[dict[str, Any]]:
        found = []
        for key in keys:
            doc = self.read_doc(key)
            if doc is not None:
                found.append(doc)
        return found


def shard_of(key: str) -> int:
    return zlib.crc32(key.encode()) % SHARDS


def _put(entries: dict[str, Any], key: str, entry: Entry | None, part: str) -> None:
    if entry is not None and entry.get(part) is not None:
        entries[key] = entry[part]


def index_entry(doc: dict[str, Any]) -> Entry:
    """What the index keeps of a stored document, by part: the fields a
    listing shows (as stored; they are cleaned when summarized), the count
    of open action items and the revision, or why it cannot be listed; and
    its action items."""
    revision = doc.get("revision", 0)
    revision = revision if isinstance(revision, int) else 0
    try:
        migrated = migrate(dict(doc))
        summary = summarize(migrated)
    except BadDocument as error:
        return {
            LIST: {
                "id": doc.get("id"),
                "unreadable": error.reason,
                "revision": revision,
            }
        }
    listed = {key: migrated[key] for key in LISTED if key in migrated}
    listed["timeline"] = _dating_events(migrated.get("timeline") or [])
    listed["date"] = summary.incident_date
    listed["open_actions"] = summary.open_actions
    listed["revision"] = revision
    actions = [
        {key: a[key] for key in ACTION_KEYS if key in a}
        for a in migrated.get("actions") or []
    ]
    return {LIST: listed, ACTIONS: actions or None}


LISTED = (
    "id",
    "title",
    "kind",
    "status",
    "severity",
    "created",
    "updated",
    "services",
    "tags",
    "promoted_to",
    "promoted_from",
    "follow_up_on",
)
# What the action board shows of an item (not its factors or done-when).
ACTION_KEYS = (
    "id",
    "text",
    "owner",
    "due",
    "due_text",
    "type",
    "priority",
    "status",
    "tracker",
    "closed_on",
    "closing_note",
)


def _dating_events(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The events that give the incident its date (see ``summarize``)."""
    timed = [
        {"at": e["at"], "milestone": e.get("milestone")} for e in events if e.get("at")
    ]
    started = [e for e in timed if e["milestone"] == "started"]
    if started:
        return started
    return [min(timed, key=lambda e: e["at"])] if timed else []
