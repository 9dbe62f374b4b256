"""Every row of ``retro list`` (piped, ``--all``, ``--json``, a page bigger
than the newest kept) from the rows kept per index shard and the listing
kept whole: the same output as from the whole index, after any write,
whatever happened to the kept files."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from factories import incident, over_days
from factories import run_cli as run

from retrotui.storage.layout import LIST, Layout, shard_of
from retrotui.storage.store import Store

COUNT = 120
FORMS = [[], ["--json"], ["--limit", "80"]]


@pytest.fixture
def many(db_path: Path) -> Path:
    """COUNT postmortems over 30 days: many share a day, so the order of
    equal dates shows."""
    Store(db_path).put_many(over_days(COUNT, 30))
    return db_path


def listed(capsys, db: Path, *form: str) -> str:
    code, out, err = run(capsys, "--db", str(db), "list", *form)
    assert code == 0
    return out + err


def whole(capsys, db: Path, *form: str) -> str:
    """The same listing from the whole index (a filter that keeps every one)."""
    return listed(capsys, db, *form, "--since", "2000-01-01")


def kept_folder(db: Path, name: str = "text") -> Path:
    return Layout(db).folder / f"rows-{name}"


@pytest.mark.parametrize("form", FORMS)
def test_every_row_is_the_one_the_whole_index_gives(
    capsys, many: Path, form: list[str]
) -> None:
    first = listed(capsys, many, *form)
    name = "json" if form == ["--json"] else "text"
    assert len(list(kept_folder(many, name).glob("[0-9]*.json"))) == 64
    assert first == listed(capsys, many, *form) == whole(capsys, many, *form)
    assert first.count("p0") == (80 if "--limit" in form else COUNT)


@pytest.mark.parametrize("limit", ["1", "3", "10"])
def test_a_page_is_the_one_the_whole_index_gives(capsys, many: Path, limit) -> None:
    for form in (["--limit", limit], ["--json", "--limit", limit]):
        first = listed(capsys, many, *form)
        assert first == listed(capsys, many, *form) == whole(capsys, many, *form)
    assert first.count('"id"') == int(limit)


def test_a_terminal_page_says_how_many_more(capsys, many: Path, terminal) -> None:
    out = listed(capsys, many)
    assert out == whole(capsys, many)
    # The head, 21 rows and the last line: the prompt stays in view.
    assert len(out.splitlines()) == 23
    assert out.splitlines()[-1].startswith(f"{COUNT - 21} more: --all")


def test_a_failing_postmortem_on_a_page_is_named_there_only(capsys, many: Path) -> None:
    layout = Layout(many)
    for pm_id in ("p00119", "p00040"):  # among the newest; among the oldest
        key = _key_of(many, pm_id)
        entry = layout.read_shard(shard_of(key), LIST)[key]
        _index_entry(many, key, {**entry, "tags": 5})
    out = listed(capsys, many, "--limit", "3")
    assert out == whole(capsys, many, "--limit", "3")
    assert "skipped postmortem 'p00119'" in out and "p00040" not in out
    assert len(out.splitlines()) == 1 + 2 + 1  # head, two rows, the one named


def test_json_is_the_list_scripts_read(capsys, many: Path) -> None:
    listed(capsys, many, "--json")
    objects = json.loads(listed(capsys, many, "--json"))
    assert len(objects) == COUNT
    assert [o["date"] for o in objects] == sorted(
        (o["date"] for o in objects), reverse=True
    )


def test_all_in_a_terminal_cuts_each_row(capsys, many: Path, terminal) -> None:
    store = Store(many)
    pm = store.get("p00007")
    pm.title = "A very long title " * 10
    store.save(pm)
    out = listed(capsys, many, "--all")
    assert out == whole(capsys, many, "--all")
    assert max(len(line) for line in out.splitlines()) == 80
    assert "1  A very long title A very lo…\n" in out


def test_a_write_is_seen_and_only_its_shard_worked_out_again(
    capsys, many: Path
) -> None:
    listed(capsys, many)
    parts = {p.name: p.stat().st_mtime_ns for p in kept_folder(many).glob("*")}
    late = incident("z00001", "Newest outage")
    late.timeline = [
        e.model_copy(update={"at": e.at + timedelta(days=90)}) for e in late.timeline
    ]
    Store(many).add(late)
    out = listed(capsys, many)
    assert out.splitlines()[1].startswith("z00001")
    changed = {
        p.name
        for p in kept_folder(many).glob("*")
        if p.stat().st_mtime_ns != parts.get(p.name)
    }
    shard = shard_of(_key_of(many, "z00001"))
    assert changed == {f"{shard:02d}.json", "all.txt"}
    store = Store(many)
    pm = store.get("z00001")
    pm.title = "Renamed outage"
    store.save(pm)
    assert "Renamed outage" in listed(capsys, many)
    store.delete("z00001")
    for form in FORMS:
        assert listed(capsys, many, *form) == whole(capsys, many, *form)


def _key_of(db: Path, pm_id: str) -> str:
    layout = Layout(db)
    return next(k for k in layout.doc_keys() if layout.read_doc(k)["id"] == pm_id)


def test_damaged_or_missing_kept_files_are_worked_out_again(capsys, many: Path) -> None:
    expected = listed(capsys, many)
    folder = kept_folder(many)
    (folder / "00.json").write_text("{not json")
    shape = json.loads((folder / "01.json").read_text())
    shape["rows"] = [[1, 2, 3, 4]]
    (folder / "01.json").write_text(json.dumps(shape))
    (folder / "02.json").unlink()
    head, _, text = (folder / "all.txt").read_bytes().partition(b"\n")
    facts = json.loads(head)["facts"]
    (folder / "all.txt").write_bytes(
        json.dumps({**json.loads(head), "facts": {**facts, "count": "7"}}).encode()
        + b"\nstale"
    )
    assert listed(capsys, many) == expected
    assert json.loads((folder / "01.json").read_text())["rows"] != [[1, 2, 3, 4]]
    assert (folder / "02.json").exists()


def test_rows_another_retro_formatted_are_worked_out_again(capsys, many: Path) -> None:
    """A retro that cleaned or formatted rows otherwise kept another version."""
    expected = listed(capsys, many)
    for path in kept_folder(many).glob("[0-9]*.json"):
        part = json.loads(path.read_text())
        part["version"][-1] = "an older row"
        for row in part["rows"]:
            row[2] = row[2].replace("Outage", "Stale")
        path.write_text(json.dumps(part))
    whole_file = kept_folder(many) / "all.txt"
    head, _, text = whole_file.read_bytes().partition(b"\n")
    older = json.loads(head)
    older["key"][-1] = "an older row"
    whole_file.write_bytes(
        json.dumps(older).encode() + b"\n" + text.replace(b"Outage", b"Stale")
    )
    assert listed(capsys, many) == expected


def test_a_store_that_cannot_keep_them_still_lists(
    capsys, many: Path, unwritable_kept
) -> None:
    for form in FORMS:
        assert listed(capsys, many, *form) == whole(capsys, many, *form)
    assert not list(kept_folder(many).glob("*"))


def test_unlistable_postmortems_are_named_as_the_whole_index_names_them(
    capsys, many: Path
) -> None:
    layout = Layout(many)
    unreadable, failing = _key_of(many, "p00039"), _key_of(many, "p00040")
    entry = layout.read_shard(shard_of(failing), LIST)[failing]
    _index_entry(
        many, unreadable, {"id": "p00039", "unreadable": "its title is not text"}
    )
    _index_entry(many, failing, {**entry, "tags": 5})
    for form in FORMS:
        out = listed(capsys, many, *form)
        assert out == listed(capsys, many, *form) == whole(capsys, many, *form)
        assert "skipped postmortem 'p00039': its title is not text" in out
        assert "skipped postmortem 'p00040': 'tags' is not a list of text" in out


def test_a_pending_write_reads_the_index(capsys, many: Path) -> None:
    listed(capsys, many)
    key = _key_of(many, "p00039")
    entry = Layout(many).read_shard(shard_of(key), LIST)[key]
    _index_entry(many, key, {**entry, "title": "Not yet indexed"})
    assert "Not yet indexed" in listed(capsys, many)
    # A writer killed between the document and the index: the index is
    # brought in step in memory by the whole read.
    Layout(many).pending.write_text(json.dumps([key]))
    out = listed(capsys, many)
    assert "Not yet indexed" not in out and "Outage 39\n" in out


def _index_entry(db: Path, key: str, entry: dict) -> None:
    """The index's listing entry of ``key`` replaced, as a save's log line."""
    layout = Layout(db)
    with open(layout.log_file(shard_of(key)), "ab") as log:
        log.write(json.dumps([key, entry]).encode() + b"\n")


def test_escape_sequences_in_a_title_do_not_reach_the_output(
    capsys, db_path: Path
) -> None:
    Store(db_path).add(incident("k7m2qx", "Checkout \x1b]0;pwned\x07 \x1b[2Jdown"))
    for form in FORMS:
        out = listed(capsys, db_path, *form)
        assert "\x1b" not in out and "\x07" not in out
        assert out == listed(capsys, db_path, *form) == whole(capsys, db_path, *form)


def test_an_empty_store(capsys, db_path: Path) -> None:
    Store(db_path).add(incident("k7m2qx", "Checkout down"))
    Store(db_path).delete("k7m2qx")
    assert listed(capsys, db_path).startswith("No postmortems yet.")
    assert listed(capsys, db_path, "--json") == "[]\n"
