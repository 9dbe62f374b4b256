"""Bring documents written by older versions of retro up to the current schema.

A document whose version or shape no retro ever wrote raises ``BadDocument``
(one line naming it), never a ``KeyError`` from deep inside a migration.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from retrotui.document.schema import SCHEMA_VERSION
from retrotui.errors import BadDocument

Doc = dict[str, Any]


def _objects(doc: Doc, key: str, value: object) -> list[Doc]:
    """``value`` as a list of JSON objects (absent or null: none)."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise BadDocument(doc.get("id"), f"'{key}' is not a list of objects")
    return value


def _v1_to_v2(doc: Doc) -> Doc:
    """Schema 1 (retro 0.0) kept one root cause, flat lessons and bare actions."""
    doc = dict(doc)
    if "created_at" in doc:
        doc.setdefault("created", doc.pop("created_at"))
    if "updated_at" in doc:
        doc.setdefault("updated", doc.pop("updated_at"))
    if doc.get("state") is not None:
        doc.setdefault(
            "status",
            {"open": "draft", "done": "published"}.get(str(doc["state"]), "draft"),
        )
        doc.pop("state")
    lessons = doc.pop("lessons", None) or {}
    if not isinstance(lessons, dict):
        raise BadDocument(doc.get("id"), "'lessons' is not an object")
    for key in ("went_well", "went_wrong", "lucky"):
        doc.setdefault(key, lessons.get(key) or [])
    root_cause = doc.pop("root_cause", None)
    if root_cause:
        doc.setdefault(
            "factors",
            [
                {
                    "id": "f-root",
                    "text": root_cause,
                    "kind": "trigger",
                    "category": "technology",
                }
            ],
        )
    doc["timeline"] = [
        {
            "at": event.get("at", event.get("time")),
            "text": event.get("text", event.get("event", "")),
            "milestone": event.get("milestone", event.get("kind")) or None,
        }
        for event in _objects(doc, "timeline", doc.get("timeline"))
    ]
    actions = []
    items = doc.pop("action_items", doc.get("actions"))
    for item in _objects(doc, "action_items", items):
        action = {
            "text": item.get("text", item.get("what", "")),
            "owner": item.get("owner", item.get("assignee", "")),
            "due": item.get("due", item.get("due_date")) or None,
            "status": "done" if item.get("done") else "open",
        }
        if item.get("id"):
            action["id"] = str(item["id"])
        actions.append(action)
    doc["actions"] = actions
    doc["schema_version"] = 2
    return doc


MIGRATIONS: dict[int, Callable[[Doc], Doc]] = {1: _v1_to_v2}


def migrate(doc: Doc) -> Doc:
    """Return ``doc`` in the current schema (a copy when anything changed)."""
    version = doc.get("schema_version", 1)
    # bool is an int to Python, and 2.0 or "2" are not versions retro writes.
    if type(version) is not int:
        raise BadDocument(
            doc.get("id"),
            f"schema_version {json.dumps(version)[:20]} is not a whole number",
        )
    if version > SCHEMA_VERSION:
        raise BadDocument(
            doc.get("id"),
            f"schema version {version} is newer than this retro understands "
            f"({SCHEMA_VERSION}); upgrade retro",
        )
    if version not in MIGRATIONS and version != SCHEMA_VERSION:
        raise BadDocument(
            doc.get("id"),
            f"schema_version {version} was never written by retro "
            f"(1 to {SCHEMA_VERSION})",
        )
    while version < SCHEMA_VERSION:
        doc = MIGRATIONS[version](doc)
        version = doc["schema_version"]
    return doc
