"""``retro import FILE|DIR|- [...]``: postmortems exported as JSON, or written in
Markdown (retro's own report, Google's template, the usual headings)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from retrotui.cli.common import add_command, store_for
from retrotui.document.text import clean_line
from retrotui.errors import RetroError, UsageError

WARNINGS_SHOWN = 10


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = add_command(
        sub,
        "import",
        "import postmortems: JSON exports, Markdown files, or a folder of them",
        "retro import 'PM2020-002 - KIAM outage.md' PM2020-004.md\n"
        "  retro import postmortems/ --tz Europe/Copenhagen\n"
        "  retro export k7m2qx --format json | retro --db other.json import -",
    )
    parser.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="JSON or Markdown files, folders of them, or - for standard input",
    )
    parser.add_argument(
        "--format",
        choices=("auto", "json", "md"),
        default="auto",
        help="what FILE holds (default: JSON if it starts with { or [, else Markdown)",
    )
    parser.add_argument(
        "--tz",
        metavar="ZONE",
        help="time zone of a timeline that does not name one (UTC, CET, +02:00, "
        "Europe/Copenhagen)",
    )
    parser.add_argument(
        "--replace",
        action="store_true",
        help="overwrite postmortems already there (same id, or the same title "
        "and first event)",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help='print {"id", "title", "warnings"} for each postmortem',
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import orjson

    from retrotui.importing import batch
    from retrotui.importing.report import ZoneNeeded
    from retrotui.importing.zones import zone_argument

    zone = zone_argument(args.tz) if args.tz else None
    if args.files.count("-") > 1:
        raise UsageError("standard input (-) can be read only once")
    store = store_for(args)
    outcomes: list[batch.Outcome] = []
    folders = 0
    for file in args.files:
        folder = file != "-" and Path(file).is_dir()
        folders += folder
        try:
            if folder:
                found, passed = batch.import_folder(
                    store, Path(file), args.format, zone, args.replace
                )
            else:
                found = batch.import_source(
                    store, file, args.format, zone, args.replace
                )
        except ZoneNeeded as error:
            raise RetroError(f"{_name(file)}: {error}") from error
        outcomes += found
        if not args.json:
            for outcome in found:
                _report(outcome)
            if folder:
                _summary(file, found, passed)
    one_file = len(args.files) == 1 and not folders
    if args.json:
        shown = [o.as_json() for o in outcomes]
        single = one_file and len(shown) == 1
        sys.stdout.write(orjson.dumps(shown[0] if single else shown).decode() + "\n")
    failed = [o for o in outcomes if o.error]
    if one_file and outcomes and outcomes[0].skipped and not outcomes[0].id:
        return 1
    return 1 if failed else 0


def _name(file: str) -> str:
    from retrotui.importing.files import shown

    return shown(file)


def _report(outcome: object) -> None:
    from retrotui.importing.batch import Outcome

    assert isinstance(outcome, Outcome)
    if outcome.error:
        print(clean_line(f"retro: {outcome.error}"), file=sys.stderr)
        return
    if outcome.skipped:
        print(
            clean_line(f"retro: skipped {outcome.source}: {outcome.skipped}"),
            file=sys.stderr,
        )
        return
    # One id a line for scripts; a person at a terminal sees the title too.
    line = f"{outcome.id}  {outcome.title}" if sys.stdout.isatty() else outcome.id
    print(clean_line(line), flush=True)
    for warning in outcome.warnings[:WARNINGS_SHOWN]:
        print(
            clean_line(f"retro: warning: {outcome.source}: {warning}"), file=sys.stderr
        )
    more = len(outcome.warnings) - WARNINGS_SHOWN
    if more > 0:
        print(
            clean_line(
                f"retro: warning: {outcome.source}: and {more} more "
                "(--json lists them all; what was not understood is in the notes)"
            ),
            file=sys.stderr,
        )


def _summary(folder: str, outcomes: list, passed: list[Path]) -> None:
    imported = [o for o in outcomes if o.id and not o.skipped and not o.error]
    skipped = [o for o in outcomes if o.skipped]
    failed = [o for o in outcomes if o.error]
    warned = sum(len(o.warnings) for o in imported)
    parts = [f"imported {len(imported)} postmortem{'s' * (len(imported) != 1)}"]
    if warned:
        parts.append(f"{warned} warning{'s' * (warned != 1)}")
    if skipped:
        parts.append(f"{len(skipped)} skipped")
    if failed:
        parts.append(f"{len(failed)} failed")
    if passed:
        parts.append(
            f"{len(passed)} other file{'s' * (len(passed) != 1)} not read "
            f"({', '.join(p.name for p in passed[:3])}{', ...' if len(passed) > 3 else ''})"
        )
    print(clean_line(f"retro: {_name(folder)}: " + "; ".join(parts)), file=sys.stderr)
