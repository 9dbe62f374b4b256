"""The database file as plain data: read and checked, without TinyDB or the lock.

Writers replace the file atomically (see ``retrotui.storage.store``), so a read
without the lock still sees one whole version; the home screen lists
postmortems this way, before the store and its lock are even imported.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from retrotui.document.migrate import migrate
from retrotui.errors import BadDocument, StoreError
from retrotui.storage.file_format import TABLE, damaged, parse, unreadable
from retrotui.storage.layout import Layout
from retrotui.storage.paths import resolve_db

__all__ = ["TABLE", "damaged", "parse", "unreadable"]


def read_raw(
    path: Path, skipped: list[BadDocument] | None = None
) -> list[dict[str, Any]]:
    """Every document of the database at ``path`` as stored: not migrated.

    A document file that cannot be read raises, or, when ``skipped`` is
    given, is named in it and left out.
    """
    layout = Layout(resolve_db(path))
    kind, raw = layout.kind()
    if kind == "missing":
        return []
    if kind == "single":
        return list(parse(layout.path, raw)[TABLE].values())
    documents = []
    for key in layout.entries():
        try:
            doc = layout.read_doc(key)
        except StoreError as error:
            if skipped is None:
                raise
            skipped.append(BadDocument(key, str(error)))
            continue
        if doc is not None:
            documents.append(doc)
    return documents


def read_documents(
    path: Path, skipped: list[BadDocument] | None = None
) -> list[dict[str, Any]]:
    """Every document in the database at ``path``, migrated, not validated.

    A document no migration can read raises ``BadDocument``, or, when
    ``skipped`` is given, is left out and added to it (listings go on).
    """
    documents = []
    for doc in read_raw(path, skipped):
        try:
            documents.append(migrate(dict(doc)))
        except BadDocument as error:
            if skipped is None:
                raise
            skipped.append(error)
    return documents


def unreadable_document(path: Path, error: BadDocument) -> StoreError:
    """The one line for a stored postmortem that cannot be read."""
    return StoreError(
        f"{error}; it was left untouched in {path} (fix or remove it by hand)"
    )
