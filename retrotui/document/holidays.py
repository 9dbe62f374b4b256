"""Holidays people name as due dates ("before christmas", "by thanksgiving").

Each maps a year to the holiday's date in that year. US Thanksgiving is the
one people mean in postmortems written in English; "easter" is Easter Sunday.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta


def _easter(year: int) -> date:
    """Easter Sunday (the Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * weekday) // 433
    month = (h + weekday - 7 * m + 90) // 25
    return date(year, month, (h + weekday - 7 * m + 33 * month + 19) % 32)


def _thanksgiving(year: int) -> date:
    """US Thanksgiving: the fourth Thursday of November."""
    first = date(year, 11, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 21)


def _monday(year: int, month: int, nth: int) -> date:
    """The nth Monday of a month; nth=-1 for the last one."""
    if nth < 0:
        after = date(year + month // 12, month % 12 + 1, 1)
        return after - timedelta(days=(after.weekday() - 0) % 7 or 7)
    first = date(year, month, 1)
    return first + timedelta(days=(0 - first.weekday()) % 7 + 7 * (nth - 1))


HOLIDAYS: dict[str, Callable[[int], date]] = {
    "christmas": lambda year: date(year, 12, 25),
    "xmas": lambda year: date(year, 12, 25),
    "christmas day": lambda year: date(year, 12, 25),
    "christmas eve": lambda year: date(year, 12, 24),
    "xmas eve": lambda year: date(year, 12, 24),
    "new year's eve": lambda year: date(year, 12, 31),
    "new years eve": lambda year: date(year, 12, 31),
    "nye": lambda year: date(year, 12, 31),
    "new year": lambda year: date(year, 1, 1),
    "new year's": lambda year: date(year, 1, 1),
    "new years": lambda year: date(year, 1, 1),
    "new year's day": lambda year: date(year, 1, 1),
    "the new year": lambda year: date(year, 1, 1),
    "easter": _easter,
    "good friday": lambda year: _easter(year) - timedelta(days=2),
    "easter monday": lambda year: _easter(year) + timedelta(days=1),
    "thanksgiving": _thanksgiving,
    "black friday": lambda year: _thanksgiving(year) + timedelta(days=1),
    "halloween": lambda year: date(year, 10, 31),
    "valentine's day": lambda year: date(year, 2, 14),
    "valentines day": lambda year: date(year, 2, 14),
    "valentine's": lambda year: date(year, 2, 14),
    "valentines": lambda year: date(year, 2, 14),
    "boxing day": lambda year: date(year, 12, 26),
    "memorial day": lambda year: _monday(year, 5, -1),
    "labor day": lambda year: _monday(year, 9, 1),
    "labour day": lambda year: _monday(year, 9, 1),
    "independence day": lambda year: date(year, 7, 4),
}
