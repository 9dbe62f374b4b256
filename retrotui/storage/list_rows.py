"""Every listed postmortem's row, worked out and kept per index shard: what
``retro list`` prints piped, with ``--all`` or ``--json``.

Printing every postmortem from the index costs about 20 us a row: reading
its entry, checking and cleaning it (``summary.summarize``), formatting it;
0.45 s at 20,000 postmortems where 100 take 0.08 s. Kept per shard (see
``storage.kept``: a shard a writer changed is worked out again, alone),
each row already formatted, beside what it sorts by (``listing.recency``),
a listing only reads, sorts and writes them.

A kept row is the text ``render`` made of the postmortem's summary, or the
reason it fails its checks. The kept files' version holds what ``render``
makes of a sample entry, so rows of a retro that cleaned or formatted
otherwise are worked out again, not printed.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter
from pathlib import Path
from typing import Any

from retrotui import __version__
from retrotui.errors import BadDocument
from retrotui.storage.kept import (
    are_errors,
    errors,
    is_error,
    kept_parts,
    unreadable,
    whole_kept,
)
from retrotui.storage.layout import Layout
from retrotui.storage.listing import recency
from retrotui.storage.paths import resolve_db
from retrotui.storage.summary import Summary, summarize

# What a kept file holds; one of another version, or kept by another
# release of retro, is worked out again.
VERSION = [1, __version__]
# An entry with something of every kind cleaning and formatting touch.
_SAMPLE = {
    "id": "k7m2qx",
    "title": "Checkout \x1b[31mdown\x1b[0m [bold]after[/] deploy\tv2 \u202e",
    "kind": "incident",
    "status": "in-review",
    "severity": "SEV2",
    "created": "2026-11-02T09:30:00+00:00",
    "updated": "2026-11-03T10:00:00+00:00",
    "date": "2026-11-01",
    "timeline": [{"at": "2026-11-01T08:00:00+00:00", "milestone": "started"}],
    "services": ["checkout", "pay\x07ments"],
    "tags": ["deploy"],
    "open_actions": 3,
    "promoted_to": "b3xk9p",
    "follow_up_on": "2026-12-01",
}


def kept_rows(
    path: Path, name: str, render: Callable[[Summary], str]
) -> tuple[list[list[Any]], list[BadDocument]] | None:
    """Every listed postmortem's row in index order, and the entries the
    index could not read; None: read the index (see ``storage.kept``).
    ``name`` names the kept files of this ``render``.

    A row is ``[date, created, text, None]``, or ``[date, created, None,
    [id, reason]]`` for one that fails its checks (``failure``); sorted by
    its first two, newest last, as ``listing.recency`` orders entries."""
    found = _parts(Layout(resolve_db(path)), name, render)
    return None if found is None else (found[0], errors(found[1]))


def newest_first(
    path: Path,
    name: str,
    render: Callable[[Summary], str],
    joiner: str,
    limit: int | None = None,
) -> tuple[bytes | memoryview, int, int, list[BadDocument]] | None:
    """The rows' text, newest first, joined by ``joiner`` (UTF-8): every
    row, or those of the newest ``limit`` postmortems (rows of one line:
    ``joiner`` a line break); how many postmortems that is (rows, or why
    one is left out) of how many; the entries the index could not read,
    then the postmortems among those that fail their checks. Kept whole
    (``kept.whole_kept``): until a writer changes a shard, a listing only
    reads and writes it. None: read the index."""
    layout = Layout(resolve_db(path))

    def make() -> tuple[list[Any], bytes, dict[str, Any]] | None:
        found = _parts(layout, name, render)
        if found is None:
            return None
        rows, skipped, stamp = found
        # By date then by when written, as one sort by both would (each
        # sort keeps equal ones in order): strings compare faster than pairs.
        rows.sort(key=itemgetter(1), reverse=True)
        rows.sort(key=itemgetter(0), reverse=True)
        texts = [row[2] for row in rows]
        failed_at = [n for n, text in enumerate(texts) if text is None]
        facts = {
            "count": len(rows),
            "unreadable": skipped,
            "failed": [rows[n][3] for n in failed_at],
            "failed_at": failed_at,
        }
        texts = [text for text in texts if text is not None]
        return stamp, joiner.join(texts).encode(), facts

    whole = whole_kept(layout, f"rows-{name}", _version(render), make, _facts)
    if whole is None:
        return None
    text, facts = whole
    total = facts["count"]
    failed = facts["failed"]
    if limit is None or limit >= total:
        return text, total, total, errors(facts["unreadable"] + failed)
    shown = sum(n < limit for n in facts["failed_at"])
    lines = limit - shown
    text = b"\n".join(bytes(text).split(b"\n", lines)[:lines]) if lines else b""
    return text, limit, total, errors(facts["unreadable"] + failed[:shown])


def failure(row: list[Any]) -> BadDocument:
    """Why the postmortem of a row without text cannot be listed."""
    return BadDocument(*row[3])


def _parts(
    layout: Layout, name: str, render: Callable[[Summary], str]
) -> tuple[list[list[Any]], list[list[Any]], list[Any]] | None:
    """Every shard's kept rows in index order, the unreadable entries (id
    and reason), and the stamps of the shards they were read from."""

    def work_out(data: dict[str, dict[str, Any]]) -> dict[str, Any]:
        rows = []
        skipped = []
        for entry in data.values():
            if "unreadable" in entry:
                skipped.append(unreadable(entry))
                continue
            try:
                rows.append([*recency(entry), render(summarize(entry)), None])
            except BadDocument as error:
                rows.append([*recency(entry), None, [entry.get("id"), error.reason]])
        return {"rows": rows, "skipped": skipped}

    parts = kept_parts(layout, f"rows-{name}", _version(render), work_out, _valid)
    if parts is None:
        return None
    rows = []
    skipped = []
    for part in parts:
        rows += part["rows"]
        skipped += part["skipped"]
    return rows, skipped, [part["stamp"] for part in parts]


def _version(render: Callable[[Summary], str]) -> list[Any]:
    return [*VERSION, render(summarize(_SAMPLE))]


def _facts(facts: dict[str, Any]) -> bool:
    failed_at = facts.get("failed_at")
    return (
        isinstance(facts.get("count"), int)
        and are_errors(facts.get("unreadable"))
        and are_errors(facts.get("failed"))
        and isinstance(failed_at, list)
        and all(isinstance(n, int) for n in failed_at)
        and len(failed_at) == len(facts["failed"])
    )


def _valid(kept: dict[str, Any]) -> bool:
    rows = kept.get("rows")
    return (
        isinstance(rows, list)
        and all(
            isinstance(row, list)
            and len(row) == 4
            and isinstance(row[0], str)
            and isinstance(row[1], str)
            and (isinstance(row[2], str) or is_error(row[3]))
            for row in rows
        )
        and are_errors(kept.get("skipped"))
    )
