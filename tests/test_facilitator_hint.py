"""The facilitator suggestion on Set the stage: what it names, enter taking
it (saved like any edit), never over a typed name, and ``retro
facilitator`` on the same store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from factories import (
    as_a_large_store,
    clock,
    held_builds,
    seen_on_screen,
    settle,
    stored,
)
from textual.widgets import Input, Static

from retrotui.app import RetroApp
from retrotui.document.models import Participant, Postmortem
from retrotui.storage.store import Store
from tests.factories import run_cli as run
from tests.test_facilitators import pm
from widgets.facilitator_hint import FacilitatorHint


@pytest.fixture
def history(db_path: Path) -> Store:
    """Ana facilitated in March, Raj in January; Kim and Zoe never did."""
    store = Store(db_path)
    store.add(pm("h1", "2026-01-10", "Raj", (("Kim", "responder"),)))
    store.add(pm("h2", "2026-03-05", "Ana", (("Zoe", "responder"),)))
    return store


def open_new(store: Store, *people: tuple[str, str]) -> RetroApp:
    draft = Postmortem(
        id="new001",
        title="Queue backlog",
        phase="stage",
        participants=[Participant(name=n, role=r) for n, r in people],
    )
    store.add(draft)
    return RetroApp(store.path, pm_id=draft.id, clock=clock)


def hint_text(app: RetroApp) -> str:
    return str(app.screen.query_one(FacilitatorHint).render())


async def test_names_who_did_not_respond_least_recent_first_and_enter_takes_them(
    history: Store,
) -> None:
    app = open_new(history, ("Kim", "responder"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # Kim responded here: left out. Zoe never facilitated, then Raj
        # (January) before Ana (March); as many as fit whole in 80 columns.
        hint = app.screen.query_one(FacilitatorHint)
        assert [c.name for c in hint.suggested] == ["Zoe", "Raj", "Ana"]
        assert hint_text(app) == (
            "Suggested, enter takes: Zoe (never facilitated), Raj (last 2026-01-10)"
        )
        box = app.screen.query_one("#facilitator", Input)
        box.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert box.value == "Zoe"
        assert stored(app).facilitator == "Zoe"
        assert hint_text(app).startswith("Suggested, enter for the next: ")
        await pilot.press("enter")
        await settle(pilot)
        assert stored(app).facilitator == "Raj"


async def test_a_typed_name_is_never_replaced(history: Store) -> None:
    app = open_new(history)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        box = app.screen.query_one("#facilitator", Input)
        box.focus()
        await pilot.press(*"Lee", "enter")
        await settle(pilot)
        assert box.value == "Lee"
        assert stored(app).facilitator == "Lee"
        message = str(app.screen.query_one("#stage-message", Static).render())
        assert "Kept Lee as the facilitator" in message
        assert hint_text(app).startswith("Suggested: ")


async def test_enter_on_a_responders_name_keeps_the_warning(history: Store) -> None:
    app = open_new(history, ("Kim", "responder"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        box = app.screen.query_one("#facilitator", Input)
        box.focus()
        await pilot.press(*"kim", "enter")
        await settle(pilot)
        assert box.value == "kim"
        message = str(app.screen.query_one("#stage-message", Static).render())
        assert "kim was also a responder" in message


async def test_a_responder_added_here_leaves_the_suggestion(history: Store) -> None:
    app = open_new(history)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Kim" in hint_text(app)
        name = app.screen.query_one("#p-name", Input)
        name.focus()
        await pilot.press(*"kim", "enter")  # a responder, by default
        await settle(pilot)
        assert "Kim" not in hint_text(app)
        assert hint_text(app).startswith("Suggested, enter takes: Zoe ")


async def test_an_empty_store_says_where_suggestions_come_from(db_path: Path) -> None:
    app = open_new(Store(db_path), ("Max", "responder"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert hint_text(app).startswith("No one to suggest yet")
        box = app.screen.query_one("#facilitator", Input)
        box.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert box.value == ""


def test_stage_with_the_suggestion_at_80x24(snap_compare, history: Store) -> None:  # type: ignore[no-untyped-def]
    app = open_new(history, ("Kim", "responder"), ("Lee", "observer"))

    async def to_facilitator(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        app.screen.query_one("#facilitator").focus()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=to_facilitator)


def test_cli_lists_the_rotation_for_a_postmortem(
    capsys: pytest.CaptureFixture[str], history: Store
) -> None:
    history.add(pm("cur1", "2026-04-01", "", (("Zoe", "responder"),)))
    db = str(history.path)
    code, out, _ = run(capsys, "--db", db, "facilitator", "pm-cur1")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["NAME", "LAST", "FACILITATED", "TIMES", "LAST", "SEEN"]
    assert [line.split()[0] for line in lines[1:]] == ["Kim", "Raj", "Ana"]
    assert lines[2].split() == ["Raj", "2026-01-10", "1", "2026-01-10"]
    code, out, _ = run(capsys, "--db", db, "facilitator", "--json", "--limit", "1")
    assert code == 0
    # The whole team's rotation: Zoe responded in April, so she is first.
    assert json.loads(out) == [
        {
            "name": "Zoe",
            "last_facilitated": None,
            "times_facilitated": 0,
            "last_seen": "2026-04-01",
        }
    ]


def test_cli_says_when_nobody_can_be_suggested(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    store = Store(db_path)
    store.add(pm("solo", "2026-01-01", "", (("Max", "responder"),)))
    code, out, err = run(capsys, "--db", str(db_path), "facilitator", "pm-solo")
    assert (code, out) == (1, "")
    assert "nobody to suggest" in err


async def test_a_first_read_of_a_large_store_builds_the_index_apart(
    history: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    index = as_a_large_store(monkeypatch, history.path)
    held_builds(monkeypatch, tmp_path / "go")
    app = open_new(history, ("Kim", "responder"))
    async with app.run_test(size=(80, 24)) as pilot:
        assert await seen_on_screen(
            pilot, lambda: hint_text(app), "waiting for the search index (building)"
        )
        (tmp_path / "go").touch()
        await settle(pilot)
        assert index.exists()
        hint = app.screen.query_one(FacilitatorHint)
        assert [c.name for c in hint.suggested] == ["Zoe", "Raj", "Ana"]
