"""What the command modules share: the store named on the command line, a subcommand with an example."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from retrotui.storage.store import Store


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
