"""Follow-up reviews: which ones home names, and the line it shows."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

from factories import incident, workers_done

from retrotui.app import RetroApp
from retrotui.followup.schedule import reviews
from retrotui.storage.store import Store
from retrotui.storage.summary import summarize

TODAY = date(2026, 12, 3)


def summary(pm_id: str, on: date | None, open_items: bool = True):  # noqa: ANN201
    pm = incident(pm_id)
    pm.follow_up_on = on
    if not open_items:
        pm.actions = []
    return summarize(pm.model_dump(mode="json"))


def test_missed_reviews_with_open_items_first_then_the_nearest_ahead() -> None:
    found = reviews(
        [
            summary("ahead2", date(2027, 1, 10)),
            summary("ahead1", date(2026, 12, 18)),
            summary("missed", date(2026, 11, 30)),
            summary("settled", date(2026, 11, 30), open_items=False),
            summary("nodate", None),
            summary("today1", TODAY, open_items=False),
        ],
        TODAY,
    )
    assert [r.pm_id for r in found] == ["missed", "today1", "ahead1", "ahead2"]
    assert [r.when(TODAY) for r in found] == [
        "3 days ago",
        "today",
        "in 15 days",
        "in 38 days",
    ]
    assert found[0].missed(TODAY) and not found[1].missed(TODAY)


async def test_home_names_the_reviews(db_path: Path) -> None:
    ahead, missed = incident("k7m2qx"), incident("b3xk9p", "Cache stampede")
    ahead.follow_up_on, missed.follow_up_on = date(2026, 12, 18), date(2026, 11, 30)
    Store(db_path).put_many([ahead, missed])
    app = RetroApp(
        db_path, clock=lambda: datetime(2026, 12, 3, 9, 0, tzinfo=timezone.utc)
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await workers_done(app)
        await pilot.pause()
        line = str(app.screen.query_one("#home-reviews").render())
        assert line.startswith("Reviews:  2026-11-30 b3xk9p (3 days ago, missed)")
        assert "2026-12-18 k7m2qx" in line
