"""Calendar arithmetic for due dates: ends of months, quarters and weeks,
the next weekday, the next date that is not in the past."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, timedelta

from retrotui.document.due_words import FRIDAY


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(start: date, months: int) -> date:
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    # The 31st plus a month lands on the last day of a shorter month.
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def quarter_end(year: int, quarter: int) -> date:
    return month_end(year, quarter * 3)


def year_of(text: str | None) -> int | None:
    if text is None:
        return None
    digits = text.lstrip("'")
    return int(digits) + 2000 if len(digits) == 2 else int(digits)


def next_weekday(as_of: date, weekday: int) -> date:
    return as_of + timedelta(days=(weekday - as_of.weekday() - 1) % 7 + 1)


def period_end(unit: str, as_of: date, ahead: int) -> date:
    if unit == "week":
        this_friday = as_of + timedelta(days=(FRIDAY - as_of.weekday()) % 7)
        return this_friday + timedelta(weeks=ahead)
    if unit == "month":
        first = add_months(as_of.replace(day=1), ahead)
        return month_end(first.year, first.month)
    if unit == "quarter":
        index = (as_of.month - 1) // 3 + ahead
        return quarter_end(as_of.year + index // 4, index % 4 + 1)
    return date(as_of.year + ahead, 12, 31)


def not_past(
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


def friday_of(day: date) -> date:
    return day + timedelta(days=(FRIDAY - day.weekday()) % 7)


def iso_friday(year: int, week: int) -> date | None:
    try:
        return date.fromisocalendar(year, week, FRIDAY + 1)
    except ValueError:
        return None


def ordinal_day(as_of: date, day: int) -> date | None:
    """The next ``day`` of a month strictly after ``as_of``."""
    if not 1 <= day <= 31:
        return None
    month_start = as_of.replace(day=1)
    for ahead in range(13):
        first = add_months(month_start, ahead)
        candidate = safe_date(first.year, first.month, day)
        if candidate is not None and candidate > as_of:
            return candidate
    return None
