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

import re
from datetime import date, timedelta
from typing import NamedTuple

from retrotui.document.due_dates import (
    add_months,
    friday_of,
    iso_friday,
    month_end,
    next_weekday,
    not_past,
    ordinal_day,
    period_end,
    quarter_end,
    safe_date,
    year_of,
)
from retrotui.document.due_words import (
    ABBREVIATIONS,
    BEFORE,
    DAY_MONTH,
    ISO,
    LEAD,
    MID_MONTH,
    MONTH_DAY,
    MONTH_END,
    MONTHS,
    NUMBERS,
    NUMERIC,
    ORDINAL_DAY,
    PERIOD_END,
    QUARTER,
    RELATIVE,
    SPACES,
    TRAILING,
    UNIT_DAYS,
    WEEK_COMMENCING,
    WEEK_NUMBER,
    WEEKDAY,
    WEEKDAY_NAMES,
    WEEKDAYS,
    YEAR_MONTH,
)
from retrotui.document.holidays import HOLIDAYS

DUE_HELP = (
    "use a date such as 2027-03-31, tomorrow, Friday, in 2 weeks, within 30 days, "
    "EOW, end of month, end of Q1 2027, Q2, week 7 or 15 March 2027"
)


class DueReading(NamedTuple):
    """What a due-date phrase names: one date, or the dates to choose between."""

    date: date | None
    choices: tuple[date, ...] = ()


def _day_of_month(as_of: date, day: int, month: int, year: str | None) -> date | None:
    return not_past(as_of, lambda y: safe_date(y, month, day), year_of(year))


def _week_number(match: re.Match[str], as_of: date) -> date | None:
    if match[1]:
        return iso_friday(int(match[1]), int(match[2]))
    week = int(match[3])
    if match[4]:
        return iso_friday(int(match[4]), week)
    year = as_of.isocalendar()[0]
    friday = iso_friday(year, week)
    if friday is not None and friday >= as_of:
        return friday
    return iso_friday(year + 1, week)


def _numeric(match: re.Match[str], as_of: date) -> date | tuple[date, ...] | None:
    """dd/mm/yyyy or mm/dd/yyyy: whichever the numbers allow; both when both do.

    The year is required: "24/7" and "1.29" are not dates.
    """
    first, second = int(match[1]), int(match[3])
    year = year_of(match[4])

    def reading(day: int, month: int) -> date | None:
        if not 1 <= month <= 12:
            return None
        return not_past(as_of, lambda y: safe_date(y, month, day), year)

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
    return not_past(as_of, make, int(year_text) if year_text else None)


def _typo_weekday(value: str) -> int | None:
    """A misspelt weekday ("thrusday", "wenesday"), read as the day it resembles."""
    words = value.split()
    if words and words[0] in ("this", "next", "coming"):
        words = words[1:]
    if len(words) != 1 or not words[0].endswith("day") or not 6 <= len(words[0]) <= 11:
        return None
    from difflib import get_close_matches  # only for words that look like days

    found = get_close_matches(words[0], WEEKDAY_NAMES, n=1, cutoff=0.75)
    return WEEKDAY_NAMES.index(found[0]) if found else None


def _normalise(text: str) -> tuple[str, bool]:
    """The phrase in lower case without its lead words; and whether it said "before"."""
    value = SPACES.sub(" ", text.strip().lower()).strip(" .,;:!()")
    value = TRAILING.sub("", value).strip(" .,;:!()")
    before = BEFORE.match(value) is not None
    for pattern, replacement in ABBREVIATIONS:
        value = pattern.sub(replacement, value)
    return LEAD.sub("", BEFORE.sub("", value)).strip(), before


def read_due(text: str, as_of: date) -> DueReading | None:
    """What ``text`` names as a due date, resolved against ``as_of``; None if nothing.

    A reading with ``choices`` and no date needs the person to pick one.
    """
    value, before = _normalise(text)
    if not value:
        return None
    if (holiday := _holiday(value, as_of)) is not None:
        return DueReading(holiday - timedelta(days=1) if before else holiday)
    if match := NUMERIC.fullmatch(value):
        found = _numeric(match, as_of)
        if isinstance(found, tuple):
            return DueReading(None, found)
        return DueReading(found) if found else None
    if match := MID_MONTH.fullmatch(value):
        month = MONTHS[match[1]]
        middle = not_past(
            as_of, lambda year: safe_date(year, month, 15), year_of(match[2])
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
    if match := ISO.fullmatch(value):
        return safe_date(*(int(part) for part in match.groups()))
    if match := YEAR_MONTH.fullmatch(value):
        month = int(match[2])
        return month_end(int(match[1]), month) if 1 <= month <= 12 else None
    if match := RELATIVE.fullmatch(value):
        amount_text = match[1] or match[3]
        unit = match[2] or match[4]
        amount = NUMBERS.get(amount_text) or int(amount_text)
        if unit == "month":
            return add_months(as_of, amount)
        if unit == "year":
            return add_months(as_of, 12 * amount)
        return as_of + timedelta(days=amount * UNIT_DAYS[unit])
    if match := WEEKDAY.fullmatch(value):
        return next_weekday(as_of, WEEKDAYS[match[1]])
    if match := PERIOD_END.fullmatch(value):
        ahead = 1 if "next" in (match[1] or match[2] or "") else 0
        unit = {"w": "week", "m": "month", "q": "quarter", "y": "year"}.get(
            match[3], match[3]
        )
        return period_end(unit, as_of, ahead)
    if match := QUARTER.fullmatch(value):
        quarter = int(match[1] or match[4])
        return not_past(
            as_of,
            lambda year: quarter_end(year, quarter),
            year_of(match[2] or match[3]),
        )
    if match := MONTH_END.fullmatch(value):
        month = MONTHS[match[1]]
        return not_past(as_of, lambda year: month_end(year, month), year_of(match[2]))
    if match := DAY_MONTH.fullmatch(value):
        return _day_of_month(as_of, int(match[1]), MONTHS[match[2]], match[3])
    if match := MONTH_DAY.fullmatch(value):
        return _day_of_month(as_of, int(match[2]), MONTHS[match[1]], match[3])
    if match := WEEK_NUMBER.fullmatch(value):
        return _week_number(match, as_of)
    if match := ORDINAL_DAY.fullmatch(value):
        return ordinal_day(as_of, int(match[1]))
    if match := WEEK_COMMENCING.fullmatch(value):
        start = _read(match[1], as_of)
        return friday_of(start) if start else None
    if (weekday := _typo_weekday(value)) is not None:
        return next_weekday(as_of, weekday)
    return None
