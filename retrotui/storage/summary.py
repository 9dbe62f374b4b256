"""Summaries of stored documents, read without validating them in full.

The home screen and ``retro list`` show every postmortem; validating each one
with pydantic would make both slow on a large database and would load pydantic
before the first screen appears.  The store migrates documents on read, so the
fields used here are in the current schema.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class ActionSummary:
    pm_id: str
    text: str
    owner: str
    due: date | None
    due_text: str

    def is_overdue(self, today: date) -> bool:
        return self.due is not None and self.due < today


@dataclass(frozen=True)
class Summary:
    id: str
    title: str
    kind: str
    status: str
    severity: str
    created: str
    updated: str
    incident_date: str
    services: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    open_actions: tuple[ActionSummary, ...] = field(default=())
    promoted_to: str = ""
    promoted_from: str = ""

    def to_json(self) -> dict[str, Any]:
        """The object ``retro list --json`` prints."""
        return {
            "id": self.id,
            "title": self.title,
            "kind": self.kind,
            "status": self.status,
            "severity": self.severity,
            "created": self.created,
            "updated": self.updated,
            "date": self.incident_date,
            "services": list(self.services),
            "tags": list(self.tags),
            "open_actions": len(self.open_actions),
            "promoted_to": self.promoted_to,
            "promoted_from": self.promoted_from,
        }

    def matches(self, query: str) -> bool:
        """Does every word of ``query`` appear in the title, id, services or tags?"""
        haystack = " ".join([self.title, self.id, *self.services, *self.tags])
        return all(word in haystack.casefold() for word in query.casefold().split())


def _date(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _incident_date(doc: dict[str, Any]) -> str:
    # As Postmortem.incident_date: the started milestone, else the first event.
    events = [e for e in doc.get("timeline") or [] if e.get("at")]
    started = [e["at"] for e in events if e.get("milestone") == "started"]
    times = started or [e["at"] for e in events]
    # ISO strings with offsets do not sort as instants; the date part is what
    # is shown, and events of one incident share an offset.
    return str(min(times))[:10] if times else str(doc.get("created", ""))[:10]


def summarize(doc: dict[str, Any]) -> Summary:
    """The fields ``retro list`` and the home screen show, from a raw document."""
    pm_id = str(doc.get("id", ""))
    actions = tuple(
        ActionSummary(
            pm_id=pm_id,
            text=str(a.get("text", "")),
            owner=str(a.get("owner", "")),
            due=_date(a.get("due")),
            due_text=str(a.get("due_text", "")),
        )
        for a in doc.get("actions") or []
        if a.get("status", "open") == "open"
    )
    return Summary(
        id=pm_id,
        title=str(doc.get("title", "")),
        kind=str(doc.get("kind", "incident")),
        status=str(doc.get("status", "draft")),
        severity=str(doc.get("severity", "")),
        created=str(doc.get("created", "")),
        updated=str(doc.get("updated", "")),
        incident_date=_incident_date(doc),
        services=tuple(doc.get("services") or ()),
        tags=tuple(doc.get("tags") or ()),
        open_actions=actions,
        promoted_to=str(doc.get("promoted_to", "")),
        promoted_from=str(doc.get("promoted_from", "")),
    )
