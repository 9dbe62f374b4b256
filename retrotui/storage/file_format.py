"""The file format as plain data: read and checked, without TinyDB or the lock.

Writers replace the file atomically (see ``retrotui.storage.store``), so a read
without the lock still sees one whole version; the home screen lists
postmortems this way, before the store and its lock are even imported.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from retrotui.document.ids import doc_id_for
from retrotui.errors import StoreError

TABLE = "postmortems"


def damaged(path: Path, why: str) -> StoreError:
    """The one line for a file that is not a retro database."""
    return StoreError(
        f"{path} is damaged: {why}. It was left untouched; restore it "
        "from a backup, or move it aside to start a new database"
    )


def unreadable(path: Path, error: OSError) -> StoreError:
    return StoreError(f"cannot read {path}: {error.strerror}; check its permissions")


def parse(path: Path, raw: bytes) -> dict[str, Any]:
    """The file's content checked to be a retro database; an empty file is one."""
    if not raw.strip():
        return {TABLE: {}}
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise damaged(path, f"not valid JSON ({error})") from error
    if not isinstance(data, dict) or not isinstance(data.get(TABLE, {}), dict):
        raise damaged(path, "not a retro database")
    if not all(isinstance(doc, dict) for doc in data.get(TABLE, {}).values()):
        raise damaged(path, "a postmortem in it is not a JSON object")
    data[TABLE] = _keyed_by_id(data.get(TABLE, {}))
    return data


def _keyed_by_id(table: dict[str, Any]) -> dict[str, Any]:
    """Each document under the key its id gives it: a hand-written file with
    other keys would otherwise get a second copy of a document on save."""

    def canonical(key: str, doc: dict[str, Any]) -> str:
        pm_id = doc.get("id")
        return str(doc_id_for(pm_id if isinstance(pm_id, str) else key))

    keyed = {key: doc for key, doc in table.items() if canonical(key, doc) == key}
    for key, doc in table.items():
        if key in keyed and keyed[key] is doc:
            continue
        first = int(canonical(key, doc))
        # Two documents with one id: the second gets the next free number.
        free = next(
            str(n) for n in range(first, first + len(table) + 1) if str(n) not in keyed
        )
        keyed[free] = doc
    return keyed
