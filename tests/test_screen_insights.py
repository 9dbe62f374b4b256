"""Insights: four lists, rotating questions, roles, inline blameless rewrite."""

from __future__ import annotations

from pathlib import Path

from factories import incident, open_at, settle, stored, type_text
from textual.widgets import Input, Static

from retrotui.interview.script import INSIGHT_QUESTIONS, ROLE_PROMPTS
from screens.insights import InsightsScreen
from widgets.findings import FindingsPanel


def _text(app, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(selector, Static).render())


async def test_answers_are_stored_in_the_current_list(db_path: Path) -> None:
    app = open_at(db_path, incident(), "insights")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, InsightsScreen)
        await type_text(pilot, "Rollback took two minutes")
        await pilot.press("enter")
        await pilot.press("ctrl+l")
        await type_text(pilot, "Pool size was copied from staging")
        await pilot.press("enter")
        await pilot.press("ctrl+l", "ctrl+l")
        await type_text(pilot, "Dashboards showed healthy CPU")
        await pilot.press("enter")
        await settle(pilot)
        pm = stored(app)
    assert pm.went_well[-1] == "Rollback took two minutes"
    assert pm.went_wrong[-1] == "Pool size was copied from staging"
    assert pm.confusing[-1] == "Dashboards showed healthy CPU"
    assert pm.lucky == incident().lucky


async def test_question_rotates_and_roles_are_asked_in_turn(db_path: Path) -> None:
    app = open_at(db_path, incident(), "insights")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        first = INSIGHT_QUESTIONS["went_well"][0]
        assert first in _text(app, "#insights-question")
        await pilot.press("ctrl+t")
        assert INSIGHT_QUESTIONS["went_well"][1] in _text(app, "#insights-question")
        # Participants are two responders and a facilitator: two roles in turn.
        await pilot.press("ctrl+g")
        assert ROLE_PROMPTS["responder"] in _text(app, "#insights-question")
        await pilot.press("ctrl+g")
        assert ROLE_PROMPTS["facilitator"] in _text(app, "#insights-question")
        await pilot.press("ctrl+g")
        assert ROLE_PROMPTS["responder"] in _text(app, "#insights-question")


async def test_blame_is_flagged_as_typed_and_rewritten_by_one_key(
    db_path: Path,
) -> None:
    app = open_at(db_path, incident(), "insights")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+l")
        await type_text(pilot, "Sam forgot to check the pool")
        await pilot.pause()
        panel = app.screen.query_one(FindingsPanel)
        # The verb, and Sam (a participant) named as its subject.
        assert [f.text for f in panel.findings] == ["Sam", "forgot to"]
        assert "forgot to" in str(panel.render())
        await pilot.press("ctrl+r")
        value = app.screen.query_one("#insights-input", Input).value
        assert "forgot" not in value and "pool was not checked" in value
        await pilot.press("enter")
        await settle(pilot)
        pm = stored(app)
    assert pm.went_wrong[-1] == value


async def test_entries_are_edited_and_deleted_from_the_list(db_path: Path) -> None:
    pm = incident()
    pm.went_well = ["first", "second"]
    app = open_at(db_path, pm, "insights")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("shift+tab")  # from the input back to the list
        await pilot.press("e")  # the last entry is highlighted
        box = app.screen.query_one("#insights-input", Input)
        assert box.value == "second" and app.focused is box
        await pilot.press("ctrl+u")
        await type_text(pilot, "second, edited")
        await pilot.press("enter")
        await pilot.press("shift+tab", "up", "d")
        await settle(pilot)
        saved = stored(app)
    assert saved.went_well == ["second, edited"]


async def test_escape_cancels_an_edit_and_otherwise_goes_home(db_path: Path) -> None:
    pm = incident()
    pm.went_well = ["kept as it was"]
    app = open_at(db_path, pm, "insights")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("shift+tab", "e", "x", "escape")
        assert isinstance(app.screen, InsightsScreen)
        assert app.screen.query_one("#insights-input", Input).value == ""
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, InsightsScreen)
        assert stored(app).went_well == ["kept as it was"]
