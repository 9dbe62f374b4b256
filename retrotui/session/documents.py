"""Merging two writers' versions of one stored postmortem (JSON data).

``merge_postmortems`` runs ``merge`` on the document less what every write
changes anyway (revision, updated), keeps this writer's place in the
interview (phase) and writes each conflict into the document's ``conflicts``
list, so the other version stays visible until someone reconciles the field.
"""

from __future__ import annotations

import re
from typing import Any

import orjson

from retrotui.document.schema import MAX_TEXT, now
from retrotui.session.merge import Conflict, merge

# Fields every write sets, and where this writer is: never a conflict.
_OWN = ("revision", "updated", "phase")
_PART = re.compile(r"\.?([^.\[\]]+)|\[([^\]]*)\]")
_ABSENT = "(deleted)"


def merge_postmortems(
    base: dict[str, Any], mine: dict[str, Any], theirs: dict[str, Any]
) -> tuple[dict[str, Any], list[Conflict]]:
    """``mine`` with ``theirs``'s changes since ``base``; conflicts recorded in it.

    The result carries theirs' revision (it is based on the stored version).
    """
    strip = [
        {k: v for k, v in doc.items() if k not in _OWN} for doc in (base, mine, theirs)
    ]
    merged, conflicts = merge(*strip)
    for key in _OWN:
        if key in mine:
            merged[key] = mine[key]
    merged["revision"] = theirs.get("revision", 0)
    when = now().isoformat()
    recorded = [
        {
            "field": c.path[:300],
            "mine": _text(c.mine),
            "theirs": _text(c.theirs),
            "at": when,
        }
        for c in conflicts
        if not c.path.startswith("conflicts")
    ]
    merged["conflicts"] = [*merged.get("conflicts", []), *recorded]
    return merged, conflicts


def open_conflicts(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The document's conflicts still open: those whose field still holds the
    version kept there (an edit of the field reconciles it)."""
    return [
        c
        for c in doc.get("conflicts", [])
        if _text(value_at(doc, c["field"])) == c["mine"]
    ]


def value_at(doc: Any, path: str) -> Any:
    """The value at ``path`` (``timeline[e-1].text``); None when it is gone."""
    value = doc
    for name, identity in _PART.findall(path):
        if name:
            value = value.get(name) if isinstance(value, dict) else None
        elif isinstance(value, list):
            value = next(
                (
                    item
                    for item in value
                    if isinstance(item, dict)
                    and identity in (item.get("id"), item.get("name"))
                ),
                None,
            )
        else:
            value = None
        if value is None:
            return None
    return value


def _text(value: Any) -> str:
    if value is None:
        return _ABSENT
    text = value if isinstance(value, str) else orjson.dumps(value).decode()
    return text[:MAX_TEXT]
