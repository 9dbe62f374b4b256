"""The summary index as a writer holds it: shards loaded on demand, re-read
when another process changed them, kept in step with the documents by
appending to each shard's log and now and then folding the log in
(``retrotui.storage.shard_log``)."""

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
    ACTIONS,
    LIST,
    LOGLESS_VERSION,
    PARTS,
    SHARDS,
    Entry,
    Layout,
    marker,
    shard_of,
)
from retrotui.storage.migration import migrate_single_file
from retrotui.storage.shard_log import LOG_MIN, Record, Stamp, append, apply, encode

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
        elif kind == "old-index" and _index_version(raw) == LOGLESS_VERSION:
            self._add_logs()
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
            if stamp != self.layout.shard_stamp(shard, part):
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
        self._drop_logs()
        self._mark_current()

    def _add_logs(self) -> None:
        """The index of the retro before logs is this one without them: only
        the marker changes. Logs found are left by a newer retro before an
        older one rebuilt the index: their lines are older than its files."""
        self._drop_logs()
        self._mark_current()

    def _drop_logs(self) -> None:
        for shard in range(SHARDS):
            with suppress(FileNotFoundError):
                os.unlink(self.layout.log_file(shard))

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

    def _shard(self, shard: int, part: str = LIST) -> dict[str, Any]:
        loaded = self._shards.get((shard, part))
        if loaded is not None:
            return loaded[1]
        stamp, data = self.layout.read_shard_stamped(shard, part)
        if data is None:
            # Missing or damaged (its file or its log): both parts rebuilt
            # from the documents the shard covers, and the log dropped.
            parts: dict[str, dict[str, Any]] = {part: {} for part in PARTS}
            for key in self.layout.doc_keys():
                if shard_of(key) == shard:
                    for name, value in (self.layout.entry_for(key) or {}).items():
                        if value is not None:
                            parts[name][key] = value
            self._fold(shard, parts)
            return parts[part]
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

    def commit(
        self,
        entries: dict[str, Entry | None],
        before: dict[str, Entry | None] | None = None,
    ) -> None:
        """Bring the index in step with ``entries`` (None: removed), then drop
        the journal. Called after the documents are written; ``before``: the
        entries of the documents they replaced, when known (action items
        equal to those are not logged again)."""
        records: dict[int, list[Record]] = {}
        for key, entry in entries.items():
            record: Record = [key, None, None]
            if entry is not None:
                record = [key, entry.get(LIST), entry.get(ACTIONS)]
                if self._same_actions(key, record[2], before):
                    record.pop()
            records.setdefault(shard_of(key), []).append(record)
        created = False
        for shard, lines in records.items():
            created |= self._log(shard, lines)
        fsync_folder(self.layout.folder)
        if created:
            fsync_folder(self.layout.index_dir)
        with suppress(FileNotFoundError):
            os.unlink(self.layout.pending)

    def _same_actions(
        self, key: str, actions: object, before: dict[str, Entry | None] | None
    ) -> bool:
        loaded = self._shards.get((shard_of(key), ACTIONS))
        if loaded is not None:
            return loaded[1].get(key) == actions
        if before is None or key not in before:
            return False
        return (before[key] or {}).get(ACTIONS) == actions

    def _log(self, shard: int, records: list[Record]) -> bool:
        """Append ``records`` to the shard's log, and fold the log in when it
        outgrows its bound. True if the log was created."""
        layout = self.layout
        payload = encode(records)
        try:
            logged = layout.log_file(shard).stat().st_size
        except FileNotFoundError:
            logged = 0
        try:
            listed = layout.shard_file(shard).stat().st_size
        except FileNotFoundError:
            listed = 0
        fold = logged + len(payload) > max(listed // 2, LOG_MIN)
        # Logged even when folded: the files then hold the whole log, so a
        # reader that opened the log before the fold reads the same. Not
        # synced then: the files written next are.
        created = append(layout.log_file(shard), payload, sync=not fold)
        for part in PARTS:
            loaded = self._shards.get((shard, part))
            if loaded is not None:
                apply(loaded[1], records, part == LIST)
                self._shards[shard, part] = (layout.shard_stamp(shard, part), loaded[1])
        if fold:
            self._fold(shard, {part: self._shard(shard, part) for part in PARTS})
        return created

    def _fold(self, shard: int, parts: dict[str, dict[str, Any]]) -> None:
        """Write the shard's files whole from ``parts``, then drop its log."""
        for part, data in parts.items():
            self._write_shard(shard, part, data)
        with suppress(FileNotFoundError):
            os.unlink(self.layout.log_file(shard))
        fsync_folder(self.layout.index_dir)
        for part, data in parts.items():
            self._shards[shard, part] = (self.layout.shard_stamp(shard, part), data)

    def _write_shard(self, shard: int, part: str, data: dict[str, Any]) -> None:
        atomic_write(
            self.layout.shard_file(shard, part),
            orjson.dumps(data),
            self.layout.tmp_dir,
        )


def _index_version(raw: bytes) -> object:
    return orjson.loads(raw).get("index_version")
