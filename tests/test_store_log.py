"""Index shard logs: a save appends a line; logs fold into the shard's files,
survive kills, and an index from before logs is taken as it is."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest
from factories import incident

from retrotui.document.ids import doc_id_for
from retrotui.document.models import ActionItem
from retrotui.storage import shard_log
from retrotui.storage.index import Index
from retrotui.storage.layout import ACTIONS, LIST, PARTS, SHARDS, Layout, shard_of
from retrotui.storage.listing import read_summaries
from retrotui.storage.shard_log import LOG_MIN, parse_log
from retrotui.storage.store import Store


def titles(db_path: Path) -> dict[str, str]:
    return {s.id: s.title for s in read_summaries(db_path).summaries}


def same_shard_ids(count: int) -> list[str]:
    """Ids whose documents share one index shard."""
    first = shard_of(str(doc_id_for("s00000")))
    ids = (f"s{n:05d}" for n in range(100_000))
    return [i for i in ids if shard_of(str(doc_id_for(i))) == first][:count]


def one_shard(db_path: Path, count: int) -> tuple[Store, list[str], Layout, int]:
    """A store of ``count`` postmortems in one shard, and that shard."""
    store = Store(db_path)
    ids = same_shard_ids(count)
    store.put_many(incident(pm_id, "first") for pm_id in ids)
    return store, ids, Layout(db_path), shard_of(str(doc_id_for(ids[0])))


def test_a_log_folds_into_the_shard_files_when_it_outgrows_them(
    db_path: Path,
) -> None:
    store, ids, layout, shard = one_shard(db_path, 3)
    log = layout.log_file(shard)
    seen_log = folded = 0
    for n in range(40):
        pm = store.get(ids[n % 3])
        pm.title = f"edit {n}"
        store.save(pm)
        if log.exists():
            seen_log += 1
            assert log.stat().st_size <= LOG_MIN
        else:
            folded += 1
        assert titles(db_path)[ids[n % 3]] == f"edit {n}"
    assert seen_log and folded
    # Folded: the files alone hold the latest entries.
    pm = store.get(ids[0])
    for _ in range(40):
        store.save(pm)
        if not log.exists():
            break
    files = orjson.loads(layout.shard_file(shard).read_bytes())
    assert {entry["title"] for entry in files.values()} == {
        titles(db_path)[pm_id] for pm_id in ids
    }


def test_action_items_are_logged_when_they_change(db_path: Path) -> None:
    store = Store(db_path)
    store.put_many(incident(f"pm{n:04d}") for n in range(30))
    pm = store.get("pm0007")
    key = str(doc_id_for("pm0007"))
    layout = Layout(db_path)
    log = layout.log_file(shard_of(key))
    logged = log.read_bytes() if log.exists() else b""
    pm.actions = [*pm.actions, ActionItem(text="Add a disk alert", owner="kim")]
    store.save(pm)

    [line] = log.read_bytes()[len(logged) :].splitlines()
    record = orjson.loads(line)
    assert [item["text"] for item in record[2]][-1] == "Add a disk alert"
    assert layout.entries(ACTIONS)[key][-1]["owner"] == "kim"
    # A fresh writer (nothing loaded) knows the items did not change.
    pm = Store(db_path).get("pm0007")
    pm.title = "Retitled"
    Store(db_path).save(pm)
    assert len(orjson.loads(log.read_bytes().splitlines()[-1])) == 2
    assert layout.entries(ACTIONS)[key][-1]["owner"] == "kim"
    assert layout.entries(LIST)[key]["title"] == "Retitled"


def test_a_reader_that_opened_a_log_before_it_was_folded_reads_the_same(
    db_path: Path,
) -> None:
    store, ids, layout, shard = one_shard(db_path, 2)
    pm = store.get(ids[0])
    pm.title = "logged"
    store.save(pm)
    assert layout.log_file(shard).exists()
    with layout.shard_files(shard) as files:
        # Another writer folds the log in while this reader has it open.
        for n in range(40):
            pm.title = f"later {n}"
            pm = Store(db_path).save(pm)
            if not layout.log_file(shard).exists():
                break
        data = files.read()
    assert not layout.log_file(shard).exists()  # folded
    assert data is not None
    assert data[str(doc_id_for(ids[0]))]["title"] in {"logged", pm.title}
    assert layout.read_shard(shard)[str(doc_id_for(ids[0]))]["title"] == pm.title


def test_a_torn_last_line_is_left_out_then_cut_by_the_next_writer(
    db_path: Path,
) -> None:
    store = Store(db_path)
    store.put_many([incident("aaaaaa", "Before"), incident("bbbbbb")])
    layout = Layout(db_path)
    key = str(doc_id_for("aaaaaa"))
    log = layout.log_file(shard_of(key))
    # As a writer killed while appending leaves it: journal, document, half a line.
    layout.pending.write_bytes(orjson.dumps([key]))
    doc = orjson.loads(layout.doc_file(key).read_bytes())
    doc["postmortems"][key]["title"] = "After"
    layout.doc_file(key).write_bytes(orjson.dumps(doc))
    with open(log, "ab") as handle:
        handle.write(b'["' + key.encode() + b'", {"title": "Af')

    assert parse_log(log.read_bytes()) is not None
    assert titles(db_path)["aaaaaa"] == "After"
    Store(db_path).add(incident("cccccc"))
    assert not layout.pending.exists()
    raw = log.read_bytes() if log.exists() else b""
    assert raw.endswith(b"\n") or not raw
    assert all(orjson.loads(line) for line in raw.splitlines())
    assert titles(db_path)["aaaaaa"] == "After"
    assert len(titles(db_path)) == 3


def test_a_damaged_log_is_read_from_the_documents_and_rebuilt(
    db_path: Path,
) -> None:
    store = Store(db_path)
    store.put_many(incident(f"pm{n:04d}", f"Incident {n}") for n in range(20))
    layout = Layout(db_path)
    key = str(doc_id_for("pm0007"))
    log = layout.log_file(shard_of(key))
    log.write_bytes(b'{"not": "a record"}\n')

    assert len(read_summaries(db_path).summaries) == 20
    assert log.read_bytes() == b'{"not": "a record"}\n'
    assert Store(db_path).get("pm0007").title == "Incident 7"
    assert not log.exists()
    assert len(read_summaries(db_path).summaries) == 20


def test_an_index_from_before_logs_is_taken_as_it_is(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store(db_path).put_many(incident(f"pm{n:04d}", f"Incident {n}") for n in range(20))
    layout = Layout(db_path)
    # As the retro before logs left it: every shard's files whole, no logs...
    for part in PARTS:
        entries = layout.entries(part)
        for shard in range(SHARDS):
            mine = {k: v for k, v in entries.items() if shard_of(k) == shard}
            layout.shard_file(shard, part).write_bytes(orjson.dumps(mine))
    for shard in range(SHARDS):
        layout.log_file(shard).unlink(missing_ok=True)
    marker = orjson.loads(db_path.read_bytes())
    db_path.write_bytes(orjson.dumps({**marker, "index_version": 2}))
    # ...but for a stale log, left when an older retro rebuilt the index.
    key = str(doc_id_for("pm0003"))
    stale = layout.log_file(shard_of(key))
    stale.write_bytes(orjson.dumps([key, {"id": "pm0003", "title": "Old"}]) + b"\n")

    def killed(self: Index) -> None:
        raise KeyboardInterrupt  # as a kill before the marker is written

    monkeypatch.setattr(Index, "_mark_current", killed)
    with pytest.raises(KeyboardInterrupt):
        Store(db_path).get("pm0003")
    assert orjson.loads(db_path.read_bytes())["index_version"] == 2
    monkeypatch.undo()

    read: list[str] = []
    monkeypatch.setattr(Layout, "read_doc", lambda self, key: read.append(key))
    assert titles(db_path)["pm0003"] == "Incident 3"
    monkeypatch.undo()
    assert read == []  # no document read: the files are kept as they are
    assert orjson.loads(db_path.read_bytes())["index_version"] == 3
    assert not stale.exists()
    assert len(titles(db_path)) == 20


WRITER = """
import sys
from retrotui.document.models import Postmortem
from retrotui.storage.store import Store
store = Store(sys.argv[1])
ids = sys.argv[2].split(",")
for n in range(10_000):
    pm = store.get(ids[n % len(ids)])
    store.save(pm.model_copy(update={"title": f"edit {n}"}))
    print(n, flush=True)
