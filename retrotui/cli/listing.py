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

    from retrotui.storage.listing import (
        entry_date,
        read_entries,
        summarize_page,
        text_of,
    )
    from retrotui.storage.paths import default_db_path

    # Read as the home screen does: no lock or TinyDB needed to list. Ordered
    # by what the index keeps, so each entry is checked and cleaned only as
    # its row is written.
    path = default_db_path(args.db)
    entries = read_entries(path)
    by_key = entries.by_key
    # The incident's date, as the home screen shows it (a historical incident
    # typed in today sorts and shows under the day it happened).
    order = sorted(
        by_key,
        key=lambda k: (entry_date(by_key[k]), text_of(by_key[k].get("created"))),
        reverse=True,
    )
    skipped = entries.skipped
    if args.json:
        rows = [s.to_json() for s in summarize_page(by_key, order, skipped)]
        _report(skipped, path)
        sys.stdout.write(orjson.dumps(rows, option=orjson.OPT_INDENT_2).decode() + "\n")
        return 0
    if not order:
        _report(skipped, path)
        print("No postmortems yet. Start one with 'retro new' or 'retro note TITLE'.")
        return 0
    lines = [
        f"{'ID':<8} {'DATE':<10} {'KIND':<8} {'SEV':<5} {'STATUS':<10} {'OPEN':>4}  TITLE"
    ]
    for start in range(0, len(order), CHUNK):
        for pm in summarize_page(by_key, order[start : start + CHUNK], skipped):
            title = pm.title
            if pm.promoted_to:
                title += f" (promoted to {pm.promoted_to})"
            lines.append(
                f"{pm.id:<8} {pm.incident_date:<10} {pm.kind:<8} "
                f"{pm.severity:<5} {pm.status:<10} {pm.open_actions:>4}  {title}"
            )
        sys.stdout.write("\n".join(lines) + "\n")
        lines = []
    _report(skipped, path)
    return 0


CHUNK = 500


def _report(skipped: list, path: object) -> None:
    for error in skipped:
        print(f"retro: skipped {error} (in {path})", file=sys.stderr)
