"""``retro stats``: incidents over time, time to detect and resolve, action
follow-through, recurrences."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from retrotui.cli.common import add_command, as_of_date, store_for
from retrotui.errors import UsageError


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = add_command(
        sub,
        "stats",
        "figures over time: incidents per month, time to detect and resolve, "
        "action follow-through, recurrences",
        "retro stats --service checkout --since 2026-01-01",
    )
    parser.add_argument("--service", metavar="S", help="only postmortems of service S")
    parser.add_argument(
        "--since", metavar="DATE", help="only incidents from DATE on (YYYY-MM-DD)"
    )
    parser.add_argument(
        "--as-of", metavar="DATE", help="count overdue items as of DATE (today)"
    )
    parser.add_argument("--json", action="store_true", help="a JSON object")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from retrotui.learning.lookup import facts_in_store
    from retrotui.learning.stats import compute, select

    since = None
    if args.since is not None:
        try:
            since = date.fromisoformat(args.since.strip())
        except ValueError:
            raise UsageError(
                f"retro stats: --since {args.since!r} is not a date (use YYYY-MM-DD)"
            ) from None
    today = as_of_date(args.as_of, "retro stats")
    facts, skipped = facts_in_store(store_for(args))
    for line in skipped:
        print(f"retro: skipped {line}", file=sys.stderr)
    stats = compute(select(facts, args.service, since), today)
    if args.json:
        import orjson

        text = orjson.dumps(stats.to_json(), option=orjson.OPT_INDENT_2).decode()
        sys.stdout.write(text + "\n")
        return 0
    from retrotui.learning.stats_text import describe

    for line in describe(stats):
        print(line)
    return 0
