"""The ``retro`` command line: parses arguments and dispatches to a command.

Each command lives in ``retrotui.commands.<name>`` with ``add_parser`` and
``run``; modules import their heavy dependencies inside ``run`` so that
``retro note`` never pays for Textual.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from retrotui.errors import RetroError, UsageError

# Modules under ``retrotui.commands``, in the order ``retro --help`` lists them.
COMMANDS = (
    "new",
    "open",
    "quick",
    "note",
    "promote",
    "listing",
    "show",
    "export",
    "importer",
    "smart",
    "lint",
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message} (see '{self.prog} --help')")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="retro",
        description="Blameless postmortems for SREs, in the terminal.",
        epilog="Without a command, retro opens the postmortem app.\n"
        "Example: retro note 'Disk full on db-2' --duration 20m",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="database file (default: $RETROTUI_DB or the user data folder)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        importlib.import_module(f"retrotui.commands.{name}").add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # Pydantic's plugin discovery scans installed packages; retro uses none.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            from retrotui.commands.new import run_home

            return run_home(args)
        return args.run(args)
    except UsageError as error:
        print(error, file=sys.stderr)
        return 2
    except RetroError as error:
        print(f"retro: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("retro: cancelled", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
