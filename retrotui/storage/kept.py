"""What a reader worked out from each index shard, kept beside the index.

Some readers need only a little of what the whole index holds, or the same
work done on it every time: a listing's first page (``storage.newest``), the
action board's first page (``followup.board_kept``), every row of a piped
``retro list`` (``storage.list_rows``). Reading and working through the
whole index costs what the store holds; so a reader keeps what it worked out
from index shard NN in ``P.d/<name>/NN.json``, with the identity (inode,
size, mtime) of the shard's files and log when they were read, and the next
reader takes it while that identity holds: a shard a writer changed since
is read again, one file and its log, not the whole index.

Derived data only: written by readers, atomically, without fsync; one that
is missing, damaged, of another version or cannot be written (a read-only
store) is worked out from the index again. ``None`` tells the caller to
read the whole index: an older layout, a writer's pending journal, a
damaged shard.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack, suppress
from pathlib import Path
from typing import Any

import orjson

from retrotui.errors import BadDocument, RetroError
from retrotui.storage.files import atomic_write
from retrotui.storage.layout import LIST, SHARDS, Layout


def kept_parts(
    layout: Layout,
    name: str,
    version: object,
    work_out: Callable[..., dict[str, Any]],
    valid: Callable[[dict[str, Any]], bool],
    parts: tuple[str, ...] = (LIST,),
) -> list[dict[str, Any]] | None:
    """Each shard's kept part, in shard order: ``work_out(*data)`` of the
    shard's index ``parts``, plus its ``version`` and stamp. A kept file is
    used if it has this ``version``, the shard's stamp and passes ``valid``
    (it may have been damaged or written by another retro)."""
    if layout.kind()[0] != "split" or layout.pending.exists():
        return None
    found = []
    for shard in range(SHARDS):
        part = _part(layout, name, shard, version, work_out, valid, parts)
        if part is None:
            return None
        found.append(part)
    return found


def stamps(layout: Layout, parts: tuple[str, ...] = (LIST,)) -> list[Any] | None:
    """Every shard's stamp now, as its kept part would record it: for data
    worked out from all the kept parts at once. None as for ``kept_parts``."""
    if layout.kind()[0] != "split" or layout.pending.exists():
        return None
    found = []
    try:
        for shard in range(SHARDS):
            with ExitStack() as stack:
                files = [
                    stack.enter_context(layout.shard_files(shard, p)) for p in parts
                ]
                found.append([list(f.stamp) for f in files])
    except OSError:
        return None
    return found


def _part(
    layout: Layout,
    name: str,
    shard: int,
    version: object,
    work_out: Callable[..., dict[str, Any]],
    valid: Callable[[dict[str, Any]], bool],
    parts: tuple[str, ...],
) -> dict[str, Any] | None:
    path = layout.folder / name / f"{shard:02d}.json"
    try:
        with ExitStack() as stack:
            files = [stack.enter_context(layout.shard_files(shard, p)) for p in parts]
            stamp = [list(f.stamp) for f in files]
            kept = read_kept(path)
            if (
                isinstance(kept, dict)
                and kept.get("version") == version
                and kept.get("stamp") == stamp
                and valid(kept)
            ):
                return kept
            # The identity and the bytes of the same open files: a shard
            # changed after this read has another identity and is read again.
            data = [f.read() for f in files]
    except OSError:
        return None
    if any(d is None for d in data):
        return None
    part = {"version": version, "stamp": stamp, **work_out(*data)}
    keep(layout, path, part)
    return part


def whole_kept(
    layout: Layout,
    name: str,
    key: object,
    make: Callable[[], tuple[list[Any], bytes, dict[str, Any]] | None],
    valid: Callable[[dict[str, Any]], bool],
    parts: tuple[str, ...] = (LIST,),
) -> tuple[bytes | memoryview, dict[str, Any]] | None:
    """A command's whole output worked out from every shard's kept part,
    kept whole in ``P.d/NAME/all.txt``: its text, and what the command says
    besides (counts, the postmortems left out: ``facts``). Used while every
    shard's stamp and ``key`` (a version, a day) are those it was made with;
    else ``make()`` gives the stamps it read, the text and the facts, and
    they are kept. None: read the index, as for ``kept_parts``."""
    path = layout.folder / name / "all.txt"
    now = stamps(layout, parts)
    if now is None:
        return None
    kept = read_kept_text(path)
    if kept is not None:
        head, text = kept
        if (
            isinstance(head, dict)
            and head.get("key") == key
            and head.get("stamp") == now
            and isinstance(head.get("facts"), dict)
            and valid(head["facts"])
        ):
            return text, head["facts"]
    made = make()
    if made is None:
        return None
    stamp, text, facts = made
    keep_text(layout, path, {"key": key, "stamp": stamp, "facts": facts}, text)
    return text, facts


def keep(layout: Layout, path: Path, part: dict[str, Any]) -> None:
    """Write a kept part, if it can be (in ``path``'s folder, made private)."""
    # Without the lock: a writer clearing the temp folder may take this temp
    # file away, and the part is simply not kept this time (as on a
    # read-only store); one a killed reader leaves is cleared likewise.
    with suppress(OSError, RetroError):
        path.parent.mkdir(mode=0o700, exist_ok=True)
        atomic_write(path, orjson.dumps(part), layout.tmp_dir, False)


def keep_text(layout: Layout, path: Path, head: dict[str, Any], text: bytes) -> None:
    """Keep ``text`` (what a command prints, megabytes at 20,000
    postmortems) after a line of JSON saying what it was made from: read
    back and printed as it is, not parsed as a JSON string and encoded."""
    with suppress(OSError, RetroError):
        path.parent.mkdir(mode=0o700, exist_ok=True)
        atomic_write(path, orjson.dumps(head) + b"\n" + text, layout.tmp_dir, False)


def read_kept_text(path: Path) -> tuple[Any, memoryview] | None:
    """What ``keep_text`` kept: its head's JSON and its text (a view of the
    bytes read: 41 MB for the JSON board at 20,000, not copied again); None
    if it is missing or its head is not JSON (JSON holds no bare line break)."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
        end = raw.find(b"\n")
        if end < 0:
            return None
        return orjson.loads(raw[:end]), memoryview(raw)[end + 1 :]
    except (OSError, orjson.JSONDecodeError):
        return None


def read_kept(path: Path) -> Any:
    """A kept part's JSON, None if it is missing or not JSON."""
    try:
        with open(path, "rb") as handle:
            return orjson.loads(handle.read())
    except (OSError, orjson.JSONDecodeError):
        return None


def unreadable(entry: dict[str, Any]) -> list[Any]:
    """An index entry the index could not read, as kept: [id, reason]."""
    return [entry.get("id"), str(entry["unreadable"])]


def are_errors(value: object) -> bool:
    """Is ``value`` a kept list of unreadable postmortems: [id, reason] each?"""
    return isinstance(value, list) and all(is_error(pair) for pair in value)


def is_error(value: object) -> bool:
    return isinstance(value, list) and len(value) == 2 and isinstance(value[1], str)


def errors(pairs: list[list[Any]]) -> list[BadDocument]:
    """Kept [id, reason] pairs as the errors a command names."""
    return [BadDocument(pm_id, reason) for pm_id, reason in pairs]
