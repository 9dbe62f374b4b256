"""The months the stats chart shows: twelve in a row, quiet ones at zero,
ending this month, or at the last incident of an archive older than a year."""

from __future__ import annotations

from datetime import date

from retrotui.learning.stats import Month, recent_months


def names(months: list[Month]) -> list[str]:
    return [m.month for m in months]


def test_quiet_months_are_shown_as_zero_up_to_this_month() -> None:
    by_month = [Month("2026-03", postmortems=2), Month("2026-07", notes=1)]
    shown = recent_months(by_month, date(2026, 9, 15), count=8)
    assert names(shown) == [
        "2026-02", "2026-03", "2026-04", "2026-05",
        "2026-06", "2026-07", "2026-08", "2026-09",
    ]  # fmt: skip
    assert [m.postmortems + m.notes for m in shown] == [0, 2, 0, 0, 0, 1, 0, 0]


def test_across_a_new_year() -> None:
    shown = recent_months([Month("2025-11", postmortems=1)], date(2026, 2, 1), 4)
    assert names(shown) == ["2025-11", "2025-12", "2026-01", "2026-02"]


def test_an_old_archive_ends_at_its_last_incident() -> None:
    # DFDS: the last postmortem in March 2025, read in December 2026.
    by_month = [Month("2024-06", postmortems=1), Month("2025-03", postmortems=1)]
    shown = recent_months(by_month, date(2026, 12, 4), count=12)
    assert (names(shown)[0], names(shown)[-1], len(shown)) == ("2024-04", "2025-03", 12)
    assert sum(m.postmortems for m in shown) == 2


def test_an_incident_dated_ahead_still_shows_and_nothing_shows_nothing() -> None:
    shown = recent_months([Month("2027-01", postmortems=1)], date(2026, 12, 4), 3)
    assert names(shown) == ["2026-11", "2026-12", "2027-01"]
    assert recent_months([], date(2026, 12, 4)) == []
