"""``retro facilitator [ID]``: who to ask to facilitate, by rotation."""

from __future__ import annotations

import argparse
import sys

from retrotui.cli.common import add_command, store_for
from retrotui.errors import UsageError


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = add_command(
        sub,
        "facilitator",
        "who to ask to facilitate: people who were not responders in this "
        "incident, never or least recently facilitated first",
        "retro facilitator k7m2qx",
    )
    parser.add_argument(
        "id",
        metavar="ID",
        nargs="?",
        help="the postmortem to facilitate (its responders are left out); "
        "without it, the whole team's rotation",
    )
    parser.add_argument("--json", action="store_true", help="a JSON list of objects")
    parser.add_argument(
        "--limit", type=int, default=10, metavar="N", help="at most N people (10)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from retrotui.cli.search import fit
    from retrotui.learning.facilitators import Rotation
    from retrotui.learning.facts import facts
    from retrotui.learning.lookup import spellings_in_store

    if args.limit < 1:
        raise UsageError("retro facilitator: --limit must be 1 or more")
    store = store_for(args)
    current = facts(store.get(args.id)) if args.id else None
    skip_id = current["id"] if current else None
    written, skipped = spellings_in_store(store, skip_id=skip_id)
    for line in skipped:
        print(f"retro: skipped {line}", file=sys.stderr)
    ranked = Rotation(written).rank(current)[: args.limit]
    if args.json:
        import orjson

        rows = [candidate.to_json() for candidate in ranked]
        sys.stdout.write(orjson.dumps(rows, option=orjson.OPT_INDENT_2).decode() + "\n")
        return 0 if ranked else 1
    if not ranked:
        where = f"{current['id']}'s responders left out" if current else "the store"
        print(
            f"retro facilitator: nobody to suggest ({where}); people come from "
            "the participants and facilitators of stored postmortems",
            file=sys.stderr,
        )
        return 1
    import shutil

    width = shutil.get_terminal_size((80, 24)).columns
    print(fit(f"{'NAME':<24} {'LAST FACILITATED':<17} {'TIMES':>5}  LAST SEEN", width))
    for c in ranked:
        last = c.last_facilitated or "never"
        line = f"{c.name:<24} {last:<17} {c.times_facilitated:>5}  {c.last_seen}"
        print(fit(line, width))
    return 0
