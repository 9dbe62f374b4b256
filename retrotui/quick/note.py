"""A minor incident as ``retro note`` and ``retro quick`` take it.

The answers become one stored document: times as timeline milestones, the fix
as the resolution, the follow-up as an action item.  Nothing here imports
pydantic, the store or a prompt library at module level, because ``retro
note`` is run from shell aliases and alert hooks and must start fast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from retrotui.document.ids import new_id, new_item_id
from retrotui.document.schema import (
    MAX_LINE,
    MAX_TEXT,
    SCHEMA_VERSION,
    Severity,
    normalize_severity,
)
from retrotui.document.text import clean_line, clean_text
from retrotui.errors import UsageError
from retrotui.interview.script import FULL_POSTMORTEM_AFTER_MINUTES

# "resolved at 14:30", "at 14:30", "until 14:30": the words before the time.
_END_WORDS = re.compile(r"^(?:(?:resolved|fixed|ended|over)\s+)?(?:at|by|until)?\s*")
# A start a few seconds ahead is clock skew between hosts, not a typo.
_FUTURE_SLACK = timedelta(minutes=1)


@dataclass
class ActionDraft:
    """The one follow-up action a quick note may carry."""

    text: str
    owner: str = ""
    due_text: str = ""


@dataclass
class NoteAnswers:
    """Everything a quick note records, already parsed."""

    title: str
    started: datetime
    resolved: datetime | None = None
    severity: str = "minor"
    impact: str = ""
    fix: str = ""
    services: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    escalated: bool = False
    action: ActionDraft | None = None

    @property
    def duration(self) -> timedelta | None:
        return None if self.resolved is None else self.resolved - self.started

    def recommend_full(self) -> list[str]:
        """Why a full postmortem is recommended (empty when it is not)."""
        reasons = []
        if self.escalated:
            reasons.append("escalated")
        duration = self.duration
        if duration is not None and duration > timedelta(
            minutes=FULL_POSTMORTEM_AFTER_MINUTES
        ):
            reasons.append(
                f"lasted {_minutes(duration)} min, over {FULL_POSTMORTEM_AFTER_MINUTES}"
            )
        return reasons


def _minutes(value: timedelta) -> int:
    return int(value.total_seconds() // 60)


def local_now() -> datetime:
    """The current time in the machine's zone, to the second."""
    return datetime.now(timezone.utc).astimezone().replace(microsecond=0)


def clean_title(text: str) -> str:
    """The title as stored; an empty one is a usage error."""
    title = clean_line(text)
    if not title:
        raise UsageError("a note needs a title, such as 'Disk full on db-2'")
    return title


def parse_started(text: str, now: datetime) -> datetime:
    """When the incident started; not in the future."""
    if text.strip().lower() == "now":
        # The default: the parser (and its zone names, a few milliseconds of
        # ``retro note``'s start-up) is loaded only when a time is given.
        return now.replace(microsecond=0)
    from retrotui.document.timeparse import TimeParseError, parse_when

    try:
        started = parse_when(text, now)
    except TimeParseError as error:
        raise UsageError(f"start time: {error}") from None
    if started > now + _FUTURE_SLACK:
        raise UsageError(f"start time '{text.strip()}' is in the future")
    return started


def resolved_after(text: str, started: datetime) -> datetime:
    """The end of an incident that lasted ``text`` (``15m``, ``1h30m``)."""
    from retrotui.document.timeparse import TimeParseError, parse_duration

    try:
        return started + parse_duration(text)
    except TimeParseError as error:
        raise UsageError(f"duration: {error}") from None


def resolved_at(text: str, started: datetime, now: datetime) -> datetime:
    """The end of an incident resolved at ``text`` (``14:30``, ISO); not before it began."""
    from retrotui.document.timeparse import TimeParseError, parse_when

    value = _END_WORDS.sub("", text.strip().lower(), count=1)
    try:
        resolved = parse_when(value, now, previous=started)
    except TimeParseError as error:
        raise UsageError(f"resolved time: {error}") from None
    if resolved < started:
        raise UsageError(
            f"resolved at {resolved:%Y-%m-%d %H:%M}, before it started "
            f"({started:%Y-%m-%d %H:%M})"
        )
    return resolved


