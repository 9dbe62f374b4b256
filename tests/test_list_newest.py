"""Home's first page from the newest entries kept per index shard
(``storage.newest``): the whole index's first rows after any write, whatever
happened to the kept files (see ``test_home_first_page`` for the order)."""

from __future__ import annotations

import json
import stat
from datetime import timedelta
from pathlib import Path

import pytest
from factories import incident, over_days

from retrotui.storage import newest
from retrotui.storage.layout import Layout, shard_of
from retrotui.storage.listing import home_order, read_entries
from retrotui.storage.store import Store
from screens.home_data import first_page

COUNT = 150
TOP = 3


@pytest.fixture
def many(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """COUNT postmortems over 40 days (many share a day), three kept per
    shard: most shards hold more than that."""
    monkeypatch.setattr(newest, "TOP", TOP)
    Store(db_path).put_many(over_days(COUNT, 40))
    return db_path


def page(db: Path) -> tuple[list[str], int, list[str]]:
    """Home's first rows (ids), how many there are, the ones skipped."""
    shelf = first_page(db)
    assert shelf is not None
    by_key = shelf.entries.by_key
    ids = [by_key[k]["id"] for k in shelf.parts[0][:TOP]]
    return ids, shelf.total, [str(e) for e in shelf.entries.skipped]


def whole(db: Path) -> tuple[list[str], int, list[str]]:
    entries = read_entries(db)
    ids = [entries.by_key[k]["id"] for k in home_order(entries.by_key)]
    return ids[:TOP], len(ids), [str(e) for e in entries.skipped]


def kept_files(db: Path) -> list[Path]:
    return sorted((Layout(db).folder / "newest").glob("*.json"))


def test_the_page_is_the_one_the_whole_index_gives(many: Path) -> None:
    first = page(many)
    assert len(kept_files(many)) == 64
    assert first == page(many) == whole(many)


def test_a_write_is_seen_by_the_next_page(many: Path) -> None:
    late = incident("z00001", "Newest outage")
    late.timeline = [
        e.model_copy(update={"at": e.at + timedelta(days=90)}) for e in late.timeline
    ]
    late.updated = late.updated + timedelta(days=90)  # the draft touched last
    Store(many).add(late)
    assert page(many) == whole(many)
    assert page(many)[0][0] == "z00001" and page(many)[1] == COUNT + 1
    Store(many).delete("z00001")
    assert page(many) == whole(many)


def test_damaged_or_missing_kept_files_are_read_again(many: Path) -> None:
    expected = page(many)
    files = kept_files(many)
    files[0].write_text("{not json")
    files[1].write_text(json.dumps({"count": 1, "top": [], "skipped": []}))
    files[2].unlink()
    assert page(many) == expected
    assert json.loads(files[0].read_text())["count"] >= 0
    assert files[2].exists()


def test_kept_files_are_private(many: Path) -> None:
    page(many)
    folder = Layout(many).folder / "newest"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert {stat.S_IMODE(f.stat().st_mode) for f in kept_files(many)} == {0o600}


def test_a_store_that_cannot_keep_them_still_shows_the_page(
    many: Path, unwritable_kept
) -> None:
    assert page(many) == whole(many)
    assert kept_files(many) == []


def test_an_unlistable_postmortem_is_named_and_a_pending_write_reads_the_index(
    many: Path,
) -> None:
    layout = Layout(many)
    key = next(k for k in layout.doc_keys() if layout.read_doc(k)["id"] == "p00039")
    shard_file = layout.shard_file(shard_of(key))
    shard = json.loads(shard_file.read_text())
    shard[key] = {"id": "p00039", "unreadable": "its title is not text"}
    shard_file.write_text(json.dumps(shard))
    assert "postmortem 'p00039': its title is not text" in page(many)[2]
    assert page(many) == whole(many)
    # A writer killed between the document and the index: no first page,
    # the whole index is read (and brought in step in memory).
    layout.pending.write_text(json.dumps([key]))
    assert first_page(many) is None
