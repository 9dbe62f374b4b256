"""Hostile database files: escape sequences and documents of the wrong shape.

The file may come from anywhere (a copy, a hand edit, an older retro, a git
pull): what it holds is cleaned on its way to the screen, and a document that
cannot be read is named and skipped, never fatal and never rewritten.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from factories import incident, workers_done
from textual.widgets import DataTable

from retrotui.app import RetroApp
from retrotui.cli import main
from retrotui.document.migrate import migrate
from retrotui.errors import BadDocument
from retrotui.storage.db_file import read_raw
from retrotui.storage.listing import read_entries, read_open_items, read_summaries
from retrotui.storage.store import Store
from screens.home import HomeScreen

# OSC 52 (clipboard write), clear screen, OSC 0 (window title), colours, an
# 8-bit CSI and a BEL: what a copied or hand-edited file may carry.
HOSTILE = (
    "\x1b]52;c;cm0gLXJmIC8=\x07\x1b[2J\x1b]0;PWNED\x07"
    "\x1b[31mred\x1b[0m \x9b2J\x07title"
)
TERMINAL_CONTROL = ("\x1b", "\x07", "\x9b", "\x9d")


def raw_doc(pm_id: str, **fields: Any) -> dict[str, Any]:
    doc = incident(pm_id).model_dump(mode="json")
    doc.update(fields)
    return doc


def write_raw(db_path: Path, *docs: dict[str, Any]) -> bytes:
    """A database file written by something other than retro."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    table = {str(number): doc for number, doc in enumerate(docs, 1)}
    db_path.write_text(json.dumps({"postmortems": table}))
    return db_path.read_bytes()


def retro(db_path: Path, *args: str) -> int:
    return main(["--db", str(db_path), *args])


def hostile_doc() -> dict[str, Any]:
    doc = raw_doc("esc001", title=HOSTILE, services=[HOSTILE], tags=[HOSTILE])
    doc["actions"][0].update(text=HOSTILE, owner=HOSTILE, due_text=HOSTILE)
    return doc


def test_escape_sequences_in_a_stored_document_never_reach_the_terminal(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_raw(db_path, hostile_doc())
    for args in (("list",), ("list", "--json")):
        assert retro(db_path, *args) == 0
        out = capsys.readouterr().out
        assert "red title" in out
        assert not any(code in out for code in TERMINAL_CONTROL)
    [summary] = read_summaries(db_path).summaries
    seen = [summary.title, *summary.services, *summary.tags]
    for action in read_open_items(read_entries(db_path)):
        seen += [action.text, action.owner, action.due_text]
    assert all(text == "red title" for text in seen)


async def test_home_shows_hostile_titles_cleaned(db_path: Path) -> None:
    write_raw(db_path, hostile_doc())
    app = RetroApp(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await workers_done(app)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        shown = [str(row) for row in app.screen.query_one("#home-list").get_row_at(0)]
        assert "red title" in shown[-1]
        assert not any(code in "".join(shown) for code in TERMINAL_CONTROL)


BAD_DOCUMENTS = {
    "version 0": {"schema_version": 0},
    "version -1": {"schema_version": -1},
    "version '2'": {"schema_version": "2"},
    "version 2.0": {"schema_version": 2.0},
    "version true": {"schema_version": True},
    "v1 timeline text": {"schema_version": 1, "timeline": "abc"},
    "v1 timeline null and strings": {
        "schema_version": 1,
        "timeline": None,
        "action_items": ["call the vendor"],
    },
    "v1 lessons list": {"schema_version": 1, "lessons": ["a", "b"]},
    "v2 timeline strings": {"timeline": ["10:00 it broke"]},
    "v2 actions object": {"actions": {"text": "x"}},
    "v2 title number": {"title": 42},
    "v2 tags text": {"tags": "a,b"},
}


@pytest.mark.parametrize("fields", BAD_DOCUMENTS.values(), ids=BAD_DOCUMENTS.keys())
def test_a_bad_document_is_named_skipped_and_never_rewritten(
    db_path: Path, capsys: pytest.CaptureFixture[str], fields: dict[str, Any]
) -> None:
    bad = raw_doc("bad001", **fields)
    before = write_raw(db_path, raw_doc("good01"), bad)
    assert retro(db_path, "list") == 0
    out, err = capsys.readouterr()
    assert "good01" in out and "bad001" not in out
    assert err.count("\n") == 1 and "'bad001'" in err and "skipped" in err
    assert retro(db_path, "list", "--json") == 0
    assert [row["id"] for row in json.loads(capsys.readouterr().out)] == ["good01"]
    # Listing moved the single file to one file per postmortem, with a backup,
    # and kept the bad one as it was.
    assert db_path.with_name(f"{db_path.name}.single-file.bak").read_bytes() == before
    assert [doc for doc in read_raw(db_path) if doc["id"] == "bad001"] == [bad]
    # Opening it is refused in one line; the good one still opens.
    assert retro(db_path, "show", "bad001") == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad001" in err and "untouched" in err
    assert retro(db_path, "show", "good01", "--plain") == 0
    capsys.readouterr()
    # A write of another postmortem keeps the bad one exactly as it was.
    assert retro(db_path, "note", "Disk full on db-2") == 0
    capsys.readouterr()
    stored = read_raw(db_path)
    assert [doc for doc in stored if doc["id"] == "bad001"] == [bad]


@pytest.mark.parametrize("fields", BAD_DOCUMENTS.values(), ids=BAD_DOCUMENTS.keys())
def test_importing_a_bad_document_is_one_line(
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    fields: dict[str, Any],
) -> None:
    source = tmp_path / "bad.json"
    source.write_text(json.dumps([raw_doc("good01"), raw_doc("bad001", **fields)]))
    assert retro(db_path, "import", str(source)) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "item 2" in err
    assert "unexpected" not in err
    assert not db_path.exists()


@pytest.mark.parametrize("version", [0, -1, "2", 2.0, True, None, [2]])
def test_schema_versions_no_retro_wrote_are_refused(version: object) -> None:
    with pytest.raises(BadDocument, match="schema_version"):
        migrate({"schema_version": version, "id": "x", "title": "y"})


async def test_one_bad_document_does_not_keep_home_from_starting(
    db_path: Path,
) -> None:
    before = write_raw(db_path, raw_doc("good01"), raw_doc("bad001", schema_version=0))
    app = RetroApp(db_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await workers_done(app)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        listed = app.screen.query_one("#home-list", DataTable)
        assert [str(key.value) for key in listed.rows] == ["good01"]
        await pilot.pause()
        toasts = [str(toast.render()) for toast in app.screen.query("Toast")]
        assert len(toasts) == 1 and "bad001" in toasts[0]
    assert app.return_code in (None, 0)
    assert db_path.with_name(f"{db_path.name}.single-file.bak").read_bytes() == before
    assert [doc["id"] for doc in read_raw(db_path)] == ["good01", "bad001"]


def test_the_store_names_the_bad_document(db_path: Path) -> None:
    write_raw(db_path, raw_doc("bad001", timeline="abc"))
    with pytest.raises(Exception, match="'bad001'.*untouched") as caught:
        Store(db_path).get("bad001")
    assert "\n" not in str(caught.value)
    assert "input_value" not in str(caught.value)