def parse_end(text: str, started: datetime, now: datetime) -> datetime:
    """A duration (``15m``) or, with a colon or "at", a time (``resolved at 14:30``)."""
    from retrotui.document.timeparse import TimeParseError, parse_duration

    value = text.strip().lower()
    if ":" in value or _END_WORDS.sub("", value, count=1) != value:
        return resolved_at(value, started, now)
    try:
        return started + parse_duration(value)
    except TimeParseError:
        raise UsageError(
            f"'{text.strip()}' is neither a duration (15m, 1h30m) nor a time (14:30)"
        ) from None


def split_labels(text: str) -> tuple[list[str], list[str]]:
    """``api, db, #capacity``: services, and the ``#`` words as tags."""
    services: list[str] = []
    tags: list[str] = []
    for part in text.split(","):
        label = clean_line(part)
        if label.startswith("#"):
            tags.append(label.lstrip("#").strip())
        elif label:
            services.append(label)
    return services, [tag for tag in tags if tag]


def action_problems(action: ActionDraft, as_of: datetime) -> list[str]:
    """What the SMART checker finds missing, one line each."""
    from retrotui.checks.smart import LABELS, check_action

    result = check_action(
        action.text,
        owner=action.owner or None,
        due=action.due_text or None,
        as_of=as_of.date(),
    )
    return [
        f"{LABELS.get(key, key)}: {criterion.message}"
        for key, criterion in result.problems()
    ]


def parse_severity(text: str) -> str:
    """``SEV2``, ``2`` or ``major`` as the stored ``sev2``."""
    value = normalize_severity(text)
    choices = [severity.value for severity in Severity]
    if value not in choices:
        raise UsageError(f"unknown severity '{text}'; use {', '.join(choices)}")
    return str(value)


def _fits(value: str, limit: int, what: str) -> str:
    if len(value) > limit:
        raise UsageError(f"{what} is longer than {limit} characters")
    return value


def _labels(values: list[str]) -> list[str]:
    kept: list[str] = []
    for value in values:
        label = _fits(clean_line(value), MAX_LINE, "a service or tag")
        if label and label not in kept:
            kept.append(label)
    return kept


def note_document(answers: NoteAnswers, now: datetime) -> dict[str, Any]:
    """The note as a plain JSON document in the postmortem schema.

    Built without pydantic so ``retro note`` starts fast: every value is
    cleaned and bounded here as the model would (tests hold it to the model).
    """
    title = _fits(clean_title(answers.title), MAX_LINE, "the title")
    fix = _fits(clean_text(answers.fix).strip(), MAX_TEXT, "the fix")
    timeline = [_event(answers.started, title, "started")]
    if answers.resolved is not None:
        timeline.append(_event(answers.resolved, fix or "Resolved", "resolved"))
    doc: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "id": new_id(),
        "kind": "minor",
        "title": title,
        "severity": parse_severity(answers.severity),
        "status": "published",
        "services": _labels(answers.services),
        "tags": _labels(answers.tags),
        "impact": _fits(clean_text(answers.impact).strip(), MAX_TEXT, "the impact"),
        "resolution": fix,
        "escalated": answers.escalated,
        "timeline": timeline,
        "actions": [],
        "created": now.isoformat(),
        "updated": now.isoformat(),
    }
    if answers.action is not None:
        doc["actions"].append(_action(answers.action, now))
    return doc


def _event(at: datetime, text: str, milestone: str) -> dict[str, Any]:
    return {
        "id": new_item_id("e"),
        "at": at.isoformat(),
        "text": text,
        "milestone": milestone,
        "source": "quick note",
    }


def _action(action: ActionDraft, now: datetime) -> dict[str, Any]:
    from retrotui.document.duedate import parse_due

    due = parse_due(action.due_text, now.date()) if action.due_text else None
    text = _fits(clean_text(action.text).strip(), MAX_TEXT, "the action")
    if not text:
        raise UsageError("the action is empty")
    return {
        "id": new_item_id("a"),
        "text": text,
        "owner": _fits(clean_line(action.owner), MAX_LINE, "the owner"),
        "due": due.isoformat() if due else None,
        "due_text": _fits(clean_line(action.due_text), MAX_LINE, "the due date"),
    }


def save_note(db_path: Path, answers: NoteAnswers, now: datetime) -> str:
    """Store the note and return its id."""
    from retrotui.storage.store import Store

    doc = note_document(answers, now)
    Store(db_path).add_document(doc)
    return str(doc["id"])
