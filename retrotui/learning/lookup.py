"""Similar and search over a whole store: from the term index where it can be
kept, else from every document (an older retro's single-file database, a
folder retro may not write in)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from retrotui.learning.similar import Match, similar

if TYPE_CHECKING:
    from retrotui.document.models import Postmortem
    from retrotui.learning.facilitators import Spelling
    from retrotui.learning.search import Hit
    from retrotui.storage.store import Store


def similar_in_store(
    store: Store, pm: Postmortem, limit: int = 5, most: int | None = None
) -> tuple[list[Match], list[str]]:
    """Earlier postmortems resembling ``pm``, and a line per unreadable one.
    ``term_index.Behind`` when the index is more than ``most`` documents
    behind (the app's panels leave those to ``index_build``)."""
    from retrotui.learning.term_index import open_index

    index = open_index(store, most, raise_behind=True)
    if index is None:
        from retrotui.learning.documents import read_all

        documents = read_all(store)
        return similar(pm, documents.postmortems, limit), documents.skipped
    try:
        from retrotui.learning.similar_index import similar_indexed

        return similar_indexed(index, pm, limit), index.skipped()
    finally:
        index.close()


def search_in_store(
    store: Store, query: str, limit: int
) -> tuple[list[Hit], list[str]]:
    """The best ``limit`` postmortems holding every word of ``query`` (typos
    allowed), and a line per unreadable one."""
    from retrotui.learning.term_index import open_index

    index = open_index(store)
    if index is None:
        from retrotui.learning.documents import read_all
        from retrotui.learning.search import SearchIndex

        documents = read_all(store)
        hits = SearchIndex(documents.postmortems).search(query, limit)
        return hits, documents.skipped
    try:
        from retrotui.learning.quick_search import QuickSearch

        return QuickSearch(index).hits(query, limit), index.skipped()
    finally:
        index.close()


def facts_in_store(
    store: Store, most: int | None = None
) -> tuple[list[dict[str, Any]], list[str]]:
    """The facts of every postmortem (see ``learning.facts``), and a line per
    unreadable one; ``Behind`` as ``similar_in_store``."""
    from retrotui.learning.term_index import open_index

    index = open_index(store, most, raise_behind=True)
    if index is None:
        from retrotui.learning.documents import read_all
        from retrotui.learning.facts import facts

        documents = read_all(store)
        return [facts(pm) for pm in documents.postmortems], documents.skipped
    try:
        return index.facts(), index.skipped()
    finally:
        index.close()


def spellings_in_store(
    store: Store, most: int | None = None, skip_id: str | None = None
) -> tuple[list[Spelling], list[str]]:
    """The facilitator rotation's ``facilitators.spellings`` of every
    postmortem but ``skip_id``, and a line per unreadable one; ``Behind`` as
    ``similar_in_store``. From the term index they are gathered in SQLite,
    not by reading each postmortem's facts here."""
    from retrotui.learning.term_index import open_index

    index = open_index(store, most, raise_behind=True)
    if index is None:
        from retrotui.learning.documents import read_all
        from retrotui.learning.facilitators import spellings
        from retrotui.learning.facts import facts

        documents = read_all(store)
        history = [facts(pm) for pm in documents.postmortems]
        return spellings(history, skip_id), documents.skipped
    try:
        from retrotui.learning.rotation_index import spellings_indexed

        return spellings_indexed(index, skip_id), index.skipped()
    finally:
        index.close()
