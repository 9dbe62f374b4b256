"""A terminal's page of ``retro actions`` from the open items kept per index
shard: the whole board's first rows and counts, on any day, after any
write, whatever happened to the kept files."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from factories import incident, varied_actions

from retrotui.document.ids import doc_id_for
from retrotui.document.models import ActionItem
from retrotui.followup import board_kept
from retrotui.followup.board import board, filtered, read_sources
from retrotui.followup.board_page import Filters, board_page
from retrotui.storage.layout import ACTIONS, LIST, Layout, shard_of
from retrotui.storage.store import Store

TODAY = date(2026, 12, 3)


@pytest.fixture
def many(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """150 postmortems' items open, done and dropped, due on few days (ties)
    or none, item ids that repeat across postmortems; two kept per shard."""
    monkeypatch.setattr(board_kept, "TOP", 2)
    Store(db_path).put_many(varied_actions(TODAY))
    return db_path


def whole(db_path: Path, today: date) -> list:
    return filtered(board(read_sources(db_path, []), today))


def same_as_whole(db_path: Path, today: date, limit: int) -> None:
    rows = whole(db_path, today)
    page = board_page(db_path, Filters(today), limit)
    assert page.rows == rows[:limit]
    assert page.total == len(rows)
    assert page.overdue == sum(row.overdue for row in rows)
    assert page.skipped == []


def kept_files(db: Path) -> list[Path]:
    return sorted((Layout(db).folder / "board").glob("*.json"))


@pytest.mark.parametrize("limit", [1, 2])
def test_the_page_is_the_whole_boards_first_rows_on_any_day(
    many: Path, limit: int
) -> None:
    for days in (0, -20, 5, 20):  # kept once, then read for other days
        same_as_whole(many, TODAY + timedelta(days=days), limit)
    assert len(kept_files(many)) == 64


def test_a_write_is_seen_by_the_next_page(many: Path) -> None:
    same_as_whole(many, TODAY, 2)
    late = incident("zz0001", "Newest outage")
    late.actions = [ActionItem(id="a-1", text="First", due=date(2026, 1, 1))]
    Store(many).add(late)
    page = board_page(many, Filters(TODAY), 1)
    assert page.rows[0].pm_id == "zz0001" and page.rows[0].ref == "zz0001/a-1"
    same_as_whole(many, TODAY, 2)
    Store(many).delete("zz0001")
    same_as_whole(many, TODAY, 2)


def test_damaged_or_older_kept_files_are_read_again(many: Path) -> None:
    same_as_whole(many, TODAY, 2)
    files = kept_files(many)
    files[0].write_text("{not json")
    files[1].write_text(json.dumps({"top": [], "ids": {}, "dues": {}}))
    files[2].unlink()
    same_as_whole(many, TODAY, 2)
    assert json.loads(files[0].read_text())["version"] == board_kept.VERSION
    # Of the right outline, holding something else: the index answers.
    for file in files:
        part = json.loads(file.read_text())
        part["top"] = [[["2000-01-01"], [1, 2], True, "not an item"]]
        file.write_text(json.dumps(part))
    same_as_whole(many, TODAY, 2)


def test_a_failing_postmortem_on_the_page_is_named_by_the_whole_board(
    many: Path,
) -> None:
    first = board_page(many, Filters(TODAY), 1).rows[0]
    # Its items in the index damaged by hand (the shard's log folded in).
    layout = Layout(many)
    key = str(doc_id_for(first.pm_id))
    shard = shard_of(key)
    parts = {part: layout.read_shard(shard, part) for part in (LIST, ACTIONS)}
    items = parts[ACTIONS][key]
    n = next(n for n, item in enumerate(items) if item["id"] == first.item.id)
    items[n]["owner"] = 5
    for part, data in parts.items():
        layout.shard_file(shard, part).write_text(json.dumps(data))
    layout.log_file(shard).unlink(missing_ok=True)
    page = board_page(many, Filters(TODAY), 2)
    assert [str(e) for e in page.skipped] == [
        f"postmortem '{first.pm_id}': actions.{n}.owner: not text"
    ]
    assert first.pm_id not in {row.pm_id for row in page.rows}


def test_filters_and_big_pages_read_the_whole_board(many: Path) -> None:
    board_page(many, Filters(TODAY, owner="kim"), 1)
    board_page(many, Filters(TODAY), 3)
    assert kept_files(many) == []
