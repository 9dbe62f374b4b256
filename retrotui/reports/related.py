"""The title and date of each postmortem linked as related, for the report."""

from __future__ import annotations

from typing import TYPE_CHECKING

from retrotui.document.text import clean_line
from retrotui.errors import RetroError

if TYPE_CHECKING:
    from retrotui.document.models import Postmortem
    from retrotui.storage.store import Store


def related_titles(store: Store, pm: Postmortem) -> dict[str, tuple[str, str]]:
    """``{id: (title, incident date)}`` of the linked postmortems still in the
    store; one deleted or unreadable since is left out (the report gives its id)."""
    known = {}
    for pm_id in pm.related:
        try:
            other = store.get(pm_id)
        except RetroError:
            continue
        known[pm_id] = (clean_line(other.title), other.incident_date().isoformat())
    return known
