"""``retro show ID``: the report, in the terminal."""

from __future__ import annotations

import argparse
import os
import sys

from retrotui.cli.common import add_command, store_for


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = add_command(
        sub, "show", "show one postmortem's report", "retro show k7m2qx"
    )
    parser.add_argument(
        "id", metavar="ID", help="postmortem id (a unique prefix is enough)"
    )
    parser.add_argument(
        "--plain", action="store_true", help="print the Markdown source as it is"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from retrotui.reports.markdown import to_markdown
    from retrotui.reports.related import related_titles

    store = store_for(args)
    pm = store.get(args.id)
    text = to_markdown(pm, related=related_titles(store, pm))
    styled = sys.stdout.isatty() and os.environ.get("TERM") != "dumb"
    if args.plain or not styled:
        sys.stdout.write(text)
        return 0
    # Rich only when a person is looking: pipes and scripts get the Markdown.
    from rich.console import Console
    from rich.markdown import Markdown

    Console().print(Markdown(text))
    return 0
