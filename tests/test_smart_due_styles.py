"""Due dates typed inside an action item (issue 10, "What SMART misreads" 2):
more ways people write them, each with examples for and against."""

from __future__ import annotations

from datetime import date

import pytest

from retrotui.checks.smart import check_action

AS_OF = date(2027, 1, 13)  # a Wednesday


def _due(phrase: str) -> date | None:
    return check_action(
        f"@kim add a lag alert > 30s on orders-db {phrase}", as_of=AS_OF
    ).due


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        # day, month and a two-digit year
        ("by 31 Jan 27", date(2027, 1, 31)),
        ("by 3 Feb '27", date(2027, 2, 3)),
        ("28 feb 27", date(2027, 2, 28)),
        ("by Jan 27", date(2027, 1, 27)),
        ("by 27 Jan", date(2027, 1, 27)),
        # an hour of the day after the day is still the day
        ("by fri EOD", date(2027, 1, 15)),
        ("Monday COB", date(2027, 1, 18)),
        ("by thu pm", date(2027, 1, 14)),
        ("by eod", date(2027, 1, 13)),
        ("Monday morning", date(2027, 1, 18)),
        # "wk" for week
        ("next wk", date(2027, 1, 22)),
        ("this wk", date(2027, 1, 15)),
        ("by end of next wk", date(2027, 1, 22)),
        ("wk 7", date(2027, 2, 19)),
        ("in 2 wks", date(2027, 1, 27)),
        # a bare week number: the Friday of that week
        ("W7", date(2027, 2, 19)),
        ("by w7", date(2027, 2, 19)),
        ("by W07", date(2027, 2, 19)),
        # the end of a quarter said backwards
        ("by Q1 end", date(2027, 3, 31)),
        ("Q2 end", date(2027, 6, 30)),
        # holidays
        ("by labor day", date(2027, 9, 6)),
        ("by valentines", date(2027, 2, 14)),
        ("before memorial day", date(2027, 5, 30)),
        ("by boxing day", date(2027, 12, 26)),
    ],
)
def test_due_read(phrase: str, due: date) -> None:
    assert _due(phrase) == due


@pytest.mark.parametrize(
    "text",
    [
        "@kim upgrade lynx to w3m on the bastion",
        "@kim add the w3c validator to the docs CI job",
        "@kim add a labor cost panel to the finance dashboard",
        "@kim add a q1 endpoint latency alert > 300ms on api-gw",
        "@kim set the reporting job to run at 10 pm",
    ],
)
def test_no_due_read(text: str) -> None:
    assert check_action(text, as_of=AS_OF).due is None
