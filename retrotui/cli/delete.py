"""``retro delete ID --yes``: remove a postmortem from the store.

With a team repository set, the next ``retro sync`` removes it there too
(and says so); someone's edit made meanwhile keeps it.
"""

from __future__ import annotations

import argparse

from retrotui.cli.common import add_command, store_for
from retrotui.errors import UsageError


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = add_command(
        sub,
        "delete",
        "delete a postmortem (the next retro sync deletes it for the team too)",
        "retro delete k7m2qx --yes",
    )
    parser.add_argument(
        "id", metavar="ID", help="postmortem id (a unique prefix is enough)"
    )
    parser.add_argument(
        "--yes", action="store_true", help="really delete it (nothing is asked)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from retrotui.storage.paths import default_db_path
    from retrotui.teamrepo import config

    store = store_for(args)
    pm = store.get(args.id)
    if not args.yes:
        raise UsageError(
            f"retro delete: this deletes {pm.id} {pm.title[:50]!r}; "
            f"run retro delete {pm.id} --yes to do it"
        )
    # Refused if someone wrote to it since it was read: that edit is theirs.
    store.delete(pm.id, expected_revision=pm.revision)
    print(f"deleted {pm.id} {pm.title[:50]!r}")
    if config.load(default_db_path(args.db)) is not None:
        print("the next retro sync deletes it from the team repository too")
    return 0
