"""Event times known to less than the minute, as people write them and as
retro shows them again: ``2022-06-02`` (a date alone), ``2024-03-13 14:??``,
``2022-05-?? ??:??``, ``??:??`` or ``time unknown``.

Such an event keeps the part of its time the record gives (its precision);
its instant only places it in order: at the start of the period it names, or
with the event before it when that one falls inside the period, so rows keep
the order they were written in.  No duration is worked out from it.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING

from retrotui.document.schema import Precision

if TYPE_CHECKING:
    from retrotui.document.models import TimelineEvent

# A part of a time not known: "??", "xx", "--", or the template's "HH:mm".
_GAP = r"(?:\?{1,2}|[xX]{2}|-{2}|HH|hh|MM|mm)"
_HEAD = re.compile(
    rf"^(?P<y>\d{{4}})-(?P<mo>\d{{2}}|\?\?)-(?P<d>\d{{2}}|\?\?)"
    rf"(?:[ T]+(?:(?P<h>\d{{1,2}})|{_GAP}):{_GAP})?$"
    # A clock hour alone: the date is the event before's.
    rf"|^(?P<bare>\d{{1,2}}):{_GAP}$"
)
# No time at all: what the row says instead of one.
# (Not "unknown" alone: "unknown error spike" typed without a time is refused,
# not taken as an event at no time.)
UNKNOWN_WORDS = ("?", "??", "???", "time unknown", "unknown time")
_UNKNOWN = re.compile(
    rf"^(?:{_GAP}:{_GAP}|" + "|".join(re.escape(w) for w in UNKNOWN_WORDS) + ")$",
    re.I,
)
# Written like a date but with parts missing ("2021/22-??-??"): no time
# retro can place, kept as written by the caller.
_DATE_LIKE = re.compile(r"^[\d/?xX.-]*\?[\d/?xX.-]*$")
_GAP_CLOCK = re.compile(rf"[ T]+{_GAP}:{_GAP}$")
UNKNOWN_LABEL = "time unknown"


def read_approx(
    head: str, zone: tzinfo, previous: datetime | None, now: datetime
) -> tuple[datetime, Precision] | None:
    """Where ``head`` places an event and how much of its time it gives;
    None when ``head`` is an exact time or not a time at all."""
    head = " ".join(head.split())
    match = _HEAD.match(head)
    if match is None:
        if _UNKNOWN.match(head) or _DATE_LIKE.match(_GAP_CLOCK.sub("", head)):
            return (previous or now), Precision.unknown
        return None
    base = (previous or now).astimezone(zone)
    if match["bare"]:
        hour = int(match["bare"])
        if hour > 23:
            return None
        start = datetime.combine(base.date(), time(hour), tzinfo=zone)
        return _placed(start, timedelta(hours=1), previous), Precision.hour
    year = int(match["y"])
    try:
        if match["mo"] == "??":
            start, length, precision = (
                datetime(year, 1, 1, tzinfo=zone),
                timedelta(days=366 if calendar.isleap(year) else 365),
                Precision.year,
            )
        elif match["d"] == "??":
            month = int(match["mo"])
            days = calendar.monthrange(year, month)[1]
            start, length, precision = (
                datetime(year, month, 1, tzinfo=zone),
                timedelta(days=days),
                Precision.month,
            )
        elif match["h"] is not None:
            start = datetime(
                year, int(match["mo"]), int(match["d"]), int(match["h"]), tzinfo=zone
            )
            length, precision = timedelta(hours=1), Precision.hour
        else:
            start = datetime(year, int(match["mo"]), int(match["d"]), tzinfo=zone)
            length, precision = timedelta(days=1), Precision.day
    except ValueError:
        return None  # "2022-13-??": not a date; the caller says so
    return _placed(start, length, previous), precision


def is_unknown_label(text: str) -> bool:
    """``??:??``, ``time unknown``: a time written as not known at all."""
    return _UNKNOWN.match(" ".join(text.split())) is not None


def _placed(start: datetime, length: timedelta, previous: datetime | None) -> datetime:
    """The start of the period, or the event before when it lies inside it
    (``2022-02-?? TBA`` after the rows of 2022-02-08 stays after them)."""
    if previous is not None and start <= previous < start + length:
        return previous
    return start


_FORMATS = {
    Precision.hour: ("%Y-%m-%d %H:??", "%m-%d %H:??"),
    Precision.day: ("%Y-%m-%d ??:??", "%m-%d ??:??"),
    Precision.month: ("%Y-%m-?? ??:??", "%m-?? ??:??"),
    Precision.year: ("%Y-??-?? ??:??", "%Y-??-??"),
}


def when_text(at: datetime, precision: Precision, zone: tzinfo, short: bool) -> str:
    """The time as the list (``short``) or the report shows it: exact ones in
    ``zone``; the others in the zone they were written in, with ``??`` for
    what is not known (a day written stays that day)."""
    if precision is Precision.minute:
        return f"{at.astimezone(zone):{'%m-%d %H:%M' if short else '%Y-%m-%d %H:%M'}}"
    if precision is Precision.unknown:
        return "unknown" if short else UNKNOWN_LABEL
    long_format, short_format = _FORMATS[precision]
    return at.strftime(short_format if short else long_format)


def years_shown(events: Iterable[TimelineEvent], zone: tzinfo) -> set[int]:
    """The years ``when_text`` shows ``events`` in (exact times in ``zone``,
    others as written; a time not known at all has none)."""
    return {
        (
            event.at.astimezone(zone)
            if event.precision is Precision.minute
            else event.at
        ).year
        for event in events
        if event.precision is not Precision.unknown
    }
