"""The ``retro`` command line: parses arguments and dispatches to a command.

Each command lives in ``retrotui.cli.<name>`` with ``add_parser`` and
``run``; modules import their heavy dependencies inside ``run`` so that
``retro note`` never pays for Textual.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
from collections.abc import Sequence

from retrotui.cli.common import PATH_ARGUMENTS
from retrotui.document.text import clean_line
from retrotui.errors import RetroError, UsageError, os_error_line, short_repr
from retrotui.storage import notices

# Modules under ``retrotui.cli``, in the order ``retro --help`` lists them.
COMMANDS = (
    "new",
    "open",
    "quick",
    "note",
    "promote",
    "listing",
    "show",
    "actions",
    "export",
    "importer",
    "timeline",
    "smart",
    "lint",
    "search",
    "similar",
    "stats",
    "facilitator",
    "repo",
    "sync",
    "delete",
    "check",
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message} (see '{self.prog} --help')")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
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
    for name in COMMANDS if only is None else (only,) if only else ():
        importlib.import_module(f"retrotui.cli.{name}").add_parser(sub)
    return parser


# Subcommands whose module is named differently (``import`` is a keyword).
_MODULE_FOR = {"list": "listing", "import": "importer"}


def command_module(argv: Sequence[str]) -> str | None:
    """The one command module ``argv`` needs, or None to register them all.

    Registering only the command being run keeps ``retro note`` from importing
    every other command; top-level help or an unknown word gets all of them.
    No command at all (the app) needs none: ``""``.
    """
    words = iter(argv)
    for word in words:
        if word == "--db":
            next(words, None)
        elif word.startswith("--db="):
            continue
        elif word.startswith("-"):
            return None
        else:
            name = _MODULE_FOR.get(word, word)
            return name if name in COMMANDS else None
    return ""


def main(argv: Sequence[str] | None = None) -> int:
    # Pydantic's plugin discovery scans installed packages; retro uses none.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        words = sys.argv[1:] if argv is None else list(argv)
        args = build_parser(command_module(words)).parse_args(words)
        check_arguments(args)
        if args.command is None:
            from retrotui.cli.new import run_home

            return run_home(args)
        # Not while the app is on screen: its home says it there.
        notices.moving = _tell
        return args.run(args)
    except UsageError as error:
        _say(str(error))
        return 2
    except RetroError as error:
        _say(f"retro: {error}")
        return 1
    except OSError as error:
        if isinstance(error, BrokenPipeError):
            # `retro list | head` closed the pipe: not an error worth a message.
            sys.stderr.close()
            return 0
        _say(f"retro: {os_error_line(error)}")
        return 1
    except KeyboardInterrupt:
        _say("retro: cancelled")
        return 130
    except Exception as error:  # noqa: BLE001 - the last line of defence
        _say(
            f"retro: unexpected error: {error.__class__.__name__}: {error} "
            f"({_log_crash(argv, error)})"
        )
        return 1


def check_arguments(args: argparse.Namespace) -> None:
    """Refuse what argparse lets through: an empty ``--db`` or
    ``$RETROTUI_DB``, and text that is not UTF-8 (a path may be any bytes)."""
    from retrotui.storage.paths import chosen_db

    chosen_db(args.db)
    for name, value in vars(args).items():
        values = value if isinstance(value, list) else [value]
        for text in values:
            if not isinstance(text, str):
                continue
            if "\0" in text:  # only possible in-process: no argv word has one
                raise UsageError(f"retro: {name.upper()} holds a NUL byte")
            if name in PATH_ARGUMENTS:
                continue
            if _NOT_UTF8.search(text):
                raise UsageError(
                    f"retro: {name.upper()} is not UTF-8 text: {short_repr(text)}; "
                    "check the terminal's character encoding (locale)"
                )


# Undecodable bytes in argv arrive as lone surrogates (PEP 383).
_NOT_UTF8 = re.compile("[\ud800-\udfff]")


def _tell(line: str) -> None:
    _say(f"retro: {line}")


def _say(line: str) -> None:
    """Print one line on stderr: no escape sequences, never a second line, and
    bytes that were not UTF-8 (a path, a rejected word) shown as ``\\xff``."""
    line = line.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    print(clean_line(line), file=sys.stderr)


def args_db(argv: Sequence[str] | None) -> str | None:
    """The ``--db`` value, read without argparse (which may be what failed)."""
    words = list(sys.argv[1:] if argv is None else argv)
    for index, word in enumerate(words):
        if word == "--db" and index + 1 < len(words):
            return words[index + 1]
        if word.startswith("--db="):
            return word[5:]
    return None


def _log_crash(argv: Sequence[str] | None, error: Exception) -> str:
    """Where the details went, for the end of the error line."""
    from retrotui.storage import error_log
    from retrotui.storage.paths import default_db_path

    try:
        db_path = default_db_path(args_db(argv))
    except (OSError, RetroError) as failure:
        return f"no details: the error log could not be written: {failure}"
    return error_log.record(db_path, error_log.crash_report(error))


if __name__ == "__main__":
    sys.exit(main())
