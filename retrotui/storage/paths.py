"""Where retro keeps its data: the database file and the error log."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "retrotui"
DB_ENV = "RETROTUI_DB"


def data_dir() -> Path:
    """The per-user data folder (``~/.local/share/retrotui`` on Linux)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_db_path(cli_value: str | None = None) -> Path:
    """``--db`` if given, else ``$RETROTUI_DB``, else the user data folder."""
    chosen = cli_value or os.environ.get(DB_ENV)
    if chosen:
        return Path(chosen).expanduser()
    return data_dir() / "postmortems.json"


def log_path(db_path: Path | None = None) -> Path:
    """The error log, next to the database it belongs to."""
    folder = db_path.parent if db_path is not None else data_dir()
    return folder / "retro-errors.log"
