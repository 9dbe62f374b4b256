"""Where the team repository is: a config file in the user's config folder.

One entry per store (by the database's real path), so ``--db`` stores on one
host each have their own clone. The clones live in retro's data folder.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import orjson

from retrotui.errors import RetroError
from retrotui.storage.files import atomic_write
from retrotui.storage.paths import APP_NAME, data_dir, resolve_db

# How the last sync's time is written (UTC, to the second: home compares it
# with when each postmortem was saved).
STAMP = "%Y-%m-%d %H:%M:%S UTC"


@dataclass(frozen=True)
class RepoConfig:
    remote: str
    clone: Path
    last_sync: str = ""


def config_file() -> Path:
    """``~/.config/retrotui/teamrepo.json`` on Linux."""
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False)) / "teamrepo.json"


def clone_dir(db_path: Path) -> Path:
    """The working clone for the store at ``db_path``, in retro's data folder."""
    digest = hashlib.sha256(str(resolve_db(db_path)).encode()).hexdigest()[:10]
    return data_dir() / f"team-repo-{digest}"


def load(db_path: Path) -> RepoConfig | None:
    """The team repository set for ``db_path``; None when none is set."""
    entry = _entries().get(str(resolve_db(db_path)))
    if not isinstance(entry, dict):
        return None
    return RepoConfig(
        str(entry.get("remote", "")),
        Path(str(entry.get("clone", ""))),
        str(entry.get("last_sync", "")),
    )


def save(db_path: Path, config: RepoConfig) -> None:
    entries = _entries()
    entries[str(resolve_db(db_path))] = {
        "remote": config.remote,
        "clone": str(config.clone),
        "last_sync": config.last_sync,
    }
    path = config_file()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    data = orjson.dumps({"stores": entries}, option=orjson.OPT_INDENT_2) + b"\n"
    atomic_write(path, data)


def _entries() -> dict[str, object]:
    path = config_file()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise RetroError(f"cannot read {path}: {error.strerror}") from error
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise RetroError(
            f"{path} is damaged ({error}); fix it or remove it and run retro repo init"
        ) from error
    stores = data.get("stores") if isinstance(data, dict) else None
    return dict(stores) if isinstance(stores, dict) else {}


def describe_remote(remote: str) -> str:
    """A remote for messages: a local path as given, a URL without a password."""
    if "://" in remote and "@" in remote.split("://", 1)[1].split("/", 1)[0]:
        scheme, rest = remote.split("://", 1)
        return f"{scheme}://{rest.split('@', 1)[1]}"
    return remote
