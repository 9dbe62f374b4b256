"""Durations a record states ("Time to detection: 30 minutes", "TTR 6h"),
read the same way from an imported write-up and from the timeline's entry
line.  They are kept as stated, beside what the timeline's milestones give."""

from __future__ import annotations

import re
from datetime import timedelta

from retrotui.document.schema import Milestone
from retrotui.document.timeparse import TimeParseError, parse_duration

_KEYS = {
    Milestone.detected: r"time to (?:detect|detection)|ttd",
    Milestone.acknowledged: r"time to (?:acknowledge|acknowledgement|ack)|tta",
    Milestone.mitigated: r"time to (?:mitigate|mitigation)|ttm",
    Milestone.resolved: (
        r"time to (?:recover|recovery|resolve|resolution|restore|repair|fix)|ttr"
    ),
}
_KEY = re.compile(
    "|".join(rf"(?P<{m.value}>\b(?:{words})\b)" for m, words in _KEYS.items()),
    re.I,
)
_LINE = re.compile(rf"^\s*(?:{_KEY.pattern})\s*[:=]?\s*(?P<value>.*)$", re.I | re.S)
# What a record writes where it states no duration.
NOT_STATED = {"", "-", "?", "n/a", "na", "none", "unknown", "tbd", "tba"}


def stated_milestone(key: str) -> Milestone | None:
    """The milestone a stat's name ("Time to recovery") leads to."""
    match = _KEY.search(key)
    if match is None:
        return None
    return next(Milestone(name) for name, found in match.groupdict().items() if found)


def read_duration(value: str) -> timedelta | None:
    """``30 minutes``, ``19 hours 43 minutes.``, ``1h 05m``, ``2 days and 3
    hours``; None when it is not a duration."""
    words = value.strip().rstrip(".").lower()
    words = re.sub(r"\band\b|,", " ", words)
    try:
        return parse_duration("".join(words.split()))
    except TimeParseError:
        return None


def read_stated_line(line: str) -> tuple[Milestone, timedelta | None] | None:
    """``time to detect 30m`` typed on the timeline: the milestone and the
    duration (None for ``-``, which clears it); None when the line is not a
    stated duration.  A duration that cannot be read raises ``TimeParseError``."""
    match = _LINE.match(line)
    if match is None:
        return None
    milestone = next(
        Milestone(name) for name in (m.value for m in _KEYS) if match[name]
    )
    value = match["value"].strip()
    if value.lower() in NOT_STATED:
        return milestone, None
    duration = read_duration(value)
    if duration is None:
        raise TimeParseError(f"'{value}' is not a duration; use 30m, 1h30m or 6h")
    return milestone, duration
