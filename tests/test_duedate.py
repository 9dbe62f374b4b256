from datetime import date

import pytest

from retrotui.document.duedate import DUE_HELP, parse_due, read_due

WED = date(2027, 3, 17)  # a Wednesday in Q1
FRI = date(2027, 3, 19)
SAT = date(2027, 3, 20)
NYE = date(2026, 12, 31)  # a Thursday, last day of Q4 and of the year
LEAP = date(2028, 2, 10)  # 2028 is a leap year

CASES = [
    # ISO dates and the words in front of them
    ("2027-03-31", WED, date(2027, 3, 31)),
    ("by 2027-03-31", WED, date(2027, 3, 31)),
    ("Due: 2027-04-02", WED, date(2027, 4, 2)),
    ("no later than 2027/05/01", WED, date(2027, 5, 1)),
    ("before 2027-3-5", WED, date(2027, 3, 5)),
    ("2028-02-29", WED, date(2028, 2, 29)),
    ("2027-02-29", WED, None),
    ("2027-13-01", WED, None),
    ("2027-06", WED, date(2027, 6, 30)),
    # today and tomorrow
    ("today", WED, WED),
    ("EOD", WED, WED),
    ("tomorrow", WED, date(2027, 3, 18)),
    ("Tomorrow.", NYE, date(2027, 1, 1)),
    ("tomorrow", date(2028, 2, 28), date(2028, 2, 29)),
    # weekdays: always the first such day strictly after as_of
    ("Friday", WED, FRI),
    ("by Friday", WED, FRI),
    ("next Friday", WED, FRI),
    ("this friday", WED, FRI),
    ("Fri", WED, FRI),
    ("Friday", FRI, date(2027, 3, 26)),
    ("next Friday", FRI, date(2027, 3, 26)),
    ("Wednesday", WED, date(2027, 3, 24)),
    ("Monday", WED, date(2027, 3, 22)),
    ("on Tuesday", WED, date(2027, 3, 23)),
    ("Friday", NYE, date(2027, 1, 1)),
    # relative spans
    ("in 3 days", WED, date(2027, 3, 20)),
    ("in 2 weeks", WED, date(2027, 3, 31)),
    ("in two weeks", WED, date(2027, 3, 31)),
    ("within 30 days", WED, date(2027, 4, 16)),
    ("within a week", WED, date(2027, 3, 24)),
    ("in a fortnight", WED, date(2027, 3, 31)),
    ("in a month", WED, date(2027, 4, 17)),
    ("in a month", date(2027, 1, 31), date(2027, 2, 28)),
    ("in a month", date(2028, 1, 31), date(2028, 2, 29)),
    ("in 3 months", date(2027, 11, 30), date(2028, 2, 29)),
    ("in 1 year", LEAP, date(2029, 2, 10)),
    ("in 2 weeks", date(2027, 12, 25), date(2028, 1, 8)),
    ("within the next 10 days", WED, date(2027, 3, 27)),
    ("two weeks from now", WED, date(2027, 3, 31)),
    ("in a couple of weeks", WED, date(2027, 3, 31)),
    # ends of periods
    ("end of week", WED, FRI),
    ("EOW", WED, FRI),
    ("eow", FRI, FRI),
    ("EOW", SAT, date(2027, 3, 26)),
    ("end of next week", WED, date(2027, 3, 26)),
    ("next week", WED, date(2027, 3, 26)),
    ("this week", WED, FRI),
    ("end of month", WED, date(2027, 3, 31)),
    ("EOM", date(2028, 2, 3), date(2028, 2, 29)),
    ("EOM", date(2027, 2, 3), date(2027, 2, 28)),
    ("by the end of the month", WED, date(2027, 3, 31)),
    ("at the end of the month", WED, date(2027, 3, 31)),
    ("end of next month", WED, date(2027, 4, 30)),
    ("end of next month", date(2026, 12, 5), date(2027, 1, 31)),
    ("next month", WED, date(2027, 4, 30)),
    ("end of quarter", WED, date(2027, 3, 31)),
    ("EOQ", date(2027, 8, 1), date(2027, 9, 30)),
    ("end of next quarter", date(2027, 11, 2), date(2028, 3, 31)),
    ("next quarter", WED, date(2027, 6, 30)),
    ("end of year", WED, date(2027, 12, 31)),
    ("EOY", NYE, NYE),
    ("E.O.Y.", WED, date(2027, 12, 31)),
    ("end of next year", WED, date(2028, 12, 31)),
    # quarters
    ("end of Q1 2027", WED, date(2027, 3, 31)),
    ("Q1 2027", NYE, date(2027, 3, 31)),
    ("Q2", WED, date(2027, 6, 30)),
    ("by Q2", WED, date(2027, 6, 30)),
    ("Q1", WED, date(2027, 3, 31)),
    ("Q1", date(2027, 4, 1), date(2028, 3, 31)),
    ("Q4", NYE, NYE),
    ("Q1", NYE, date(2027, 3, 31)),
    ("end of Q3", WED, date(2027, 9, 30)),
    ("2027-Q3", WED, date(2027, 9, 30)),
    ("Q3/2028", WED, date(2028, 9, 30)),
    ("Q4 '27", WED, date(2027, 12, 31)),
    ("Q4 2026", WED, date(2026, 12, 31)),
    # months and days
    ("end of March", WED, date(2027, 3, 31)),
    ("end of February", date(2027, 3, 1), date(2028, 2, 29)),
    ("end of Feb 2027", WED, date(2027, 2, 28)),
    ("in June", WED, date(2027, 6, 30)),
    ("March 15", WED, date(2028, 3, 15)),
    ("March 17", WED, WED),
    ("April 2", WED, date(2027, 4, 2)),
    ("April 2nd, 2027", WED, date(2027, 4, 2)),
    ("Sept 30", WED, date(2027, 9, 30)),
    ("15 March 2027", WED, date(2027, 3, 15)),
    ("1st of May", WED, date(2027, 5, 1)),
    ("by 30 June", WED, date(2027, 6, 30)),
    ("Feb 29", WED, date(2028, 2, 29)),
    ("29 Feb 2027", WED, None),
    ("January 5", NYE, date(2027, 1, 5)),
    # week numbers: the Friday of that ISO week, next year once it is past
    ("week 7", date(2027, 1, 27), date(2027, 2, 19)),
    ("wk7", date(2027, 1, 27), date(2027, 2, 19)),
    ("wk 22", WED, date(2027, 6, 4)),
    ("by wk45", date(2026, 10, 1), date(2026, 11, 6)),
    ("week 7", WED, date(2028, 2, 18)),
    ("2027-W10", date(2027, 1, 1), date(2027, 3, 12)),
    ("2026-W30", WED, date(2026, 7, 24)),
    ("w/c 8 Feb", date(2027, 1, 10), date(2027, 2, 12)),
    ("week commencing 20 July", date(2026, 7, 1), date(2026, 7, 24)),
    # a day of the month alone: the next one strictly after today
    ("by the 3rd", date(2026, 6, 21), date(2026, 7, 3)),
    ("the 27th", date(2026, 2, 10), date(2026, 2, 27)),
    ("by the 1st", date(2026, 4, 20), date(2026, 5, 1)),
    ("the 31st", date(2027, 4, 5), date(2027, 5, 31)),
    ("the 17th", WED, date(2027, 4, 17)),
    # numbers: day first when the first is over 12, month first when the second is
    ("28/02/2027", WED, date(2027, 2, 28)),
    ("by 19/05/2026", WED, date(2026, 5, 19)),
    ("28.02.2028", WED, date(2028, 2, 28)),
    ("12/25/2027", WED, date(2027, 12, 25)),
    ("05/05/2027", WED, date(2027, 5, 5)),
    # holidays; "before" one is the day before it
    ("before christmas", date(2026, 11, 1), date(2026, 12, 24)),
    ("by Christmas", WED, date(2027, 12, 25)),
    ("xmas", date(2027, 12, 26), date(2028, 12, 25)),
    ("by new year", WED, date(2028, 1, 1)),
    ("before thanksgiving", date(2026, 11, 1), date(2026, 11, 25)),
    ("by Thanksgiving", WED, date(2027, 11, 25)),
    ("before easter", date(2027, 2, 1), date(2027, 3, 27)),
    ("easter", date(2028, 1, 1), date(2028, 4, 16)),
    # short forms and slips
    ("tmrw", WED, date(2027, 3, 18)),
    ("in 3 wks", WED, date(2027, 4, 7)),
    ("in 10d", WED, date(2027, 3, 27)),
    ("EOW pls", WED, FRI),
    ("by thrusday", WED, date(2027, 3, 18)),
    ("wenesday", WED, date(2027, 3, 24)),
    ("Q2'27", WED, date(2027, 6, 30)),
    # not dates
    ("asap", WED, None),
    ("ASAP", WED, None),
    ("soon", WED, None),
    ("later", WED, None),
    ("next sprint", WED, None),
    ("when possible", WED, None),
    ("in the near future", WED, None),
    ("TBD", WED, None),
    ("", WED, None),
    ("   ", WED, None),
    ("in 2 sprints", WED, None),
    ("someday", WED, None),
    ("Fridays", WED, None),
    ("32 March", WED, None),
    ("in 2 weeks or so", WED, None),
]


