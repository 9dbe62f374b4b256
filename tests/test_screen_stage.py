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
