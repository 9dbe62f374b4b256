"""Driving the app by keys only: home -> new -> stage -> timeline, and back."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from factories import settle, type_text
from textual.widgets import DataTable

from retrotui.app import RetroApp
from retrotui.document.models import Milestone, Role, Severity
from retrotui.storage.store import Store
from screens.home import HomeScreen
from screens.stage import StageScreen
from screens.timeline import TimelineScreen

NOW = datetime(2026, 11, 20, 18, 0, tzinfo=timezone.utc)


def clock() -> datetime:
    return NOW


async def test_new_incident_by_keys_is_stored(db_path: Path) -> None:
    app = RetroApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, StageScreen)
        # The draft exists from the first second.
        assert len(Store(db_path).all()) == 1

        await pilot.press("ctrl+u")
        await type_text(pilot, "Checkout down during promotion")
        await pilot.press("tab")  # severity
        await pilot.press("enter", "up", "up", "enter")  # sev3 -> sev2? picks by moving
        await pilot.press("tab")
        await type_text(pilot, "web, postgres")
        await pilot.press("tab")
        await type_text(pilot, "Database")
        await pilot.press("tab")
        await type_text(pilot, "INC-4211")
        await pilot.press("tab", "tab")  # changes, then summary
        await type_text(pilot, "Checkout failed for 42 minutes")
        await pilot.press("tab")
        await type_text(pilot, "18% of checkouts failed")
        await pilot.press("tab")
        await type_text(pilot, "5xx alert paged the on-call")
        await pilot.press("tab")
        await type_text(pilot, "raised max_connections")
        await pilot.press("tab")
        await type_text(pilot, "Maria Lopez")
        await pilot.press("enter")
        # Consent, in words: "named (agreed)" is below "role only".
        await pilot.press("tab", "tab", "enter", "down", "enter")
        await pilot.press("shift+tab", "shift+tab")
        await type_text(pilot, "Lee Chen")
        await pilot.press("enter")
        # To the participant list: Lee becomes a facilitator by role cycling.
        assert app.focused is not None and app.focused.id == "p-name"
        await pilot.press("tab", "tab", "tab")
        assert isinstance(app.focused, DataTable)
        await pilot.press("down", "r", "r", "r", "r", "r")
        await pilot.press("tab")
        await type_text(pilot, "Maria Lopez")
        await pilot.pause()
        message = str(app.screen.query_one("#stage-message").render())
        assert "also a responder" in message
        await pilot.press("ctrl+u")
        await type_text(pilot, "Lee Chen")

        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, TimelineScreen)
        for line in (
            "14:00 promotion email sent",
            "+5m 5xx alert paged on-call",
            "14:08 on-call acknowledged",
            "14:30 raised max_connections",
            "14:47 error rate back to normal",
        ):
            await type_text(pilot, line)
            await pilot.press("enter")
        await pilot.press("up", "home")  # to the list, on the first event
        # Each milestone key moves the cursor on to the next event.
        await pilot.press("s", "d", "a", "m", "r")
        stats = str(app.screen.query_one("#timeline-stats").render())
        assert "detect 5m" in stats and "resolve 47m" in stats
        assert "times in UTC" in stats
        await pilot.press("ctrl+q")

    pm = Store(db_path).all()[0]
    assert pm.title == "Checkout down during promotion"
    assert pm.services == ["web", "postgres"] and pm.category == "Database"
    assert pm.tickets == ["INC-4211"]
    assert pm.summary == "Checkout failed for 42 minutes"
    assert pm.impact == "18% of checkouts failed"
    assert pm.detection == "5xx alert paged the on-call"
    assert pm.resolution == "raised max_connections"
    assert [(p.name, p.role, p.consent_named) for p in pm.participants] == [
        ("Maria Lopez", Role.responder, False),
        ("Lee Chen", Role.facilitator, True),
    ]
    assert pm.facilitator == "Lee Chen"
    assert pm.phase == "timeline"
    assert [e.text for e in pm.timeline] == [
        "promotion email sent",
        "5xx alert paged on-call",
        "on-call acknowledged",
        "raised max_connections",
        "error rate back to normal",
    ]
    assert [e.milestone for e in pm.timeline] == list(Milestone)
    assert pm.timeline[1].at == datetime(2026, 11, 20, 14, 5, tzinfo=timezone.utc)
    assert pm.time_to_resolve == timedelta(minutes=47)
    assert pm.severity is not Severity.sev3
