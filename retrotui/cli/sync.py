"""``retro sync``: share postmortems through the team git repository."""

from __future__ import annotations

import argparse
import sys

from retrotui.cli.common import add_command, store_for


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = add_command(
        sub,
        "sync",
        "share postmortems: commit yours, merge and import others', push",
        "retro sync\n  retro sync --drafts",
    )
    parser.add_argument(
        "--drafts",
        action="store_true",
        help="share drafts too (a draft is private until it is in review)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from retrotui.storage.paths import default_db_path
    from retrotui.teamrepo.sync import skipped_line, sync

    def say(line: str) -> None:
        print(f"retro sync: {line}", file=sys.stderr)

    result = sync(store_for(args), default_db_path(args.db), args.drafts, say)
    for line in result.exported:
        print(f"exported: {line}")
    for path in result.merged:
        print(f"merged edits from both sides: {path.rsplit('/', 1)[-1]}")
    for pm_id in dict.fromkeys(result.imported):
        print(f"imported: {pm_id}")
    for line in result.deleted:
        print(f"deleted here, as in the team repository: {line}")
    for line in result.kept:
        print(f"kept: {line}")
    if not (result.committed or result.imported or result.deleted or result.pushed):
        print("up to date: nothing to commit, nothing new")
    elif result.pushed:
        print("pushed")
    if result.skipped:
        print(f"retro: {skipped_line(result.skipped)}", file=sys.stderr)
        return 1
    return 0
