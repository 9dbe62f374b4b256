"""The Stats section: the category; time to detection and recovery kept as
stated, and as milestones on the events that far apart; anything else kept."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from retrotui.document.schema import Milestone, Precision
from retrotui.document.stated import read_duration, stated_milestone
from retrotui.importing import parts
from retrotui.importing.blocks import Section
from retrotui.importing.report import Report

_STAT = re.compile(r"^(?P<key>[^:]{2,40}):\s*(?P<value>.*)$", re.S)


def read_stats(
    sections: list[Section], text_of: Any, data: dict, report: Report
) -> None:
    """Category is the postmortem's category (a second one a tag); a time to
    detection or recovery is kept as stated, and marks the events it leads
    to (started, detected, resolved) when the timeline has events that far
    apart; anything else is kept in the notes."""
    spans: dict[Milestone, tuple[timedelta, str]] = {}
    for section in sections:
        for entry in parts.lines(section, text_of):
            match = _STAT.match(entry)
            if match is None:
                report.keep(f"stats: {entry[:60]!r} kept in the notes", entry)
                continue
            key, value = match["key"].strip(), match["value"].strip()
            milestone = stated_milestone(key)
            if key.lower() == "category" and value and not data.get("category"):
                data["category"] = value
            elif key.lower() == "category" and value:
                data.setdefault("tags", []).append(value)
            elif milestone is None:
                report.keep(f"stats: {key!r} kept in the notes", entry)
            elif (span := read_duration(value)) is None:
                report.kept.append(entry)  # "?", "N/A": nothing stated
            else:
                spans[milestone] = (span, entry)
                data.setdefault("stated_minutes", {})[milestone] = round(
                    span.total_seconds() / 60
                )
    _mark(data["timeline"], spans)


def _mark(events: list[dict], spans: dict[Milestone, tuple[timedelta, str]]) -> None:
    """Mark the start and the events ``spans`` after it, choosing the earliest
    start that explains the most of them."""
    best: tuple[dict, dict[Milestone, dict]] | None = None
    # Only events known to the minute can be that far apart.
    by_time = sorted(
        (e for e in events if e.get("precision", Precision.minute) is Precision.minute),
        key=lambda e: e["at"],
    )
    for start in by_time:
        found = {}
        for milestone, (span, _) in spans.items():
            at = start["at"] + span
            hit = next((e for e in by_time if e["at"] == at and e is not start), None)
            if hit is not None:
                found[milestone] = hit
        if found and (best is None or len(found) > len(best[1])):
            best = start, found
    if best is None:
        return
    start, found = best
    start.setdefault("milestone", None)
    if start["milestone"] is None:
        start["milestone"] = Milestone.started
    for milestone, event in found.items():
        if event.get("milestone") is None:
            event["milestone"] = milestone
