"""``retro new``: start a postmortem in the app; bare ``retro`` opens its home."""

from __future__ import annotations

import argparse

from retrotui.cli.common import add_command


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = add_command(
        sub,
        "new",
        "start a new postmortem in the app (saved as a draft at once)",
        "retro new --title 'Checkout down during promotion'; retro new --kind retro",
    )
    parser.add_argument("--title", "-t", default="", help="the incident's title")
    parser.add_argument(
        "--kind",
        choices=("incident", "retro"),
        default="incident",
        help="incident (the default) or retro: a team retrospective (what went "
        "well, what could improve, what puzzled us, then action items)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from retrotui.app import RetroApp, run_app
    from retrotui.storage.paths import default_db_path

    return run_app(
        RetroApp(
            default_db_path(args.db), new_title=args.title or "", new_kind=args.kind
        )
    )


def run_home(args: argparse.Namespace) -> int:
    """``retro`` without a command: drafts, recent postmortems, open actions."""
    from retrotui.app import RetroApp, run_app
    from retrotui.storage.paths import default_db_path

    return run_app(RetroApp(default_db_path(args.db)))
