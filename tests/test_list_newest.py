"""A terminal's page of ``retro list`` from the newest entries kept per index
shard: the same rows as from the whole index, after any write, whatever
happened to the kept files."""

from __future__ import annotations

import json
import stat
from datetime import timedelta
from pathlib import Path

import pytest
from factories import incident, over_days
from factories import run_cli as run

from retrotui.storage import newest
from retrotui.storage.layout import Layout, shard_of
from retrotui.storage.store import Store

COUNT = 150


@pytest.fixture
def many(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """COUNT postmortems over 40 days (many share a day), three kept per
    shard: most shards hold more than that."""
    monkeypatch.setattr(newest, "TOP", 3)
    Store(db_path).put_many(over_days(COUNT, 40))
    return db_path


def page(capsys, db: Path, limit: int = 3) -> str:
    code, out, err = run(capsys, "--db", str(db), "list", "--limit", str(limit))
    assert code == 0
    return out + err


def whole(capsys, db: Path, limit: int = 3) -> str:
    """The same page from the whole index (a filter that keeps every one)."""
    args = ["list", "--limit", str(limit), "--since", "2000-01-01"]
    code, out, err = run(capsys, "--db", str(db), *args)
    assert code == 0
    return out + err


def kept_files(db: Path) -> list[Path]:
    return sorted((Layout(db).folder / "newest").glob("*.json"))


@pytest.mark.parametrize("limit", [1, 3])
def test_the_page_is_the_one_the_whole_index_gives(capsys, many: Path, limit) -> None:
    first = page(capsys, many, limit)
    assert len(kept_files(many)) == 64
    assert first == page(capsys, many, limit) == whole(capsys, many, limit)
    assert f"{COUNT - limit} more" not in first  # only a terminal is told


def test_a_bigger_page_than_is_kept_reads_the_index(capsys, many: Path) -> None:
    assert page(capsys, many, 10) == whole(capsys, many, 10)


def test_a_write_is_seen_by_the_next_page(capsys, many: Path, terminal) -> None:
    assert page(capsys, many, 1) == whole(capsys, many, 1)
    late = incident("z00001", "Newest outage")
    late.timeline = [
        e.model_copy(update={"at": e.at + timedelta(days=90)}) for e in late.timeline
    ]
    Store(many).add(late)
    out = page(capsys, many, 1)
    assert "z00001" in out and "150 more:" in out
    store = Store(many)
    pm = store.get("z00001")
    pm.title = "Renamed outage"
    store.save(pm)
    assert "Renamed outage" in page(capsys, many, 1)
    store.delete("z00001")
    assert page(capsys, many, 3) == whole(capsys, many, 3)


def test_damaged_or_missing_kept_files_are_read_again(capsys, many: Path) -> None:
    expected = page(capsys, many)
    files = kept_files(many)
    files[0].write_text("{not json")
    files[1].write_text(json.dumps({"count": 1, "top": [], "skipped": []}))
    files[2].unlink()
    assert page(capsys, many) == expected
    assert json.loads(files[0].read_text())["count"] >= 0
    assert files[2].exists()


def test_kept_files_are_private(capsys, many: Path) -> None:
    page(capsys, many)
    folder = Layout(many).folder / "newest"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert {stat.S_IMODE(f.stat().st_mode) for f in kept_files(many)} == {0o600}


def test_a_store_that_cannot_keep_them_still_lists(
    capsys, many: Path, unwritable_kept
) -> None:
    assert page(capsys, many) == whole(capsys, many)
    assert kept_files(many) == []


def test_an_unlistable_postmortem_is_named_and_a_pending_write_reads_the_index(
    capsys, many: Path
) -> None:
    layout = Layout(many)
    key = next(k for k in layout.doc_keys() if layout.read_doc(k)["id"] == "p00039")
    shard_file = layout.shard_file(shard_of(key))
    shard = json.loads(shard_file.read_text())
    shard[key] = {"id": "p00039", "unreadable": "its title is not text"}
    shard_file.write_text(json.dumps(shard))
    out = page(capsys, many)
    assert "skipped postmortem 'p00039': its title is not text" in out
    assert out == whole(capsys, many)
    # A writer killed between the document and the index: the index is
    # brought in step in memory by the whole read.
    layout.pending.write_text(json.dumps([key]))
    out = page(capsys, many)
    assert "p00039" in out and "skipped" not in out
