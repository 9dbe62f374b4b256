"""Times and durations as people type them during an incident."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from retrotui.document.timeparse import (
    TimeParseError,
    parse_duration,
    parse_when,
    split_event,
)

ZONE = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 22, 10, 30, 15, 123456, tzinfo=ZONE)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("15m", timedelta(minutes=15)),
        ("1h30m", timedelta(minutes=90)),
        ("1h 30m", timedelta(minutes=90)),
        ("1.5h", timedelta(minutes=90)),
        ("90s", timedelta(seconds=90)),
        ("2 days", timedelta(days=2)),
        ("45", timedelta(minutes=45)),
        ("1:30", timedelta(minutes=90)),
        ("2 hours and 5 minutes", timedelta(minutes=125)),
    ],
)
def test_durations(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "soon", "15x", "m15", "400 days", "1h then"])
def test_bad_durations_say_what_to_type(text: str) -> None:
    with pytest.raises(TimeParseError, match="15m"):
        parse_duration(text)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("now", datetime(2026, 11, 22, 10, 30, 15, tzinfo=ZONE)),
        ("30m ago", datetime(2026, 11, 22, 10, 0, 15, tzinfo=ZONE)),
        ("09:05", datetime(2026, 11, 22, 9, 5, tzinfo=ZONE)),
        (
            "23:50",
            datetime(2026, 11, 21, 23, 50, tzinfo=ZONE),
        ),  # later today: yesterday
        ("2026-11-20 23:50", datetime(2026, 11, 20, 23, 50, tzinfo=ZONE)),
        ("2026-11-20T23:50:00Z", datetime(2026, 11, 20, 23, 50, tzinfo=timezone.utc)),
        ("2026-11-20", datetime(2026, 11, 20, 0, 0, tzinfo=ZONE)),
    ],
)
def test_when(text: str, expected: datetime) -> None:
    assert parse_when(text, NOW) == expected


def test_date_carries_over_from_the_previous_event() -> None:
    previous = datetime(2026, 11, 20, 23, 50, tzinfo=ZONE)
    assert parse_when("23:58", NOW, previous) == datetime(
        2026, 11, 20, 23, 58, tzinfo=ZONE
    )
    assert parse_when("00:05", NOW, previous) == datetime(
        2026, 11, 21, 0, 5, tzinfo=ZONE
    )
    assert parse_when("+5m", NOW, previous) == datetime(
        2026, 11, 20, 23, 55, tzinfo=ZONE
    )


@pytest.mark.parametrize(
    "line,text",
    [
        ("14:02 paged on-call", "paged on-call"),
        ("+5m rolled back", "rolled back"),
        ("2026-11-21 23:50 deploy started", "deploy started"),
        ("now error rate normal", "error rate normal"),
        ("30m ago alert fired", "alert fired"),
    ],
)
def test_split_event(line: str, text: str) -> None:
    assert split_event(line, NOW)[1] == text


@pytest.mark.parametrize("line", ["rolled back", "25:00 paged", "14:02", "  "])
def test_split_event_refuses_lines_without_time_or_text(line: str) -> None:
    with pytest.raises(TimeParseError):
        split_event(line, NOW)