"""


def test_a_writer_killed_while_logging_leaves_every_log_readable(
    db_path: Path,
) -> None:
    ids = same_shard_ids(3)
    Store(db_path).put_many(incident(pm_id) for pm_id in ids)
    layout = Layout(db_path)
    for delay in (0.05, 0.15, 0.3):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db_path), ",".join(ids)],
            stdout=subprocess.PIPE,
        )
        proc.stdout.readline()
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate()
        shown = titles(db_path)
        stored = {i: Store(db_path).get(i).title for i in ids}
        assert {i: shown[i] for i in ids} == stored
        for shard in range(SHARDS):
            if layout.log_file(shard).exists():
                assert parse_log(layout.log_file(shard).read_bytes()) is not None


def test_a_reader_whose_log_was_folded_twice_before_it_opened_the_files(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, ids, layout, shard = one_shard(db_path, 2)
    key = str(doc_id_for(ids[0]))
    pm = store.get(ids[0])
    pm.title = "in the first log"
    pm = store.save(pm)
    real_open = open
    folds: list[int] = []
    started = []

    def between(path: Path, mode: str) -> object:
        # After the log is opened, before the files: two folds, the title
        # changed in the log between them.
        if path == layout.shard_file(shard) and not started:
            started.append(True)
            nonlocal pm
            for n in range(200):
                pm.title = f"later {n}"
                pm = Store(db_path).save(pm)
                if not layout.log_file(shard).exists():
                    folds.append(n)
                    if len(folds) == 2:
                        break
        return real_open(path, mode)

    monkeypatch.setattr(shard_log, "open", between, raising=False)
    with layout.shard_files(shard) as files:
        data = files.read()
    assert len(folds) == 2
    assert data[key]["title"] == pm.title
