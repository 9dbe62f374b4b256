"""Typing redraws what changed without laying the screen out, and what grows
or shrinks still gets its room (widgets/refit.py, TextEntry's virtual size)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from factories import incident, open_at, settle, stored, type_text
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input

from retrotui.checks.readiness import check_item
from retrotui.document.models import ActionItem
from widgets.findings import FindingsPanel
from widgets.smart_panel import SmartPanel


async def laid_out_height(pilot: Pilot[int], widget: Widget) -> tuple[int, int]:
    """The widget's height as typing left it, and after a full layout."""
    await settle(pilot)
    before = widget.outer_size.height
    pilot.app.screen.refresh(layout=True)
    await settle(pilot)
    return before, widget.outer_size.height


async def test_panels_get_the_room_their_words_need_as_they_grow_and_shrink(
    db_path: Path,
) -> None:
    app = open_at(db_path, incident(), "actions")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(SmartPanel)
        findings = app.screen.query_one(FindingsPanel)
        empty = panel.outer_size.height
        await type_text(pilot, "Be more careful")  # every criterion's hint
        grown, laid_out = await laid_out_height(pilot, panel)
        assert grown == laid_out > empty
        await type_text(pilot, " with the pool: Maria forgot to check it")
        assert findings.findings  # blaming words: the panel shows up
        shown, laid_out = await laid_out_height(pilot, findings)
        assert shown == laid_out > 0
        await pilot.press("tab")
        await type_text(pilot, "Team Data")
        await pilot.press("tab")
        await type_text(pilot, "in 2 weeks")
        fewer, laid_out = await laid_out_height(pilot, panel)
        assert fewer == laid_out < grown  # hints gone as criteria pass
        await pilot.press("shift+tab", "shift+tab", "ctrl+u")
        await pilot.press("tab", "ctrl+u", "tab", "ctrl+u")
        cleared, laid_out = await laid_out_height(pilot, panel)
        assert cleared == laid_out == empty
        assert not findings.display


async def test_a_line_longer_than_its_field_keeps_its_end_and_cursor_in_view(
    db_path: Path,
) -> None:
    text = (
        "Raise the web tier pool limit to 400 connections and add a load test "
        "of promotion traffic to the release checklist before each campaign"
    )
    app = open_at(db_path, incident(), "actions")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        box = app.screen.query_one("#action-text", Input)
        await type_text(pilot, text)
        await settle(pilot)
        width = box.content_size.width
        assert box.value == text and box.cursor_position == len(text)
        assert box.scroll_x > 0
        assert box.scroll_x <= len(text) < box.scroll_x + width
        await pilot.press("home")
        await settle(pilot)
        assert box.scroll_x == 0
        saved = stored(app)
    assert saved.actions[-1].text == text


def test_an_items_check_follows_its_words_and_the_day() -> None:
    pm = incident()
    item = ActionItem(
        text="Add an alert when database connections exceed 80% of max_connections",
        owner="Team Data",
        due=date(2026, 12, 18),
        factor_ids=["f-pool"],
    )
    before = check_item(pm, item, date(2026, 11, 21))
    assert before.ok
    assert check_item(pm, item, date(2026, 11, 21)) == before
    # The same words a day past the due date: no longer time-bound.
    assert not check_item(pm, item, date(2026, 12, 19)).ok
    vague = item.model_copy(update={"text": "Be more careful with the pool"})
    assert not check_item(pm, vague, date(2026, 11, 21)).ok
