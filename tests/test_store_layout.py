"""One file per postmortem and a summary index: migration, repair, cost."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from factories import incident, single_file
from factories import run_cli as run

from retrotui.document.ids import doc_id_for
from retrotui.errors import StoreError
from retrotui.storage import migration
from retrotui.storage.layout import ACTIONS, SHARDS, Layout, shard_of
from retrotui.storage.listing import read_summaries
from retrotui.storage.store import Store
from retrotui.storage.summary import summarize


def summaries_of_single_file(raw: bytes) -> dict:
    docs = json.loads(raw)["postmortems"].values()
    return {s.id: s for s in map(summarize, docs)}


def test_a_single_file_is_migrated_on_first_write_with_a_backup(db_path: Path) -> None:
    raw = single_file(db_path, 12)
    before = summaries_of_single_file(raw)

    Store(db_path).add(incident("new001"))

    backup = db_path.with_name("db.json.single-file.bak")
    assert backup.read_bytes() == raw
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert Layout(db_path).kind()[0] == "split"
    after = {s.id: s for s in read_summaries(db_path).summaries}
    assert set(after) == set(before) | {"new001"}
    assert all(after[pm_id] == summary for pm_id, summary in before.items())
    stored = Store(db_path).get("old007")
    assert (
        stored.model_dump(mode="json")
        == json.loads(raw)["postmortems"][str(doc_id_for("old007"))]
    )


def test_an_interrupted_migration_starts_over_and_loses_nothing(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = single_file(db_path, 8)
    real_marker = migration.marker

    def crash() -> bytes:
        raise KeyboardInterrupt  # as a kill just before the file is switched

    monkeypatch.setattr(migration, "marker", crash)
    with pytest.raises(KeyboardInterrupt):
        Store(db_path).add(incident("new001"))
    assert db_path.read_bytes() == raw  # the single file is still the truth
    with pytest.raises(KeyboardInterrupt):
        read_summaries(db_path)  # a reader migrates too, killed as well
    assert db_path.read_bytes() == raw

    monkeypatch.setattr(migration, "marker", real_marker)
    # The next reader finishes it (a list shown, then the first write).
    assert len(read_summaries(db_path).summaries) == 8
    assert Layout(db_path).kind()[0] == "split"
    Store(db_path).add(incident("new001"))
    ids = {pm.id for pm in Store(db_path).all()}
    assert ids == {f"old{n:03d}" for n in range(8)} | {"new001"}


def test_a_single_file_is_migrated_on_first_read(db_path: Path) -> None:
    raw = single_file(db_path, 5)
    assert {s.id for s in read_summaries(db_path).summaries} == {
        f"old{n:03d}" for n in range(5)
    }
    assert Layout(db_path).kind()[0] == "split"
    assert db_path.with_name("db.json.single-file.bak").read_bytes() == raw


def test_a_big_single_file_is_told_before_it_is_moved(
    db_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Moving 20,000 postmortems takes 13 s: a command says so first."""
    raw = single_file(db_path, 5)
    monkeypatch.setattr(migration, "TOLD_FROM", len(raw))
    code, out, err = run(capsys, "--db", str(db_path), "list", "--json")
    assert code == 0 and len(json.loads(out)) == 5
    assert err == (
        f"retro: Moving db.json ({len(raw) / 1e6:,.0f} MB) to one file per "
        "postmortem, once (backup kept)...\n"
    )
    assert run(capsys, "--db", str(db_path), "list")[2] == ""  # once


def test_a_small_single_file_is_moved_without_a_word(db_path: Path, capsys) -> None:
    single_file(db_path, 5)
    assert run(capsys, "--db", str(db_path), "list")[2] == ""
    assert Layout(db_path).kind()[0] == "split"


def test_a_read_only_single_file_is_read_whole_and_left_alone(
    db_path: Path,
) -> None:
    raw = single_file(db_path, 5)
    db_path.chmod(0o400)
    assert len(read_summaries(db_path).summaries) == 5
    assert db_path.read_bytes() == raw
    assert not Layout(db_path).folder.exists()


def test_an_index_of_an_older_retro_is_rebuilt(db_path: Path) -> None:
    store = Store(db_path)
    store.put_many(incident(f"pm{n:04d}", f"Incident {n}") for n in range(10))
    layout = Layout(db_path)
    old = orjson.loads(db_path.read_bytes())
    db_path.write_bytes(orjson.dumps({**old, "index_version": 1}))
    for shard in range(SHARDS):
        layout.shard_file(shard).write_bytes(b"{}")
        layout.shard_file(shard, ACTIONS).unlink()

    assert len(read_summaries(db_path).summaries) == 10
    assert layout.kind()[0] == "split"
    assert all(layout.shard_file(n, ACTIONS).exists() for n in range(SHARDS))


def test_a_damaged_single_file_is_not_migrated(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b'{"postmortems": {"1": ')
    with pytest.raises(StoreError, match="damaged"):
        Store(db_path).add(incident("new001"))
    assert db_path.read_bytes() == b'{"postmortems": {"1": '
    assert not Layout(db_path).folder.exists()


