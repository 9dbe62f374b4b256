"""The store keeps every postmortem, across processes and crashes."""

from __future__ import annotations

import json
import os
import random
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from factories import incident

from retrotui.document.models import Postmortem
from retrotui.errors import NotFound, RetroError, StoreError
from retrotui.storage import store as store_module
from retrotui.storage.db_file import read_documents, read_raw
from retrotui.storage.listing import read_summaries
from retrotui.storage.store import Store

WRITER = """
import sys
from retrotui.document.models import Postmortem
from retrotui.storage.store import Store
store = Store(sys.argv[1])
for n in range(int(sys.argv[3])):
    pm = Postmortem(id=f"{sys.argv[2]}-{n:03d}", title=f"writer {sys.argv[2]} note {n}", summary="x" * 2000)
    store.add(pm)
    print(pm.id, flush=True)
"""


def test_add_get_save_delete(db_path: Path) -> None:
    store = Store(db_path)
    pm = store.add(incident())
    assert store.get("k7m2qx") == pm
    assert store.get("K7M") == pm
    pm.title = "Checkout down (renamed)"
    saved = store.save(pm)
    assert saved.updated > pm.updated
    assert Store(db_path).get("k7m2qx").title == "Checkout down (renamed)"
    store.delete("k7m2qx")
    with pytest.raises(NotFound):
        store.get("k7m2qx")


def test_add_refuses_an_existing_id(db_path: Path) -> None:
    store = Store(db_path)
    store.add(incident())
    with pytest.raises(RetroError, match="already exists"):
        store.add(incident())


def test_update_applies_change_to_latest_version(db_path: Path) -> None:
    first, second = Store(db_path), Store(db_path)
    first.add(incident())
    second.update(
        "k7m2qx", lambda pm: pm.model_copy(update={"went_well": [*pm.went_well, "B"]})
    )
    first.update("k7m2qx", lambda pm: pm.model_copy(update={"lucky": [*pm.lucky, "A"]}))
    stored = Store(db_path).get("k7m2qx")
    assert stored.went_well[-1] == "B"
    assert stored.lucky[-1] == "A"


def test_ambiguous_prefix_names_the_candidates(db_path: Path) -> None:
    store = Store(db_path)
    store.add(Postmortem(id="abc222", title="one"))
    store.add(Postmortem(id="abc333", title="two"))
    with pytest.raises(NotFound, match="abc222, abc333"):
        store.get("abc")


def test_file_and_folder_are_private(db_path: Path) -> None:
    Store(db_path).add(incident())
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(db_path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(Path(f"{db_path}.lock").stat().st_mode) & 0o077 == 0


def test_reads_the_file_only_when_it_changed(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(db_path)
    store.add(incident())
    reads = []
    original = store_module.parse
    monkeypatch.setattr(
        store_module, "parse", lambda path, raw: reads.append(1) or original(path, raw)
    )
    for _ in range(5):
        store.all()
    assert reads == []
    Store(db_path).add(Postmortem(id="other1", title="from another process"))
    assert [pm.id for pm in store.all()].count("other1") == 1
    assert len(reads) == 1  # ours, of the one document that changed


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b'{"postmortems": [1, 2]}',
        b"[]",
        b'{"postmortems": {"1": "text"}}',
    ],
)
def test_damaged_file_is_reported_and_never_overwritten(
    db_path: Path, content: bytes
) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(content)
    store = Store(db_path)
    with pytest.raises(StoreError) as caught:
        store.add(incident())
    message = str(caught.value)
    assert str(db_path) in message and "damaged" in message and "\n" not in message
    assert db_path.read_bytes() == content


def test_cli_reports_a_damaged_file_in_one_line(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"\x00\x01garbage")
    result = subprocess.run(
        [sys.executable, "-m", "retrotui.cli", "--db", str(db_path), "list"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert str(db_path) in result.stderr and "Traceback" not in result.stderr
    assert db_path.read_bytes() == b"\x00\x01garbage"


def test_empty_file_is_an_empty_database(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"")
    assert Store(db_path).all() == []


def test_concurrent_writers_lose_nothing(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db_path), f"w{n}", "40"],
            stdout=subprocess.PIPE,
        )
        for n in range(4)
    ]
    for proc in procs:
        proc.communicate(timeout=600)
        assert proc.returncode == 0
    ids = {doc["id"] for doc in read_raw(db_path)}
    assert ids == {f"w{n}-{i:03d}" for n in range(4) for i in range(40)}


def test_sigkill_never_damages_the_file_or_loses_saved_documents(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    rng = random.Random(20261122)
    confirmed: set[str] = set()
    for round_ in range(12):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db_path), f"k{round_}", "500"],
            stdout=subprocess.PIPE,
            text=True,
        )
        # Kill after the first confirmed save, at a random moment afterwards.
        first = proc.stdout.readline().split()
        confirmed.update(first)
        time.sleep(rng.uniform(0.0, 0.3))
        os.kill(proc.pid, signal.SIGKILL)
        rest, _ = proc.communicate()
        confirmed.update(rest.split())
        stored = {doc["id"] for doc in read_raw(db_path)}
        assert confirmed <= stored
        assert len(Store(db_path).all()) == len(stored)
    # A killed writer may leave a temp file behind (the next writer removes
    # it), never a damaged document or index: every file is whole JSON.
    for path in db_path.parent.rglob("*.json"):
        json.loads(path.read_bytes())
    assert {s.id for s in read_summaries(db_path).summaries} == stored


def test_put_many_is_all_or_nothing(db_path: Path) -> None:
    store = Store(db_path)
    store.add(incident())
    with pytest.raises(RetroError, match="--replace"):
        store.put_many([Postmortem(id="fresh1", title="new"), incident()])
    assert [pm.id for pm in store.all()] == ["k7m2qx"]
    store.put_many(
        [Postmortem(id="fresh1", title="new"), incident(title="replaced")], replace=True
    )
    assert store.get("k7m2qx").title == "replaced"


def test_reading_without_the_lock_sees_what_the_store_wrote(db_path: Path) -> None:
    assert read_documents(db_path) == []
    assert not db_path.parent.exists()  # reading creates nothing
    Store(db_path).add(incident())
    [doc] = read_documents(db_path)
    assert doc["id"] == incident().id
    db_path.write_bytes(b"{not json")
    with pytest.raises(StoreError) as by_reader:
        read_documents(db_path)
    with pytest.raises(StoreError) as by_store:
        Store(db_path).all()
    assert str(by_reader.value) == str(by_store.value)
    assert "is damaged" in str(by_reader.value)
