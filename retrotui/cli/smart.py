"""``retro smart``: check one action item against SMART plus an owner."""

from __future__ import annotations

import argparse
import sys

from retrotui.cli.common import add_command, as_of_date
from retrotui.errors import UsageError

EXAMPLE = (
    "retro smart 'Add an alert when disk usage on db hosts exceeds 85%' \\\n"
    "      --owner storage-team --due 'end of Q2'\n"
    "  retro smart '@maria will add a CI check for terraform plan by Friday' --json"
)
_MARKS_UTF8 = {True: "✓", False: "✗", None: "–"}
_MARKS_ASCII = {True: "ok", False: "NO", None: "--"}


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = add_command(
        sub, "smart", "check an action item: specific, measurable, ...", EXAMPLE
    )
    parser.add_argument("text", metavar="TEXT", help="the action item")
    parser.add_argument("--owner", metavar="O", help="who is accountable")
    parser.add_argument(
        "--due", metavar="WHEN", help="2027-03-31, Friday, in 2 weeks, EOQ, Q2 ..."
    )
    parser.add_argument(
        "--factor", metavar="TEXT", help="the contributing factor it addresses"
    )
    parser.add_argument(
        "--as-of", metavar="YYYY-MM-DD", help="judge as if today were this day"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(run=run)


def _marks() -> dict[bool | None, str]:
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    return _MARKS_UTF8 if encoding in ("utf8", "utf_8") else _MARKS_ASCII


def run(args: argparse.Namespace) -> int:
    from retrotui.checks.smart import LABELS, check_action
    from retrotui.lazy_re import keep_between_runs

    keep_between_runs()  # most of a one-shot check is compiling its rules

    if not args.text.strip():
        raise UsageError("retro smart: TEXT is empty (give the action item's text)")
    as_of = as_of_date(args.as_of, "retro smart")
    result = check_action(
        args.text, owner=args.owner, due=args.due, factor=args.factor, as_of=as_of
    )
    if args.json:
        import json

        print(json.dumps(result.to_json(), ensure_ascii=False))
        return 0 if result.ok else 1

    marks = _marks()
    arrow = "→" if marks is _MARKS_UTF8 else "->"
    typed = args.due if args.due is not None else result.due_text
    if result.due_choices:
        resolved = " or ".join(day.isoformat() for day in result.due_choices) + "?"
    else:
        resolved = result.due.isoformat() if result.due else "not a date"
    lines = [f"action: {' '.join(args.text.split())}"]
    lines.append(f"owner: {result.owner or '(none)'}")
    lines.append(f"due: {typed} {arrow} {resolved}" if typed else "due: (none)")
    width = max(len(label) for label in LABELS.values())
    for name, criterion in result.criteria.items():
        lines.append(
            f"{marks[criterion.ok]} {LABELS[name]:<{width}}  {criterion.message}"
        )
        if criterion.hint and criterion.ok is not True:
            lines.append(f"  {'':<{width}}  hint: {criterion.hint}")
    problems = len(result.problems())
    if result.ok:
        lines.append("SMART: yes")
    elif problems:
        lines.append(f"SMART: not yet ({problems} to fix)")
    else:
        lines.append("SMART: not yet (a criterion could not be judged)")
    print("\n".join(lines))
    return 0 if result.ok else 1
