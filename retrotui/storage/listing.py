"""Listings from the database: summaries for ``retro list`` and home."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from retrotui.errors import BadDocument
from retrotui.storage.db_file import read_documents
from retrotui.storage.layout import Layout
from retrotui.storage.paths import resolve_db
from retrotui.storage.summary import Summary, summarize


@dataclass(frozen=True)
class Listing:
    """What a listing shows, and the postmortems it had to leave out."""

    summaries: list[Summary]
    skipped: list[BadDocument]


def read_summaries(path: Path) -> Listing:
    """Summaries of every readable postmortem in the database at ``path``.

    The one way from the file to a list on screen (``retro list``, home): a
    document that cannot be read is named in ``skipped``, never fatal, and
    never rewritten. Read from the summary index; an older retro's single
    file (not migrated until the first write) is read whole.
    """
    layout = Layout(resolve_db(path))
    if layout.kind()[0] != "split":
        return _from_documents(path)
    skipped: list[BadDocument] = []
    summaries = []
    for entry in layout.entries().values():
        try:
            if "unreadable" in entry:
                raise BadDocument(entry.get("id"), str(entry["unreadable"]))
            summaries.append(summarize(entry))
        except BadDocument as error:
            skipped.append(error)
    return Listing(summaries, skipped)


def _from_documents(path: Path) -> Listing:
    skipped: list[BadDocument] = []
    summaries = []
    for doc in read_documents(path, skipped):
        try:
            summaries.append(summarize(doc))
        except BadDocument as error:
            skipped.append(error)
    return Listing(summaries, skipped)
