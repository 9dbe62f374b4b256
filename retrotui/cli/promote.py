"""``retro promote ID``: turn a quick note into a full postmortem draft."""

from __future__ import annotations

import argparse

from retrotui.cli.common import add_command


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = add_command(
        sub,
        "promote",
        "turn a quick note into a full postmortem draft and open it",
        "retro promote k7m2qx",
    )
    parser.add_argument(
        "id", metavar="ID", help="the note's id (a unique prefix is enough)"
    )
    parser.add_argument(
        "--no-open", action="store_true", help="only print the new draft's id"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from retrotui.cli.common import store_for
    from retrotui.quick.promote import promote

    store = store_for(args)
    draft = promote(store, args.id)
    print(draft.id)
    if args.no_open:
        return 0
    from retrotui.cli.open import open_in_tui

    return open_in_tui(store.path, draft.id)
