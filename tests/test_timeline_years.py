"""The timeline list shows month and day; the year too once its events span
years (an incident over New Year, an imported write-up's earlier history)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from factories import settle

from retrotui.app import RetroApp
from retrotui.document.approx import years_shown
from retrotui.document.models import Postmortem, TimelineEvent
from retrotui.document.schema import Precision
from retrotui.storage.store import Store
from widgets.timeline_editor import EventInput, EventTable

NEW_YEARS_EVE = datetime(2025, 12, 31, 23, 40, tzinfo=timezone.utc)
CET = timezone(timedelta(hours=1))


def clock() -> datetime:
    return NEW_YEARS_EVE + timedelta(hours=3)


def start(db_path: Path) -> RetroApp:
    pm = Postmortem(
        title="Payments down over New Year",
        phase="timeline",
        created=clock(),
        timeline=[TimelineEvent(at=NEW_YEARS_EVE, text="Card payments failing")],
    )
    Store(db_path).add(pm)
    return RetroApp(db_path, pm_id=pm.id, clock=clock)


def whens(table: EventTable) -> list[str]:
    return [str(table.get_row_at(n)[0]) for n in range(table.row_count)]


async def test_the_year_shows_once_the_events_span_two(db_path: Path) -> None:
    app = start(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(EventTable)
        assert whens(table) == ["12-31 23:40"]
        entry = app.screen.query_one(EventInput)
        entry.value = "2026-01-01 00:25 paged the payments team"
        await pilot.press("enter")
        await settle(pilot)
        assert whens(table) == ["2025-12-31 23:40", "2026-01-01 00:25"]
        # The event's text is still shown whole at 80 columns.
        assert str(table.get_row_at(1)[2]) == "paged the payments team"
        # Deleted again, one year: month and day only.
        await pilot.press("up", "x")  # the list, the last event deleted
        await settle(pilot)
        assert whens(table) == ["12-31 23:40"]


def test_the_years_are_those_shown() -> None:
    late = TimelineEvent(at=NEW_YEARS_EVE, text="exact, in UTC")
    # 23:40 UTC is 00:40 on New Year's Day in CET: shown in CET, 2026.
    assert years_shown([late], timezone.utc) == {2025}
    assert years_shown([late], CET) == {2026}
    # A day known only as written stays in its year; an unknown time has none.
    day = TimelineEvent(
        at=datetime(2025, 12, 31, tzinfo=CET), text="that day", precision=Precision.day
    )
    unknown = TimelineEvent(
        at=datetime(2027, 1, 1, tzinfo=CET), text="?", precision=Precision.unknown
    )
    assert years_shown([day, unknown], timezone.utc) == {2025}


def test_snapshot_a_timeline_over_new_year(snap_compare, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    pm = Postmortem(
        title="Payments down over New Year",
        phase="timeline",
        created=clock(),
        timeline=[
            TimelineEvent(at=NEW_YEARS_EVE, text="Card payments failing"),
            TimelineEvent(
                at=NEW_YEARS_EVE + timedelta(minutes=45),
                text="Paged the payments team; the acquirer's TLS certificate expired",
            ),
        ],
    )
    Store(db_path).add(pm)
    app = RetroApp(db_path, pm_id=pm.id, clock=clock)
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)
