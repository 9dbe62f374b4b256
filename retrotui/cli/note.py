"""``retro note``: record a minor incident in one command, for scripts and hooks."""

from __future__ import annotations

import argparse
import sys

from retrotui.cli.common import add_command

EXAMPLE = (
    "retro note 'Disk full on db-2' --started 14:02 --duration 20m \\\n"
    "      --impact 'writes failed for 20 min' --fix 'rotated logs' --service db \\\n"
    "      --action 'Alert at 80% disk on db hosts' --owner storage-team --due 'in 2 weeks'"
)


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = add_command(
        sub, "note", "record a minor incident and print its id", EXAMPLE
    )
    parser.add_argument("title", help="what happened, in a few words")
    parser.add_argument(
        "--severity", default="minor", help="minor (default), sev4, sev3, sev2 or sev1"
    )
    parser.add_argument(
        "--started", default="now", metavar="WHEN", help="14:02, 30m ago or ISO"
    )
    end = parser.add_mutually_exclusive_group()
    end.add_argument(
        "--duration", metavar="SPAN", help="how long it lasted: 15m, 1h30m"
    )
    end.add_argument("--resolved", metavar="WHEN", help="when it was resolved: 14:30")
    parser.add_argument(
        "--impact", default="", metavar="TEXT", help="who or what was hurt"
    )
    parser.add_argument("--fix", default="", metavar="TEXT", help="what fixed it")
    parser.add_argument(
        "--service", action="append", default=[], metavar="NAME", help="repeatable"
    )
    parser.add_argument(
        "--tag", action="append", default=[], metavar="T", help="repeatable"
    )
    parser.add_argument("--escalated", action="store_true", help="it was escalated")
    parser.add_argument("--action", metavar="TEXT", help="one follow-up action item")
    parser.add_argument("--owner", default="", metavar="O", help="owner of --action")
    parser.add_argument(
        "--due", default="", metavar="WHEN", help="due date of --action"
    )
    parser.add_argument("--json", action="store_true", help="print id, title, warnings")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from retrotui.errors import UsageError

    try:
        return _record(args)
    except UsageError as error:
        raise UsageError(f"retro note: {error}") from None


def _record(args: argparse.Namespace) -> int:
    from retrotui.document.text import clean_line
    from retrotui.errors import UsageError
    from retrotui.quick.note import (
        ActionDraft,
        NoteAnswers,
        action_problems,
        clean_title,
        local_now,
        parse_started,
        resolved_after,
        resolved_at,
        save_note,
    )
    from retrotui.storage.paths import default_db_path

    if (args.owner or args.due) and not args.action:
        raise UsageError("--owner and --due belong to --action")
    now = local_now()
    title = clean_title(args.title)
    started = parse_started(args.started, now)
    if args.duration:
        resolved = resolved_after(args.duration, started)
    elif args.resolved:
        resolved = resolved_at(args.resolved, started, now)
    else:
        resolved = None
    answers = NoteAnswers(
        title=title,
        started=started,
        resolved=resolved,
        severity=args.severity,
        impact=args.impact,
        fix=args.fix,
        services=[clean_line(name) for name in args.service],
        tags=[clean_line(tag) for tag in args.tag],
        escalated=args.escalated,
    )
    warnings: list[str] = []
    if args.action:
        answers.action = ActionDraft(
            clean_line(args.action), clean_line(args.owner), clean_line(args.due)
        )
        warnings = [f"action: {line}" for line in action_problems(answers.action, now)]
    pm_id = save_note(default_db_path(args.db), answers, now)
    for line in warnings:
        print(f"retro: warning: {line}", file=sys.stderr)
    if args.json:
        import json

        print(json.dumps({"id": pm_id, "title": title, "warnings": warnings}))
    else:
        print(pm_id)
    return 0
