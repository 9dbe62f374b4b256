"""What the command modules share: the store named on the command line, a subcommand with an example."""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

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


# Rows a terminal gets at least when a table is cut to a page.
PAGE = 10


def to_terminal() -> bool:
    """Is a person reading (standard output a terminal), not a script?"""
    return sys.stdout.isatty()


def page_rows(below: int = 1) -> int:
    """How many rows of a table fit the terminal under its header, above
    ``below`` closing lines and the prompt: the first rows stay in view."""
    return max(PAGE, shutil.get_terminal_size().lines - 2 - below)


# Objects made and printed at a time by ``print_json_list``.
JSON_CHUNK = 1000


def print_json_list(items: Sequence[Any]) -> None:
    """The ``to_json()`` of each of ``items`` as one indented JSON list (as
    ``orjson.OPT_INDENT_2`` prints it), made and written a chunk at a time:
    the 89,500 items of a store of 20,000 held as objects, bytes and text
    at once took 280 MB."""
    import orjson

    if not items:
        sys.stdout.write("[]\n")
        return
    for start in range(0, len(items), JSON_CHUNK):
        chunk = [item.to_json() for item in items[start : start + JSON_CHUNK]]
        text = orjson.dumps(chunk, option=orjson.OPT_INDENT_2).decode()
        # Inside the brackets ("[\n" ... "\n]"), joined as one list.
        first, last = start == 0, start + JSON_CHUNK >= len(items)
        sys.stdout.write(
            ("" if first else ",\n") + text[0 if first else 2 : None if last else -2]
        )
    sys.stdout.write("\n")


def print_bytes(*parts: bytes | memoryview) -> None:
    """UTF-8 text kept ready to print (megabytes, see ``storage.kept``),
    written as it is, after whatever was printed before."""
    sys.stdout.flush()
    for part in parts:
        sys.stdout.buffer.write(part)
    sys.stdout.buffer.flush()


def print_json_objects(objects: bytes | memoryview) -> None:
    """Objects kept as ``print_json_list`` indents them in its list, joined
    by ",\\n" (UTF-8), printed as that list."""
    if objects:
        print_bytes(b"[\n", objects, b"\n]\n")
    else:
        print("[]")


def count_argument(text: str) -> int:
    """An argparse type: a count of 1 or more."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a count (1 or more)")
    return value
