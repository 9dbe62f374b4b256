"""``retro similar ID``: earlier postmortems that resemble this one."""

from __future__ import annotations

import argparse
import sys

from retrotui.cli.common import add_command, store_for
from retrotui.errors import UsageError


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = add_command(
        sub,
        "similar",
        "earlier postmortems that resemble this one, with their action items",
        "retro similar k7m2qx",
    )
    parser.add_argument(
        "id", metavar="ID", help="postmortem id (a unique prefix is enough)"
    )
    parser.add_argument("--json", action="store_true", help="a JSON list of objects")
    parser.add_argument(
        "--limit", type=int, default=5, metavar="N", help="at most N results (5)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from retrotui.cli.search import fit
    from retrotui.learning.lookup import similar_in_store

    if args.limit < 1:
        raise UsageError("retro similar: --limit must be 1 or more")
    store = store_for(args)
    pm = store.get(args.id)
    if pm.kind.value == "retro" and not args.json:
        print(
            f"retro similar: {pm.id} is a team retrospective, not an incident: "
            "there is nothing like it to find",
            file=sys.stderr,
        )
        return 1
    matches, skipped = similar_in_store(store, pm, args.limit)
    for line in skipped:
        print(f"retro: skipped {line}", file=sys.stderr)
    if args.json:
        import orjson

        rows = [match.to_json() for match in matches]
        sys.stdout.write(orjson.dumps(rows, option=orjson.OPT_INDENT_2).decode() + "\n")
        return 0 if matches else 1
    if not matches:
        print(
            f"retro similar: no earlier postmortem resembles {pm.id}", file=sys.stderr
        )
        return 1
    import shutil

    width = shutil.get_terminal_size((80, 24)).columns
    for match in matches:
        print(
            fit(f"{match.id:<8} {match.score:>3}  {match.date}  {match.title}", width)
        )
        print(fit(f"{'':<14}{match.actions_state()}", width))
    return 0
