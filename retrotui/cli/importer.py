"""``retro import FILE|-``: documents as exported, never overwriting silently."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from retrotui.cli.common import add_command, store_for
from retrotui.errors import BadDocument, RetroError, UsageError


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = add_command(
        sub,
        "import",
        "import postmortems exported as JSON (one document or a list)",
        "retro export k7m2qx --format json | retro --db other.json import -",
    )
    parser.add_argument(
        "file", metavar="FILE", help="a JSON file, or - for standard input"
    )
    parser.add_argument(
        "--replace", action="store_true", help="overwrite postmortems whose id exists"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import orjson
    from pydantic import ValidationError

    from retrotui.document.ids import repeated_item_ids
    from retrotui.document.migrate import migrate
    from retrotui.document.models import Postmortem
    from retrotui.document.validation import describe

    source = "standard input" if args.file == "-" else args.file
    try:
        raw = (
            sys.stdin.buffer.read()
            if args.file == "-"
            else Path(args.file).read_bytes()
        )
    except OSError as error:
        raise UsageError(
            f"retro import: cannot read {source}: {error.strerror}"
        ) from error
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise RetroError(f"{source} is not valid JSON ({error})") from error
    docs = data if isinstance(data, list) else [data]
    pms = []
    for number, doc in enumerate(docs, 1):
        if not isinstance(doc, dict):
            raise RetroError(f"{source}: item {number} is not a postmortem object")
        try:
            doc = migrate(doc)
            pms.append(Postmortem.model_validate(doc))
        except BadDocument as error:
            raise RetroError(f"{source}: item {number}: {error.reason}") from error
        except ValidationError as error:
            raise RetroError(f"{source}: item {number}: {describe(error)}") from error
        for repeated in repeated_item_ids(doc):
            print(
                f"retro: warning: {source}: item {number}: {repeated} is used "
                "twice; the later one was given a new id",
                file=sys.stderr,
            )
    ids = [pm.id for pm in pms]
    if len(set(ids)) != len(ids):
        raise RetroError(f"{source} holds the same id twice")
    store_for(args).put_many(pms, replace=args.replace)
    for pm in pms:
        print(pm.id)
    return 0
