"""Another writer's change arrives while the user types: the typing goes on
where it was, and only a change of content is announced (issue 11)."""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import T0, incident, key_name, notices, open_at, settle, type_text
from textual import events
from textual.pilot import Pilot
from textual.widgets import Static, TextArea

from retrotui.document.models import TimelineEvent
from retrotui.storage.store import Store
from widgets.timeline_keys import EventInput


def add_event_elsewhere(db_path: Path) -> None:
    event = TimelineEvent(id="e-cli", at=T0, text="Added by retro timeline add")
    Store(db_path).update(
        "k7m2qx", lambda pm: pm.model_copy(update={"timeline": [*pm.timeline, event]})
    )


def merges_said(said: list[str]) -> int:
    return sum(message.startswith("Merged: ") for message in said)


async def until_merged(pilot: Pilot[int], said: list[str], count: int) -> None:
    for _ in range(200):
        if merges_said(said) >= count:
            return
        await pilot.pause(0.05)
    raise AssertionError("the merge was never shown")


async def in_summary(pilot: Pilot[int], at_end: bool) -> TextArea:
    """The stage's Summary focused, its cursor at its start or end."""
    await settle(pilot)
    summary = pilot.app.screen.query_one("#summary", TextArea)
    summary.focus()
    summary.move_cursor(summary.document.end if at_end else (0, 0))
    await settle(pilot)
    return summary


@pytest.mark.parametrize("at_end", [False, True], ids=["start", "end"])
async def test_typing_goes_on_in_the_same_field_after_a_merge(
    db_path: Path, at_end: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = open_at(db_path, incident(), "stage")
    said = notices(app, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        summary = await in_summary(pilot, at_end)
        await type_text(pilot, "Pool ran dry")
        await settle(pilot)
        typed_at = summary.cursor_location
        add_event_elsewhere(db_path)
        await until_merged(pilot, said, 1)
        summary = app.screen.query_one("#summary", TextArea)
        assert app.focused is summary and summary.cursor_location == typed_at
        await type_text(pilot, " at noon")
        await settle(pilot)
        assert "Pool ran dry at noon" in summary.text
        await pilot.press("ctrl+q")
    stored = Store(db_path).get("k7m2qx")
    assert "Pool ran dry at noon" in stored.summary
    assert "Added by retro timeline add" in [e.text for e in stored.timeline]


async def test_a_merge_in_the_middle_of_a_burst_keeps_every_key_in_order(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = open_at(db_path, incident(), "stage")
    said = notices(app, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await in_summary(pilot, at_end=False)
        add_event_elsewhere(db_path)
        outcome = app.session.refresh()
        assert outcome.merged
        # Keys already on their way when the merge is put on screen.
        for character in "Pool ran dry":
            app.post_message(events.Key(key_name(character), character))
        app.call_later(app.show_merge, outcome)
        await type_text(pilot, " at noon")
        await settle(pilot)
        assert merges_said(said) == 1
        summary = app.screen.query_one("#summary", TextArea)
        assert summary.text.startswith("Pool ran dry at noon")
        assert "Added by retro timeline add" in [e.text for e in app.pm.timeline]


async def test_another_app_opening_it_is_not_announced_a_change_is(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = open_at(db_path, incident(), "timeline")
    said = notices(app, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # What a second app opening a postmortem made elsewhere (no step
        # yet) writes: the step it starts at, and the stamps.
        store = Store(db_path)
        store.save(store.get("k7m2qx").model_copy(update={"phase": "stage"}))
        stamped = store.revision("k7m2qx")
        for _ in range(200):
            if app.session.revision == stamped:
                break
            await pilot.pause(0.05)
        assert app.session.revision == stamped
        await settle(pilot)
        assert merges_said(said) == 0
        add_event_elsewhere(db_path)
        await until_merged(pilot, said, 1)
        assert app.screen.PHASE == "timeline"  # type: ignore[attr-defined]


async def test_a_timeline_line_being_typed_goes_on_after_a_merge(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = open_at(db_path, incident(), "timeline")
    said = notices(app, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_text(pilot, "15:40 cache warm")
        add_event_elsewhere(db_path)
        await until_merged(pilot, said, 1)
        await type_text(pilot, "ed up")
        await settle(pilot)
        entry = app.screen.query_one(EventInput)
        assert app.focused is entry and entry.value == "15:40 cache warmed up"
        # Not "kept from last time": it is what is being typed now.
        message = app.screen.query_one("#timeline-message", Static)
        assert "Kept from last time" not in str(message.render())
