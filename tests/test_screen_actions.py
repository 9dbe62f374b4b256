"""Action items: live SMART check, resolved due date, factor links, review rule."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from factories import NOW, incident, open_at, settle, stored, type_text
from textual.widgets import Input, Static

from retrotui.checks.readiness import review_blockers
from retrotui.document.models import ActionItem, ActionType, Priority, Status
from screens.actions import ActionsScreen
from widgets.smart_panel import SmartPanel
from widgets.typed_fields import join_steps, split_steps


async def test_new_items_typed_in_one_app_then_a_failing_one_blocks_review(
    db_path: Path,
) -> None:
    """Four new items (ctrl+t each) on one incident in one app (each app start
    costs more than its keys). Behaviours, in order:
    1. a full item is stored with its due date resolved ('end of Q1', shown in
       the SMART panel), type, priority and both factor links;
    2. an owner and a due date typed in the text fill the empty fields when
       the text is left, and the filled owner stays editable;
    3. a field already filled is not replaced from the text;
    4. a failing item is saved but blocks review: the heading says so, the
       review blockers name it, and Review and close refuses ctrl+g and
       lists why."""
    app = open_at(db_path, incident(), "actions")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ActionsScreen)
        # 1. A full item.
        await pilot.press("ctrl+t")
        await type_text(
            pilot, "Load-test checkout at 3x promotion traffic in CI before each launch"
        )
        await pilot.press("tab")
        await type_text(pilot, "Team Web")
        await pilot.press("tab")
        await type_text(pilot, "end of Q1")
        await pilot.press("tab")  # past the optional sub-steps
        await pilot.press("tab", "enter", "up", "enter")  # type: prevent -> mitigate
        await pilot.press("tab", "enter", "up", "enter")  # priority: P1 -> P0
        await pilot.press("tab", "space", "down", "space")  # both factors
        await pilot.pause()
        panel = app.screen.query_one(SmartPanel)
        assert panel.result.due == date(2027, 3, 31)
        due_line = panel.render().renderables[-1]
        assert due_line.plain == "Due  'end of Q1'  ->  2027-03-31 (Wed)"
        await settle(pilot)
        item = stored(app).actions[-1]
        assert item.owner == "Team Web"
        assert item.due_text == "end of Q1" and item.due == date(2027, 3, 31)
        assert item.type is ActionType.mitigate and item.priority is Priority.p0
        assert item.factor_ids == ["f-pool", "f-promo"]
        # 2. Owner and due typed in the text fill the empty fields.
        await pilot.press("ctrl+t")
        await type_text(pilot, "@mia add a lag alert > 30s on orders-db by Friday pls")
        await pilot.press("tab")  # leaving the text fills owner and due
        await settle(pilot)
        owner = app.screen.query_one("#action-owner", Input)
        due = app.screen.query_one("#action-due", Input)
        assert (owner.value, due.value) == ("@mia", "Friday")
        await pilot.press("ctrl+u")  # and the filled owner stays editable
        await type_text(pilot, "Team Web")
        await settle(pilot)
        item = stored(app).actions[-1]
        assert (item.owner, item.due_text) == ("Team Web", "Friday")
        assert item.due is not None and item.due.weekday() == 4
        # 3. A field already filled is not replaced from the text.
        await pilot.press("ctrl+t", "tab")
        await type_text(pilot, "Team Ops")
        await pilot.press("shift+tab")
        await type_text(pilot, "@mia add a lag alert > 30s on orders-db by Friday")
        await pilot.press("tab")
        await settle(pilot)
        item = stored(app).actions[-1]
        assert (item.owner, item.due_text) == ("Team Ops", "Friday")
        # 4. A failing item is saved but blocks review.
        await pilot.press("ctrl+t")
        await type_text(pilot, "Be more careful with the pool")
        await pilot.pause()
        panel = app.screen.query_one(SmartPanel)
        assert not panel.result.ok
        heading = str(app.screen.query_one("#actions-heading", Static).render())
        assert "block review" in heading
        await settle(pilot)
        saved = stored(app)
        assert len(saved.actions) == 5
        assert saved.actions[-1].text == "Be more careful with the pool"
        assert saved.status is Status.draft
        blockers = review_blockers(saved, NOW.date())
        assert any("no owner" in line for line in blockers)
        # The review screen refuses the move and lists why.
        app.open_phase("review")
        await settle(pilot)
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert stored(app).status is Status.draft
        checklist = str(app.screen.query_one("#review-checklist", Static).render())
        assert "no owner" in checklist


async def test_more_than_five_items_warns(db_path: Path) -> None:
    pm = incident()
    pm.actions = [
        ActionItem(
            text=f"Add alert {n} at 80% pool use",
            owner="Team Data",
            due=date(2027, 1, 15),
            factor_ids=["f-pool"],
        )
        for n in range(6)
    ]
    app = open_at(db_path, pm, "actions")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        heading = str(app.screen.query_one("#actions-heading", Static).render())
        assert "keep the top 3-5" in heading
        await pilot.press("ctrl+l", "up", "d")
        heading = str(app.screen.query_one("#actions-heading", Static).render())
        assert "keep the top 3-5" not in heading
        await settle(pilot)
        assert len(stored(app).actions) == 5


def test_review_blockers() -> None:
    pm = incident()
    assert review_blockers(pm, NOW.date()) == []
    pm.actions[0].owner = ""
    assert review_blockers(pm, NOW.date()) == [
        "Action 1 (Add an alert when database co…) has no owner"
    ]
    pm.actions[0].owner = "Team Data"
    pm.actions[0].factor_ids = []
    assert review_blockers(pm, NOW.date()) == [
        "Action 1 (Add an alert when database co…) is not linked to a "
        "contributing factor"
    ]
    pm.actions[0].factor_ids = ["f-pool"]
    pm.actions[0].due, pm.actions[0].due_text = None, "asap"
    [line] = review_blockers(pm, NOW.date())
    assert "fails: Time-bound" in line
    # Items already done no longer hold the postmortem back.
    pm.actions[0].status = "done"
    assert review_blockers(pm, NOW.date()) == []


async def test_a_key_on_arrival_adds_an_item_then_items_are_edited_from_the_list(
    db_path: Path,
) -> None:
    """One app on the incident (one item). Behaviours, in order:
    1. the form on arrival is a new item's: typing adds one, and a key
       cannot overwrite the saved item;
    2. an item opened from the list is edited where its text ends;
    3. an item's owner is edited from the list too, and no item is added."""
    pm = incident()
    first = pm.actions[0].text
    app = open_at(db_path, pm, "actions")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # The form on arrival is a new item's: typing adds one.
        await type_text(pilot, "Load test promotions at 3x traffic")
        await pilot.press("ctrl+l", "up", "up", "enter")  # open item 1
        await type_text(pilot, " (checked weekly)")  # the cursor is after its text
        await settle(pilot)
        saved = stored(app)
        assert saved.actions[0].text == first + " (checked weekly)"
        assert saved.actions[1].text == "Load test promotions at 3x traffic"
        await pilot.press("ctrl+l", "up", "up", "enter", "tab")  # item 1, its owner
        await pilot.press("ctrl+u")
        await type_text(pilot, "@maria")
        await pilot.press("ctrl+l", "enter")  # back to the list, open an item
        await settle(pilot)
        saved = stored(app)
    assert saved.actions[0].owner == "@maria"
    assert saved.actions[0].text == first + " (checked weekly)"
    assert len(saved.actions) == 2


