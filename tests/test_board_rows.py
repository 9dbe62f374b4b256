"""Every open item of ``retro actions`` piped or ``--json``, from the rows
kept per index shard and the board kept whole for the day: what the whole
index gives, on any day, after any write, whatever happened to the kept
files."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from factories import incident, varied_actions
from factories import run_cli as run

from retrotui.document.ids import doc_id_for
from retrotui.document.models import ActionItem
from retrotui.followup import board_rows
from retrotui.storage.layout import ACTIONS, LIST, Layout, shard_of
from retrotui.storage.store import Store

TODAY = date(2026, 12, 3)
FORMS = [[], ["--json"]]


@pytest.fixture
def many(db_path: Path) -> Path:
    Store(db_path).put_many(varied_actions(TODAY))
    return db_path


def board(capsys, db: Path, today: date, *form: str) -> str:
    code, out, err = run(
        capsys, "--db", str(db), "actions", "--as-of", str(today), *form
    )
    assert code == 0
    return out + err


def whole(
    capsys, db: Path, today: date, monkeypatch: pytest.MonkeyPatch, *form: str
) -> str:
    """The same board read from the index (``board_page``)."""
    with monkeypatch.context() as patched:
        patched.setattr(board_rows, "kept_board", lambda *args: None)
        return board(capsys, db, today, *form)


def kept_folder(db: Path, name: str = "text") -> Path:
    return Layout(db).folder / f"board-{name}"


@pytest.mark.parametrize("form", FORMS)
def test_the_board_is_the_whole_index_s_on_any_day(
    capsys, many: Path, monkeypatch: pytest.MonkeyPatch, form: list[str]
) -> None:
    for days in (0, -20, 5, 20):  # worked out once, then kept for each day
        today = TODAY + timedelta(days=days)
        out = board(capsys, many, today, *form)
        assert out == board(capsys, many, today, *form)
        assert out == whole(capsys, many, today, monkeypatch, *form)
    name = "json" if form else "text"
    assert len(list(kept_folder(many, name).glob("[0-9]*.json"))) == 64
    out = board(capsys, many, TODAY, *form)
    if form:
        items = json.loads(out)
        assert any(i["overdue"] for i in items) and not all(i["overdue"] for i in items)
        assert any("/" in i["id"] for i in items) and any(
            "/" not in i["id"] for i in items
        )
    else:
        assert "overdue (marked !)" in out and "!" in out.splitlines()[1]


def test_a_write_is_seen_and_only_its_shard_worked_out_again(
    capsys, many: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    board(capsys, many, TODAY)
    before = {p.name: p.stat().st_mtime_ns for p in kept_folder(many).glob("*")}
    late = incident("zz0001", "Newest outage")
    late.actions = [ActionItem(id="a-1", text="First", due=date(2026, 1, 1))]
    Store(many).add(late)
    out = board(capsys, many, TODAY)
    assert out.splitlines()[1].split()[:2] == ["zz0001/a-1", "2026-01-01!"]
    changed = {
        p.name
        for p in kept_folder(many).glob("*")
        if p.stat().st_mtime_ns != before.get(p.name)
    }
    assert changed == {f"{shard_of(str(doc_id_for('zz0001'))):02d}.json", "all.txt"}
    Store(many).delete("zz0001")
    for form in FORMS:
        assert board(capsys, many, TODAY, *form) == whole(
            capsys, many, TODAY, monkeypatch, *form
        )


def test_damaged_or_other_kept_files_are_worked_out_again(
    capsys, many: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = board(capsys, many, TODAY)
    folder = kept_folder(many)
    (folder / "00.json").write_text("{not json")
    part = json.loads((folder / "01.json").read_text())
    (folder / "01.json").write_text(json.dumps({**part, "rows": [[1, 2, 3]]}))
    (folder / "02.json").unlink()
    (folder / "all.txt").write_bytes(b'{"key": [1, "2026-12-03"], "facts": 3}\nstale')
    assert board(capsys, many, TODAY) == expected
    # Kept by another retro, or for another day: not printed.
    head, _, text = (folder / "all.txt").read_bytes().partition(b"\n")
    (folder / "all.txt").write_bytes(head.replace(b'"key":[1', b'"key":[0') + b"\nold")
    assert board(capsys, many, TODAY) == expected
    assert board(capsys, many, TODAY + timedelta(days=30)) == whole(
        capsys, many, TODAY + timedelta(days=30), monkeypatch
    )


def test_a_failing_postmortem_is_named_where_the_whole_board_names_it(
    capsys, many: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    layout = Layout(many)
    for pm_id in ("pm0003", "pm0100"):
        key = str(doc_id_for(pm_id))
        shard = shard_of(key)
        parts = {part: layout.read_shard(shard, part) for part in (LIST, ACTIONS)}
        parts[ACTIONS][key] = [{"id": "a-x", "text": "Broken", "owner": 5}]
        for part, data in parts.items():
            layout.shard_file(shard, part).write_text(json.dumps(data))
        layout.log_file(shard).unlink(missing_ok=True)
    for form in FORMS:
        out = board(capsys, many, TODAY, *form)
        assert out == whole(capsys, many, TODAY, monkeypatch, *form)
        assert "postmortem 'pm0003': actions.0.owner: not text" in out
        assert "postmortem 'pm0100': actions.0.owner: not text" in out


def test_filters_and_a_terminal_read_the_index(capsys, many: Path, terminal) -> None:
    board(capsys, many, TODAY, "--owner", "kim")
    board(capsys, many, TODAY, "--all")
    board(capsys, many, TODAY)
    assert not kept_folder(many).exists() and not kept_folder(many, "json").exists()


def test_no_open_items(capsys, db_path: Path) -> None:
    Store(db_path).add(incident("k7m2qx", "Checkout down"))
    store = Store(db_path)
    pm = store.get("k7m2qx")
    pm.actions = []
    store.save(pm)
    assert board(capsys, db_path, TODAY) == "No open action items.\n"
    assert board(capsys, db_path, TODAY, "--json") == "[]\n"
