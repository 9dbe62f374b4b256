"""Times as documents and logs write them, read at an instant in a zone.

``2019-11-30 08:24``, ``2021-12-10   15:40``, ``2026-11-21T23:50:02Z``,
``14:02``, ``2:05 PM``, ``Jan 21, 2020 15:36``, a date alone, and the
placeholders people leave (``14:??``, ``--:--``, ``HH:mm``).  A date that
cannot exist (a five-digit year, month 13) is reported, never raised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from retrotui.importing.zones import zone_named

MONTHS = {
    m: n
    for n, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        1,
    )
    for m in names
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE = (
    r"(?P<y>\d{4,6})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"|(?P<y2>\d{4,6})/(?P<m2>\d{1,2})/(?P<d2>\d{1,2})"
    rf"|(?P<mn>{_MONTH})\.?\s+(?P<md>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<my>\d{{4,6}})"
    rf"|(?P<dm>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?P<mn2>{_MONTH})\.?,?\s+(?P<dy>\d{{4,6}})"
    r"|(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)(?P<y3>\d{4})"
    # "Jan 21 15:36": the year is the incident's, so only before a clock.
    rf"|(?P<mn3>{_MONTH})\.?\s+(?P<md3>\d{{1,2}})(?:st|nd|rd|th)?,?(?=\s+\d{{1,2}}:\d{{2}})"
)
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?[ \t]+)?"
_CLOCK = (
    r"(?P<h>\d{1,2}|[?xX-]{2}|HH|hh):(?P<min>\d{2}|[?xX-]{2}|mm|MM)"
    r"(?::(?P<s>\d{2})(?:[.,]\d+)?)?(?:\s*(?P<ampm>[ap]\.?m\.?))?"
)
_ZONE = (
    r"(?P<z>Z|[+-]\d{2}:?\d{2}|(?:UTC|GMT)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?"
    r"|[A-Z]{2,5}(?=[\s:|,)\]-]|$))"
)
STAMP = re.compile(
    # Linear in the line's length: no two runs of spaces can trade characters.
    r"^[ \t]*(?:(?:~|≈|ca\.?|approx\.?|about)[ \t]*)?(?:[\[(][ \t]*)?"
    rf"(?:{_WEEKDAY}(?:{_DATE})(?:[ \t]+at[ \t]+|[ \t]*[Tt][ \t]*|[ \t]+|,[ \t]*)?)?"
    rf"(?:{_CLOCK})?(?:[ \t]*{_ZONE})?(?:[ \t]*[\])])?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Stamp:
    """What a time text says: the instant when it says one, the day and the
    clock it names, whether the clock was exact, and what was wrong."""

    at: datetime | None
    day: date | None
    exact: bool
    problem: str | None
    end: int  # where the stamp ends in the text read
    guess: str | None = None  # a typo read as what it must have meant


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _day(m: re.Match[str]) -> tuple[date | None, str | None, bool]:
    """The date in ``m``, a problem, and whether a date was written."""
    if m["y3"]:
        return _numeric(int(m["a"]), int(m["b"]), int(m["y3"]), m["sep"])
    if m["mn3"]:
        return None, "no year", True  # the caller knows the incident's
    year = m["y"] or m["y2"] or m["my"] or m["dy"]
    if year is None:
        return None, None, False
    month_name = m["mn"] or m["mn2"]
    month = MONTHS[month_name.lower()] if month_name else int(m["m"] or m["m2"])
    day = int(m["d"] or m["d2"] or m["md"] or m["dm"])
    if len(year) != 4:
        # A key pressed twice ("20202"): the first four digits, when they make
        # a year retro could hold an incident in, with the problem reported.
        if not 1970 <= int(year[:4]) <= 2100:
            return None, f"the year {year} cannot be right", True
        try:
            return date(int(year[:4]), month, day), f"the year {year}", True
        except ValueError:
            return None, f"the year {year} cannot be right", True
    try:
        return date(int(year), month, day), None, True
    except ValueError:
        return None, f"{year}-{month:02d}-{day:02d} is not a date", True


def _numeric(
    first: int, second: int, year: int, sep: str
) -> tuple[date | None, str | None, bool]:
    """``21/01/2020``, ``01/21/2020``, ``21.01.2020``: the order that can be a
    date; when both can, day first (as written with dots, and outside the US),
    with the reading reported."""
    day, month = (second, first) if second > 12 >= first else (first, second)
    try:
        found = date(year, month, day)
    except ValueError:
        return None, f"{first}{sep}{second}{sep}{year} is not a date", True
    if first <= 12 and second <= 12 and first != second and sep == "/":
        return found, f"{first}/{second}/{year} read day first", True
    return found, None, True


def read_stamp(text: str, zone: tzinfo | None, day: date | None = None) -> Stamp | None:
    """The time at the start of ``text``; None when it does not start with one.

    ``day`` is the date a clock time alone is on (the row before's).  A zone
    written in the text wins over ``zone``; with neither, the instant is None
    (the caller asks for one).
    """
    m = STAMP.match(text)
    if m is None or not (m["y"] or m["y2"] or m["my"] or m["dy"] or m["h"]):
        return None
    written_day, problem, dated = _day(m)
    guessed = None
    if problem == "no year":
        base = day or date.today()
        try:
            written_day = date(base.year, MONTHS[m["mn3"].lower()], int(m["md3"]))
            problem = None
        except ValueError:
            problem = f"{m['mn3']} {m['md3']} is not a date"
    elif problem is not None and written_day is not None:
        guessed = (
            problem if "read" in problem else f"{problem} read as {written_day.year}"
        )
        problem = None
    end = m.end()
    written_zone = None
    if m["z"]:
        name = m["z"].replace(" ", "")
        written_zone = zone_named(name) or (
            zone_named(f"UTC{name}") if name[0] in "+-" else None
        )
        if written_zone is None or not (m["h"] or name.isupper()):
            # A word after the time ("14:02 paged") is the event, not a zone.
            written_zone, end = None, m.start("z")
    if problem:
        return Stamp(None, None, False, problem, end)
    on = written_day or day
    hour, minute, second = _int(m["h"]), _int(m["min"]), _int(m["s"]) or 0
    exact = hour is not None and minute is not None
    if m["h"] and hour is None and minute is not None:
        exact = False
    if hour is not None and m["ampm"]:
        if hour > 12 or hour == 0:
            return Stamp(None, on, False, f"{m[0].strip()} is not a time", end)
        hour = hour % 12 + (12 if m["ampm"].lower().startswith("p") else 0)
    if (hour or 0) > 23 or (minute or 0) > 59 or second > 59:
        return Stamp(None, on, False, f"{m[0].strip()} is not a time of day", end)
    if not dated and hour is None:
        return None
    if on is None:
        return Stamp(None, None, exact, "no date is given for it", end)
    zone = written_zone or zone
    if zone is None:
        return Stamp(None, on, exact, None, end, guessed)
    at = datetime.combine(on, time(hour or 0, minute or 0, second), tzinfo=zone)
    return Stamp(at, on, exact, None, end, guessed)


def after(previous: datetime | None, at: datetime) -> datetime:
    """A clock time alone that reads earlier than the row before by more than
    12 hours crossed midnight (23:50 then 00:05)."""
    if previous is not None and at < previous - timedelta(hours=12):
        return at + timedelta(days=1)
    return at
