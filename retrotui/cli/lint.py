"""``retro lint [FILE|-] [--names a,b] [--json] [--id ID]``: blaming language."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from retrotui.cli.common import add_command, store_for
from retrotui.errors import UsageError

if TYPE_CHECKING:
    from retrotui.checks.blameless import Finding

STDIN_LABEL = "<stdin>"


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = add_command(
        sub,
        "lint",
        "check text for blaming language (exit 1 when something is found)",
        "retro lint notes.md --names alice,bob\n"
        "  echo 'Bob forgot to renew the cert' | retro lint -\n"
        "  retro lint --id k7m2qx --json",
    )
    parser.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help="text or Markdown file; '-' (or nothing, when piped) reads stdin",
    )
    parser.add_argument(
        "--names",
        default="",
        metavar="A,B",
        help="comma-separated names of the people involved",
    )
    parser.add_argument(
        "--json", action="store_true", help='print {"findings": [...]} as JSON'
    )
    parser.add_argument(
        "--id",
        dest="pm_id",
        metavar="ID",
        help="check every text field of a stored postmortem instead of a file",
    )
    parser.set_defaults(run=run)


def _read(source: str | None) -> tuple[str, str]:
    """(label, text) of the file or stdin named on the command line."""
    if source is None or source == "-":
        if source is None and sys.stdin.isatty():
            raise UsageError(
                "retro lint: give a FILE, '-' for stdin, or --id ID "
                "(see 'retro lint --help')"
            )
        data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else None
        if data is None:
            return STDIN_LABEL, sys.stdin.read()
        return STDIN_LABEL, _decode(data, "standard input")
    path = Path(source)
    if not path.exists():
        raise UsageError(f"retro lint: no such file: {source}")
    if path.is_dir():
        raise UsageError(f"retro lint: {source} is a folder, not a file")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UsageError(
            f"retro lint: cannot read {source}: {error.strerror}"
        ) from None
    return source, _decode(data, source)


def _decode(data: bytes, label: str) -> str:
    if b"\x00" in data:
        raise UsageError(f"retro lint: {label} looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"retro lint: {label} is not UTF-8 text") from None


def _as_json(finding: Finding, field: str | None) -> dict[str, object]:
    entry: dict[str, object] = {}
    if field is not None:
        entry["field"] = field
    entry.update(
        line=finding.line,
        col=finding.col,
        end_col=finding.end_col,
        rule=finding.rule,
        category=finding.category,
        message=finding.message,
        suggestion=finding.suggestion,
    )
    return entry


def run(args: argparse.Namespace) -> int:
    from retrotui.checks.blameless import lint, lint_postmortem
    from retrotui.lazy_re import keep_between_runs

    keep_between_runs()  # most of a one-shot lint is compiling its rules

    names = [name.strip() for name in args.names.split(",") if name.strip()]
    labelled: list[tuple[str | None, Finding]]
    if args.pm_id is not None:
        if args.file is not None:
            raise UsageError("retro lint: give either FILE or --id, not both")
        pm = store_for(args).get(args.pm_id)
        prefix = pm.id
        labelled = [(field, finding) for field, finding in lint_postmortem(pm, names)]
    else:
        prefix, text = _read(args.file)
        labelled = [(None, finding) for finding in lint(text, names)]

    if args.json:
        findings = [_as_json(finding, field) for field, finding in labelled]
        print(json.dumps({"findings": findings}, ensure_ascii=False))
    else:
        for field, finding in labelled:
            where = prefix if field is None else f"{prefix}:{field}"
            print(
                f"{where}:{finding.line}:{finding.col}: {finding.rule}: "
                f"{finding.message} ({finding.suggestion})"
            )
    return 1 if labelled else 0
