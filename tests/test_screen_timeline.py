"""The timeline editor: typing, pasting, editing, milestones, bad input."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from factories import T0, incident, settle
from textual import events

from retrotui.app import RetroApp
from retrotui.document.models import Milestone, Postmortem
from retrotui.storage.store import Store
from screens.timeline import TimelineScreen, zone_label
from widgets.timeline_editor import EventInput, EventTable

NOW = datetime(2026, 11, 20, 18, 0, tzinfo=timezone.utc)


def clock() -> datetime:
    return NOW


def start(db_path: Path, pm: Postmortem | None = None) -> RetroApp:
    pm = pm or Postmortem(title="Checkout down", phase="timeline", created=NOW)
    pm.phase = "timeline"
    Store(db_path).add(pm)
    return RetroApp(db_path, pm_id=pm.id, clock=clock)


def message(app: RetroApp) -> str:
    return str(app.screen.query_one("#timeline-message").render())


async def test_bad_line_keeps_the_text_and_says_why_in_one_line(db_path: Path) -> None:
    app = start(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"paged", "space", *"someone", "enter")
        assert app.screen.query_one(EventInput).value == "paged someone"
        assert "does not start with a time" in message(app)
        assert app.screen.pm.timeline == []
        # A long line from a real document: the reason is on screen, not
        # pushed past the edge by the line quoted again.
        entry = app.screen.query_one(EventInput)
        entry.value = "TBA: Problem will remain until the capability has " + (
            "reworked their consumergroup usage."
        )
        await pilot.press("enter")
        shown = app.screen.query_one("#timeline-message").region.width
        assert message(app).startswith("The line does not start with a time")
        assert len("The line does not start with a time") < shown


async def test_date_carries_over_and_events_stay_sorted(db_path: Path) -> None:
    app = start(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        entry = app.screen.query_one(EventInput)
        for line in (
            "2026-11-19 23:50 deploy started",
            "00:05 errors rise",
            "2026-11-19 23:55 canary",
        ):
            entry.value = line
            await pilot.press("enter")
        timeline = app.screen.pm.timeline
        assert [e.text for e in timeline] == ["deploy started", "canary", "errors rise"]
        assert timeline[2].at == datetime(2026, 11, 20, 0, 5, tzinfo=timezone.utc)
        rows = app.screen.query_one(EventTable).row_count
        assert rows == 3


async def test_paste_of_many_lines_adds_many_and_keeps_the_bad_ones(
    db_path: Path,
) -> None:
    app = start(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        entry = app.screen.query_one(EventInput)
        entry.post_message(
            events.Paste(
                "14:00 email sent\n+5m alert fired\nno time here\n14:30 fixed\n"
            )
        )
        await pilot.pause()
        assert [e.text for e in app.screen.pm.timeline] == [
            "email sent",
            "alert fired",
            "fixed",
        ]
        assert entry.value == "no time here"
        assert "1 line(s) without a time" in message(app)
        entry.value = "14:10 no time here"
        await pilot.press("enter")
        assert len(app.screen.pm.timeline) == 4


async def test_paste_of_one_line_goes_into_the_entry_once(db_path: Path) -> None:
    app = start(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        entry = app.screen.query_one(EventInput)
        entry.post_message(events.Paste("14:00 email sent\n"))
        await pilot.pause()
        assert entry.value == "14:00 email sent"
        assert app.screen.pm.timeline == []


async def test_edit_delete_undo_and_milestones(db_path: Path) -> None:
    app = start(db_path, incident())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        await pilot.press("up")  # the list, last event highlighted
        assert isinstance(app.focused, EventTable)
        await pilot.press("r")  # unmark resolved
        assert screen.pm.milestone_time(Milestone.resolved) is None
        await pilot.press("r")
        assert screen.pm.time_to_resolve == timedelta(minutes=47)
        await pilot.press("x")
        assert len(screen.pm.timeline) == 4
        assert "u brings it back" in message(app)
        await pilot.press("u")
        assert len(screen.pm.timeline) == 5
        await pilot.press("e")
        entry = screen.query_one(EventInput)
        assert entry.value == "2026-11-20 14:47 Error rate back to normal"
        assert app.focused is entry
        entry.value = "2026-11-20 14:50 Error rate back to normal"
        await pilot.press("enter")
        assert screen.pm.time_to_resolve == timedelta(minutes=50)
        assert screen.pm.timeline[-1].milestone is Milestone.resolved
        assert len(screen.pm.timeline) == 5
        # Mark the first event as resolved too: an order warning, not an error.
        await pilot.press("up", "home", "r")
        await pilot.pause()
        warning = str(screen.query_one("#timeline-warnings").render())
        assert warning.startswith("Order:")
        await pilot.press("ctrl+q")
    stored = Store(db_path).get("k7m2qx")
    assert stored.timeline[0].milestone is Milestone.resolved
    assert stored.timeline[0].at == T0


def test_zone_label() -> None:
    assert zone_label(NOW) == "UTC"
    cet = timezone(timedelta(hours=1), "CET")
    assert zone_label(NOW.astimezone(cet)) == "CET (+01:00)"
    assert zone_label(NOW.astimezone(timezone(timedelta(hours=-5)))) == "UTC-05:00"


async def test_milestone_keys_after_tab_mark_successive_events(db_path: Path) -> None:
    pm = Postmortem(title="Ingress down", phase="timeline", created=NOW)
    pm.timeline = [
        {"at": NOW - timedelta(minutes=m), "text": f"event {4 - i}"}  # type: ignore[list-item]
        for i, m in enumerate((40, 30, 20, 10))
    ]
    app = start(db_path, pm)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        table = app.screen.query_one(EventTable)
        assert app.focused is table
        assert table.cursor_row == 0  # the first event, not the last
        await pilot.press("s", "d", "m", "r")
        marks = [e.milestone for e in app.screen.pm.timeline]
    assert marks == [
        Milestone.started,
        Milestone.detected,
        Milestone.mitigated,
        Milestone.resolved,
    ]


async def test_a_time_typed_with_a_zone_is_stored_in_that_zone(db_path: Path) -> None:
    # The machine (the app's clock) is in UTC; the responder read CET clocks.
    app = start(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        entry = app.screen.query_one(EventInput)
        entry.value = "14:05 CET deploy started"
        await pilot.press("enter")
        assert message(app) == "Added 2026-11-20 13:05 (14:05 CET): deploy started"
        table = app.screen.query_one(EventTable)
        assert "11-20 13:05" in str(table.get_row_at(0)[0])
        # Edited, the line shows the offset it was typed in and keeps it.
        await pilot.press("up", "e")
        assert entry.value == "2026-11-20 14:05 +01:00 deploy started"
        entry.value = "2026-11-20 14:10 +01:00 deploy started"
        await pilot.press("enter")
        await pilot.press("ctrl+q")
    (event,) = Store(db_path).get(app.session.last_id).timeline
    assert event.text == "deploy started"
    assert (event.at.hour, event.at.minute) == (14, 10)
    assert event.at.utcoffset() == timedelta(hours=1)


async def test_a_partial_time_and_a_stated_duration_are_typed_as_lines(
    db_path: Path,
) -> None:
    pm = Postmortem(title="ALB 502 errors", created=NOW)
    app = start(db_path, pm)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        entry = app.screen.query_one(EventInput)
        for line in (
            "2026-11-19 14:02 deploy started",
            "2026-11-19 limitrange applied by hand",
            "14:?? scaled down",
        ):
            entry.value = line
            await pilot.press("enter")
        assert "Added 2026-11-19 14:??: scaled down" in message(app)
        # In the order typed: a time known less well joins the event before
        # it when that one lies inside what is known.
        timeline = app.screen.pm.timeline
        assert [(e.text, e.precision.value) for e in timeline] == [
            ("deploy started", "minute"),
            ("limitrange applied by hand", "day"),
            ("scaled down", "hour"),
        ]
        table = app.screen.query_one(EventTable)
        assert [str(table.get_row_at(n)[0]) for n in range(3)] == [
            "11-19 14:02",
            "11-19 ??:??",
            "11-19 14:??",
        ]
        # Editing shows the time as it is known, and keeps it so.
        table.focus()
        await pilot.pause()
        table.move_cursor(row=1)
        await pilot.press("e")
        assert entry.value == "2026-11-19 ??:?? limitrange applied by hand"
        await pilot.press("enter")
        assert app.screen.pm.timeline[1].precision.value == "day"
        # Marked as detected: no time to detect from a day alone.
        table.focus()
        await pilot.pause()
        table.move_cursor(row=0)
        await pilot.press("s")
        table.move_cursor(row=1)
        await pilot.press("d")
        assert "no duration" in message(app)
        stats = app.screen.query_one("#timeline-stats")
        assert str(stats.render()).startswith("detect -")
        # What the write-up states instead.
        entry.focus()
        entry.value = "time to detect 3 days"
        await pilot.press("enter")
        assert entry.value == ""
        assert app.screen.pm.stated_minutes == {Milestone.detected: 3 * 24 * 60}
        assert str(stats.render()).startswith("detect 3d stated")
        entry.value = "ttd soon"
        await pilot.press("enter")
        assert entry.value == "ttd soon" and "not a duration" in message(app)
        entry.value = "ttd -"
        await pilot.press("enter")
        assert app.screen.pm.stated_minutes == {}
        await pilot.press("ctrl+q")
    stored = Store(db_path).get(pm.id)
    assert [e.precision.value for e in stored.timeline] == ["minute", "day", "hour"]


async def test_a_long_event_is_cut_with_an_ellipsis_and_shown_whole_when_wider(
    db_path: Path,
) -> None:
    """Sized by its longest event, the table scrolled sideways and cut every
    long event at the screen's edge with nothing to say it went on."""
    from retrotui.document.models import TimelineEvent

    long = (
        "Checked dashboard panel 33; 5xx still elevated on web-5, p99 latency "
        "at 2.4 s while the pool stayed saturated"
    )
    pm = Postmortem(title="Checkout down", created=NOW)
    pm.timeline = [
        TimelineEvent(at=T0 + timedelta(minutes=n), text=f"{long} ({n})")
        for n in range(30)  # more rows than fit: a scrollbar
    ]
    app = start(db_path, pm)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(EventTable)
        assert table.virtual_size.width <= table.scrollable_content_region.width
        row = table.render_line(1).text.rstrip()
        assert row.endswith("…") and "Checked dashboard panel 33" in row
        await pilot.resize_terminal(160, 24)
        await settle(pilot)
        assert table.virtual_size.width <= table.scrollable_content_region.width
        row = table.render_line(1).text.rstrip()
        assert "while the pool stayed saturated (" in row and not row.endswith("…")
