"""The practice scenario from the seeds, entered through every phase by keys only.

A website crashed during a promotion because the database ran out of
connections: set the stage, timeline, insights, factors with a why-chain, two
SMART action items linked to factors, review, in review.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

from factories import settle, type_text

from retrotui.app import RetroApp
from retrotui.checks.readiness import review_blockers
from retrotui.document.models import Milestone, Status
from retrotui.storage.store import Store
from screens.actions import ActionsScreen
from screens.factors import FactorsScreen
from screens.insights import InsightsScreen
from screens.review import ReviewScreen
from screens.stage import StageScreen
from screens.timeline import TimelineScreen

NOW = datetime(2026, 11, 20, 18, 0, tzinfo=timezone.utc)


def clock() -> datetime:
    return NOW


async def test_whole_incident_by_keys(db_path: Path) -> None:
    app = RetroApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, StageScreen)
        await pilot.press("ctrl+u")
        await type_text(pilot, "Website down during the autumn promotion")
        await pilot.press("tab", "tab")  # past severity to services
        await type_text(pilot, "web, postgres")
        await pilot.press("tab")
        await type_text(pilot, "Database")
        await pilot.press("tab", "tab", "tab")  # tickets, changes, summary
        await type_text(pilot, "Checkout failed for 47 minutes")
        await pilot.press("tab")
        await type_text(pilot, "18% of checkouts failed")
        await pilot.press("tab")
        await type_text(pilot, "5xx alert paged the on-call")
        await pilot.press("tab")
        await type_text(pilot, "raised max_connections")
        await pilot.press("tab")
        await type_text(pilot, "Maria Lopez")
        await pilot.press("enter")

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

        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, InsightsScreen)
        await type_text(pilot, "The 5xx alert paged within five minutes")
        await pilot.press("enter", "ctrl+l")
        await type_text(pilot, "The runbook did not mention connection limits")
        await pilot.press("enter")

        # No action items before a contributing factor.
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, FactorsScreen)
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, FactorsScreen)
        await type_text(pilot, "The connection pool was sized for normal traffic")
        await pilot.press("enter", "tab")  # the line stays; Tab asks why
        for why in (
            "The database refused new connections",
            "Every web worker held its connections open",
            "The pool size was copied from staging",
            "No load test covers promotion traffic",
        ):
            await type_text(pilot, why)
            await pilot.press("enter")
        await pilot.press("ctrl+t")
        await type_text(pilot, "The promotion email went to every customer at once")
        await pilot.press("enter")
        await pilot.press("ctrl+l", "k", "k", "k")  # enabling -> trigger
        await pilot.press("c")  # technology -> environment

        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, ActionsScreen)
        items = (
            (
                "Add an alert when database connections exceed 80% of max_connections",
                "Team Data",
                "2026-12-18",
                ("space",),
            ),
            (
                "Run a load test at 3x promotion traffic before each promotion",
                "Team Web",
                "end of Q1",
                ("space", "down", "space"),
            ),
        )
        for text, owner, due, ticks in items:
            await pilot.press("ctrl+t")
            await type_text(pilot, text)
            await pilot.press("tab")
            await type_text(pilot, owner)
            await pilot.press("tab")
            await type_text(pilot, due)
            await pilot.press("tab", "tab", "tab", "tab", *ticks)  # past steps

        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        await type_text(pilot, "Load-test promotions before sending the email")
        await pilot.press("enter", "tab", "enter")  # keep the default follow-up
        await pilot.press("ctrl+g")
        await settle(pilot)
        await pilot.press("ctrl+q")

    pm = Store(db_path).all()[0]
    assert pm.title == "Website down during the autumn promotion"
    assert pm.services == ["web", "postgres"] and pm.category == "Database"
    assert pm.detection == "5xx alert paged the on-call"
    assert pm.resolution == "raised max_connections"
    assert [e.milestone for e in pm.timeline] == list(Milestone)
    assert pm.went_well == ["The 5xx alert paged within five minutes"]
    assert pm.went_wrong == ["The runbook did not mention connection limits"]
    pool, promo = pm.factors
    assert pool.whys[-1] == "No load test covers promotion traffic"
    assert len(pool.whys) == 4
    assert promo.kind.value == "trigger" and promo.category.value == "environment"
    alert, load_test = pm.actions
    assert alert.owner == "Team Data" and alert.due == date(2026, 12, 18)
    assert alert.factor_ids == [pool.id]
    assert load_test.due_text == "end of Q1" and load_test.due == date(2027, 3, 31)
    assert load_test.factor_ids == [pool.id, promo.id]
    assert review_blockers(pm, NOW.date()) == []
    assert pm.takeaways == ["Load-test promotions before sending the email"]
    assert pm.follow_up_on == date(2026, 12, 18)
    assert pm.status is Status.in_review
    assert pm.phase == "review"
