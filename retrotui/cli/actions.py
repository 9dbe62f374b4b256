"""``retro actions``: the open action items of every postmortem, and their changes.

Without a verb it lists; ``done``, ``drop``, ``reopen`` and ``due`` change one
item (``retrotui.cli.actions_change``), ``push`` and ``pull`` keep them in
step with GitHub issues (``retrotui.cli.actions_tracker``).
"""

from __future__ import annotations

import argparse
import shutil
import textwrap
from typing import TYPE_CHECKING

from retrotui.cli import actions_change, actions_tracker, common
from retrotui.cli.common import add_command, as_of_date, count_argument
from retrotui.followup import REF_HELP

if TYPE_CHECKING:
    from datetime import date

    from retrotui.followup.board import BoardRow

EXAMPLE = (
    "retro actions --owner data --overdue\n"
    "  retro actions done a-4kq9 --note https://github.com/acme/db/pull/88\n"
    "  retro actions due k7m2qx/a-4kq9 'end of Q1'\n"
    "  retro actions push k7m2qx --github acme/platform"
)


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = add_command(
        sub,
        "actions",
        "list open action items across postmortems; close, drop or reschedule one",
        EXAMPLE,
    )
    parser.epilog = f"{textwrap.fill(REF_HELP + '.', 78)}\n\n{parser.epilog}"
    parser.add_argument("--owner", metavar="O", help="only items whose owner has O")
    parser.add_argument(
        "--service", metavar="S", help="only items of postmortems about service S"
    )
    parser.add_argument(
        "--overdue",
        action="store_true",
        help="only overdue items; exit 1 when there are any (for cron or a login script)",
    )
    parser.add_argument("--all", action="store_true", help="done and dropped items too")
    parser.add_argument(
        "--limit",
        metavar="N",
        type=count_argument,
        help="the first N items, piped too (a terminal gets a screenful; a "
        "pipe or --json every one)",
    )
    parser.add_argument("--json", action="store_true", help="a JSON list of objects")
    parser.add_argument(
        "--as-of", metavar="YYYY-MM-DD", help="judge overdue as if today were this day"
    )
    parser.set_defaults(run=run)
    verbs = parser.add_subparsers(
        dest="verb", metavar="VERB", parser_class=type(parser)
    )
    actions_change.add_parsers(verbs)
    actions_tracker.add_parsers(verbs)


def run(args: argparse.Namespace) -> int:
    today = as_of_date(args.as_of, "retro actions")
    terminal = common.to_terminal() and not args.json
    # A terminal gets the most urgent that fit; the overdue count and what
    # was left out close the table.
    limit = args.limit or (common.page_rows(2) if terminal else None)
    filters = args.owner or args.service or args.overdue or args.all
    if limit is None and not filters and _print_kept(args, today):
        return 0
    shown, total, overdue = _rows(args, today, limit)
    failing = 1 if args.overdue and total else 0
    if args.json:
        common.print_json_list(shown)
        return failing
    if not total:
        kind = "overdue " if args.overdue else "" if args.all else "open "
        what = f"No {kind}action items"
        print(what + (" match." if args.owner or args.service else "."))
        return 0
    _print_table(shown, args.all, terminal)
    if overdue:
        print(f"{overdue:,} overdue (marked !)")
    if terminal and len(shown) < total:
        print(
            f"{total - len(shown):,} more: --limit N, --owner O, --service S, "
            "--overdue; piped, every one"
        )
    return failing


def _print_kept(args: argparse.Namespace, today: date) -> bool:
    """Every open item, piped or ``--json``, from the rows kept per index
    shard (``followup.board_rows``); False: read the index."""
    from retrotui.followup.board_rows import kept_board
    from retrotui.storage.paths import default_db_path

    path = default_db_path(args.db)
    kept = kept_board(path, today, args.json)
    if kept is None:
        return False
    text, total, overdue, skipped = kept
    actions_change.report(skipped, path)
    if args.json:
        common.print_json_objects(text)
    elif not total:
        print("No open action items.")
    else:
        common.print_bytes(text, b"\n")
        if overdue:
            print(f"{overdue:,} overdue (marked !)")
    return True


def _rows(
    args: argparse.Namespace, today: date, limit: int | None
) -> tuple[list[BoardRow], int, int]:
    """The rows shown, how many the filters keep and how many are overdue.
    Only the postmortems of the rows shown are checked (``board_page``): a
    page, or the items a filter keeps, costs what it prints."""
    from retrotui.followup.board_page import Filters, board_page
    from retrotui.storage.paths import default_db_path

    filters = Filters(today, args.owner, args.service, args.overdue, args.all)
    path = default_db_path(args.db)
    page = board_page(path, filters, limit)
    actions_change.report(page.skipped, path)
    return page.rows, page.total, page.overdue


def _print_table(rows: list[BoardRow], with_status: bool, terminal: bool) -> None:
    from retrotui.followup.board import due_cell, table_header, table_line

    width = shutil.get_terminal_size().columns if terminal else 0
    widths = (
        max(4, *(len(row.ref) for row in rows)),
        max(4, *(len(row.pm_id) for row in rows)),
    )
    print(table_header(*widths, with_status))
    for row in rows:
        item = row.item
        due = due_cell(item.due.isoformat() if item.due else "", row.overdue)
        status = item.status.value if with_status else ""
        line = table_line(
            row.ref, due, status, item.owner, row.pm_id, item.text, widths
        )
        if width and len(line) > width:
            line = line[: width - 1] + "…"
        print(line)
