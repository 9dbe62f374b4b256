"""``retro check [PATH...]``: the gate for CI and pre-commit."""

from __future__ import annotations

import argparse
import json
import os
from dataclasses import replace
from pathlib import Path

from retrotui.cli.common import add_command
from retrotui.errors import UsageError


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = add_command(
        sub,
        "check",
        "check postmortem files (JSON, Markdown) for CI: blameless language, "
        "SMART open action items, complete when published; exit 1 on findings",
        "retro check postmortems/\n  retro check --format github postmortems/",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="files or folders (default: postmortems/)",
    )
    parser.add_argument(
        "--json", action="store_true", help="print the findings as JSON"
    )
    parser.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="text: file:line: rule: message; github: GitHub Actions annotations",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from retrotui.teamrepo.gate import check_file, files_under

    paths = args.paths or ["postmortems"]
    for name in paths:
        if not Path(name).exists():
            raise UsageError(f"retro check: no such file or folder: {_shown(name)}")
    findings = [
        replace(f, file=_shown(f.file))
        for path in files_under(paths)
        for f in check_file(path)
    ]
    if args.json:
        print(json.dumps([f.__dict__ for f in findings], ensure_ascii=False))
    else:
        for f in findings:
            if args.format == "github":
                message = f"{f.rule}: {f.message}".replace("%", "%25").replace(
                    "\n", "%0A"
                )
                print(f"::error file={f.file},line={f.line}::{message}")
            else:
                print(f"{f.file}:{f.line}: {f.rule}: {f.message}")
    return 1 if findings else 0


def _shown(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 shown as ``\\xff``."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")
