"""Summaries of stored documents, read without validating them in full.

The home screen and ``retro list`` show every postmortem; validating each one
with pydantic would make both slow on a large database and would load pydantic
before the first screen appears.  Documents are migrated before they are
summarized, so the fields used here are in the current schema; their shapes
and text are checked here, as the model would.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from retrotui.document.ids import ID_PATTERN
from retrotui.document.text import clean_line
from retrotui.errors import BadDocument


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
    open_actions: int = 0
    promoted_to: str = ""
    promoted_from: str = ""
    follow_up_on: date | None = None

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
            "open_actions": self.open_actions,
            "promoted_to": self.promoted_to,
            "promoted_from": self.promoted_from,
            "follow_up_on": self.follow_up_on.isoformat()
            if self.follow_up_on
            else None,
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


class _Fields:
    """A raw document's fields checked for the shape the model gives them and
    cleaned of escape sequences: the file may come from anywhere (a hand edit,
    a copy, a git pull), and what is read here goes straight to the terminal."""

    def __init__(self, doc: dict[str, Any]) -> None:
        self.doc = doc
        raw_id = doc.get("id")
        if not isinstance(raw_id, str) or not ID_PATTERN.match(raw_id):
            raise BadDocument(raw_id, "its id is not a retro id")
        self.id = raw_id

    def text(self, key: str, default: str = "", within: dict | None = None) -> str:
        return clean_line(self.raw_text(key, default, within))

    def raw_text(self, key: str, default: str = "", within: dict | None = None) -> str:
        """The field checked to be text but not cleaned: for values that are
        compared, not shown."""
        value = (self.doc if within is None else within).get(key)
        if value is None:
            return default
        if not isinstance(value, str):
            raise BadDocument(self.id, f"'{key}' is not text")
        return value

    def objects(self, key: str) -> list[dict[str, Any]]:
        value = self.doc.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise BadDocument(self.id, f"'{key}' is not a list of objects")
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        # A tuple in an index entry as readers keep it (``listing.compact``).
        value = self.doc.get(key) or []
        if not isinstance(value, (list, tuple)) or not all(
            isinstance(v, str) for v in value
        ):
            raise BadDocument(self.id, f"'{key}' is not a list of text")
        return tuple(clean_line(v) for v in value)


def timeline_pairs(flat: tuple[str | None, ...]) -> list[tuple[str, str]]:
    """The events of an index entry as readers keep it (``listing.compact``:
    each event's time and milestone in turn) as pairs, "" for none."""
    return [
        (at or "", milestone or "")
        for at, milestone in zip(flat[::2], flat[1::2], strict=True)
    ]


def _events(fields: _Fields) -> list[tuple[str, str]]:
    """Each event's time and milestone (checked to be text)."""
    flat = fields.doc.get("timeline")
    if isinstance(flat, tuple):
        return timeline_pairs(flat)
    return [
        (fields.raw_text("at", within=e), fields.raw_text("milestone", within=e))
        for e in fields.objects("timeline")
    ]


def _incident_date(fields: _Fields) -> str:
    # As Postmortem.incident_date: the started milestone, else the first event.
    events = _events(fields)
    started = [at for at, milestone in events if at and milestone == "started"]
    times = started or [at for at, _ in events if at]
    # ISO strings with offsets do not sort as instants; the date part is what
    # is shown, and events of one incident share an offset.
    return clean_line(min(times))[:10] if times else fields.text("created")[:10]


def open_items(pm_id: str, actions: object) -> tuple[ActionSummary, ...]:
    """The open ones of a document's action items (as stored, or as the
    index keeps them), cleaned; a wrong shape raises ``BadDocument``."""
    fields = _Fields({"id": pm_id, "actions": actions})
    return tuple(
        ActionSummary(
            pm_id=fields.id,
            text=fields.text("text", within=a),
            owner=fields.text("owner", within=a),
            due=_date(fields.text("due", within=a)),
            due_text=fields.text("due_text", within=a),
        )
        for a in fields.objects("actions")
        if fields.raw_text("status", "open", within=a) == "open"
    )


def _open_count(fields: _Fields) -> int:
    """From a document's items, or the count an index entry keeps."""
    if "actions" in fields.doc or "open_actions" not in fields.doc:
        return len(open_items(fields.id, fields.doc.get("actions")))
    count = fields.doc["open_actions"]
    if not isinstance(count, int) or count < 0:
        raise BadDocument(fields.id, "'open_actions' is not a count")
    return count


def heading(doc: dict[str, Any]) -> tuple[str, str, tuple[str, ...]]:
    """Id, title and services of a document or index entry, checked and
    cleaned (what the action board shows of a postmortem)."""
    fields = _Fields(doc)
    return fields.id, fields.text("title"), fields.texts("services")


def summarize(doc: dict[str, Any]) -> Summary:
    """The fields ``retro list`` and the home screen show, from a migrated
    document or an index entry: every string cleaned; a field of the wrong
    shape raises ``BadDocument``."""
    fields = _Fields(doc)
    return Summary(
        id=fields.id,
        title=fields.text("title"),
        kind=fields.text("kind", "incident"),
        status=fields.text("status", "draft"),
        severity=fields.text("severity"),
        created=fields.text("created"),
        updated=fields.text("updated"),
        incident_date=_incident_date(fields),
        services=fields.texts("services"),
        tags=fields.texts("tags"),
        open_actions=_open_count(fields),
        promoted_to=fields.text("promoted_to"),
        promoted_from=fields.text("promoted_from"),
        follow_up_on=_date(fields.text("follow_up_on")),
    )
