"""The words and patterns of due-date phrases: weekdays, months, numbers,
units, lead and trailing words, and the shapes of dates people type."""

from __future__ import annotations

import calendar
import re

from retrotui.document.holidays import HOLIDAYS
from retrotui.lazy_re import lazy

WEEKDAYS = {
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
MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
MONTHS["sept"] = 9
NUMBERS = {
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
UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14}
FRIDAY = 4

MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
WEEKDAY_RE = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
NUMBER_RE = r"\d{1,3}|" + "|".join(sorted(NUMBERS, key=len, reverse=True))

LEAD = lazy(
    r"^(?:(?:no later than|not later than|by|due(?: date)?:?|before|until|till|"
    r"on|at|at the|for|deadline:?)\s+)+"
)
ISO = lazy(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
YEAR_MONTH = lazy(r"(\d{4})-(\d{1,2})")
RELATIVE = lazy(
    rf"(?:in|within|in the next|within the next|over the next)\s+({NUMBER_RE})\s+"
    r"(day|week|fortnight|month|year)s?(?: time)?"
    rf"|({NUMBER_RE})\s+(day|week|fortnight|month|year)s?\s+from\s+(?:now|today)"
)
WEEKDAY = lazy(rf"(?:(?:this|next|coming|the coming)\s+)?({WEEKDAY_RE})\.?")
PERIOD_END = lazy(
    r"(?:(?:the\s+)?end\s+of\s+(?:the\s+)?(this\s+|next\s+|the\s+next\s+)?"
    r"|(?:eo|e\.o\.)|(this|next)\s+)"
    r"(week|month|quarter|year|w|m|q|y)\.?"
)
QUARTER = lazy(
    r"(?:(?:the\s+)?end\s+of\s+)?(?:q([1-4])(?:\s*[-/']?\s*(\d{4}|'?\d{2}))?"
    r"|(\d{4})\s*[-/]?\s*q([1-4]))(?:\s+end)?"
)
MONTH_END = lazy(rf"(?:(?:the\s+)?end\s+of\s+|in\s+)?({MONTH_RE})\.?(?:\s+(\d{{4}}))?")
DAY_MONTH = lazy(
    rf"(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+({MONTH_RE})\.?,?(?:\s+(\d{{4}}|'?\d{{2}}))?"
)
MONTH_DAY = lazy(
    rf"({MONTH_RE})\.?\s+(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?,?(?:\s+(\d{{4}}))?"
)
SPACES = lazy(r"\s+")
ABBREVIATIONS = (
    (re.compile(r"\b(?:tmrw|tmr|tmw|tmrow|tomorow|tommorow|tommorrow)\b"), "tomorrow"),
    (re.compile(r"\b(\d+)\s*(?:d|ds|dys)\b"), r"\1 days"),
    (re.compile(r"\b(\d+)\s*(?:w|wk|wks|wk\.)(?=\s|$)"), r"\1 weeks"),
    (re.compile(r"\b(\d+)\s*(?:mo|mos|mth|mths)\b"), r"\1 months"),
    (re.compile(r"\bwks\b"), "weeks"),
    (re.compile(r"\b(next|this|end of|end of the|end of next)\s+wk\b"), r"\1 week"),
    (re.compile(r"\bmid[- ]"), "mid "),
)
# Politeness and filler after the date: "EOW pls", "Friday latest".
# "fri EOD", "Monday COB": the day is the date; the hour is not asked for.
TRAILING = lazy(
    r"(?:\s+(?:pls|plz|please|thx|thanks|ty|latest|at the latest|eod|cob|eob|"
    r"end of day|close of business|am|pm|morning|noon|afternoon|evening))+$"
)
BEFORE = lazy(r"^(?:(?:by|due|due date:?|deadline:?)\s+)?(?:before|ahead of)\s+")
WEEK_NUMBER = lazy(
    r"(\d{4})-?w(\d{1,2})|(?:iso\s+|cal(?:endar)?\s+)?(?:week|wk|w|kw|cw)\s*\.?\s*#?"
    r"(\d{1,2})(?:\s*[,/]?\s*(\d{4}))?"
)
WEEK_COMMENCING = lazy(r"(?:w/c|wc|w\.c\.|week commencing|the week of|week of)\s+(.+)")
ORDINAL_DAY = lazy(r"(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)")
NUMERIC = lazy(r"(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})")
MID_MONTH = lazy(rf"(?:mid|middle of)\s+({MONTH_RE})\.?(?:\s+(\d{{4}}))?")
WEEKDAY_NAMES = tuple(calendar.day_name[index].lower() for index in range(7))


# First words of due-date phrases, for finding one inside a longer text.
START_WORDS = frozenset(
    {word.split()[0] for word in HOLIDAYS}
    | set(WEEKDAYS)
    | set(MONTHS)
    | set(WEEKDAY_NAMES)
    | {"by", "before", "due", "until", "till", "on", "within", "in", "no", "end"}
    | {"eow", "eom", "eoq", "eoy", "eod", "cob", "e.o.w", "e.o.m", "e.o.q", "e.o.y"}
    | {"q1", "q2", "q3", "q4", "tomorrow", "tmrw", "tmr", "today", "tonight"}
    | {"next", "this", "deadline", "week", "wk", "w/c", "wc", "the", "mid"}
    | {"ahead", "coming", "iso", "kw", "cw", "middle"}
)
