"""One module per ``retro`` subcommand (see ``retrotui.cli``)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from retrotui.store import Store


def store_for(args: argparse.Namespace) -> Store:
    """The store named by ``--db``, ``$RETROTUI_DB`` or the default path."""
    from retrotui.paths import default_db_path
    from retrotui.store import Store

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
