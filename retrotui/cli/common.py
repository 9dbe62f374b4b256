"""What the command modules share: the store named on the command line, a subcommand with an example."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from retrotui.errors import UsageError

if TYPE_CHECKING:
    from retrotui.storage.store import Store

# Arguments (by ``dest``) that name files: any bytes are a valid path there,
# while every other argument must be UTF-8 text.  A command adding a path
# argument uses one of these names.
PATH_ARGUMENTS = frozenset({"db", "file", "files", "path", "paths", "dir", "output"})


def store_for(args: argparse.Namespace) -> Store:
    """The store named by ``--db``, ``$RETROTUI_DB`` or the default path."""
    from retrotui.storage.paths import default_db_path
    from retrotui.storage.store import Store

    return Store(default_db_path(args.db))


def add_command(
    sub: argparse._SubParsersAction, name: str, help: str, example: str
) -> argparse.ArgumentParser:
    """Register a subcommand whose ``--help`` ends with an example."""
    return sub.add_parser(
        name,
        help=help,
        description=help,
        epilog=f"Example:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def as_of_date(value: str | None, prog: str) -> date:
    """The day given with ``--as-of`` (YYYY-MM-DD), else today."""
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(
            f"{prog}: --as-of {value!r} is not a date (use YYYY-MM-DD)"
        ) from None
