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


# -- a time typed with its zone keeps that zone --------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("09:05 CET", "2026-11-22T09:05:00+01:00"),
        ("09:00 UTC", "2026-11-22T09:00:00+00:00"),
        ("09:00Z", "2026-11-22T09:00:00+00:00"),
        ("09:00 UTC+2", "2026-11-22T09:00:00+02:00"),
        ("04:00 -05:00", "2026-11-22T04:00:00-05:00"),
        ("09:00 Europe/Berlin", "2026-11-22T09:00:00+01:00"),
        ("2026-07-21 23:50 CET", "2026-07-21T23:50:00+02:00"),
        ("2026-11-21 23:50 PST", "2026-11-21T23:50:00-08:00"),
    ],
)
def test_a_zone_typed_after_the_time_is_the_zone_kept(text: str, expected: str) -> None:
    # NOW's own zone is UTC+1; UTC, CEST and PST must not come back as it.
    assert parse_when(text, NOW).isoformat() == expected


def test_a_zoned_clock_time_is_dated_in_its_own_zone() -> None:
    # 10:30 UTC+1 is 01:30 in Los Angeles: 23:30 PST is the day before.
    at = parse_when("23:30 PST", NOW)
    assert at.isoformat() == "2026-11-21T23:30:00-08:00"


def test_event_lines_take_the_zone_out_of_the_text() -> None:
    when, text = split_event("14:05 CET deploy started", NOW)
    assert text == "deploy started"
    assert when.utcoffset() == timedelta(hours=1) and when.hour == 14
    when, text = split_event("14:05 UTC ALB targets unhealthy", NOW)
    assert (when.utcoffset(), when.hour, text) == (
        timedelta(0),
        14,
        "ALB targets unhealthy",
    )


def test_a_word_that_is_no_zone_stays_in_the_event_text() -> None:
    when, text = split_event("14:05 CDN purged", NOW)
    assert text == "CDN purged" and when.tzinfo == ZONE
