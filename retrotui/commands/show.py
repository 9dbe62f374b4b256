"""``retro show ID``: the report, in the terminal."""

from __future__ import annotations

import argparse
import sys

from retrotui.commands import add_command, store_for


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = add_command(
        sub, "show", "show one postmortem's report", "retro show k7m2qx"
    )
    parser.add_argument(
        "id", metavar="ID", help="postmortem id (a unique prefix is enough)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from retrotui.report import to_markdown

    sys.stdout.write(to_markdown(store_for(args).get(args.id)))
    return 0