async def test_sub_steps_are_typed_on_one_line_and_stored_in_order(
    db_path: Path,
) -> None:
    pm = incident()
    pm.actions = []
    app = open_at(db_path, pm, "actions")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_text(pilot, "Replace the node pool")
        app.screen.query_one("#action-steps", Input).focus()
        await type_text(pilot, "drain the nodes; cordon them;  ; delete the pool")
        await settle(pilot)
        saved = stored(app)
    assert saved.actions[0].text == "Replace the node pool"
    assert saved.actions[0].steps == [
        "drain the nodes",
        "cordon them",
        "delete the pool",
    ]


def test_a_semicolon_inside_code_quotes_or_brackets_stays_in_its_step() -> None:
    assert split_steps(
        "run `systemctl stop x; systemctl start x`; set (cpu: 1; mem: 2Gi); "
        'say "a; b"; tell S&amp;O; keep a\\; b'
    ) == [
        "run `systemctl stop x; systemctl start x`",
        "set (cpu: 1; mem: 2Gi)",
        'say "a; b"',
        "tell S&amp;O",
        "keep a; b",
    ]
    steps = ["drain; cordon", "run `a; b`", "plain"]
    assert join_steps(steps) == "drain\\; cordon; run `a; b`; plain"
    assert split_steps(join_steps(steps)) == steps


async def test_editing_an_item_never_splits_a_step_holding_a_semicolon(
    db_path: Path,
) -> None:
    # Imported from nested bullets: a step written with a semicolon in it.
    pm = incident()
    pm.actions = [
        ActionItem(
            text="Rotate the node pool",
            owner="Team Platform",
            steps=["drain the nodes; then cordon them", "run `kubectl get no; date`"],
        )
    ]
    app = open_at(db_path, pm, "actions")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+l", "up", "enter")  # open item 1
        await pilot.pause()
        steps = app.screen.query_one("#action-steps", Input)
        assert steps.value == (
            "drain the nodes\\; then cordon them; run `kubectl get no; date`"
        )
        await type_text(pilot, " weekly")  # the cursor is after its text
        await settle(pilot)
        saved = stored(app).actions[0]
    assert saved.text == "Rotate the node pool weekly"
    assert saved.steps == pm.actions[0].steps
