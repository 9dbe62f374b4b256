"""The searchable text of a postmortem, field by field."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from retrotui.document.models import Postmortem

# Lists of free text (insights), under the field names of the model and JSON.
_TEXT_LISTS = ("went_well", "went_wrong", "lucky", "confusing", "takeaways")
_TEXTS = ("summary", "impact", "detection", "resolution", "notes")

_WORD = re.compile(r"\w[\w.'-]*\w|\w", re.UNICODE)


def words(text: str) -> list[str]:
    """Lower-case words of ``text``, as search compares them."""
    return _WORD.findall(text.casefold())


def searchable(pm: Postmortem) -> Iterator[tuple[str, str]]:
    """(field, text) for every piece of text a search looks in: title,
    summaries, timeline, insights, factors with their whys, and actions."""
    yield "title", pm.title
    for name in _TEXTS:
        text = getattr(pm, name)
        if text:
            yield name, text
    for name in ("services", "tags"):
        for text in getattr(pm, name):
            yield name, text
    for event in pm.timeline:
        yield "timeline", event.text
    for name in _TEXT_LISTS:
        for text in getattr(pm, name):
            yield name, text
    for factor in pm.factors:
        yield "factors", factor.text
        for why in factor.whys:
            yield "factors", why
    for action in pm.actions:
        yield "actions", action.text
        if action.done_when:
            yield "actions", action.done_when
