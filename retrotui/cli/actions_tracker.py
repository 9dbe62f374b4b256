"""``retro actions push ID --github OWNER/REPO`` and ``retro actions pull``:
action items as GitHub issues, through the user's own ``gh``."""

from __future__ import annotations

import argparse

from retrotui.cli.common import as_of_date, store_for


def add_parsers(verbs: argparse._SubParsersAction) -> None:
    push = verbs.add_parser(
        "push",
        help="file a GitHub issue for each open action item that has none",
        description="File one GitHub issue per open action item of postmortem ID "
        "that has none yet, through the gh command line (your own login), with "
        "the item's text, owner, due date, SMART state and the postmortem; the "
        "issue's URL is kept on the item, so pushing again files nothing new.",
        epilog="Example:\n  retro actions push k7m2qx --github acme/platform --dry-run",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    push.add_argument(
        "id", metavar="ID", help="postmortem id (a unique prefix is enough)"
    )
    push.add_argument(
        "--github",
        metavar="OWNER/REPO",
        required=True,
        help="the repository to file in",
    )
    push.add_argument(
        "--dry-run", action="store_true", help="say what would be filed; run nothing"
    )
    pull = verbs.add_parser(
        "pull",
        help="mark done the items whose GitHub issue is closed",
        description="Read the state of each open action item's GitHub issue "
        "(gh issue view --json state); a closed issue marks its item done.",
        epilog="Example:\n  retro actions pull",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    pull.add_argument(
        "id", metavar="ID", nargs="?", help="only this postmortem (default: all)"
    )
    for parser in (push, pull):
        parser.add_argument(
            "--as-of",
            metavar="YYYY-MM-DD",
            # Not set here: 'retro actions --as-of D done ...' keeps D.
            default=argparse.SUPPRESS,
            help="act as if today were this day",
        )
        parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from retrotui.followup import github

    today = as_of_date(args.as_of, f"retro actions {args.verb}")
    store = store_for(args)
    if args.verb == "push":
        repo = github.check_repo(args.github)
        github.push(store, store.get(args.id), repo, today, args.dry_run, print)
        return 0
    from retrotui.cli.actions_change import sources_for

    sources = sources_for(args)
    if args.id:
        wanted = store.get(args.id).id
        sources = [source for source in sources if source.id == wanted]
    github.pull(store, sources, today, print)
    return 0
