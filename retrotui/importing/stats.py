"""The Stats section: the category, time to detection and recovery
as milestones on the events that far apart, anything else kept."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from retrotui.document.schema import Milestone
from retrotui.importing import parts
from retrotui.importing.blocks import Section
from retrotui.importing.report import Report

_STAT = re.compile(r"^(?P<key>[^:]{2,40}):\s*(?P<value>.*)$", re.S)
_TTD = re.compile(r"time to (?:detect|detection)|\bttd\b", re.I)
_TTR = re.compile(
    r"time to (?:recover|recovery|resolve|resolution|restore|repair|fix)|\bttr\b",
    re.I,
)


def _minutes(value: str) -> timedelta | None:
    from retrotui.document.timeparse import TimeParseError, parse_duration

    words = value.strip().rstrip(".").lower()
    words = re.sub(r"\band\b|,", " ", words)
    try:
        return parse_duration(" ".join(words.split()).replace(" ", ""))
    except TimeParseError:
        return None


def read_stats(
    sections: list[Section], text_of: Any, data: dict, report: Report
) -> None:
    """Category is the postmortem's category (a second one a tag); time to detection and recovery mark the events
    they lead to (started, detected, resolved) when the timeline has events
    that far apart; anything else is kept in the notes."""
    spans: dict[Milestone, tuple[timedelta, str]] = {}
    for section in sections:
        for entry in parts.lines(section, text_of):
            match = _STAT.match(entry)
            if match is None:
                report.keep(f"stats: {entry[:60]!r} kept in the notes", entry)
                continue
            key, value = match["key"].strip(), match["value"].strip()
            milestone = (
                Milestone.detected
                if _TTD.search(key)
                else Milestone.resolved
                if _TTR.search(key)
                else None
            )
            if key.lower() == "category" and value and not data.get("category"):
                data["category"] = value
            elif key.lower() == "category" and value:
                data.setdefault("tags", []).append(value)
            elif milestone is None:
                report.keep(f"stats: {key!r} kept in the notes", entry)
            elif (span := _minutes(value)) is None:
                report.kept.append(entry)  # "?", "N/A": nothing to mark
            else:
                spans[milestone] = (span, entry)
    marked = _mark(data["timeline"], spans)
    for milestone, (_, entry) in spans.items():
        if milestone not in marked:
            report.keep(
                f"stats: {entry!r}: no two timeline events are that far apart; "
                "kept in the notes",
                entry,
            )


def _mark(
    events: list[dict], spans: dict[Milestone, tuple[timedelta, str]]
) -> set[Milestone]:
    """Mark the start and the events ``spans`` after it, choosing the earliest
    start that explains the most of them."""
    best: tuple[dict, dict[Milestone, dict]] | None = None
    by_time = sorted(events, key=lambda e: e["at"])
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
        return set()
    start, found = best
    start.setdefault("milestone", None)
    if start["milestone"] is None:
        start["milestone"] = Milestone.started
    for milestone, event in found.items():
        if event.get("milestone") is None:
            event["milestone"] = milestone
    return set(found)
