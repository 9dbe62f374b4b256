"""Time zones as documents declare them: "All times in UTC", "Date and Time
in CET", "(times are PST)", "UTC+2", "Europe/Copenhagen" (the names as
``retrotui.document.zone_names`` reads them)."""

from __future__ import annotations

import re
from datetime import tzinfo

from retrotui.document.zone_names import zone_named
from retrotui.errors import UsageError

# "All times in UTC", "Times are CET", "Date and Time in CET", "(times in PST)",
# "timezone: Europe/Berlin", "Time (UTC)", "All times UTC+01:00."
_KEYWORD = re.compile(r"\b(?:times?|timezone|time zone|tz)\b", re.IGNORECASE)
_TOKEN = re.compile(
    r"(?:utc|gmt)\s*[+-−]\s*\d{1,2}(?::?\d{2})?|[+-−]\d{2}:?\d{2}\b"
    r"|[A-Za-z]+(?:/[A-Za-z0-9_+-]+)*",
    re.IGNORECASE,
)
_CONNECTORS = {"in", "are", "is", "and", "date", "all", "given", "shown", "zone"}


def declared_zone(text: str) -> tuple[tzinfo, str] | None:
    """The zone that ``text`` says its times are in, and the words saying it."""
    for keyword in _KEYWORD.finditer(text):
        rest = text[keyword.end() : keyword.end() + 40]
        for token in _TOKEN.finditer(rest):
            if rest[: token.start()].strip(" :=(").count(" ") > 2:
                break
            word = token[0]
            if word.lower() in _CONNECTORS:
                continue
            zone = zone_named(word)
            if zone is not None:
                return zone, text[keyword.start() : keyword.end() + token.end()]
            break
    return None


def zone_argument(name: str) -> tzinfo:
    """``--tz``'s value, or a usage error naming the forms that work."""
    zone = zone_named(name)
    if zone is None:
        raise UsageError(
            f"retro: unknown time zone {name!r}: use UTC, CET, an offset such as "
            "+02:00, or a name such as Europe/Copenhagen"
        )
    return zone
