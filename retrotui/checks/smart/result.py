"""What the SMART check returns: one verdict per criterion, with its reason."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

CRITERIA: tuple[str, ...] = (
    "specific",
    "measurable",
    "achievable",
    "relevant",
    "time_bound",
    "owner",
)
LABELS: dict[str, str] = {
    "specific": "Specific",
    "measurable": "Measurable",
    "achievable": "Achievable",
    "relevant": "Relevant",
    "time_bound": "Time-bound",
    "owner": "Owner",
}
# Overall ok needs these to be positively true; the others only must not fail.
REQUIRED: tuple[str, ...] = ("specific", "measurable", "time_bound", "owner")


@dataclass
class Parsed:
    """An item's text read into its parts, for the criteria to judge."""

    owner: str | None
    owner_text: str | None
    system_subject: str | None
    due_text: str | None
    due: date | None
    due_choices: tuple[date, ...]
    vague_due: str | None  # "asap", "soon": said instead of a date
    body: str
    lead: str


@dataclass(frozen=True)
class Criterion:
    ok: bool | None
    message: str
    hint: str = ""


@dataclass(frozen=True)
class SmartResult:
    """The verdict on one action item.

    ``owner`` and ``due`` are what was given or read from the text;
    ``owner_text`` and ``due_text`` are the words they were read from (None
    when they were given as fields), so a form can fill its fields from them.
    ``due_choices`` lists the dates an ambiguous phrase ("03/04/2027") could
    mean: the person has to pick one.
    """

    ok: bool
    owner: str | None
    due: date | None
    criteria: dict[str, Criterion]
    owner_text: str | None = None
    due_text: str | None = None
    due_choices: tuple[date, ...] = field(default=())

    def problems(self) -> list[tuple[str, Criterion]]:
        """The failing criteria, in CRITERIA order."""
        return [(name, c) for name, c in self.criteria.items() if c.ok is False]

    def to_json(self) -> dict[str, Any]:
        """The ``retro smart --json`` object."""
        return {
            "ok": self.ok,
            "owner": self.owner,
            "due": self.due.isoformat() if self.due else None,
            "due_choices": [day.isoformat() for day in self.due_choices],
            "criteria": {
                name: {"ok": c.ok, "message": c.message, "hint": c.hint}
                for name, c in self.criteria.items()
            },
        }
