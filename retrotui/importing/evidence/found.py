"""What an evidence reader finds: events with their source, and the lines it
could not place."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Found:
    at: datetime
    text: str
    source: str  # slack, shell, git, kubernetes, log, csv


@dataclass
class Reading:
    kind: str  # what the file was read as, for the preview
    events: list[Found] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # lines with no time
