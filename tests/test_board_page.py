"""The board's first page, read without checking every item, is the whole
board's first rows, with its counts, under every filter."""

from __future__ import annotations

import itertools
import json
import random
from datetime import date, timedelta
from pathlib import Path

import pytest
from factories import incident

from retrotui.document.ids import doc_id_for
from retrotui.document.models import ActionItem
from retrotui.document.schema import ActionStatus
from retrotui.errors import BadDocument
from retrotui.followup.board import board, filtered, read_sources
from retrotui.followup.board_page import Filters, board_page
from retrotui.storage.layout import Layout
from retrotui.storage.store import Store

TODAY = date(2026, 12, 3)


@pytest.fixture
def varied(db_path: Path) -> Path:
    """Items open, done and dropped, with and without due dates (ties
    among them), owners of several spellings, item ids that repeat across
    postmortems, and postmortems about different services."""
    rng = random.Random(18)
    pms = []
    for n in range(12):
        pm = incident(f"pm{n:04d}", f"Incident {n}")
        pm.services = [["web"], ["Postgres", "web"], ["billing"]][n % 3]
        pm.actions = [
            ActionItem(
                id=f"a-{rng.randint(0, 6)}" if k % 2 else f"a-{n}-{k}",
                text=f"Item {n}.{k}",
                owner=rng.choice(["Team Data", "kim", "", "team data  ops"]),
                due=rng.choice([None, TODAY + timedelta(days=rng.randint(-5, 5))]),
                status=rng.choice(list(ActionStatus)),
            )
            for k in range(rng.randint(0, 6))
        ]
        pms.append(pm)
    Store(db_path).put_many(pms)
    return db_path


FILTERS = [
    Filters(TODAY, owner, service, overdue, closed)
    for owner, service, overdue, closed in itertools.product(
        [None, "data", "KIM"], [None, "postgres", "WEB "], [False, True], [False, True]
    )
]


def whole(db_path: Path, filters: Filters) -> list:
    skipped: list[BadDocument] = []
    rows = filtered(
        board(read_sources(db_path, skipped), filters.today),
        owner=filters.owner,
        service=filters.service,
        overdue=filters.overdue,
        include_closed=filters.include_closed,
    )
    return rows


@pytest.mark.parametrize("limit", [1, 3, 200, None])
def test_a_page_is_the_whole_boards_first_rows(varied: Path, limit: int | None) -> None:
    """None: every row (``retro actions`` piped or ``--json``)."""
    for filters in FILTERS:
        rows = whole(varied, filters)
        page = board_page(varied, filters, limit)
        assert page.rows == rows[:limit], filters
        assert page.total == len(rows)
        assert page.overdue == sum(row.overdue for row in rows)
        assert page.skipped == []


def test_a_postmortem_whose_items_fail_is_named_and_left_out(varied: Path) -> None:
    layout = Layout(varied)
    key = str(doc_id_for("pm0003"))
    doc = json.loads(layout.doc_file(key).read_text())
    stored = doc["postmortems"][key]
    stored["actions"] = [
        {"id": "a-bad", "text": "Due on no day", "due": "someday", "status": "open"},
        {"id": "a-1", "text": "Overdue", "due": "2026-01-01", "status": "open"},
    ]
    layout.doc_file(key).write_text(json.dumps(doc))
    layout.pending.write_text(json.dumps([key]))
    filters = Filters(TODAY)
    rows = whole(varied, filters)
    for limit in (3, None):
        page = board_page(varied, filters, limit)
        assert page.rows == rows[:limit]
        assert page.total == len(rows)
        assert page.overdue == sum(r.overdue for r in rows)
        assert [str(error) for error in page.skipped] == [
            "postmortem 'pm0003': actions.0.due: not a date"
        ]
