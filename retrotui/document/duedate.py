"""Reading the due dates people type for action items.

A small hand-written grammar, because none of the common date libraries know
quarters or "EOW". Everything resolves against an explicit ``as_of`` day so the
answer never depends on the clock. Case does not matter, and a leading "by",
"due", "before", "until", "on" or "no later than" is ignored.

Weekday rule: a weekday name, with or without "this", "next" or "coming",
always means the first such day strictly after ``as_of``. On Wednesday
2027-03-17, "Friday" and "next Friday" both mean 2027-03-19; on Friday itself
they mean the Friday a week later. The resolved date is always shown, so the
person typing can correct it.

Ends of periods: a week ends on its Friday (the work week), months, quarters
and years on their last day. "end of week"/"EOW" is the first Friday on or
after ``as_of`` (today, when it is Friday); "end of month"/"EOM", "end of
quarter"/"EOQ" and "end of year"/"EOY" are the last day of the current one.
"next week/month/quarter/year" is the end of the following one. A month or
quarter named without a year ("end of March", "March 15", "Q2") is its next
occurrence that is not in the past; a month named alone ("by March") means its
last day. Vague answers ("asap", "soon", "later",
"next sprint") are not dates: ``parse_due`` returns None for them.

Also read, because people type them: ISO and plain week numbers ("2027-W10",
"week 7", "wk7"; the Friday of that ISO week, in ``as_of``'s year unless that
Friday is past), "w/c 8 Feb" (the Friday of the week commencing then), a day
of the month alone ("by the 3rd": the next 3rd after ``as_of``), numeric dates
day first when the first number is over 12 ("28/02/2027") and month first when
the second is, holidays ("christmas", "new year", "easter", "thanksgiving";
"before" a holiday is the day before it), short forms ("tmrw", "in 3 wks",
"in 10d") and misspelt weekdays ("thrusday"). Some dates need a person to
choose: "03/04/2027" (3 April or 4 March?) and "mid-April" give
``read_due(...).choices`` and no date.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import NamedTuple

from retrotui.document.holidays import HOLIDAYS

DUE_HELP = (
    "use a date such as 2027-03-31, tomorrow, Friday, in 2 weeks, within 30 days, "
    "EOW, end of month, end of Q1 2027, Q2, week 7 or 15 March 2027"
)


class DueReading(NamedTuple):
    """What a due-date phrase names: one date, or the dates to choose between."""

    date: date | None
    choices: tuple[date, ...] = ()


_WEEKDAYS = {
    "mon": 0,
    "monday": 0,
    "tue": 1,
    "tues": 1,
    "tuesday": 1,
    "wed": 2,
    "weds": 2,
    "wednesday": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "thursday": 3,
    "fri": 4,
    "friday": 4,
    "sat": 5,
    "saturday": 5,
    "sun": 6,
    "sunday": 6,
}
_MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
_MONTHS["sept"] = 9
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "a couple of": 2,
    "a few": 3,
}
_UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14}
_FRIDAY = 4

_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY_RE = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_NUMBER_RE = r"\d{1,3}|" + "|".join(sorted(_NUMBERS, key=len, reverse=True))

_LEAD = re.compile(
    r"^(?:(?:no later than|not later than|by|due(?: date)?:?|before|until|till|"
    r"on|at|at the|for|deadline:?)\s+)+"
)
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_YEAR_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_RELATIVE = re.compile(
    rf"(?:in|within|in the next|within the next|over the next)\s+({_NUMBER_RE})\s+"
    r"(day|week|fortnight|month|year)s?(?: time)?"
    rf"|({_NUMBER_RE})\s+(day|week|fortnight|month|year)s?\s+from\s+(?:now|today)"
)
_WEEKDAY = re.compile(rf"(?:(?:this|next|coming|the coming)\s+)?({_WEEKDAY_RE})\.?")
_PERIOD_END = re.compile(
    r"(?:(?:the\s+)?end\s+of\s+(?:the\s+)?(this\s+|next\s+|the\s+next\s+)?"
    r"|(?:eo|e\.o\.)|(this|next)\s+)"
    r"(week|month|quarter|year|w|m|q|y)\.?"
)
_QUARTER = re.compile(
    r"(?:(?:the\s+)?end\s+of\s+)?(?:q([1-4])(?:\s*[-/']?\s*(\d{4}|'?\d{2}))?"
    r"|(\d{4})\s*[-/]?\s*q([1-4]))"
)
_MONTH_END = re.compile(
    rf"(?:(?:the\s+)?end\s+of\s+|in\s+)?({_MONTH_RE})\.?(?:\s+(\d{{4}}))?"
)
_DAY_MONTH = re.compile(
    rf"(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+({_MONTH_RE})\.?,?(?:\s+(\d{{4}}))?"
)
_MONTH_DAY = re.compile(
    rf"({_MONTH_RE})\.?\s+(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?,?(?:\s+(\d{{4}}))?"
)
_SPACES = re.compile(r"\s+")
_ABBREVIATIONS = (
    (re.compile(r"\b(?:tmrw|tmr|tmw|tmrow|tomorow|tommorow|tommorrow)\b"), "tomorrow"),
    (re.compile(r"\b(\d+)\s*(?:d|ds|dys)\b"), r"\1 days"),
    (re.compile(r"\b(\d+)\s*(?:w|wk|wks|wk\.)(?=\s|$)"), r"\1 weeks"),
    (re.compile(r"\b(\d+)\s*(?:mo|mos|mth|mths)\b"), r"\1 months"),
    (re.compile(r"\bwks\b"), "weeks"),
    (re.compile(r"\bmid[- ]"), "mid "),
)
# Politeness and filler after the date: "EOW pls", "Friday latest".
_TRAILING = re.compile(
    r"(?:\s+(?:pls|plz|please|thx|thanks|ty|latest|at the latest))+$"
)
_BEFORE = re.compile(r"^(?:(?:by|due|due date:?|deadline:?)\s+)?(?:before|ahead of)\s+")
_WEEK_NUMBER = re.compile(
    r"(\d{4})-?w(\d{1,2})|(?:iso\s+|cal(?:endar)?\s+)?(?:week|wk|w|kw|cw)\s*\.?\s*#?"
    r"(\d{1,2})(?:\s*[,/]?\s*(\d{4}))?"
)
_WEEK_COMMENCING = re.compile(
    r"(?:w/c|wc|w\.c\.|week commencing|the week of|week of)\s+(.+)"
)
_ORDINAL_DAY = re.compile(r"(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)")
_NUMERIC = re.compile(r"(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})")
_MID_MONTH = re.compile(rf"(?:mid|middle of)\s+({_MONTH_RE})\.?(?:\s+(\d{{4}}))?")
_WEEKDAY_NAMES = tuple(calendar.day_name[index].lower() for index in range(7))


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(start: date, months: int) -> date:
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    # The 31st plus a month lands on the last day of a shorter month.
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def _quarter_end(year: int, quarter: int) -> date:
    return _month_end(year, quarter * 3)


def _year(text: str | None) -> int | None:
    if text is None:
        return None
    digits = text.lstrip("'")
    return int(digits) + 2000 if len(digits) == 2 else int(digits)


def _next_weekday(as_of: date, weekday: int) -> date:
    return as_of + timedelta(days=(weekday - as_of.weekday() - 1) % 7 + 1)


def _period_end(unit: str, as_of: date, ahead: int) -> date:
    if unit == "week":
        this_friday = as_of + timedelta(days=(_FRIDAY - as_of.weekday()) % 7)
        return this_friday + timedelta(weeks=ahead)
    if unit == "month":
        first = _add_months(as_of.replace(day=1), ahead)
        return _month_end(first.year, first.month)
    if unit == "quarter":
        index = (as_of.month - 1) // 3 + ahead
        return _quarter_end(as_of.year + index // 4, index % 4 + 1)
    return date(as_of.year + ahead, 12, 31)


def _not_past(
    as_of: date, make: Callable[[int], date | None], year: int | None
) -> date | None:
    if year is not None:
        return make(year)
    # Eight years always reach the next 29 February.
    for offset in range(9):
        candidate = make(as_of.year + offset)
        if candidate is not None and candidate >= as_of:
            return candidate
    return None


def _day_of_month(as_of: date, day: int, month: int, year: str | None) -> date | None:
    return _not_past(as_of, lambda y: _safe_date(y, month, day), _year(year))


# First words of due-date phrases, for finding one inside a longer text.
START_WORDS = frozenset(
    {word.split()[0] for word in HOLIDAYS}
    | set(_WEEKDAYS)
    | set(_MONTHS)
    | set(_WEEKDAY_NAMES)
    | {"by", "before", "due", "until", "till", "on", "within", "in", "no", "end"}
    | {"eow", "eom", "eoq", "eoy", "eod", "cob", "e.o.w", "e.o.m", "e.o.q", "e.o.y"}
    | {"q1", "q2", "q3", "q4", "tomorrow", "tmrw", "tmr", "today", "tonight"}
    | {"next", "this", "deadline", "week", "wk", "w/c", "wc", "the", "mid"}
    | {"ahead", "coming", "iso", "kw", "cw", "middle"}
)


def _friday_of(day: date) -> date:
    return day + timedelta(days=(_FRIDAY - day.weekday()) % 7)


def _iso_friday(year: int, week: int) -> date | None:
    try:
        return date.fromisocalendar(year, week, _FRIDAY + 1)
    except ValueError:
        return None


def _week_number(match: re.Match[str], as_of: date) -> date | None:
    if match[1]:
        return _iso_friday(int(match[1]), int(match[2]))
    week = int(match[3])
    if match[4]:
        return _iso_friday(int(match[4]), week)
    year = as_of.isocalendar()[0]
    friday = _iso_friday(year, week)
    if friday is not None and friday >= as_of:
        return friday
    return _iso_friday(year + 1, week)


def _ordinal_day(as_of: date, day: int) -> date | None:
    """The next ``day`` of a month strictly after ``as_of``."""
    if not 1 <= day <= 31:
        return None
    month_start = as_of.replace(day=1)
    for ahead in range(13):
        first = _add_months(month_start, ahead)
        candidate = _safe_date(first.year, first.month, day)
        if candidate is not None and candidate > as_of:
            return candidate
    return None


def _numeric(match: re.Match[str], as_of: date) -> date | tuple[date, ...] | None:
    """dd/mm/yyyy or mm/dd/yyyy: whichever the numbers allow; both when both do.

    The year is required: "24/7" and "1.29" are not dates.
    """
    first, second = int(match[1]), int(match[3])
    year = _year(match[4])

    def reading(day: int, month: int) -> date | None:
        if not 1 <= month <= 12:
            return None
        return _not_past(as_of, lambda y: _safe_date(y, month, day), year)

    day_first, month_first = reading(first, second), reading(second, first)
    if first == second or month_first is None:
        return day_first
    if day_first is None:
        return month_first
    return tuple(sorted({day_first, month_first}))


def _holiday(value: str, as_of: date) -> date | None:
    name, _, year_text = value.rpartition(" ")
    if not (name and year_text.isdigit() and len(year_text) == 4):
        name, year_text = value, ""
    make = HOLIDAYS.get(name)
    if make is None:
        return None
    return _not_past(as_of, make, int(year_text) if year_text else None)


def _typo_weekday(value: str) -> int | None:
    """A misspelt weekday ("thrusday", "wenesday"), read as the day it resembles."""
    words = value.split()
    if words and words[0] in ("this", "next", "coming"):
        words = words[1:]
    if len(words) != 1 or not words[0].endswith("day") or not 6 <= len(words[0]) <= 11:
        return None
    from difflib import get_close_matches  # only for words that look like days

    found = get_close_matches(words[0], _WEEKDAY_NAMES, n=1, cutoff=0.75)
    return _WEEKDAY_NAMES.index(found[0]) if found else None


def _normalise(text: str) -> tuple[str, bool]:
    """The phrase in lower case without its lead words; and whether it said "before"."""
    value = _SPACES.sub(" ", text.strip().lower()).strip(" .,;:!()")
    value = _TRAILING.sub("", value).strip(" .,;:!()")
    before = _BEFORE.match(value) is not None
    for pattern, replacement in _ABBREVIATIONS:
        value = pattern.sub(replacement, value)
    return _LEAD.sub("", _BEFORE.sub("", value)).strip(), before


def read_due(text: str, as_of: date) -> DueReading | None:
    """What ``text`` names as a due date, resolved against ``as_of``; None if nothing.

    A reading with ``choices`` and no date needs the person to pick one.
    """
    value, before = _normalise(text)
    if not value:
        return None
    if (holiday := _holiday(value, as_of)) is not None:
        return DueReading(holiday - timedelta(days=1) if before else holiday)
    if match := _NUMERIC.fullmatch(value):
        found = _numeric(match, as_of)
        if isinstance(found, tuple):
            return DueReading(None, found)
        return DueReading(found) if found else None
    if match := _MID_MONTH.fullmatch(value):
        month = _MONTHS[match[1]]
        middle = _not_past(
            as_of, lambda year: _safe_date(year, month, 15), _year(match[2])
        )
        return DueReading(None, (middle,)) if middle else None
    found = _read(value, as_of)
    return DueReading(found) if found else None


def parse_due(text: str, as_of: date) -> date | None:
    """The calendar date ``text`` names, resolved against ``as_of``; None if none.

    See the module docstring for the grammar and the weekday rule. A phrase
    that needs a choice ("03/04/2027") names no date here: see ``read_due``.
    """
    reading = read_due(text, as_of)
    return reading.date if reading else None


def _read(value: str, as_of: date) -> date | None:
    if value in ("today", "tonight", "eod", "end of day", "end of today", "cob"):
        return as_of
    if value == "tomorrow":
        return as_of + timedelta(days=1)
    if value == "day after tomorrow":
        return as_of + timedelta(days=2)
    if match := _ISO.fullmatch(value):
        return _safe_date(*(int(part) for part in match.groups()))
    if match := _YEAR_MONTH.fullmatch(value):
        month = int(match[2])
        return _month_end(int(match[1]), month) if 1 <= month <= 12 else None
    if match := _RELATIVE.fullmatch(value):
        amount_text = match[1] or match[3]
        unit = match[2] or match[4]
        amount = _NUMBERS.get(amount_text) or int(amount_text)
        if unit == "month":
            return _add_months(as_of, amount)
        if unit == "year":
            return _add_months(as_of, 12 * amount)
        return as_of + timedelta(days=amount * _UNIT_DAYS[unit])
    if match := _WEEKDAY.fullmatch(value):
        return _next_weekday(as_of, _WEEKDAYS[match[1]])
    if match := _PERIOD_END.fullmatch(value):
        ahead = 1 if "next" in (match[1] or match[2] or "") else 0
        unit = {"w": "week", "m": "month", "q": "quarter", "y": "year"}.get(
            match[3], match[3]
        )
        return _period_end(unit, as_of, ahead)
    if match := _QUARTER.fullmatch(value):
        quarter = int(match[1] or match[4])
        return _not_past(
            as_of, lambda year: _quarter_end(year, quarter), _year(match[2] or match[3])
        )
    if match := _MONTH_END.fullmatch(value):
        month = _MONTHS[match[1]]
        return _not_past(as_of, lambda year: _month_end(year, month), _year(match[2]))
    if match := _DAY_MONTH.fullmatch(value):
        return _day_of_month(as_of, int(match[1]), _MONTHS[match[2]], match[3])
    if match := _MONTH_DAY.fullmatch(value):
        return _day_of_month(as_of, int(match[2]), _MONTHS[match[1]], match[3])
    if match := _WEEK_NUMBER.fullmatch(value):
        return _week_number(match, as_of)
    if match := _ORDINAL_DAY.fullmatch(value):
        return _ordinal_day(as_of, int(match[1]))
    if match := _WEEK_COMMENCING.fullmatch(value):
        start = _read(match[1], as_of)
        return _friday_of(start) if start else None
    if (weekday := _typo_weekday(value)) is not None:
        return _next_weekday(as_of, weekday)
    return None
