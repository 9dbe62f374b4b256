"""Evidence added to a postmortem's timeline: only what is not there yet (the
same file twice adds nothing), through ``Store.update`` so a writer meanwhile
loses nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from retrotui.document.models import Postmortem, TimelineEvent
from retrotui.document.schema import MAX_TEXT
from retrotui.errors import RetroError
from retrotui.importing.evidence.found import Found
from retrotui.storage.store import Store

MAX_EVENTS = 2000


@dataclass
class Plan:
    events: list[TimelineEvent]  # to add, oldest first
    already: int  # in the timeline already (or twice in the file)
    outside: int  # before --since or after --until


def _key(event: TimelineEvent) -> tuple[datetime, str]:
    # A Slack message is one by its timestamp (to the microsecond), however its
    # author was named when it was read (an id, or a name from users.json).
    if event.source == "slack":
        return event.at, "slack"
    return event.at, " ".join(event.text.split())


def plan(
    pm: Postmortem,
    found: list[Found],
    since: datetime | None = None,
    until: datetime | None = None,
) -> Plan:
    seen = {_key(e) for e in pm.timeline}
    events, already, outside = [], 0, 0
    for item in sorted(found, key=lambda f: f.at):
        if (since and item.at < since) or (until and item.at > until):
            outside += 1
            continue
        if not item.text.strip():
            continue
        event = TimelineEvent(at=item.at, text=item.text[:MAX_TEXT], source=item.source)
        if _key(event) in seen:
            already += 1
            continue
        seen.add(_key(event))
        events.append(event)
    if len(events) > MAX_EVENTS:
        raise RetroError(
            f"{len(events):,} events is more than a timeline can take in at once "
            f"({MAX_EVENTS:,}); choose the incident's window with --since and --until"
        )
    return Plan(events, already, outside)


def add(
    store: Store,
    pm_id: str,
    found: list[Found],
    since: datetime | None = None,
    until: datetime | None = None,
) -> Plan:
    """Add what ``found`` holds that the stored timeline does not, under one
    lock; returns what was added."""
    result: list[Plan] = []

    def change(pm: Postmortem) -> Postmortem:
        result.append(plan(pm, found, since, until))
        pm.timeline = pm.timeline + result[-1].events
        return pm

    store.update(pm_id, change)
    return result[-1]
