"""``retro repo`` and ``retro repo init REMOTE_OR_PATH``: the team repository."""

from __future__ import annotations

import argparse

from retrotui.cli.common import add_command


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = add_command(
        sub,
        "repo",
        "show or set the team git repository that retro sync shares postmortems with",
        "retro repo init git@github.com:acme/postmortems.git\n"
        "  retro repo init /srv/git/postmortems.git\n"
        "  retro repo",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    init = actions.add_parser(
        "init",
        help="clone the team repository (a URL or a path) into retro's data folder",
        description="clone the team repository (a URL or a path) into retro's data folder",
    )
    init.add_argument(
        "remote", metavar="REMOTE_OR_PATH", help="git URL or local/bare path"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from retrotui.storage.paths import default_db_path
    from retrotui.teamrepo import clone, config

    db_path = default_db_path(args.db)
    if args.action == "init":
        settings = clone.init(db_path, args.remote)
        print(f"team repository: {settings.remote}")
        print(f"clone: {settings.clone}")
        print("next: retro sync")
        return 0
    settings = config.load(db_path)
    if settings is None:
        print("no team repository is set; set one with: retro repo init REMOTE_OR_PATH")
        return 1
    for line in clone.status_lines(settings):
        print(line)
    return 0
