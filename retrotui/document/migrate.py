"""Bring documents written by older versions of retro up to the current schema."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from retrotui.document.schema import SCHEMA_VERSION
from retrotui.errors import StoreError

Doc = dict[str, Any]


def _v1_to_v2(doc: Doc) -> Doc:
    """Schema 1 (retro 0.0) kept one root cause, flat lessons and bare actions."""
    doc = dict(doc)
    if "created_at" in doc:
        doc.setdefault("created", doc.pop("created_at"))
    if "updated_at" in doc:
        doc.setdefault("updated", doc.pop("updated_at"))
    if doc.get("state") is not None:
        doc.setdefault(
            "status", {"open": "draft", "done": "published"}.get(doc["state"], "draft")
        )
        doc.pop("state")
    lessons = doc.pop("lessons", None) or {}
    for key in ("went_well", "went_wrong", "lucky"):
        doc.setdefault(key, list(lessons.get(key, [])))
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
        for event in doc.get("timeline", [])
    ]
    actions = []
    for item in doc.pop("action_items", doc.get("actions", [])):
        action = {
            "text": item.get("text", item.get("what", "")),
            "owner": item.get("owner", item.get("assignee", "")),
            "due": item.get("due", item.get("due_date")) or None,
            "status": "done" if item.get("done") else "open",
        }
        if item.get("id"):
            action["id"] = item["id"]
        actions.append(action)
    doc["actions"] = actions
    doc["schema_version"] = 2
    return doc


MIGRATIONS: dict[int, Callable[[Doc], Doc]] = {1: _v1_to_v2}


def migrate(doc: Doc) -> Doc:
    """Return ``doc`` in the current schema (a copy when anything changed)."""
    version = doc.get("schema_version", 1)
    if not isinstance(version, int) or version > SCHEMA_VERSION:
        raise StoreError(
            f"postmortem {doc.get('id', '?')!r} has schema version {version!r}, "
            f"newer than this retro understands ({SCHEMA_VERSION}); upgrade retro"
        )
    while version < SCHEMA_VERSION:
        doc = MIGRATIONS[version](doc)
        version = doc["schema_version"]
    return doc
