"""Every open action item as ``retro actions`` prints it piped or with
``--json``, from rows kept per index shard.

The whole board of a store of 20,000 postmortems holds about 90,000 open
items; reading, checking and cleaning each of them (``board_page``) took
1.8 s where 100 postmortems take 0.1 s. So each index shard's open items are
kept checked and cleaned (``storage.kept``: a shard a writer changed is
worked out again, alone), each with what the board orders them by (due day,
none last, then postmortem and item id, as ``board_page`` orders the
unfiltered board on any day) and its row's text or JSON made but for what
depends on the other shards or the day: its reference (an item id another
postmortem also has is named with its postmortem's) and whether it is
overdue. A board is then one sort and a line per item; and it is kept whole
too (``kept.whole_kept``, for the day), so the next one that day, the store
unchanged, only reads it.

A postmortem whose items fail the checks is left out and named, where its
first open item would have been, as the whole board names it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date
from operator import itemgetter
from pathlib import Path
from typing import Any

import orjson

from retrotui import __version__
from retrotui.errors import BadDocument
from retrotui.followup.board import (
    BoardRow,
    due_cell,
    item_ref,
    table_header,
    table_line,
)
from retrotui.followup.board_item import BoardItem, board_items
from retrotui.followup.board_kept import NO_DUE, due_day, shard_items
from retrotui.storage.kept import are_errors, errors, is_error, kept_parts, whole_kept
from retrotui.storage.layout import ACTIONS, LIST, Layout
from retrotui.storage.paths import resolve_db
from retrotui.storage.summary import heading

# What a kept file holds; one of another version, or kept by another
# release of retro, is worked out again.
VERSION = [1, __version__]
# Stand-ins in a kept JSON object for what is filled in when printed.
_REF = "\x00"
_OVERDUE = '"overdue": false'


def kept_board(
    path: Path, today: date, as_json: bool
) -> tuple[bytes | memoryview, int, int, list[BadDocument]] | None:
    """The unfiltered board of open items, ``today``: what
    ``retro actions`` prints piped (its table) or with ``--json`` (the
    objects of its list, joined), UTF-8; how many items, how many overdue,
    and the postmortems left out; None: read the index (``board_page``)."""
    name = f"board-{'json' if as_json else 'text'}"
    layout = Layout(resolve_db(path))

    def make() -> tuple[list[Any], bytes, dict[str, Any]] | None:
        parts = kept_parts(
            layout, name, VERSION, _work_out(as_json), _valid, (LIST, ACTIONS)
        )
        if parts is None:
            return None
        text, facts = _board(parts, today, as_json)
        return [part["stamp"] for part in parts], text.encode(), facts

    key = [*VERSION, today.isoformat()]
    whole = whole_kept(layout, name, key, make, _facts, (LIST, ACTIONS))
    if whole is None:
        return None
    text, facts = whole
    return text, facts["total"], facts["overdue"], errors(facts["skipped"])


def _board(
    parts: list[dict[str, Any]], today: date, as_json: bool
) -> tuple[str, dict[str, Any]]:
    rows: list[list[Any]] = []
    ids: Counter[str] = Counter()
    skipped: list[list[Any]] = []
    for part in parts:
        rows += part["rows"]
        ids.update(part["ids"])
        skipped += part["skipped"]
    # Least telling first, each sort keeping equal ones in order: as one
    # sort by all three, faster (strings compare faster than tuples).
    for field in (2, 1, 0):
        rows.sort(key=itemgetter(field))
    day = today.isoformat()
    failed = [row[6] for row in rows if row[6] is not None]
    rows = [row for row in rows if row[6] is None]
    skipped += failed
    refs = [item_ref(row[3], row[4], ids[row[4].lower()] > 1) for row in rows]
    late = [bool(row[5]) and row[5] < day for row in rows]
    if as_json:
        objects = [
            f"{row[7]}{orjson.dumps(ref).decode()}{row[8]}"
            f"{'true' if overdue else 'false'}{row[9]}"
            for row, ref, overdue in zip(rows, refs, late, strict=True)
        ]
        text = ",\n".join(objects)
    else:
        widths = (
            max(4, *map(len, refs)) if refs else 4,
            max(4, *(len(row[3]) for row in rows)) if rows else 4,
        )
        lines = [table_header(*widths, False)]
        lines += [
            table_line(
                ref, due_cell(row[5], overdue), "", row[7], row[3], row[8], widths
            )
            for row, ref, overdue in zip(rows, refs, late, strict=True)
        ]
        text = "\n".join(lines)
    return text, {"total": len(rows), "overdue": sum(late), "skipped": skipped}


def _work_out(as_json: bool) -> Callable[..., dict[str, Any]]:
    """One shard's rows, read as ``board_page`` reads the whole index.

    A row: due day ('9999-12-31' if none), postmortem and item id as the
    board orders them; the postmortem's and item's ids as shown, the due
    day ('' if none); None, or [id, reason] for a postmortem that fails
    its checks (its first item only); then the row's text (owner, item
    text) or JSON (before the reference, between it and overdue, after)."""
    made = _json_parts if as_json else _text_cells
    # A failing postmortem's row: as long as the others.
    blank = [""] * (3 if as_json else 2)

    def work_out(
        listed: dict[str, dict[str, Any]], actions: dict[str, Any]
    ) -> dict[str, Any]:
        rows: list[list[Any]] = []
        ids: Counter[str] = Counter()
        skipped: list[Any] = []
        for key, pm_id, found in shard_items(listed, actions, skipped):
            entry, items = listed[key], actions[key]
            item_ids = [item_id.lower() for _, _, item_id in found]
            places = [
                [due_day(item.get("due")) or NO_DUE, pm_id, item_id]
                for _, item, item_id in found
                if item.get("status", "open") == "open"
            ]
            if not places:
                ids.update(item_ids)
                continue
            try:
                head = heading(entry)
                checked = board_items(head[0], items)
            except BadDocument as error:
                first = min(places)
                failed = [entry.get("id"), error.reason]
                rows.append([*first, "", "", "", failed, *blank])
                continue
            ids.update(item_ids)
            for item in checked:
                if item.status.value != "open":
                    continue
                due = item.due.isoformat() if item.due else ""
                rows.append(
                    [
                        due or NO_DUE,
                        pm_id,
                        item.id,
                        head[0],
                        item.id,
                        due,
                        None,
                        *made(head, item),
                    ]
                )
        return {"rows": rows, "ids": ids, "skipped": skipped}

    return work_out


def _text_cells(head: tuple[str, str, tuple[str, ...]], item: BoardItem) -> list[str]:
    return [item.owner, item.text]


def _json_parts(head: tuple[str, str, tuple[str, ...]], item: BoardItem) -> list[str]:
    pm_id, title, services = head
    row = BoardRow(pm_id, title, services, item, _REF, False)
    # One indented object of the list ``common.print_json_list`` writes.
    text = orjson.dumps([row.to_json()], option=orjson.OPT_INDENT_2).decode()[2:-2]
    before, after = text.split(orjson.dumps(_REF).decode(), 1)
    mid, after = after.split(_OVERDUE, 1)
    return [before, mid + '"overdue": ', after]


def _facts(facts: dict[str, Any]) -> bool:
    return (
        isinstance(facts.get("total"), int)
        and isinstance(facts.get("overdue"), int)
        and are_errors(facts.get("skipped"))
    )


def _valid(kept: dict[str, Any]) -> bool:
    rows = kept.get("rows")
    return (
        isinstance(kept.get("ids"), dict)
        and all(isinstance(n, int) for n in kept["ids"].values())
        and isinstance(rows, list)
        and all(_is_row(row) for row in rows)
        and are_errors(kept.get("skipped"))
    )


def _is_row(row: object) -> bool:
    return (
        isinstance(row, list)
        and len(row) in (9, 10)
        and all(isinstance(cell, str) for cell in row[:6])
        and (row[6] is None or is_error(row[6]))
        and all(isinstance(cell, str) for cell in row[7:])
    )
