"""Pastes into entry lines: never a crash, never text dropped in silence."""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import clock, incident, notices, open_at, settle, stored, type_text
from textual import events

from retrotui.app import RetroApp
from retrotui.document.schema import MAX_LINE, MAX_TEXT
from widgets.text_entry import TextEntry, removed_text

HUGE = "the replica fell behind " * 2000  # 48,000 characters


@pytest.mark.parametrize(
    ("phase", "entry", "stored_as"),
    [
        ("insights", "#insights-input", lambda pm: pm.went_well[-1]),
        ("factors", "#factors-input", lambda pm: pm.factors[-1].text),
        ("review", "#review-takeaway", lambda pm: pm.takeaways[-1]),
    ],
)
async def test_a_huge_paste_is_cut_to_fit_with_a_message_and_then_added(
    db_path: Path, phase: str, entry: str, stored_as, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    app = open_at(db_path, incident(), phase)
    said = notices(app, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        box = app.screen.query_one(entry, TextEntry)
        box.focus()
        box.post_message(events.Paste(HUGE))
        await pilot.pause()
        assert len(box.value) == MAX_TEXT
        assert any("cut to fit" in note and "20,000" in note for note in said)
        await pilot.press("enter")
        await settle(pilot)
        assert app.return_code is None  # still running: no crash
        pm = stored(app)
    assert stored_as(pm) == HUGE[:MAX_TEXT].strip()


async def test_a_paste_of_several_lines_keeps_every_line(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = open_at(db_path, incident(), "insights")
    said = notices(app, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        box = app.screen.query_one("#insights-input", TextEntry)
        box.post_message(events.Paste("Paging worked\n\n  the runbook was current\n"))
        await pilot.pause()
        assert box.value == "Paging worked the runbook was current"
        assert not said


async def test_typing_into_a_full_field_says_why_nothing_happens(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = open_at(db_path, incident(), "actions")
    said = notices(app, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        owner = app.screen.query_one("#action-owner", TextEntry)
        owner.focus()
        await pilot.pause()
        owner.value = "x" * MAX_LINE
        owner.cursor_position = MAX_LINE
        await pilot.press("y", "y", "y")
        assert owner.value == "x" * MAX_LINE
        full = [note for note in said if "is full" in note]
        assert full == ["This field is full: it holds at most 300 characters."]


def test_what_counts_as_text_removed() -> None:
    assert removed_text("Disk full on db-2", "x")  # a selection typed over
    assert removed_text("Disk full on db-2", "")  # ctrl+u
    assert removed_text("Disk full on db-2", "Disk full on ")  # ctrl+w
    assert not removed_text("Disk full", "Disk full!")  # typing on
    assert not removed_text("Disk full", "Disk ful")  # one backspace
    assert not removed_text("", "x")


async def test_a_filled_field_survives_the_first_key_and_ctrl_z_restores(
    db_path: Path,
) -> None:
    pm = incident(title="Disk full on db-2")
    app = open_at(db_path, pm, "stage")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        title = app.screen.query_one("#title", TextEntry)
        assert app.focused is title
        await pilot.press("x")
        assert title.value == "Disk full on db-2x"
        await pilot.press("backspace", "ctrl+u")
        assert title.value == ""
        await pilot.press("ctrl+z")
        assert title.value == "Disk full on db-2"
        await settle(pilot)
        assert stored(app).title == "Disk full on db-2"


async def test_a_new_drafts_generated_title_is_typed_over_and_ctrl_z_restores(
    db_path: Path,
) -> None:
    app = RetroApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        title = app.screen.query_one("#title", TextEntry)
        assert app.focused is title
        generated = title.value
        assert generated.startswith("Incident on ")
        await type_text(pilot, "Disk full")
        assert title.value == "Disk full"
        # Typed words are the user's: Tab away and back selects nothing.
        await pilot.press("tab", "shift+tab", "x")
        assert title.value == "Disk fullx"
        await pilot.press("backspace")
        await settle(pilot)
        assert stored(app).title == "Disk full"
        await pilot.press("ctrl+u", "ctrl+z")
        assert title.value == "Disk full"
        await pilot.press("ctrl+z")
        assert title.value == generated


def test_only_the_generated_title_counts_as_generated() -> None:
    assert incident(title="Incident on 2026-12-30").has_generated_title
    for typed in ("Disk full on db-2", "Incident on 2026-12-30 in eu-west", ""):
        assert not incident(title=typed or "x").has_generated_title
