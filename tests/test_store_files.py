"""The store's files: symlinks, read-only files, leftovers, odd locations."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from factories import incident

from retrotui.errors import StoreError
from retrotui.storage.layout import Layout
from retrotui.storage.listing import read_summaries
from retrotui.storage.store import Store


def test_a_symlinked_database_stays_a_link_and_shares_one_lock(tmp_path: Path) -> None:
    real = tmp_path / "real" / "db.json"
    real.parent.mkdir()
    Store(real).add(incident("aaaaaa"))
    link = tmp_path / "link.json"
    link.symlink_to(real)

    through_link = Store(link)
    through_link.add(incident("bbbbbb"))
    Store(real).add(incident("cccccc"))

    assert link.is_symlink()
    assert through_link.path == Store(real).path
    assert {pm.id for pm in through_link.all()} == {"aaaaaa", "bbbbbb", "cccccc"}
    assert {s.id for s in read_summaries(link).summaries} == {
        "aaaaaa",
        "bbbbbb",
        "cccccc",
    }
    assert not (tmp_path / "link.json.lock").exists()


def test_a_dangling_symlink_gets_its_target_created(tmp_path: Path) -> None:
    target = tmp_path / "later" / "db.json"
    link = tmp_path / "link.json"
    link.symlink_to(target)

    Store(link).add(incident("aaaaaa"))

    assert link.is_symlink()
    assert target.exists()
    assert [pm.id for pm in Store(target).all()] == ["aaaaaa"]


def test_a_read_only_database_is_refused_not_replaced(db_path: Path) -> None:
    store = Store(db_path)
    store.add(incident("aaaaaa"))
    before = {p: p.read_bytes() for p in db_path.parent.rglob("*") if p.is_file()}
    db_path.chmod(0o400)

    with pytest.raises(StoreError, match="read-only"):
        Store(db_path).add(incident("bbbbbb"))

    assert stat.S_IMODE(db_path.stat().st_mode) == 0o400
    after = {p: p.read_bytes() for p in db_path.parent.rglob("*") if p.is_file()}
    assert before == after
    assert [pm.id for pm in Store(db_path).all()] == ["aaaaaa"]


def test_temp_files_of_killed_writers_are_removed_on_next_use(db_path: Path) -> None:
    store = Store(db_path)
    store.add(incident("aaaaaa"))
    leftovers = [
        db_path.parent / ".db.json.x1y2z3.tmp",
        Layout(db_path).tmp_dir / ".81910052900914.json.x1y2z3.tmp",
        Layout(db_path).tmp_dir / ".01.json.x1y2z3.tmp",
    ]
    for leftover in leftovers:
        leftover.write_bytes(b'{"half": ')
    unrelated = db_path.parent / "notes.tmp"
    unrelated.write_text("mine")

    Store(db_path).add(incident("bbbbbb"))

    assert not [p for p in leftovers if p.exists()]
    assert unrelated.read_text() == "mine"


def test_a_folder_where_no_lock_can_be_made_fails_at_once() -> None:
    # /proc refuses new files: without the check this waited out the lock timeout.
    with pytest.raises(StoreError, match="cannot lock /proc/x.json.lock"):
        Store("/proc/x.json").add(incident("aaaaaa"))


def test_hand_written_keys_do_not_duplicate_a_document_on_save(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    doc = incident("aaaaaa").model_dump(mode="json")
    db_path.write_text(json.dumps({"postmortems": {"1": doc}}))
    store = Store(db_path)
    pm = store.get("aaaaaa")
    pm.title = "Edited"

    store.save(pm)

    assert [(p.id, p.title) for p in Store(db_path).all()] == [("aaaaaa", "Edited")]
    assert [s.id for s in read_summaries(db_path).summaries] == ["aaaaaa"]


def test_files_and_folders_are_private(db_path: Path) -> None:
    old = os.umask(0)
    try:
        Store(db_path).add(incident("aaaaaa"))
    finally:
        os.umask(old)
    for path in db_path.parent.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), path
