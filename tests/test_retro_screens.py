"""A team retrospective on screen: Set the stage asks only what a
retrospective has (title, scope, participants, facilitator), never the
incident's facts; its Review reads as a retrospective."""

from __future__ import annotations

from pathlib import Path

from factories import incident, open_at, settle, stored, team_retro, type_text
from rich.console import Console
from textual.widgets import Input, Label, Select, TextArea

from retrotui.checks.completeness import facilitator_is_responder
from retrotui.document.models import Participant, Postmortem
from retrotui.document.schema import Role
from retrotui.learning.facilitators import rank_facilitators
from retrotui.learning.facts import facts

# What only an incident has: none of it is asked of a retrospective.
INCIDENT_FACTS = (
    "#happened-before",
    "#severity",
    "#services",
    "#category",
    "#tickets",
    "#changes",
    "#impact",
    "#detection",
    "#resolution",
)


async def test_a_retro_stage_asks_only_what_a_retrospective_has(
    db_path: Path,
) -> None:
    pm = team_retro()
    pm.participants = []
    app = open_at(db_path, pm, "stage")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        for selector in INCIDENT_FACTS:
            assert not screen.query(selector), selector
        labels = [str(label.render()) for label in screen.query(Label)]
        assert labels == ["Title", "Scope", "Facilitator"]
        scope = screen.query_one("#summary", TextArea)
        assert scope.text == "Sprint 42: the database migration"
        facilitator = screen.query_one("#facilitator", Input)
        assert "not a responder" not in facilitator.placeholder
        # People are team members by default; r cycles the retro's roles only.
        assert screen.query_one("#p-role", Select).value == "member"
        screen.query_one("#p-name", Input).focus()
        await type_text(pilot, "Lee Chen")
        await pilot.press("enter")
        await settle(pilot)
        seen = []
        table = screen.query_one("#participants")
        table.focus()
        for _ in range(6):
            seen.append(app.pm.participants[0].role.value)  # type: ignore[union-attr]
            await pilot.press("r")
        await settle(pilot)
        assert seen == [
            "member",
            "manager",
            "junior",
            "support",
            "facilitator",
            "observer",
        ]
        assert app.pm.participants[0].role is Role.member  # type: ignore[union-attr]
        screen.query_one("#summary", TextArea).focus()
        await pilot.press("end")
        await type_text(pilot, " and on-call load")
        await settle(pilot)
        saved = stored(app)
    assert saved.summary == "Sprint 42: the database migration and on-call load"
    assert saved.severity.value == "sev3" and saved.services == []


async def test_an_incident_stage_still_asks_the_incident_facts(db_path: Path) -> None:
    app = open_at(db_path, incident(), "stage")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for selector in INCIDENT_FACTS:
            assert app.screen.query(selector), selector
        assert app.screen.query_one("#p-role", Select).value == "responder"


def test_in_a_retro_nobody_responded() -> None:
    """The facilitator warning and the rotation leave out an incident's
    responders; a retrospective has none, so its people can facilitate."""
    pm = team_retro()
    pm.participants = [Participant(name="Ana Silva", role="responder")]
    assert not facilitator_is_responder(pm)
    ranked = rank_facilitators([], facts(pm))
    assert "Ana Silva" in [c.name for c in ranked]
    as_incident = Postmortem.model_validate({**pm.model_dump(), "kind": "incident"})
    assert facilitator_is_responder(as_incident)
    assert "Ana Silva" not in [
        c.name for c in rank_facilitators([], facts(as_incident))
    ]


async def test_a_retro_actions_step_asks_no_factors_and_no_recurrence(
    db_path: Path,
) -> None:
    app = open_at(db_path, team_retro(), "actions")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert not screen.query("#happened-before")
        # No Factors step to go back to: the key is neither shown nor bound.
        assert screen.check_action("to_factors", ()) is False
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert app.screen is screen
        screen.show_field("actions[0].text")  # type: ignore[attr-defined]
        await settle(pilot)
        console = Console(width=76, record=True)
        console.print(screen.query_one("#action-smart").render())
        shown = console.export_text()
        assert "Not judged: a retrospective links no contributing factor" in shown
        assert "No contributing factor linked" not in shown


async def test_a_retro_left_on_a_step_it_has_not_opens_at_its_first(
    db_path: Path,
) -> None:
    app = open_at(db_path, team_retro(), "factors")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.PHASE == "stage"  # type: ignore[attr-defined]


def test_snapshot_retro_review(snap_compare, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = open_at(db_path, team_retro(), "review")
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)


def test_snapshot_retro_stage(snap_compare, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = open_at(db_path, team_retro(), "stage")
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)
