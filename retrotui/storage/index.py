"""The summary index as a writer holds it: shards loaded on demand, re-read
when another process replaced them, written in step with the documents."""

from __future__ import annotations

import os
from contextlib import suppress
from typing import Any

import orjson

from retrotui.errors import StoreError, os_error_line
from retrotui.storage.files import (
    atomic_write,
    fsync_folder,
    refuse_read_only,
    remove_leftovers,
)
from retrotui.storage.layout import (
    LIST,
    PARTS,
    SHARDS,
    Entry,
    Layout,
    marker,
    shard_of,
)
from retrotui.storage.migration import migrate_single_file

Stamp = tuple[int, int, int]
Loaded = tuple[Stamp | None, dict[str, Any]]


class Index:
    """Used only under the store's lock."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self._shards: dict[tuple[int, str], Loaded] = {}
        self._cleaned = False

    # -- on every lock -----------------------------------------------------

    def refresh(self) -> None:
        """Make the layout current (migrating or creating it), clear what
        killed writers left, and forget shards another process replaced."""
        kind, raw = self.layout.kind()
        if kind == "single":
            migrate_single_file(self.layout, raw)
            self._shards = {}
        elif kind == "missing":
            self._create()
        elif kind == "old-index" or not self.layout.index_dir.is_dir():
            self._rebuild()
        if not self._cleaned:
            remove_leftovers(self.layout.tmp_dir)
            remove_leftovers(self.layout.path.parent, self.layout.path.name)
            self._cleaned = True
        pending = self.layout.pending_keys()
        if pending:
            self._shards = {}
            self.commit({key: self.layout.entry_for(key) for key in pending})
        for (shard, part), (stamp, _) in list(self._shards.items()):
            if stamp != self._stamp(shard, part):
                del self._shards[shard, part]

    def _folders(self) -> None:
        layout = self.layout
        try:
            for folder in (layout.folder, layout.index_dir, layout.tmp_dir):
                folder.mkdir(mode=0o700, exist_ok=True)
        except OSError as error:
            line = os_error_line(error, f"cannot create {error.filename}")
            raise StoreError(line) from error

    def _create(self) -> None:
        layout = self.layout
        self._folders()
        for shard in range(SHARDS):
            for part in PARTS:
                if not layout.shard_file(shard, part).exists():
                    path = layout.shard_file(shard, part)
                    atomic_write(path, b"{}", layout.tmp_dir, False)
        self._mark_current()

    def _rebuild(self) -> None:
        """An older retro's index: every shard written again from the
        documents, then the marker names this version. Killed in between,
        the marker still names the old one and the next writer starts over.
        Also for an index folder that went missing."""
        self._folders()
        shards: list[dict[str, dict[str, Any]]] = [
            {part: {} for part in PARTS} for _ in range(SHARDS)
        ]
        for key in self.layout.doc_keys():
            entry = self.layout.entry_for(key)
            for part, value in (entry or {}).items():
                if value is not None:
                    shards[shard_of(key)][part][key] = value
        for shard, parts in enumerate(shards):
            for part, data in parts.items():
                self._write_shard(shard, part, data)
        self._mark_current()

    def _mark_current(self) -> None:
        layout = self.layout
        fsync_folder(layout.index_dir)
        atomic_write(layout.path, marker(), layout.tmp_dir)
        fsync_folder(layout.path.parent)
        self._shards = {}

    # -- reads -----------------------------------------------------------------

    def get(self, key: str) -> dict[str, Any] | None:
        """The listing part of ``key``'s entry."""
        return self._shard(shard_of(key)).get(key)

    def all_keys(self) -> list[str]:
        return [key for shard in range(SHARDS) for key in self._shard(shard)]

    def keys_with_prefix(self, prefix: str) -> list[str]:
        return [
            key
            for shard in range(SHARDS)
            for key, entry in self._shard(shard).items()
            if str(entry.get("id", "")).startswith(prefix)
        ]

    def _stamp(self, shard: int, part: str) -> Stamp | None:
        try:
            st = self.layout.shard_file(shard, part).stat()
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def _shard(self, shard: int, part: str = LIST) -> dict[str, Any]:
        loaded = self._shards.get((shard, part))
        if loaded is not None:
            return loaded[1]
        stamp = self._stamp(shard, part)
        data = self.layout.read_shard(shard, part)
        if data is None:
            # Missing or damaged: rebuilt from the documents it covers.
            data = {}
            for key in self.layout.doc_keys():
                if shard_of(key) == shard:
                    value = (self.layout.entry_for(key) or {}).get(part)
                    if value is not None:
                        data[key] = value
            self._write_shard(shard, part, data)
            stamp = self._stamp(shard, part)
        self._shards[shard, part] = (stamp, data)
        return data

    # -- writes ----------------------------------------------------------------

    def begin(self, keys: list[str]) -> None:
        """Name the documents about to change (see ``Layout``); a database
        the user made read-only is refused before anything is written."""
        refuse_read_only(self.layout.path)
        # No fsync: the journal guards against a killed process, whose page
        # cache survives; the index is rebuilt from the documents if lost.
        atomic_write(
            self.layout.pending, orjson.dumps(keys), self.layout.tmp_dir, False
        )

    def commit(self, entries: dict[str, Entry | None]) -> None:
        """Bring the index in step with ``entries`` (None: removed), then drop
        the journal. Called after the documents are written."""
        touched: set[tuple[int, str]] = set()
        for key, entry in entries.items():
            shard = shard_of(key)
            for part in PARTS:
                data = self._shard(shard, part)
                value = None if entry is None else entry.get(part)
                if value == data.get(key):
                    continue  # unchanged: a new title leaves the items' file be
                if value is None:
                    del data[key]
                else:
                    data[key] = value
                touched.add((shard, part))
        for shard, part in touched:
            data = self._shards[shard, part][1]
            self._write_shard(shard, part, data)
            self._shards[shard, part] = (self._stamp(shard, part), data)
        fsync_folder(self.layout.folder)
        fsync_folder(self.layout.index_dir)
        with suppress(FileNotFoundError):
            os.unlink(self.layout.pending)

    def _write_shard(self, shard: int, part: str, data: dict[str, Any]) -> None:
        atomic_write(
            self.layout.shard_file(shard, part),
            orjson.dumps(data),
            self.layout.tmp_dir,
        )
