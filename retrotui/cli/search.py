"""``retro search QUERY``: every postmortem and note holding the words, typos allowed."""

from __future__ import annotations

import argparse
import shutil
import sys

from retrotui.cli.common import add_command, store_for
from retrotui.errors import UsageError


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = add_command(
        sub,
        "search",
        "search every postmortem and note (typos allowed)",
        "retro search 'conection pool'",
    )
    parser.add_argument(
        "query", metavar="QUERY", nargs="+", help="words to look for (quotes optional)"
    )
    parser.add_argument("--json", action="store_true", help="a JSON list of objects")
    parser.add_argument(
        "--limit", type=int, default=20, metavar="N", help="at most N results (20)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from retrotui.learning.fields import words
    from retrotui.learning.lookup import search_in_store

    args.query = " ".join(args.query)
    if not words(args.query):
        raise UsageError("retro search: QUERY has no words to look for")
    if args.limit < 1:
        raise UsageError("retro search: --limit must be 1 or more")
    hits, skipped = search_in_store(store_for(args), args.query, args.limit)
    for line in skipped:
        print(f"retro: skipped {line}", file=sys.stderr)
    if args.json:
        import orjson

        rows = [hit.to_json() for hit in hits]
        sys.stdout.write(orjson.dumps(rows, option=orjson.OPT_INDENT_2).decode() + "\n")
        return 0 if hits else 1
    if not hits:
        shown = " ".join(words(args.query))
        print(f"retro search: nothing matches '{shown}'", file=sys.stderr)
        return 1
    width = shutil.get_terminal_size((80, 24)).columns
    for hit in hits:
        print(fit(f"{hit.id:<8} {hit.score:>3}  {hit.title}", width))
        if hit.field != "title":  # the line above shows the title already
            print(fit(f"{'':<8} {hit.field}: {hit.snippet}", width))
    return 0


def fit(line: str, width: int) -> str:
    """``line`` cut to the terminal's width, with an ellipsis when cut."""
    return line if len(line) <= width else line[: width - 1] + "…"
