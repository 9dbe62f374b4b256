"""``retro list``: postmortems newest first, as a table or JSON.

A terminal gets the newest page and a last line saying how many more there
are; a pipe, ``--all`` or ``--json`` gets every match (what scripts read).
Filters are matched on the summary index, so only the rows shown are checked
and cleaned. Unfiltered, rows come from those kept formatted, newest first
(``storage.list_rows``): listing 20,000 costs about what listing 100 does.
"""

from __future__ import annotations

import argparse
import heapq
import shutil
import sys
from collections.abc import Callable
from datetime import date
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from retrotui.cli import common
from retrotui.cli.common import add_command, count_argument
from retrotui.document.schema import severity_column

if TYPE_CHECKING:
    from retrotui.errors import BadDocument
    from retrotui.storage.summary import Summary


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = add_command(
        sub,
        "list",
        "list postmortems and quick notes, newest incident first",
        "retro list --grep checkout --since 2026-01-01",
    )
    parser.epilog = (
        "In a terminal, a screenful of the newest; piped, with --all or --json, "
        "every one.\n\n" + (parser.epilog or "")
    )
    many = parser.add_mutually_exclusive_group()
    many.add_argument(
        "--all", action="store_true", help="every match, in a terminal too"
    )
    many.add_argument(
        "--limit",
        metavar="N",
        type=count_argument,
        help="the newest N matches, piped too",
    )
    parser.add_argument(
        "--grep",
        metavar="TEXT",
        help="only those whose title, id, services or tags hold every word of "
        "TEXT (full text: retro search)",
    )
    parser.add_argument(
        "--service", metavar="S", help="only postmortems about service S"
    )
    parser.add_argument(
        "--since",
        metavar="YYYY-MM-DD",
        type=_day,
        help="only incidents on or after this day",
    )
    parser.add_argument("--json", action="store_true", help="a JSON list of objects")
    parser.set_defaults(run=run)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date (use YYYY-MM-DD)"
        ) from None


def run(args: argparse.Namespace) -> int:
    from retrotui.storage.paths import default_db_path

    path = default_db_path(args.db)
    terminal = common.to_terminal() and not args.json
    limit = args.limit or (common.page_rows() if terminal and not args.all else None)
    filters = bool(args.grep or args.service or args.since)
    # A terminal's rows stay one line each; a pipe gets whole titles.
    width = shutil.get_terminal_size().columns if terminal else 0
    kept = None if filters else _kept_rows(path, args.json, limit)
    if kept is None:
        _print_entries(args, path, limit, filters, width, terminal)
        return 0
    text, shown, total, skipped = kept
    if args.json:
        common.print_json_objects(text)
    elif not total:
        print(NONE_YET)
    else:
        if width and text:
            lines = bytes(text).decode().split("\n")
            text = "\n".join(_fit(line, width) for line in lines).encode()
        common.print_bytes(HEADER.encode(), b"\n" + text if text else b"", b"\n")
        if total > shown and terminal:
            print(more_line(total - shown))
    _report(skipped, path)
    return 0


def _print_entries(
    args: argparse.Namespace,
    path: Path,
    limit: int | None,
    filters: bool,
    width: int,
    terminal: bool,
) -> None:
    """Matched and ordered by what the index keeps, so each entry is
    checked and cleaned only as its row is written."""
    from retrotui.storage.listing import read_entries, summarize_page

    # Read as the home screen does: no lock or TinyDB needed to list.
    entries = read_entries(path)
    by_key, skipped = entries.by_key, entries.skipped
    if filters:
        wanted = _filter(args)
        keys = [key for key, entry in by_key.items() if wanted(entry)]
    else:
        keys = list(by_key)
    order = _newest(by_key, keys, limit)
    if args.json:
        summaries = summarize_page(by_key, order, skipped)
        _report(skipped, path)
        common.print_json_list(summaries)
        return
    if not order:
        _report(skipped, path)
        print("No postmortems match." if by_key else NONE_YET)
        return
    lines = [HEADER]
    for start in range(0, len(order), CHUNK):
        for pm in summarize_page(by_key, order[start : start + CHUNK], skipped):
            lines.append(_fit(row_line(pm), width))
        sys.stdout.write("\n".join(lines) + "\n")
        lines = []
    more = len(keys) - len(order)
    if more and terminal:
        print(more_line(more))
    _report(skipped, path)


