"""Home's first page, read from the newest entries kept per index shard
(``storage.newest``) and shown before the whole index is read: the same
rows, in the same order, as the whole index gives, drafts first."""

from __future__ import annotations

import json
import random
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from factories import incident, settle
from textual.widgets import DataTable, Input

import screens.home
from retrotui.app import RetroApp
from retrotui.document.models import Postmortem, Status
from retrotui.document.schema import Kind
from retrotui.storage import newest
from retrotui.storage.layout import Layout
from retrotui.storage.listing import DRAFT, RETRO, home_order, read_entries
from retrotui.storage.store import Store
from screens.home_data import Shelf, first_page

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)


def generated(db_path: Path, count: int, seed: int) -> None:
    """``count`` postmortems of every status, a fifth of them team
    retrospectives, over few days and few update times (many ties)."""
    rng = random.Random(seed)
    pms: list[Postmortem] = []
    for n in range(count):
        pm = incident(f"g{n:05d}", f"Generated {n}")
        pm.status = rng.choice(list(Status))
        if rng.random() < 0.2:
            pm.kind = Kind.retro
        shift = timedelta(days=rng.randrange(12))
        pm.timeline = [e.model_copy(update={"at": e.at + shift}) for e in pm.timeline]
        pm.updated = T0 + timedelta(hours=rng.randrange(20))
        pms.append(pm)
    Store(db_path).put_many(pms)


def whole(db_path: Path) -> Shelf:
    entries = read_entries(db_path)
    return Shelf(entries, home_order(entries.by_key))


def page_of(db_path: Path) -> Shelf:
    page = first_page(db_path)
    assert page is not None and not page.complete
    return page


@pytest.mark.parametrize(("count", "top", "seed"), [(150, 3, 1), (300, 5, 2)])
def test_the_first_page_is_the_whole_index_first_rows(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, count: int, top: int, seed: int
) -> None:
    # Few kept per shard: most shards hold more than that, of each kind.
    monkeypatch.setattr(newest, "TOP", top)
    generated(db_path, count, seed)
    full = whole(db_path)
    for _ in range(2):  # worked out from the index, then from the kept files
        page = page_of(db_path)
        assert page.parts[0] == full.parts[0][:top]
        assert page.parts[1] == full.parts[1][:top]
        assert (page.total, page.drafts, page.retro_count) == (
            full.total,
            full.drafts,
            full.retro_count,
        )
        assert page.latest_draft() == full.latest_draft()


def test_every_draft_leads_the_first_page(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    generated(db_path, 200, 3)
    page, full = page_of(db_path), whole(db_path)
    by_key = page.entries.by_key
    drafts = [k for k in full.parts[0] if full.entries.by_key[k]["status"] == DRAFT]
    assert 0 < len(drafts) < newest.TOP
    assert page.parts[0][: len(drafts)] == drafts
    assert all(by_key[k]["status"] != DRAFT for k in page.parts[0][len(drafts) :])
    assert all(by_key[k]["kind"] == RETRO for k in page.parts[1])


def test_kept_files_of_an_older_retro_are_read_again(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An older retro kept only the newest by date, without home's order
    or counts: such a file is worked out again from its shard."""
    monkeypatch.setattr(newest, "TOP", 3)
    generated(db_path, 150, 4)
    expected = page_of(db_path).parts
    for kept in (Layout(db_path).folder / "newest").glob("*.json"):
        part = json.loads(kept.read_text())
        older = {n: part[n] for n in ("stamp", "count", "skipped")}
        kept.write_text(json.dumps({**older, "top": {}}))
    assert page_of(db_path).parts == expected


def test_a_single_file_store_has_no_first_page(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_text('{"postmortems": {}}')
    Path(f"{db_path}.d").mkdir()  # not the split layout's marker
    assert first_page(db_path) is None


def keys(table: DataTable) -> list[str]:
    return [str(k.value) for k in table.rows]


def ids(shelf: Shelf, part: int, count: int | None = None) -> list[str]:
    """The ids of a list's first ``count`` postmortems (rows are keyed by id)."""
    return [shelf.entries.by_key[k]["id"] for k in shelf.parts[part][:count]]


async def test_home_shows_the_first_page_before_the_whole_index_is_read(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(newest, "TOP", 3)
    generated(db_path, 150, 5)
    full = whole(db_path)
    gate = threading.Event()
    read = screens.home.read_entries

    def held(path: Path):  # type: ignore[no-untyped-def]
        assert gate.wait(10), "the test never let the index be read"
        return read(path)

    monkeypatch.setattr(screens.home, "read_entries", held)
    app = RetroApp(db_path, clock=lambda: T0)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        table = screen.query_one("#home-list", DataTable)
        retros = screen.query_one("#home-retros", DataTable)
        for _ in range(200):
            await pilot.pause(0.01)
            if table.row_count:
                break
        # The first page, while the index is still unread.
        assert keys(table) == ids(full, 0, 3)
        assert keys(retros) == ids(full, 1, 3)
        header = str(screen.query_one("#home-header").render())
        assert f"{full.total} in all, {full.drafts} draft(s)" in header
        title = str(screen.query_one("#home-retros-title").render())
        assert title == f"Team retrospectives: {full.retro_count}"
        # A filter typed now waits for the whole index.
        await pilot.press("slash", *"generated 14")
        assert keys(table) == ids(full, 0, 3)
        screen.query_one("#home-filter", Input).value = ""
        gate.set()
        await settle(pilot)
        # The rest follows the first page, and scrolling reaches the end.
        assert keys(table) == ids(full, 0, table.row_count)
        assert table.row_count > 3
        while not table.all_shown:
            table.more()
        assert keys(table) == ids(full, 0)
        assert keys(retros) == ids(full, 1, retros.row_count)
        # The filter looks at every postmortem, not the first page's.
        last = ids(full, 0)[-1]
        screen.query_one("#home-filter", Input).value = last
        await settle(pilot)
        assert keys(table)[0] == last
