"""Set the stage: people as a real postmortem lists them."""

from __future__ import annotations

from pathlib import Path

from factories import incident, open_at, settle, stored, type_text
from textual.widgets import Input


async def test_attendees_typed_by_initials_are_that_many_people(db_path: Path) -> None:
    pm = incident()
    pm.participants = []
    app = open_at(db_path, pm, "stage")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one("#p-name", Input).focus()
        await type_text(pilot, "AN, EC, WC")
        await pilot.press("enter")
        await type_text(pilot, "RF SC")
        await pilot.press("enter")
        await type_text(pilot, "Ng, Wei")  # a name with a comma stays one person
        await pilot.press("enter")
        await settle(pilot)
        saved = stored(app)
    assert [p.name for p in saved.participants] == [
        "AN",
        "EC",
        "WC",
        "RF",
        "SC",
        "Ng, Wei",
    ]


async def test_a_new_user_is_told_what_is_below_the_fold(db_path: Path) -> None:
    app = open_at(db_path, incident(), "stage")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        hint = app.screen.query_one("#stage-more")
        assert hint.display
        shown = str(hint.render())
        assert shown.startswith("▼ More below: Participants, Facilitator")
        assert hint.region.bottom <= 23  # above the footer, not clipped
        # Tabbing on scrolls them into view: the line goes.
        app.screen.query_one("#facilitator", Input).focus()
        await settle(pilot)
        assert not hint.display
        app.screen.query_one("#title", Input).focus()
        await settle(pilot)
        assert hint.display
    # A tall terminal shows everything: no line.
    app = open_at(db_path, incident("tall01"), "stage")
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        assert not app.screen.query_one("#stage-more").display