def _kept_rows(
    path: Path, as_json: bool, limit: int | None
) -> tuple[bytes | memoryview, int, int, list[BadDocument]] | None:
    """The rows ``_print_entries`` would write, newest first, from those
    kept per index shard (``storage.list_rows``): their text joined as
    printed (UTF-8), how many postmortems it lists (or names below as
    failing its checks) of how many, the ones skipped; None: read the
    index."""
    from retrotui.storage import list_rows

    name, render, joiner = (
        ("json", json_object, ",\n") if as_json else ("text", row_line, "\n")
    )
    if limit is None or not as_json:
        return list_rows.newest_first(path, name, render, joiner, limit)
    kept = list_rows.kept_rows(path, name, render)
    if kept is None:
        return None
    rows, skipped = kept
    page = heapq.nlargest(limit, rows, key=itemgetter(0, 1))
    skipped += [list_rows.failure(row) for row in page if row[2] is None]
    texts = [row[2] for row in page if row[2] is not None]
    return joiner.join(texts).encode(), len(page), len(rows), skipped


HEADER = (
    f"{'ID':<8} {'DATE':<10} {'KIND':<8} {'SEV':<5} {'STATUS':<10} {'OPEN':>4}  TITLE"
)
NONE_YET = "No postmortems yet. Start one with 'retro new' or 'retro note TITLE'."


def row_line(pm: Summary) -> str:
    """A postmortem's row of the table, whole."""
    title = pm.title
    if pm.promoted_to:
        title += f" (promoted to {pm.promoted_to})"
    return (
        f"{pm.id:<8} {pm.incident_date:<10} {pm.kind:<8} "
        f"{severity_column(pm.severity, pm.kind):<5} {pm.status:<10} {pm.open_actions:>4}  {title}"
    )


def json_object(pm: Summary) -> str:
    """A postmortem's object as ``common.print_json_list`` indents it in
    its list."""
    import orjson

    # The list's "[\n" and "\n]" around one indented object.
    return orjson.dumps([pm.to_json()], option=orjson.OPT_INDENT_2).decode()[2:-2]


def _fit(line: str, width: int) -> str:
    """``line`` cut to ``width`` (0: whole), its end marked."""
    return line[: width - 1] + "…" if width and len(line) > width else line


CHUNK = 500


def more_line(more: int) -> str:
    """The last line of a page: how many are left out and how to see them
    (fits 80 columns up to a million postmortems)."""
    return f"{more:,} more: --all, --limit N, --grep TEXT, --service S, --since DATE"


def _newest(
    by_key: dict[str, dict[str, Any]], keys: list[str], limit: int | None
) -> list[str]:
    """``keys`` newest first (``recency``); the first ``limit`` of them
    only, without sorting all."""
    from retrotui.storage.listing import recency

    def when(key: str) -> tuple[str, str]:
        return recency(by_key[key])

    if limit is None:
        return sorted(keys, key=when, reverse=True)
    return heapq.nlargest(limit, keys, key=when)


def _filter(args: argparse.Namespace) -> Callable[[dict[str, Any]], bool]:
    """Whether an index entry (not yet checked) passes the filters given."""
    from retrotui.storage.listing import entry_date, entry_words, names_of, text_of

    since = args.since.isoformat() if args.since else ""
    service = (args.service or "").casefold().strip()
    words = (args.grep or "").casefold().split()

    def wanted(entry: dict[str, Any]) -> bool:
        if since and entry_date(entry) < since:
            return False
        if service and not any(
            text_of(name).casefold().strip() == service
            for name in names_of(entry, "services")
        ):
            return False
        if words:
            haystack = entry_words(entry)
            return all(word in haystack for word in words)
        return True

    return wanted


def _report(skipped: list, path: object) -> None:
    for error in skipped:
        print(f"retro: skipped {error} (in {path})", file=sys.stderr)