def test_a_damaged_or_missing_index_shard_is_rebuilt_from_the_documents(
    db_path: Path,
) -> None:
    store = Store(db_path)
    store.put_many(incident(f"pm{n:04d}", f"Incident {n}") for n in range(40))
    layout = Layout(db_path)
    broken = shard_of(str(doc_id_for("pm0007")))
    layout.shard_file(broken).write_bytes(b"{garbage")
    other = (broken + 1) % SHARDS
    layout.shard_file(other).unlink()

    # Readers see every postmortem without writing anything...
    assert len(read_summaries(db_path).summaries) == 40
    assert layout.shard_file(broken).read_bytes() == b"{garbage"
    # ...and the next writer repairs the shards it touches.
    assert Store(db_path).get("pm0007").title == "Incident 7"
    assert len(read_summaries(db_path).summaries) == 40
    json.loads(layout.shard_file(broken).read_bytes())


def test_a_writer_killed_before_the_index_is_caught_up(db_path: Path) -> None:
    store = Store(db_path)
    store.add(incident("aaaaaa", "Before"))
    layout = Layout(db_path)
    key = str(doc_id_for("aaaaaa"))
    # As a kill leaves it: journal written, document replaced, index not.
    layout.pending.write_bytes(orjson.dumps([key]))
    data = json.loads(layout.doc_file(key).read_bytes())
    data["postmortems"][key]["title"] = "After"
    layout.doc_file(key).write_bytes(orjson.dumps(data))

    assert [s.title for s in read_summaries(db_path).summaries] == ["After"]
    Store(db_path).add(incident("bbbbbb"))
    assert not layout.pending.exists()
    titles = sorted(s.title for s in read_summaries(db_path).summaries)
    assert titles == ["After", "Checkout down during promotion"]


def test_a_damaged_document_file_is_named_and_the_rest_kept(db_path: Path) -> None:
    store = Store(db_path)
    store.put_many([incident("aaaaaa"), incident("bbbbbb")])
    doc_file = Layout(db_path).doc_file(str(doc_id_for("aaaaaa")))
    doc_file.write_bytes(b"\x00garbage")

    with pytest.raises(StoreError, match="damaged"):
        Store(db_path).get("aaaaaa")
    assert Store(db_path).get("bbbbbb").id == "bbbbbb"
    Store(db_path).add(incident("cccccc"))
    assert doc_file.read_bytes() == b"\x00garbage"


def test_saving_one_postmortem_writes_one_document_and_one_log_line(
    db_path: Path,
) -> None:
    store = Store(db_path)
    store.put_many(incident(f"pm{n:04d}") for n in range(50))
    files = [p for p in db_path.parent.rglob("*") if p.is_file()]
    before = {p: p.stat().st_mtime_ns for p in files}
    pm = store.get("pm0003")
    pm.title = "Edited"
    layout = Layout(db_path)
    key = str(doc_id_for("pm0003"))
    log = layout.log_file(shard_of(key))
    logged = log.read_bytes() if log.exists() else b""

    store.save(pm)

    changed = {p for p in files if p.stat().st_mtime_ns != before[p]}
    assert changed - {log} == {layout.doc_file(key)}
    assert log.read_bytes().startswith(logged)
    # The listing entry only: the action items are as they were.
    [line] = log.read_bytes()[len(logged) :].splitlines()
    assert orjson.loads(line)[0] == key and len(orjson.loads(line)) == 2
    assert orjson.loads(line)[1]["title"] == "Edited"
    assert [s.title for s in read_summaries(db_path).summaries].count("Edited") == 1


WRITER = """
import sys
from retrotui.document.models import Postmortem
from retrotui.storage.store import Store
store = Store(sys.argv[1])
for n in range(int(sys.argv[3])):
    store.add(Postmortem(id=f"{sys.argv[2]}-{n:03d}", title="concurrent"))
"""


def test_concurrent_writers_on_a_single_file_migrate_it_once(db_path: Path) -> None:
    single_file(db_path, 30)
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(db_path), f"w{n}", "15"])
        for n in range(3)
    ]
    for proc in procs:
        assert proc.wait(timeout=600) == 0
    ids = {s.id for s in read_summaries(db_path).summaries}
    expected = {f"old{n:03d}" for n in range(30)}
    expected |= {f"w{n}-{i:03d}" for n in range(3) for i in range(15)}
    assert ids == expected
    assert len(list(db_path.parent.glob("*.bak"))) == 1


async def test_home_says_a_big_single_file_is_being_moved(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Else home shows no postmortem for as long as the move takes."""
    import threading

    from factories import settle

    import retrotui.storage.index
    from retrotui.app import RetroApp

    raw = single_file(db_path, 5)
    monkeypatch.setattr(migration, "TOLD_FROM", len(raw))
    gate = threading.Event()
    move = retrotui.storage.index.migrate_single_file

    def held(*args: object) -> None:
        assert gate.wait(10), "the test never let the store be moved"
        move(*args)

    monkeypatch.setattr(retrotui.storage.index, "migrate_single_file", held)
    async with RetroApp(db_path).run_test(size=(80, 24)) as pilot:
        header = pilot.app.screen.query_one("#home-header")
        for _ in range(200):
            await pilot.pause(0.01)
            if "Moving" in str(header.render()):
                break
        assert str(header.render()) == (
            f"Moving db.json ({len(raw) / 1e6:,.0f} MB) to one file per "
            "postmortem, once (backup kept)..."
        )
        gate.set()
        await settle(pilot)
        assert "5 in all" in str(header.render())
    assert Layout(db_path).kind()[0] == "split"
