"""Evidence from the timeline screen (ctrl+t): a path or pasted lines, a
preview, then the events in the timeline with their source."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from factories import incident, settle
from textual.widgets import DataTable

from retrotui.app import RetroApp
from retrotui.storage.store import Store
from screens.evidence import EvidenceScreen

NOW = datetime(2026, 12, 30, 9, 0, tzinfo=timezone.utc)


def clock() -> datetime:
    return NOW


def _app(db_path: Path) -> RetroApp:
    pm = incident()
    pm.phase = "timeline"
    Store(db_path).add(pm)
    return RetroApp(db_path, pm_id=pm.id, clock=clock)


async def _open_with(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("ctrl+t")
    await pilot.pause()
    pilot.app.screen.query_one("TextArea").insert(text)
    await settle(pilot)


async def test_a_path_previews_then_adds_with_the_source(
    db_path: Path, tmp_path: Path
) -> None:
    notes = tmp_path / "history"
    notes.write_text("#1763647920\nsystemctl restart pgbouncer\n")
    app = _app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_with(pilot, str(notes))
        assert isinstance(app.screen, EvidenceScreen)
        summary = str(app.screen.query_one("#evidence-summary").render())
        assert "bash history: 1 to add, 0 already there" in summary
        assert "times in UTC" in summary
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert not isinstance(app.screen, EvidenceScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)
    (added,) = [e for e in Store(db_path).get("k7m2qx").timeline if e.source]
    assert (added.source, added.text) == ("shell", "$ systemctl restart pgbouncer")


async def test_pasted_lines_already_there_and_bad_input(db_path: Path) -> None:
    app = _app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_with(
            pilot, "2026-11-20 14:00 Promotion email sent\n14:51 \x1b[31mlate"
        )
        summary = str(app.screen.query_one("#evidence-summary").render())
        assert "1 to add, 1 already there" in summary
        area = app.screen.query_one("TextArea")
        area.clear()
        area.insert('{"kind": "Nope"}')
        await settle(pilot)
        summary = str(app.screen.query_one("#evidence-summary").render())
        assert "neither a Slack export" in summary
        await pilot.press("ctrl+g")  # nothing to add: stays open
        assert isinstance(app.screen, EvidenceScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, EvidenceScreen)
    assert len(Store(db_path).get("k7m2qx").timeline) == 5


def test_evidence_preview_snapshot(snap_compare, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = _app(db_path)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _open_with(
            pilot, "2026-11-20 14:02 [b]markup[/b] stays text\n14:03 paged"
        )

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


async def test_a_long_line_is_cut_with_an_ellipsis_inside_the_preview(
    db_path: Path,
) -> None:
    """Sized by its longest line, the preview scrolled sideways and cut long
    lines at the box's edge with nothing to say they went on."""
    line = (
        "2026-12-30 08:40 rolled back build 4411 on web-3 after the canary "
        "showed a five times higher error rate than the rest of the fleet"
    )
    app = _app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_with(pilot, line)
        table = app.screen.query_one("#evidence-preview", DataTable)
        assert table.row_count == 1
        assert table.virtual_size.width <= table.scrollable_content_region.width
        row = table.render_line(1).text.rstrip()
        assert row.endswith("…") and "rolled back build 4411" in row
