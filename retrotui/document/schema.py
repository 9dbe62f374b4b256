"""The schema's vocabulary without pydantic: version, limits, enums, aliases.

``retrotui.document.models`` builds the pydantic models on these; commands that must
start fast (``retro note``) and the store use them without loading pydantic.
"""

from __future__ import annotations

from datetime import datetime, timezone
from enum import Enum

SCHEMA_VERSION = 2
MAX_TEXT = 20_000
MAX_LINE = 300
MAX_NAME = 120


def now() -> datetime:
    """The current time, timezone-aware, in the machine's local zone."""
    return datetime.now(timezone.utc).astimezone()


class Kind(str, Enum):
    incident = "incident"
    minor = "minor"
    retro = "retro"


class Severity(str, Enum):
    sev1 = "sev1"
    sev2 = "sev2"
    sev3 = "sev3"
    sev4 = "sev4"
    minor = "minor"
    # The record gives none (an imported write-up): kept unknown, never
    # guessed, and the review checklist asks for one.
    unknown = "unknown"


class Status(str, Enum):
    draft = "draft"
    in_review = "in_review"
    published = "published"
    closed = "closed"


class Role(str, Enum):
    responder = "responder"
    incident_commander = "incident_commander"
    support = "support"
    manager = "manager"
    junior = "junior"
    facilitator = "facilitator"
    observer = "observer"
    # A team retrospective's people: no incident, so nobody responded.
    member = "member"


class Milestone(str, Enum):
    started = "started"
    detected = "detected"
    acknowledged = "acknowledged"
    mitigated = "mitigated"
    resolved = "resolved"


MILESTONE_ORDER = list(Milestone)


class Precision(str, Enum):
    """How much of an event's time the record gives.  An event known to less
    than the minute is shown as such ("2022-05-?? ??:??"), only placed in
    order, and no duration is worked out from it."""

    minute = "minute"  # exact: to the minute (or second)
    hour = "hour"  # 14:??
    day = "day"  # a date without a time
    month = "month"  # 2022-05-??
    year = "year"  # 2022-??-??
    unknown = "unknown"  # no time at all: placed after the event before it


class FactorCategory(str, Enum):
    people = "people"
    process = "process"
    technology = "technology"
    environment = "environment"
    external = "external"


class FactorKind(str, Enum):
    trigger = "trigger"
    enabling = "enabling"
    detection = "detection"
    response = "response"


class ActionType(str, Enum):
    detect = "detect"
    mitigate = "mitigate"
    prevent = "prevent"
    process = "process"
    repair = "repair"
    investigate = "investigate"


class Priority(str, Enum):
    p0 = "P0"
    p1 = "P1"
    p2 = "P2"


class ActionStatus(str, Enum):
    open = "open"
    done = "done"
    not_doing = "not_doing"


_SEVERITY_ALIASES = {
    "1": "sev1",
    "2": "sev2",
    "3": "sev3",
    "4": "sev4",
    "s1": "sev1",
    "s2": "sev2",
    "s3": "sev3",
    "s4": "sev4",
    "sev-1": "sev1",
    "sev-2": "sev2",
    "sev-3": "sev3",
    "sev-4": "sev4",
    "critical": "sev1",
    "major": "sev2",
    "low": "sev4",
    # What write-ups put where they give no severity.
    "?": "unknown",
    "n/a": "unknown",
    "na": "unknown",
    "none": "unknown",
    "tbd": "unknown",
    "notrecorded": "unknown",
}


def severity_column(value: str, kind: str = "") -> str:
    """A severity in a five-character column: ``?`` when it is not known,
    ``-`` for a team retrospective (no incident, no severity)."""
    if kind == Kind.retro.value:
        return "-"
    return "?" if value == Severity.unknown.value else value


def normalize_severity(value: object) -> object:
    """Accept ``SEV2``, ``2``, ``s2`` or ``major`` for ``sev2``."""
    if isinstance(value, str):
        key = value.strip().lower().replace(" ", "")
        return _SEVERITY_ALIASES.get(key, key)
    return value
