"""Each index shard's log: what saves changed since its files were written whole.

A shard's two files grow with the store (about 130 KB and 400 KB at 20,000
postmortems), so a save does not rewrite them: it appends one line to the
shard's log, ``P.d/index/NN.log``, and a save writes about one postmortem.
A line is ``[key, listing entry, action items]``, or ``[key, listing
entry]`` when the items did not change; ``null`` removes. Readers apply the
lines in order over the files.

When the log outgrows half the listing file (``LOG_MIN`` at least), the
writer folds it in (``retrotui.storage.index``): the lines are appended as
always, the files written whole from the files and the whole log, atomically,
then the log is removed. Readers open the log before the files, so a log read
with files that were folded meanwhile repeats entries the files already hold,
which changes nothing; a log removed before the files were opened is opened
again (a later fold's files may be past its lines).

A writer killed while appending leaves a last line without its newline:
readers leave it out (the pending journal names its postmortem, read from
its document) and the next writer cuts it off before appending. A whole line
that is not a record makes the shard damaged: read from the documents and
rebuilt by the next writer, like a damaged file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import orjson

from retrotui.errors import StoreError, os_error_line

# A log may grow to half its listing file, and to this in a small store.
LOG_MIN = 4096
# (inode, size, mtime) of a shard's part file, then of its log (zeros: none).
Stamp = tuple[int, ...]
Record = list[Any]
NO_LOG = (0, 0, 0)
# Opening a shard again when a writer folded its log in meanwhile.
OPEN_TRIES = 3


def identity(st: os.stat_result) -> tuple[int, int, int]:
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def stamp_of(base: Path, log: Path) -> Stamp | None:
    """The stamp of a part as it is now; None when its file is missing."""
    try:
        log_id = identity(log.stat())
    except FileNotFoundError:
        log_id = NO_LOG
    try:
        return identity(base.stat()) + log_id
    except FileNotFoundError:
        return None


class ShardFiles:
    """One part of a shard and its log, opened together (log first): their
    stamp at once, their entries on demand. ``FileNotFoundError`` when the
    part's file is missing."""

    def __init__(self, base: Path, log: Path, is_list: bool) -> None:
        self.is_list = is_list
        for tries_left in reversed(range(OPEN_TRIES)):
            self._open(base, log)
            if not tries_left or self._log is None:
                break
            if os.fstat(self._log.fileno()).st_nlink:
                break
            # Folded away while the file was opened: the file may already be
            # past a later log's lines, which this older one would undo.
            self._base.close()
            self.close()
        self.stamp: Stamp = self._base_id + self._log_id

    def _open(self, base: Path, log: Path) -> None:
        self._log = None
        try:
            self._log = open(log, "rb")  # noqa: SIM115 (closed by __exit__)
            self._log_id = identity(os.fstat(self._log.fileno()))
        except FileNotFoundError:
            self._log_id = NO_LOG
        try:
            self._base = open(base, "rb")  # noqa: SIM115
        except BaseException:
            self.close()
            raise
        self._base_id = identity(os.fstat(self._base.fileno()))

    def __enter__(self) -> ShardFiles:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
        self._base.close()

    def close(self) -> None:
        if self._log is not None:
            self._log.close()

    def read(self) -> dict[str, Any] | None:
        """The part's entries by document key; None if the file or the log
        is damaged. Read after ``stamp``, so never older than it."""
        try:
            data = orjson.loads(self._base.read())
        except orjson.JSONDecodeError:
            return None
        kind = dict if self.is_list else list
        if not isinstance(data, dict) or not all(
            isinstance(v, kind) for v in data.values()
        ):
            return None
        records = parse_log(self._log.read()) if self._log else []
        if records is None:
            return None
        apply(data, records, self.is_list)
        return data


def parse_log(raw: bytes) -> list[Record] | None:
    """The log's whole lines as records; None if one is not a record."""
    lines = raw.split(b"\n")
    lines.pop()  # after the last newline: b"", or a killed writer's torn line
    records = []
    for line in lines:
        try:
            record = orjson.loads(line)
        except orjson.JSONDecodeError:
            return None
        if not _is_record(record):
            return None
        records.append(record)
    return records


def _is_record(record: object) -> bool:
    return (
        isinstance(record, list)
        and len(record) in (2, 3)
        and isinstance(record[0], str)
        and (record[1] is None or isinstance(record[1], dict))
        and (len(record) == 2 or record[2] is None or isinstance(record[2], list))
    )


def apply(data: dict[str, Any], records: list[Record], is_list: bool) -> None:
    """Bring one part's entries (``is_list``: the listing) up to ``records``."""
    for record in records:
        if is_list:
            value = record[1]
        elif len(record) == 3:
            value = record[2]
        else:
            continue  # the items stayed as they were
        if value is None:
            data.pop(record[0], None)
        else:
            data[record[0]] = value


def encode(records: list[Record]) -> bytes:
    return b"".join(orjson.dumps(record) + b"\n" for record in records)


def append(log: Path, payload: bytes, sync: bool = True) -> bool:
    """Append ``payload`` (whole lines) to ``log`` (with ``sync``, durably),
    first cutting a line a killed writer left torn; under the store's lock.
    True when the log was created (its folder then needs an fsync)."""
    created = not log.exists()
    try:
        fd = os.open(log, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
    except OSError as error:
        raise _cannot(log, error) from error
    try:
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            whole = os.pread(fd, size, 0).rfind(b"\n") + 1
            os.ftruncate(fd, whole)
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
        if sync:
            _fdatasync(fd)
    except OSError as error:
        raise _cannot(log, error) from error
    finally:
        os.close(fd)
    return created


def _fdatasync(fd: int) -> None:
    # The appended bytes and the new size: no other metadata is needed.
    getattr(os, "fdatasync", os.fsync)(fd)


def _cannot(log: Path, error: OSError) -> StoreError:
    return StoreError(
        os_error_line(
            error,
            f"cannot save {log}",
            "the postmortem file is saved; the next save brings the index in step",
        )
    )
