"""Every readable postmortem and note in a store, for search and similar."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from retrotui.errors import BadDocument, RetroError
from retrotui.storage.listing import read_summaries

if TYPE_CHECKING:
    from retrotui.document.models import Postmortem
    from retrotui.storage.store import Store


@dataclass(frozen=True)
class Documents:
    """The postmortems that could be read, and a line for each that could not."""

    postmortems: list[Postmortem]
    skipped: list[str]


def read_all(store: Store) -> Documents:
    """Every postmortem in ``store``, read one by one through its public API.

    A damaged document is named in ``skipped`` instead of failing the whole
    search (``Store.all`` stops at the first one).
    """
    listing = read_summaries(store.path)
    skipped = [str(error) for error in listing.skipped]
    postmortems = []
    for summary in listing.summaries:
        try:
            postmortems.append(store.get(summary.id))
        except (BadDocument, RetroError) as error:
            skipped.append(str(error))
    return Documents(postmortems, skipped)
