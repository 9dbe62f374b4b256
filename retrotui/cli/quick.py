"""``retro quick``: a minor incident in about a minute, by answering questions."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from retrotui.cli.common import add_command

if TYPE_CHECKING:
    from retrotui.quick.flow import Asker

NO_TERMINAL = "retro quick needs a terminal; use retro note TITLE [options] instead"
CANCELLED = "cancelled, nothing saved"


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = add_command(
        sub,
        "quick",
        "record a minor incident by answering a few questions",
        "retro quick   (type a title, then Enter accepts each default)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if not sys.stdin.isatty():
        print(NO_TERMINAL, file=sys.stderr)
        return 2
    from retrotui.quick.flow import asker_for_terminal

    return run_with(args, asker_for_terminal())


def run_with(args: argparse.Namespace, asker: Asker) -> int:
    """The whole command with a given asker: ask, save, maybe promote and open."""
    from retrotui.quick.flow import run_quick
    from retrotui.quick.note import local_now, save_note
    from retrotui.storage.paths import default_db_path

    try:
        result = run_quick(asker, local_now())
    except KeyboardInterrupt:
        print(CANCELLED, file=sys.stderr)
        return 130
    except EOFError:
        print(CANCELLED, file=sys.stderr)
        return 1
    db_path = default_db_path(args.db)
    note_id = save_note(db_path, result.answers, local_now())
    if not result.open_full:
        print(f"Saved note {note_id}. Promote it later with: retro promote {note_id}")
        return 0
    print(f"Saved note {note_id}.")
    from retrotui.quick.promote import promote
    from retrotui.storage.store import Store

    draft = promote(Store(db_path), note_id)
    print(f"Full postmortem draft {draft.id}; opening it.")
    from retrotui.cli.open import open_in_tui

    return open_in_tui(db_path, draft.id)
