"""Zone names people type after a time: "CET", "UTC+2", "+01:00",
"Europe/Copenhagen".

An abbreviation stands for the zone people mean by it, with its daylight
saving rules: "CET" in July is CEST (UTC+2), as the team's clocks were.
"""

from __future__ import annotations

import re
from datetime import timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# Abbreviation -> the IANA zone whose wall clock it names (DST included).
_ABBREVIATIONS = {
    "utc": "UTC",
    "gmt": "UTC",
    "z": "UTC",
    "zulu": "UTC",
    "cet": "Europe/Paris",
    "cest": "Europe/Paris",
    "met": "Europe/Paris",
    "wet": "Europe/Lisbon",
    "west": "Europe/Lisbon",
    "eet": "Europe/Helsinki",
    "eest": "Europe/Helsinki",
    "bst": "Europe/London",
    "msk": "Europe/Moscow",
    "est": "America/New_York",
    "edt": "America/New_York",
    "et": "America/New_York",
    "cst": "America/Chicago",
    "cdt": "America/Chicago",
    "ct": "America/Chicago",
    "mst": "America/Denver",
    "mdt": "America/Denver",
    "mt": "America/Denver",
    "pst": "America/Los_Angeles",
    "pdt": "America/Los_Angeles",
    "pt": "America/Los_Angeles",
    "ist": "Asia/Kolkata",
    "jst": "Asia/Tokyo",
    "kst": "Asia/Seoul",
    "aest": "Australia/Sydney",
    "aedt": "Australia/Sydney",
    "nzst": "Pacific/Auckland",
    "nzdt": "Pacific/Auckland",
}
_OFFSET = re.compile(
    r"^(?:utc|gmt)?\s*([+-−])\s*(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE
)
_IANA = re.compile(r"^[A-Za-z]+(?:/[A-Za-z0-9_+-]+)+$")


def zone_named(name: str) -> tzinfo | None:
    """The zone ``name`` stands for, or None when it names none."""
    key = name.strip().replace("−", "-")
    if not key:
        return None
    if (iana := _ABBREVIATIONS.get(key.lower())) is not None:
        return ZoneInfo(iana)
    if (match := _OFFSET.match(key)) is not None:
        hours, minutes = int(match[2]), int(match[3] or 0)
        if hours > 14 or minutes > 59:
            return None
        offset = timedelta(hours=hours, minutes=minutes)
        return timezone(-offset if match[1] in "-−" else offset)
    if _IANA.match(key):
        try:
            return ZoneInfo(key)
        except (ZoneInfoNotFoundError, ValueError):
            return None
    return None
