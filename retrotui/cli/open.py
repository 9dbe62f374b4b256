"""``retro open ID``: continue a postmortem where it was left."""

from __future__ import annotations

import argparse
from pathlib import Path

from retrotui.cli.common import add_command, store_for


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = add_command(
        sub,
        "open",
        "continue a postmortem in the app, at the step where it was left",
        "retro open k7m2qx",
    )
    parser.add_argument(
        "id", metavar="ID", help="postmortem id (a unique prefix is enough)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # Resolve the id first, so a typo is one line on stderr, not a screen.
    store = store_for(args)
    pm = store.get(args.id)
    return open_in_tui(store.path, pm.id)


def open_in_tui(db_path: Path, pm_id: str) -> int:
    """Run the app on one postmortem; its exit status."""
    from retrotui.app import RetroApp, run_app

    return run_app(RetroApp(db_path, pm_id=pm_id))
