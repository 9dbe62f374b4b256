"""``retro actions done|drop|reopen|due ITEM``: change one action item."""

from __future__ import annotations

import argparse
import textwrap
from typing import TYPE_CHECKING

from retrotui.cli.common import as_of_date, store_for
from retrotui.followup import REF_HELP

if TYPE_CHECKING:
    from retrotui.errors import BadDocument
    from retrotui.followup.board import Source

_VERBS = {
    "done": (
        "mark an action item done",
        "retro actions done a-4kq9 --note https://github.com/acme/db/pull/88",
    ),
    "drop": (
        "drop an action item (decided not to do it), saying why",
        "retro actions drop a-4kq9 --reason 'replaced by the pooler migration'",
    ),
    "reopen": (
        "open a done or dropped action item again",
        "retro actions reopen a-4kq9",
    ),
    "due": (
        "change an action item's due date",
        "retro actions due k7m2qx/a-4kq9 'end of Q1'",
    ),
}


def add_parsers(verbs: argparse._SubParsersAction) -> None:
    parsers = {}
    for name, (help_text, example) in _VERBS.items():
        parser = verbs.add_parser(
            name,
            help=help_text,
            description=f"{help_text}.\n\n{textwrap.fill(REF_HELP + '.', 78)}",
            epilog=f"Example:\n  {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        parser.add_argument("item", metavar="ITEM", help="a-4kq9 or k7m2qx/a-4kq9")
        parser.set_defaults(run=run)
        parsers[name] = parser
    parsers["done"].add_argument(
        "--note",
        metavar="TEXT_OR_URL",
        default="",
        help="how it was done: a PR, a link",
    )
    parsers["drop"].add_argument(
        "--reason", metavar="TEXT", required=True, help="why it will not be done"
    )
    parsers["due"].add_argument(
        "when",
        metavar="WHEN",
        help="2027-03-31, Friday, in 2 weeks, EOW, end of Q1, week 7 ...",
    )
    for parser in parsers.values():
        parser.add_argument(
            "--as-of",
            metavar="YYYY-MM-DD",
            # Not set here: 'retro actions --as-of D done ...' keeps D.
            default=argparse.SUPPRESS,
            help="act as if today were this day",
        )


def sources_for(args: argparse.Namespace) -> list[Source]:
    """The postmortems the board reads, from the file ``--db`` names; one
    that cannot be read is named on stderr and left out."""

    from retrotui.followup.board import read_sources
    from retrotui.storage.paths import default_db_path

    path = default_db_path(args.db)
    skipped: list[BadDocument] = []
    sources = read_sources(path, skipped)
    report(skipped, path)
    return sources


def report(skipped: list[BadDocument], path: object) -> None:
    """Name each postmortem left out, on stderr."""
    import sys

    for error in skipped:
        print(f"retro: skipped {error} (in {path})", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    from retrotui.errors import UsageError
    from retrotui.followup import items

    today = as_of_date(args.as_of, f"retro actions {args.verb}")
    store = store_for(args)
    found = items.find_item(sources_for(args), args.item)
    item = found.item
    if args.verb == "done":
        if item.status.value == "done" and not args.note:
            print(f"{found.label} is already done")
            return 0
        items.change_item(
            store, found.pm_id, item.id, lambda i: items.mark_done(i, args.note, today)
        )
        print(f"{found.label} done: {item.text}")
    elif args.verb == "drop":
        if not args.reason.strip():
            raise UsageError("retro actions drop: --reason is empty (say why)")
        items.change_item(
            store,
            found.pm_id,
            item.id,
            lambda i: items.mark_dropped(i, args.reason, today),
        )
        print(f"{found.label} dropped: {item.text}")
    elif args.verb == "reopen":
        if item.status.value == "open":
            print(f"{found.label} is already open")
            return 0
        items.change_item(store, found.pm_id, item.id, items.reopened)
        print(f"{found.label} open again: {item.text}")
    else:
        due = items.read_due_date(args.when, today)
        items.change_item(
            store, found.pm_id, item.id, lambda i: items.with_due(i, due, args.when)
        )
        past = " (in the past)" if due < today else ""
        print(f"{found.label} due {due.isoformat()} ({due:%A}){past}")
    return 0
