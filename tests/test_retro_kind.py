"""Team retrospectives (kind "retro"): four steps (no timeline, no factors),
three lists (went well, could improve, puzzled us), action items that need no
factor; started with ``retro new --kind retro`` or R on home."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from factories import settle, type_text
from textual.widgets import Static

from retrotui.app import RetroApp
from retrotui.checks.completeness import missing, phase_status
from retrotui.checks.readiness import review_blockers
from retrotui.document.models import ActionItem, Participant, Postmortem
from retrotui.document.schema import Kind
from retrotui.storage.store import Store
from screens.actions import ActionsScreen
from screens.insights import InsightsScreen
from screens.stage import StageScreen
from tests.factories import run_cli

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=timezone.utc)


def clock() -> datetime:
    return NOW


def retro(**fields: object) -> Postmortem:
    return Postmortem(
        id="ret001",
        kind=Kind.retro,
        title="Platform team retrospective, November",
        summary="Four weeks of the database migration",
        participants=[Participant(name="Ana Silva"), Participant(name="Lee Chen")],
        facilitator="Sam Okafor",
        went_well=["Pairing on the migration runbook"],
        went_wrong=["Reviews waited two days on average"],
        confusing=["Who owns the staging cluster?"],
        **fields,
    )


def test_a_retro_asks_no_timeline_factors_services_or_detection() -> None:
    item = ActionItem(
        text="Add a second reviewer to the platform rota so reviews start within 4 hours",
        owner="Team Platform",
        due=date(2027, 1, 15),
    )
    pm = retro(actions=[item], takeaways=["Pair on risky changes"])
    pm.follow_up_on = date(2027, 2, 1)
    status = phase_status(pm)
    assert list(status) == ["stage", "insights", "actions", "review"]
    assert all(status.values()), missing(pm)
    assert review_blockers(pm, date(2026, 12, 3)) == []
    # The same document as an incident is missing all of that.
    pm.kind = Kind.incident
    gaps = " ".join(missing(pm))
    assert "timeline" in gaps and "contributing factor" in gaps
    assert "services" in gaps and "detected" in gaps
    assert any("not linked" in line for line in review_blockers(pm))


def test_an_empty_retro_names_what_it_still_needs() -> None:
    pm = Postmortem(kind=Kind.retro, title="Retro")
    assert missing(pm)[:3] == [
        "the scope: the period or focus it looks back on",
        "the participants",
        "a facilitator",
    ]
    assert "something that could improve" in missing(pm)


def test_new_kind_is_checked(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "new", "--kind", "party")
    assert code == 2 and "invalid choice" in err


async def test_a_new_retro_walks_four_steps_and_takes_actions_without_factors(
    db_path: Path,
) -> None:
    app = RetroApp(db_path, new_title="", new_kind="retro", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StageScreen)
        steps = str(app.screen.query_one("#steps", Static).render())
        assert "2 Insights" in steps and "Timeline" not in steps
        assert app.pm is not None and app.pm.kind is Kind.retro
        assert app.pm.title == "Team retrospective on 2026-12-03"
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, InsightsScreen)
        tabs = str(app.screen.query_one("#insights-tabs", Static).render())
        assert "Could improve" in tabs and "Puzzled us" in tabs
        assert "Lucky" not in tabs
        await pilot.press("ctrl+l")
        await type_text(pilot, "Reviews waited two days")
        await pilot.press("enter")
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, ActionsScreen)
        assert not app.screen.query_one("#actions-no-factors").display
        assert not app.screen.query_one("#action-factors").display
        await pilot.press("ctrl+t")
        await type_text(pilot, "Add a second reviewer to the rota")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
    pm = Store(db_path).get(app.pm.id)  # type: ignore[union-attr]
    assert pm.kind is Kind.retro
    assert pm.went_wrong == ["Reviews waited two days"]
    assert [a.text for a in pm.actions] == ["Add a second reviewer to the rota"]


async def test_capital_r_on_home_starts_a_retro(db_path: Path) -> None:
    Store(db_path).add(retro())
    app = RetroApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("R")
        await settle(pilot)
        assert isinstance(app.screen, StageScreen)
        assert app.pm is not None and app.pm.kind is Kind.retro


def test_snapshot_retro_insights(snap_compare, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    pm = retro()
    pm.phase = "insights"
    Store(db_path).add(pm)
    app = RetroApp(db_path, pm_id=pm.id, clock=clock)
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)
