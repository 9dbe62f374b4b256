"""``retro list``: every postmortem, as a table or JSON."""

from __future__ import annotations

import argparse
import sys

from retrotui.cli.common import add_command


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = add_command(
        sub, "list", "list postmortems and quick notes", "retro list --json"
    )
    parser.add_argument("--json", action="store_true", help="a JSON list of objects")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import orjson

    from retrotui.storage.listing import read_summaries
    from retrotui.storage.paths import default_db_path

    # Read as the home screen does: no lock or TinyDB needed to list.
    path = default_db_path(args.db)
    listing = read_summaries(path)
    for error in listing.skipped:
        print(f"retro: skipped {error} (in {path})", file=sys.stderr)
    rows = [summary.to_json() for summary in listing.summaries]
    # The incident's date, as the home screen shows it (a historical incident
    # typed in today sorts and shows under the day it happened).
    rows.sort(key=lambda row: (row["date"], row["created"]), reverse=True)
    if args.json:
        sys.stdout.write(orjson.dumps(rows, option=orjson.OPT_INDENT_2).decode() + "\n")
        return 0
    if not rows:
        print("No postmortems yet. Start one with 'retro new' or 'retro note TITLE'.")
        return 0
    print(
        f"{'ID':<8} {'DATE':<10} {'KIND':<8} {'SEV':<5} {'STATUS':<10} {'OPEN':>4}  TITLE"
    )
    for row in rows:
        title = row["title"]
        if row["promoted_to"]:
            title += f" (promoted to {row['promoted_to']})"
        print(
            f"{row['id']:<8} {row['date']:<10} {row['kind']:<8} "
            f"{row['severity']:<5} {row['status']:<10} {row['open_actions']:>4}  {title}"
        )
    return 0
