"""The follow-up review date: what is offered and what typed text reads as."""

from __future__ import annotations

from datetime import date

import pytest
from factories import incident

from retrotui.interview.review_date import default_follow_up, read_follow_up
from widgets.smart_panel import due_reading

TODAY = date(2026, 12, 3)


def test_the_default_is_four_weeks_after_a_recent_incident() -> None:
    pm = incident()  # 2026-11-20
    assert default_follow_up(pm, date(2026, 11, 21)) == date(2026, 12, 19)
    assert default_follow_up(pm, date(2026, 11, 19)) == date(2026, 12, 18)


def test_a_historical_incident_gets_a_default_from_today() -> None:
    pm = incident()
    assert default_follow_up(pm, date(2027, 6, 1)) == date(2027, 6, 29)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2027-01-15", date(2027, 1, 15)),
        ("in 6 weeks", date(2027, 1, 14)),
        ("next Friday", date(2026, 12, 4)),
        ("Jan 15", date(2027, 1, 15)),
    ],
)
def test_dates_are_read(text: str, expected: date) -> None:
    when, note = read_follow_up(text, TODAY)
    assert when == expected
    assert expected.isoformat() in note


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("Not all scenarios can be tested in staging", "Not a date"),
        ("we will review it next month", "Not a date"),
        ("", "Type a date"),
        ("2026-11-01", "in the past"),
        ("2021-08-26", "in the past"),
    ],
)
def test_sentences_and_past_dates_are_refused_with_the_reason(
    text: str, says: str
) -> None:
    when, note = read_follow_up(text, TODAY)
    assert when is None
    assert says in note


@pytest.mark.parametrize(
    ("typed", "shows"),
    [
        ("next Friday", "→ Fri 2026-12-04"),
        ("2027-01-15", "→ Fri 2027-01-15"),
        ("soon", "✗ not a date"),
        ("", ""),
    ],
)
def test_the_due_date_reads_beside_what_was_typed(typed: str, shows: str) -> None:
    assert due_reading(typed, TODAY).plain == shows
