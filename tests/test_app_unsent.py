"""Text typed into an entry line but not added yet survives leaving the step."""

from __future__ import annotations

from pathlib import Path

from factories import clock, incident, open_at, settle, stored, type_text
from textual import events
from textual.widgets import Input, Static

from retrotui.app import RetroApp
from retrotui.checks.completeness import missing_by_phase, phase_status
from retrotui.storage.store import Store
from screens.factors import FactorsScreen
from screens.insights import InsightsScreen
from screens.timeline import TimelineScreen
from widgets.timeline_editor import EventInput


async def test_a_quit_keeps_an_unsent_answer_and_gives_it_back(db_path: Path) -> None:
    pm = incident()
    app = open_at(db_path, pm, "insights")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+l", "ctrl+l")  # to "where we got lucky"
        await type_text(pilot, "Traffic was low at night")
        await pilot.press("ctrl+q")
    saved = Store(db_path).get(pm.id)
    assert saved.unsent == {"insights:insights-input@lucky": "Traffic was low at night"}
    assert saved.lucky == incident().lucky

    app = RetroApp(db_path, pm_id=pm.id, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InsightsScreen)
        assert screen.current == "lucky"
        box = screen.query_one("#insights-input", Input)
        assert box.value == "Traffic was low at night"
        assert app.focused is box
        # Typing goes on from the end; the first key does not replace it all.
        await type_text(pilot, ", luckily")
        await pilot.press("enter")
        await settle(pilot)
        saved = stored(app)
    assert saved.lucky[-1] == "Traffic was low at night, luckily"
    assert saved.unsent == {}


async def test_a_half_done_edit_of_a_saved_answer_is_not_kept(db_path: Path) -> None:
    pm = incident()
    pm.went_well = ["Rollback took two minutes"]
    app = open_at(db_path, pm, "insights")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("shift+tab", "e")  # the list, then edit its answer
        box = app.screen.query_one("#insights-input", Input)
        assert box.value == "Rollback took two minutes"
        await type_text(pilot, " or so")
        await pilot.press("ctrl+q")
    saved = Store(db_path).get(pm.id)
    assert saved.went_well == ["Rollback took two minutes"]
    assert saved.unsent == {}


async def test_stepping_away_and_back_keeps_an_unsent_why(db_path: Path) -> None:
    pm = incident()
    second = pm.factors[1]
    app = open_at(db_path, pm, "factors")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, FactorsScreen)
        await pilot.press("ctrl+l", "down", "enter")  # the drill on factor 2
        await type_text(pilot, "Nobody load tested promotions")
        await pilot.press("f6")
        await settle(pilot)
        assert not isinstance(app.screen, FactorsScreen)
        await pilot.press("f5")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, FactorsScreen)
        assert screen.selected == 1
        why = screen.query_one("#why-input", Input)
        assert why.value == "Nobody load tested promotions"
        await pilot.press("enter")
        await settle(pilot)
        saved = stored(app)
    assert saved.factors[1].id == second.id
    assert saved.factors[1].whys[-1] == "Nobody load tested promotions"
    assert saved.unsent == {}


async def test_pasted_lines_without_a_time_survive_a_quit(db_path: Path) -> None:
    pm = incident()
    app = open_at(db_path, pm, "timeline")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        entry = app.screen.query_one(EventInput)
        entry.post_message(events.Paste("14:00 email sent\nno time\nnor here\n"))
        await pilot.pause()
        await pilot.press("ctrl+q")
    saved = Store(db_path).get(pm.id)
    assert "email sent" in [e.text for e in saved.timeline]
    assert saved.unsent == {"timeline:event-input": "no time\nnor here"}

    app = RetroApp(db_path, pm_id=pm.id, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TimelineScreen)
        entry = app.screen.query_one(EventInput)
        assert entry.value == "no time"
        await pilot.press("home")
        await type_text(pilot, "14:10 ")
        assert entry.value == "14:10 no time"
        message = str(app.screen.query_one("#timeline-message", Static).render())
        assert "Kept from last time" in message
        await pilot.press("enter")
        assert entry.value == "nor here"
        entry.value = "14:20 nor here"
        await pilot.press("enter")
        await settle(pilot)
        saved = stored(app)
    texts = [e.text for e in saved.timeline]
    assert "no time" in texts and "nor here" in texts
    assert saved.unsent == {}


async def test_unsent_text_is_cleaned_like_any_text(db_path: Path) -> None:
    pm = incident()
    pm.unsent = {"review:review-takeaway": "\x1b[31mred\x1b[0m takeaway\x07"}
    assert pm.unsent == {"review:review-takeaway": "red takeaway"}
    app = open_at(db_path, pm, "review")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        box = app.screen.query_one("#review-takeaway", Input)
        assert box.value == "red takeaway"


def test_the_checklist_names_the_step_with_unsent_text() -> None:
    pm = incident()
    pm.unsent = {"insights:insights-input@lucky": "Traffic was low"}
    assert missing_by_phase(pm)["insights"] == [
        "text typed on Insights but not added (Enter adds it)"
    ]
    assert phase_status(pm)["insights"] is False