@pytest.mark.parametrize(("text", "as_of", "expected"), CASES)
def test_parse_due(text: str, as_of: date, expected: date | None) -> None:
    assert parse_due(text, as_of) == expected


@pytest.mark.parametrize("text", ["END OF Q1 2027", "End Of Quarter", "NEXT FRIDAY"])
def test_case_does_not_matter(text: str) -> None:
    assert parse_due(text, WED) == parse_due(text.lower(), WED)


def test_help_mentions_the_forms() -> None:
    for form in ("2027-03-31", "Friday", "EOW", "Q2"):
        assert form in DUE_HELP


@pytest.mark.parametrize(
    ("text", "choices"),
    [
        ("03/04/2027", (date(2027, 3, 4), date(2027, 4, 3))),
        ("by 10/08/2027", (date(2027, 8, 10), date(2027, 10, 8))),
        ("4/6/28", (date(2028, 4, 6), date(2028, 6, 4))),
        ("mid-April", (date(2027, 4, 15),)),
        ("by mid june 2028", (date(2028, 6, 15),)),
        ("middle of May", (date(2027, 5, 15),)),
    ],
)
def test_some_dates_need_a_choice(text: str, choices: tuple[date, ...]) -> None:
    reading = read_due(text, WED)
    assert reading is not None and reading.date is None
    assert reading.choices == choices
    assert parse_due(text, WED) is None


@pytest.mark.parametrize("text", ["2027-03-31", "Friday", "week 9", "the 3rd"])
def test_plain_dates_need_no_choice(text: str) -> None:
    reading = read_due(text, WED)
    assert reading is not None and reading.date is not None and not reading.choices
