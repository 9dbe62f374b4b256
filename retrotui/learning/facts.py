"""What the learning features keep of one postmortem: its words by part and
the plain facts that similar, stats and facilitator rotation read.

Plain data (lists, dicts, strings) so it can be kept in the term index
beside the store and read back without validating the document again.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from retrotui.document.schema import ActionStatus, Milestone
from retrotui.document.text import clean_line
from retrotui.learning.fields import searchable, words

if TYPE_CHECKING:
    from retrotui.document.models import Postmortem

# The parts similar compares, then every other searchable word (for search).
PARTS = ("title", "services", "factors", "timeline", "other")
_SIMILAR_FIELDS = {"title", "services", "factors", "timeline"}


def part_words(pm: Postmortem) -> dict[str, list[str]]:
    """The words of each part, repeated as often as they occur."""
    other = [
        w
        for field, text in searchable(pm)
        if field not in _SIMILAR_FIELDS
        for w in words(text)
    ]
    return {
        "title": words(pm.title),
        "services": [service.casefold().strip() for service in pm.services],
        "factors": [w for f in pm.factors for t in (f.text, *f.whys) for w in words(t)],
        "timeline": [w for event in pm.timeline for w in words(event.text)],
        "other": other,
    }


def term_counts(pm: Postmortem) -> dict[str, Counter[str]]:
    return {name: Counter(ws) for name, ws in part_words(pm).items()}


def facts(pm: Postmortem) -> dict[str, Any]:
    """The facts of ``pm`` that learning reads, as JSON-ready data."""
    counted = [a for a in pm.actions if a.status != ActionStatus.not_doing]
    milestones = {
        m.value: at.isoformat()
        for m in Milestone
        if (at := pm.milestone_time(m)) is not None
    }
    return {
        "id": pm.id,
        "title": clean_line(pm.title),
        "kind": pm.kind.value,
        "status": pm.status.value,
        "severity": pm.severity.value,
        "date": pm.incident_date().isoformat(),
        "created": pm.created.isoformat(),
        "services": [clean_line(s) for s in pm.services],
        "facilitator": clean_line(pm.facilitator),
        # Everyone who took part, with their role: facilitator rotation reads
        # who responded and who could facilitate.
        "people": [[clean_line(p.name), p.role.value] for p in pm.participants],
        "milestones": milestones,
        # Durations a write-up states without the milestones to derive them
        # ("the outage lasted 2 hours"): stats fall back on them.
        "stated": {m.value: minutes for m, minutes in pm.stated_minutes.items()},
        "categories": [f.category.value for f in pm.factors],
        "actions": [
            {
                "status": a.status.value,
                "due": a.due.isoformat() if a.due else None,
                "closed_on": a.closed_on.isoformat() if a.closed_on else None,
            }
            for a in counted
        ],
        "related": list(pm.related),
    }
