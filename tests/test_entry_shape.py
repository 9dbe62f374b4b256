"""Index entries as readers keep them (``listing.compact``): one shape however
they were read, left alone by the cyclic GC, damaged ones still named."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import orjson
import pytest
from factories import incident

from retrotui.document.ids import doc_id_for
from retrotui.errors import BadDocument, StoreError
from retrotui.storage.layout import Layout
from retrotui.storage.listing import compact, read_entries, read_open_refs
from retrotui.storage.newest import read_newest
from retrotui.storage.store import Store
from retrotui.storage.summary import summarize

COUNT = 300
# What a read keeps whatever the store's size: the Entries, its layout and
# the layout's paths.
READ_ITSELF = 20


def documents(count: int) -> list[dict]:
    docs = []
    for n in range(count):
        pm = incident(f"pm{n:04d}", f"Incident {n}")
        pm.services = ["web", f"db-{n % 7}"]
        pm.tags = ["promo"] if n % 2 else []
        docs.append(pm.model_dump(mode="json"))
    return docs


def single_file(db_path: Path, docs: list[dict]) -> None:
    """A database as an older retro wrote it: every postmortem in one file."""
    table = {str(doc_id_for(doc["id"])): doc for doc in docs}
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db_path.write_bytes(orjson.dumps({"postmortems": table}))


def by_id(entries: dict[str, dict]) -> dict[str, dict]:
    return {entry["id"]: entry for entry in entries.values()}


def test_entries_and_open_items_are_left_out_of_garbage_collection(
    db_path: Path,
) -> None:
    Store(db_path).put_many(incident(f"pm{n:04d}") for n in range(COUNT))
    read_entries(db_path)  # what a first read leaves for good (caches)
    gc.collect()
    before = len(gc.get_objects())
    entries = read_entries(db_path)
    refs = read_open_refs(entries)
    gc.collect()
    assert len(entries.by_key) == COUNT and len(refs) == COUNT
    assert not any(map(gc.is_tracked, entries.by_key.values()))
    assert not any(map(gc.is_tracked, refs))
    # Two lists and the read itself, not a container per entry or item.
    assert len(gc.get_objects()) - before < READ_ITSELF + COUNT // 100


def test_an_entry_has_one_shape_however_it_was_read(
    db_path: Path, tmp_path: Path
) -> None:
    docs = documents(40)
    single_file(db_path, docs)
    read_only = tmp_path / "old" / "db.json"
    read_only.parent.mkdir()
    shutil.copy(db_path, read_only)
    read_only.chmod(0o400)
    from_documents = read_entries(read_only)  # not migrated: read whole
    assert Layout(read_only).kind()[0] == "single"
    from_index = read_entries(db_path)  # migrated, then read from the index
    assert Layout(db_path).kind()[0] == "split"
    assert by_id(from_documents.by_key) == by_id(from_index.by_key)
    entry = by_id(from_index.by_key)["pm0003"]
    assert entry["services"] == ("web", "db-3") and entry["tags"] == ("promo",)
    assert isinstance(entry["timeline"], tuple)
    # The newest kept beside the index: written by the first read, read
    # back from JSON by the second.
    for _ in range(2):
        newest = read_newest(Layout(db_path))
        assert newest is not None and newest.by_key
        assert newest.by_key == {k: from_index.by_key[k] for k in newest.by_key}
    # Summarized as the documents are.
    assert {key: summarize(e) for key, e in by_id(from_index.by_key).items()} == {
        doc["id"]: summarize(doc) for doc in docs
    }
    # The action items, whichever way they were read.
    assert sorted(read_open_refs(from_documents)) == sorted(read_open_refs(from_index))


def test_a_compact_entry_is_summarized_as_the_stored_one() -> None:
    stored = {
        "id": "abc123",
        "title": "Checkout down",
        "services": ["web", "postgres"],
        "tags": [],
        "timeline": [
            {"at": "2026-05-02T10:00:00Z", "milestone": None},
            {"at": "2026-05-01T09:00:00Z", "milestone": "started"},
        ],
        "open_actions": 2,
    }
    entry = compact(stored)
    assert entry["timeline"] == (
        "2026-05-02T10:00:00Z",
        None,
        "2026-05-01T09:00:00Z",
        "started",
    )
    assert summarize(entry) == summarize(stored)
    assert summarize(entry).incident_date == "2026-05-01"


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("services", ["web", 3], "'services' is not a list of text"),
        ("tags", "a,b", "'tags' is not a list of text"),
        ("timeline", ["10:00 it broke"], "'timeline' is not a list of objects"),
        ("timeline", [{"at": 1000}], "'at' is not text"),
        ("timeline", [{"at": "2026-05-01", "milestone": ["x"]}], "'milestone'"),
    ],
)
def test_a_damaged_entry_keeps_its_shape_to_be_named(
    field: str, value: object, reason: str
) -> None:
    # An index shard edited by hand: summarize still says why.
    entry = compact({"id": "abc123", "title": "Checkout down", field: value})
    with pytest.raises(BadDocument, match=reason):
        summarize(entry)


def test_reading_the_index_sets_off_no_collection_and_leaves_it_on(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store(db_path).put_many(incident(f"pm{n:04d}") for n in range(3))
    seen = []
    real = Layout.entries

    def entries(self: Layout, part: str = "list") -> dict:
        seen.append(gc.isenabled())
        if len(seen) == 2:
            raise StoreError("the index cannot be read")
        return real(self, part)

    monkeypatch.setattr(Layout, "entries", entries)
    assert len(read_entries(db_path).by_key) == 3
    assert gc.isenabled()
    with pytest.raises(StoreError):
        read_entries(db_path)
    assert gc.isenabled() and seen == [False, False]
