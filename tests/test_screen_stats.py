"""The stats screen: reached from home with s, figures in words under two
charts, Esc back home; a snapshot at 80x24 and one without colour."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from factories import as_a_large_store, held_builds, seen_on_screen, settle
from textual.widgets import Static

from retrotui.app import RetroApp
from retrotui.document.models import ActionItem, Factor, Postmortem, TimelineEvent
from retrotui.storage.store import Store
from screens.home import HomeScreen
from screens.stats import StatsScreen

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=timezone.utc)


def clock() -> datetime:
    return NOW


def fill(db_path: Path) -> None:
    pms = []
    for month in range(1, 12):
        start = datetime(2026, month, 10, 14, 0, tzinfo=timezone.utc)
        for n in range(1 + month % 3):
            at = start + timedelta(days=n)
            pms.append(
                Postmortem(
                    id=f"m{month:02d}n{n}",
                    title=f"Checkout 503s {month}-{n}",
                    services=["checkout" if n else "search"],
                    timeline=[
                        TimelineEvent(at=at, text="Errors", milestone="started"),
                        TimelineEvent(
                            at=at + timedelta(minutes=40 - 3 * month),
                            text="Paged",
                            milestone="detected",
                        ),
                        TimelineEvent(
                            at=at + timedelta(minutes=150 - 8 * month),
                            text="Fixed",
                            milestone="resolved",
                        ),
                    ],
                    factors=[Factor(text="Pool", category="technology")],
                    actions=[
                        ActionItem(
                            text="Alert on pool use",
                            due=date(2026, month, 28),
                            status="done" if month % 2 else "open",
                        )
                    ],
                )
            )
    Store(db_path).put_many(pms)


async def to_stats(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("s")
    await settle(pilot)


async def test_s_on_home_shows_the_figures_and_esc_goes_back(db_path: Path) -> None:
    fill(db_path)
    app = RetroApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_stats(pilot)
        assert isinstance(app.screen, StatsScreen)
        header = str(app.screen.query_one("#stats-header", Static).render())
        assert header.startswith("23 postmortems, 0 quick notes")
        words = str(app.screen.query_one("#stats-words", Static).render())
        # Months 2, 4, ... 10 left their item open; 6 of them past due.
        assert "Actions: " in words and "overdue" in words
        assert "Factors: technology 23" in words
        assert "Recurrences: 0" in words
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


def test_stats_snapshot(snap_compare, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    fill(db_path)
    app = RetroApp(db_path, clock=clock)
    assert snap_compare(app, terminal_size=(80, 24), run_before=to_stats)


def test_stats_snapshot_without_colour(  # type: ignore[no-untyped-def]
    snap_compare, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    fill(db_path)
    app = RetroApp(db_path, clock=clock)
    assert snap_compare(app, terminal_size=(80, 24), run_before=to_stats)


async def test_a_first_read_of_a_large_store_builds_the_index_apart(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fill(db_path)
    as_a_large_store(monkeypatch, db_path)
    held_builds(monkeypatch, tmp_path / "go")
    app = RetroApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s")

        def header() -> str:
            return str(app.screen.query_one("#stats-header", Static).render())

        assert await seen_on_screen(pilot, header, "building the search index")
        (tmp_path / "go").touch()
        await settle(pilot)
        assert header().startswith("23 postmortems, 0 quick notes")
