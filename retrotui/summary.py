"""One-line summaries of stored documents, without validating them in full."""

from __future__ import annotations

from typing import Any


def summarize(doc: dict[str, Any]) -> dict[str, Any]:
    """The fields ``retro list`` and the home screen show, from a raw document."""
    actions = doc.get("actions") or []
    return {
        "id": doc.get("id", ""),
        "title": doc.get("title", ""),
        "kind": doc.get("kind", "incident"),
        "status": doc.get("status", "draft"),
        "severity": doc.get("severity", ""),
        "created": doc.get("created", ""),
        "updated": doc.get("updated", ""),
        "services": list(doc.get("services") or []),
        "tags": list(doc.get("tags") or []),
        "open_actions": sum(1 for a in actions if a.get("status", "open") == "open"),
        "promoted_to": doc.get("promoted_to", ""),
        "promoted_from": doc.get("promoted_from", ""),
    }
