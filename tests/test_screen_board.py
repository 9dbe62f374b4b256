"""The action board: reached from home, views, owner filter, done, reopen,
due date, open the postmortem; snapshots of it and of home's review line."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from factories import incident, type_text, workers_done
from textual.widgets import DataTable

from retrotui.app import RetroApp
from retrotui.document.models import ActionItem, Status
from retrotui.storage.store import Store
from screens.board import BoardScreen
from screens.home import HomeScreen

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=timezone.utc)


def clock() -> datetime:
    return NOW


def fill(db_path: Path) -> None:
    first = incident()
    first.status = Status.published
    first.follow_up_on = date(2026, 12, 18)
    first.actions += [
        ActionItem(
            id="a-rot",
            text="Rotate the database password and keep it in vault",
            owner="@maria",
            due=date(2026, 11, 1),
        ),
        ActionItem(
            id="a-old",
            text="Move the cron job to the scheduler",
            owner="@lee",
            due=date(2026, 11, 20),
            status="done",
            closed_on=date(2026, 11, 25),
            closing_note="https://github.com/acme/db/pull/88",
        ),
    ]
    second = incident("b3xk9p", "Cache stampede after deploy")
    second.status = Status.closed
    second.follow_up_on = date(2026, 11, 30)
    Store(db_path).put_many([first, second])


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    await workers_done(pilot.app)
    await pilot.pause()
    await workers_done(pilot.app)
    await pilot.pause()


async def to_board(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("a")
    await settle(pilot)


def shown(app: RetroApp) -> list[str]:
    table = app.screen.query_one("#board-table", DataTable)
    return [str(key.value) for key in table.rows]


async def test_views_and_owner_filter(db_path: Path) -> None:
    fill(db_path)
    app = RetroApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_board(pilot)
        assert isinstance(app.screen, BoardScreen)
        assert shown(app) == ["k7m2qx/a-rot", "b3xk9p/a-alrt", "k7m2qx/a-alrt"]
        header = str(app.screen.query_one("#board-header").render())
        assert "3 open" in header and "1 OVERDUE" in header
        await pilot.press("v")
        assert shown(app) == ["k7m2qx/a-rot"]
        await pilot.press("v")
        assert shown(app) == ["k7m2qx/a-old"]
        detail = str(app.screen.query_one("#board-detail").render())
        assert "closed 2026-11-25: https://github.com/acme/db/pull/88" in detail
        await pilot.press("v", "slash")
        await type_text(pilot, "LEE")
        await pilot.press("enter")
        assert shown(app) == ["k7m2qx/a-old"]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_done_reopen_and_due_are_saved(db_path: Path) -> None:
    fill(db_path)
    app = RetroApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_board(pilot)
        await pilot.press("d")
        await type_text(pilot, "PR 91")
        await pilot.press("enter")
        await settle(pilot)
        rot = Store(db_path).get("k7m2qx").actions[1]
        assert (rot.status.value, rot.closed_on) == ("done", date(2026, 12, 3))
        assert rot.closing_note == "PR 91"
        assert "k7m2qx/a-rot" not in shown(app)
        await pilot.press("v", "v")
        assert "k7m2qx/a-rot" in shown(app)
        table = app.screen.query_one("#board-table", DataTable)
        table.move_cursor(row=shown(app).index("k7m2qx/a-rot"))
        await pilot.press("r")
        await settle(pilot)
        assert Store(db_path).get("k7m2qx").actions[1].status.value == "open"

        await pilot.press("v", "v")
        table.move_cursor(row=shown(app).index("k7m2qx/a-rot"))
        await pilot.press("e")
        await type_text(pilot, "asap")
        detail = str(app.screen.query_one("#board-detail").render())
        assert "is not a due date" in detail
        await pilot.press("enter")  # refused: nothing saved, the text stays
        assert Store(db_path).get("k7m2qx").actions[1].due == date(2026, 11, 1)
        await pilot.press("ctrl+u")
        await type_text(pilot, "end of Q1")
        assert "Wed 2027-03-31" in str(app.screen.query_one("#board-detail").render())
        await pilot.press("enter")
        await settle(pilot)
        rot = Store(db_path).get("k7m2qx").actions[1]
        assert (rot.due, rot.due_text) == (date(2027, 3, 31), "end of Q1")
        # The item moved down the list and stays highlighted.
        assert shown(app)[table.cursor_row] == "k7m2qx/a-rot"
        # Esc in the due line cancels it; the next one goes home.
        await pilot.press("e", "escape")
        assert isinstance(app.screen, BoardScreen)
        assert not app.screen.query_one("#board-line").display
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_enter_opens_the_postmortem_and_escape_goes_home(
    db_path: Path,
) -> None:
    fill(db_path)
    app = RetroApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_board(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.pm is not None and app.pm.id == "k7m2qx"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


@pytest.mark.parametrize("view_presses", [0, 2], ids=["open", "done"])
def test_board_snapshot(snap_compare, db_path: Path, view_presses: int) -> None:  # type: ignore[no-untyped-def]
    fill(db_path)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await to_board(pilot)
        await pilot.press(*["v"] * view_presses)
        await pilot.pause()

    app = RetroApp(db_path, clock=clock)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_home_with_reviews_snapshot(snap_compare, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    fill(db_path)
    app = RetroApp(db_path, clock=clock)
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)


async def test_a_long_action_is_cut_with_an_ellipsis_inside_the_view(
    db_path: Path,
) -> None:
    """Cut to the width beside the scrollbar: cut to the screen's width, a row
    was 2 cells wider than the table showed (a sideways scrollbar, and the
    ellipsis that says the text goes on was off the edge)."""
    pm = incident()
    pm.actions = [
        ActionItem(
            id=f"a-{number:02d}",
            text="Add an alert when the connection pool stays above 80% of its "
            "size for five minutes, paging the database on-call rotation",
            owner="Team Data",
            due=date(2026, 12, 20),
        )
        for number in range(30)  # more rows than fit: a scrollbar
    ]
    Store(db_path).add(pm)
    app = RetroApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_board(pilot)
        table = app.screen.query_one("#board-table", DataTable)
        assert table.virtual_size.width <= table.scrollable_content_region.width
        first_row = table.render_line(1).text.rstrip()
        assert first_row.endswith("…") and "Add an alert" in first_row


async def test_a_long_board_is_added_a_page_at_a_time(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """89,500 open items at 20,000 postmortems were all added at once: the
    screen held for 8 s under 'Action items · 0 open'."""
    import threading

    import screens.board
    from widgets.paged_table import PagedTable

    pms = []
    for n in range(60):
        pm = incident(f"pm{n:04d}", f"Incident {n}")
        pm.actions = [
            ActionItem(id=f"a-{n}-{k}", text=f"Item {n}.{k}", due=date(2027, 1, 1 + k))
            for k in range(3)
        ]
        pms.append(pm)
    Store(db_path).put_many(pms)
    gate = threading.Event()
    read = screens.board.read_sources

    def held(*args):  # type: ignore[no-untyped-def]
        assert gate.wait(10), "the test never let the board be read"
        return read(*args)

    monkeypatch.setattr(screens.board, "read_sources", held)
    app = RetroApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        header = app.screen.query_one("#board-header")
        assert str(header.render()) == "Action items · reading ..."
        gate.set()
        await settle(pilot)
        assert "180 open" in str(header.render())
        table = app.screen.query_one("#board-table", PagedTable)
        assert 0 < table.row_count < 180
        # Pushed back past the first page by a later due date, the item
        # stays highlighted.
        first = shown(app)[0]
        await pilot.press("e")
        await type_text(pilot, "2028-01-01")
        await pilot.press("enter")
        await settle(pilot)
        assert shown(app)[table.cursor_row] == first
        assert table.cursor_row > 100
        await pilot.press("end")
        assert table.row_count == 180
