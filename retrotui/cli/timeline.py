"""``retro timeline add ID FILE|DIR|-``: timeline evidence (Slack export, shell
history, logs, CSV, git log, kubectl events) added to a postmortem, with a
preview of what is added and in which zone."""

from __future__ import annotations

import argparse
import shutil
import sys

from retrotui.cli.common import add_command, store_for
from retrotui.document.text import clean_line
from retrotui.errors import UsageError

EXAMPLE = (
    "retro timeline add k7m2qx incident-channel/      # a Slack export folder\n"
    "  retro timeline add k7m2qx ~/.bash_history --since 13:00 --until 16:00\n"
    "  kubectl get events -o json | retro timeline add k7m2qx -"
)
SHOWN = 15


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = add_command(
        sub, "timeline", "add timeline events from evidence files", EXAMPLE
    )
    verbs = parser.add_subparsers(
        dest="verb", metavar="VERB", parser_class=type(parser)
    )
    verbs.required = True
    add = verbs.add_parser(
        "add",
        help="add the events of a file to a postmortem's timeline",
        description="Add the timestamped events of a file to a postmortem's\n"
        "timeline: lines starting with a time ('14:02 paged', ISO, syslog), CSV\n"
        "with a time column, a Slack channel export (a day file or the folder),\n"
        "bash history with #epoch lines, zsh extended history, git log,\n"
        "kubectl get events -o json. Events already there are not added again.",
        epilog=f"Example:\n  {EXAMPLE}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add.add_argument(
        "id", metavar="ID", help="postmortem id (a unique prefix is enough)"
    )
    add.add_argument("file", metavar="FILE", help="a file, a Slack export folder, or -")
    add.add_argument(
        "--tz",
        metavar="ZONE",
        help="zone of times written without one (default: this machine's)",
    )
    add.add_argument("--since", metavar="TIME", help="leave out events before TIME")
    add.add_argument("--until", metavar="TIME", help="leave out events after TIME")
    add.add_argument(
        "--as",
        dest="kind",
        choices=("auto", "lines", "csv", "slack", "bash", "zsh", "git", "kubectl"),
        default="auto",
        help="what FILE is (default: guessed from its content)",
    )
    add.add_argument(
        "--dry-run", action="store_true", help="show what would be added, add nothing"
    )
    add.set_defaults(run=run)


def _zone_name(zone: object) -> str:
    from datetime import datetime

    key = getattr(zone, "key", None)
    return key or datetime.now(zone).strftime("%Z") or "local time"  # type: ignore[arg-type]


def run(args: argparse.Namespace) -> int:
    from datetime import date

    from retrotui.document.timeparse import TimeParseError, local_zone, parse_when
    from retrotui.importing.evidence import adding
    from retrotui.importing.evidence.reader import read_source
    from retrotui.importing.files import shown
    from retrotui.importing.zones import zone_argument

    zone = zone_argument(args.tz) if args.tz else local_zone()
    store = store_for(args)
    pm = store.get(args.id)
    first = min((e.at for e in pm.timeline), default=None)
    day = first.astimezone(zone).date() if first else date.today()
    bounds = []
    for flag, value in (("--since", args.since), ("--until", args.until)):
        if value is None:
            bounds.append(None)
            continue
        try:
            from datetime import datetime

            bounds.append(parse_when(value, datetime.now(zone), first, past=True))
        except TimeParseError as error:
            raise UsageError(f"retro timeline add: {flag}: {error}") from error
    reading = read_source(args.file, zone, day, args.kind)
    plan = adding.plan(pm, reading.events, bounds[0], bounds[1])
    if not args.dry_run and plan.events:
        plan = adding.add(store, pm.id, reading.events, bounds[0], bounds[1])
    zone_name = args.tz or f"{_zone_name(zone)} (this machine's zone)"
    print(
        clean_line(
            f"{shown(args.file)}: {reading.kind}, times without a zone read in "
            f"{zone_name}"
        )
    )
    width = max(40, shutil.get_terminal_size().columns - 1)
    for event in plan.events[:SHOWN]:
        at = event.at.astimezone(zone)
        line = f"  {at:%Y-%m-%d %H:%M:%S}  {event.source:<6} {clean_line(event.text)}"
        print(line if len(line) <= width else line[: width - 1] + "…")
    if len(plan.events) > SHOWN:
        print(f"  ... and {len(plan.events) - SHOWN} more")
    verb = "would add" if args.dry_run else "added"
    parts = [
        f"{verb} {len(plan.events)} event{'s' * (len(plan.events) != 1)} to {pm.id}"
    ]
    if plan.already:
        parts.append(f"{plan.already} already in the timeline")
    if plan.outside:
        parts.append(f"{plan.outside} outside --since/--until")
    if reading.skipped:
        parts.append(
            f"{len(reading.skipped)} line{'s' * (len(reading.skipped) != 1)} without a time left out"
        )
    print(clean_line("; ".join(parts)), file=sys.stderr)
    return 0
