"""Where retro keeps its data: the database file and the error log."""

from __future__ import annotations

import os
from pathlib import Path

from retrotui.errors import UsageError

APP_NAME = "retrotui"
DB_ENV = "RETROTUI_DB"


def data_dir() -> Path:
    """The per-user data folder (``~/.local/share/retrotui`` on Linux)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def chosen_db(cli_value: str | None = None) -> str | None:
    """``--db`` if given, else ``$RETROTUI_DB``, else None (the default).

    An empty value is a usage error, never the default: a script whose
    variable is unset must not write into the user's real database.
    """
    if cli_value is not None:
        if not cli_value.strip():
            raise UsageError("retro: --db is empty; give the database file's path")
        return cli_value
    value = os.environ.get(DB_ENV)
    if value is not None and not value.strip():
        raise UsageError(
            f"retro: ${DB_ENV} is set but empty; unset it or give it a file path"
        )
    return value


def default_db_path(cli_value: str | None = None) -> Path:
    """``--db`` if given, else ``$RETROTUI_DB``, else the user data folder."""
    chosen = chosen_db(cli_value)
    if chosen is not None:
        return Path(chosen).expanduser()
    return data_dir() / "postmortems.json"


def resolve_db(path: str | os.PathLike[str]) -> Path:
    """The database's real path, resolved once: through a symlink (even a
    dangling one) to the file it names, so the file, its lock and its temp
    files are the target's, whichever name a writer used."""
    return Path(os.path.realpath(Path(path).expanduser()))


def log_path(db_path: Path | None = None) -> Path:
    """The error log, next to the database it belongs to."""
    folder = db_path.parent if db_path is not None else data_dir()
    return folder / "retro-errors.log"
