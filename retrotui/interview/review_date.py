"""The date the team meets again to check the action items' effect."""

from __future__ import annotations

from datetime import date, timedelta

from retrotui.document.duedate import parse_due
from retrotui.document.models import Postmortem

FOLLOW_UP_AFTER = timedelta(weeks=4)


def default_follow_up(pm: Postmortem, today: date) -> date:
    """Four weeks on from the incident, or from today for an incident written
    up later: a review date offered is never in the past."""
    return max(pm.incident_date(), today) + FOLLOW_UP_AFTER


def parse_follow_up(text: str, as_of: date) -> date | None:
    text = text.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        return parse_due(text, as_of)


def read_follow_up(text: str, as_of: date) -> tuple[date | None, str]:
    """The review date ``text`` names and what to say about it: a date in the
    past or a sentence is refused (None) with the reason."""
    if not text.strip():
        return None, "Type a date: 2027-01-15, in 6 weeks, next Friday."
    when = parse_follow_up(text, as_of)
    if when is None:
        return None, "Not a date; the text is kept. Try 2027-01-15 or 'in 6 weeks'."
    if when < as_of:
        return None, f"{when.isoformat()} is in the past; a review date is ahead."
    return when, f"→ {when:%a %Y-%m-%d}"
