"""Reading the times and durations people type during an incident.

``14:02``, ``+5m``, ``30m ago``, ``now``, ``2026-11-21 23:50``, ISO 8601 with
an offset, a clock time followed by a zone (``14:05 CET``, ``14:05 UTC+2``,
``23:50 Europe/Berlin``); durations such as ``15m``, ``1h30m``, ``90s``, ``2d``.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, tzinfo

from retrotui.document.approx import read_approx
from retrotui.document.schema import Precision
from retrotui.document.zone_names import zone_named
from retrotui.errors import RetroError


class TimeParseError(RetroError, ValueError):
    """The text is not a time or duration retro understands."""


_UNITS = {
    "s": 1,
    "sec": 1,
    "secs": 1,
    "second": 1,
    "seconds": 1,
    "m": 60,
    "min": 60,
    "mins": 60,
    "minute": 60,
    "minutes": 60,
    "h": 3600,
    "hr": 3600,
    "hrs": 3600,
    "hour": 3600,
    "hours": 3600,
    "d": 86400,
    "day": 86400,
    "days": 86400,
    "w": 7 * 86400,
    "week": 7 * 86400,
    "weeks": 7 * 86400,
}
_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([a-z]+)")
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
_DATE_CLOCK = re.compile(
    r"^(\d{4}-\d{2}-\d{2})[ t](\d{1,2}:\d{2}(?::\d{2})?)(.*)$", re.I
)
# A clock time (with or without a date) and then the zone it was read in.
_ZONED = re.compile(
    r"^(?P<when>(?:\d{4}-\d{2}-\d{2}[ t])?\d{1,2}:\d{2}(?::\d{2})?)\s*(?P<zone>\S.*)$",
    re.I,
)
TIME_HELP = "use 14:02, 30m ago, now, +5m or 2026-11-21 23:50"
DURATION_HELP = "use a duration such as 15m, 1h30m or 2h"


def local_zone() -> tzinfo:
    """The machine's local time zone."""
    zone = datetime.now().astimezone().tzinfo
    assert zone is not None
    return zone


def parse_duration(text: str) -> timedelta:
    """``15m``, ``1h30m``, ``1.5h``, ``90s``, ``2 days``; a bare number is minutes."""
    value = text.strip().lower()
    if not value:
        raise TimeParseError(f"empty duration; {DURATION_HELP}")
    if re.fullmatch(r"\d+(?:\.\d+)?", value):
        return timedelta(minutes=float(value))
    clock = re.fullmatch(r"(\d+):(\d{2})", value)
    if clock:
        return timedelta(hours=int(clock[1]), minutes=int(clock[2]))
    seconds = 0.0
    position = 0
    for match in _PART.finditer(value):
        if value[position : match.start()].strip(" ,and"):
            raise TimeParseError(f"'{text}' is not a duration; {DURATION_HELP}")
        unit = _UNITS.get(match[2])
        if unit is None:
            raise TimeParseError(
                f"unknown unit '{match[2]}' in '{text}'; {DURATION_HELP}"
            )
        seconds += float(match[1]) * unit
        position = match.end()
    if position == 0 or value[position:].strip():
        raise TimeParseError(f"'{text}' is not a duration; {DURATION_HELP}")
    if seconds > 366 * 86400:
        raise TimeParseError(f"'{text}' is longer than a year; {DURATION_HELP}")
    return timedelta(seconds=seconds)


def parse_when(
    text: str,
    now: datetime,
    previous: datetime | None = None,
    past: bool = True,
) -> datetime:
    """The moment ``text`` names, timezone-aware.

    ``now`` must be aware; its zone is used for times typed without one.  A
    time typed with a zone (``14:05 CET``) is kept in that zone: the instant
    and the offset the person read on their clock.
    ``previous`` is the time of the event before: a bare clock time takes its
    date (the date carries over while typing a timeline) and ``+5m`` counts
    from it.  With ``past``, a bare clock time later than ``now`` on today's
    date means yesterday, because incidents are written up after they happen.
    """
    value = clean = text.strip()
    now = now.replace(microsecond=0)
    if not value:
        raise TimeParseError(f"empty time; {TIME_HELP}")
    lower = value.lower()
    zone = now.tzinfo
    if lower == "now":
        return now
    if lower.endswith(" ago"):
        return now - parse_duration(lower[:-4])
    if lower.startswith(("+", "-")) and not _DATE_CLOCK.match(lower):
        base = previous or now
        delta = parse_duration(lower[1:])
        return base + delta if lower[0] == "+" else base - delta
    zoned = _ZONED.match(value)
    if zoned is not None and (typed := zone_named(zoned["zone"])) is not None:
        # The date of a bare clock time is the day in the typed zone.
        return parse_when(zoned["when"], now.astimezone(typed), previous, past)
    clock = _CLOCK.match(value)
    if clock:
        hour, minute, second = int(clock[1]), int(clock[2]), int(clock[3] or 0)
        if hour > 23 or minute > 59 or second > 59:
            raise TimeParseError(f"'{clean}' is not a time of day; {TIME_HELP}")
        base = previous.astimezone(zone) if previous else now
        result = datetime.combine(base.date(), time(hour, minute, second), tzinfo=zone)
        if previous is None and past and result > now:
            result -= timedelta(days=1)
        elif previous is not None and result < previous - timedelta(hours=12):
            # 23:50 then 00:05: the clock went past midnight.
            result += timedelta(days=1)
        return result
    match = _DATE_CLOCK.match(value)
    if match:
        value = f"{match[1]}T{match[2]}{match[3].strip()}"
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        try:
            parsed = datetime.combine(date.fromisoformat(value), time(0, 0))
        except ValueError:
            raise TimeParseError(f"'{clean}' is not a time; {TIME_HELP}") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)


def split_event(
    line: str, now: datetime, previous: datetime | None = None
) -> tuple[datetime, str]:
    """Split a timeline line such as ``14:02 paged on-call`` into time and text.

    The longest leading run of words that reads as a time wins, so
    ``2026-11-21 23:50 deploy started`` and ``30m ago alert fired`` both work.
    """
    when, _, text = _split(line, now, previous, approximate=False)
    return when, text


def split_timed(
    line: str, now: datetime, previous: datetime | None = None
) -> tuple[datetime, Precision, str]:
    """``split_event`` that also takes a time known to less than the minute
    (``2022-06-02 ...``, ``14:?? ...``, ``2022-05-?? ...``, ``?? ...``):
    where it places the event, how much of its time is known, the text."""
    return _split(line, now, previous, approximate=True)


def _split(
    line: str, now: datetime, previous: datetime | None, approximate: bool
) -> tuple[datetime, Precision, str]:
    words = line.strip().split()
    zone = now.tzinfo
    assert zone is not None
    for count in range(min(len(words), 4), 0, -1):
        head = " ".join(words[:count])
        placed = read_approx(head, zone, previous, now) if approximate else None
        if placed is None:
            try:
                placed = parse_when(head, now, previous), Precision.minute
            except TimeParseError:
                continue
        text = " ".join(words[count:])
        if not text:
            raise TimeParseError(f"'{line.strip()}' has a time but no event text")
        return placed[0], placed[1], text
    raise TimeParseError(f"'{line.strip()}' does not start with a time; {TIME_HELP}")
