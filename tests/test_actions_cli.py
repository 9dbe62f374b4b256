"""``retro actions``: the board across postmortems and changes to one item,
through the real entry point on a real store."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from factories import incident
from factories import run_cli as run

from retrotui.cli import main
from retrotui.document.ids import doc_id_for
from retrotui.document.models import ActionItem
from retrotui.storage.db_file import read_raw
from retrotui.storage.layout import Layout
from retrotui.storage.store import Store

TODAY = "2026-12-03"


@pytest.fixture
def db(db_path: Path) -> Path:
    """Two postmortems that share an item id (a-alrt), one overdue item."""
    first = incident()
    first.actions.append(
        ActionItem(
            id="a-rot",
            text="Rotate the db password",
            owner="@maria",
            due=date(2026, 11, 1),
        )
    )
    second = incident("b3xk9p", "Cache stampede after deploy")
    second.services = ["cache"]
    second.actions[0].owner = "cache-team"
    Store(db_path).put_many([first, second])
    return db_path


def actions_json(capsys, db: Path, *extra: str) -> list[dict]:
    code, out, _ = run(capsys, "--db", str(db), "actions", "--json", *extra)
    assert code in (0, 1)
    return json.loads(out)


def test_lists_open_items_of_every_postmortem_overdue_first(capsys, db: Path) -> None:
    code, out, err = run(capsys, "--db", str(db), "actions", "--as-of", TODAY)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["ITEM", "DUE", "OWNER", "FROM", "TEXT"]
    assert lines[1].startswith("a-rot ")
    assert "2026-11-01!" in lines[1]
    # The shared id is listed in the form that names it.
    assert {line.split()[0] for line in lines[2:4]} == {
        "k7m2qx/a-alrt",
        "b3xk9p/a-alrt",
    }
    assert lines[-1] == "1 overdue (marked !)"


def test_json_has_the_fields_scripts_need(capsys, db: Path) -> None:
    rows = actions_json(capsys, db, "--as-of", TODAY)
    assert [row["id"] for row in rows] == ["a-rot", "b3xk9p/a-alrt", "k7m2qx/a-alrt"]
    first = rows[0]
    assert {"id", "text", "owner", "due", "status", "overdue", "postmortem"} <= set(
        first
    )
    assert (first["due"], first["overdue"], first["status"]) == (
        "2026-11-01",
        True,
        "open",
    )
    assert (first["postmortem"], first["title"]) == ("k7m2qx", incident().title)


def test_filters_owner_service_and_overdue_exit_code(capsys, db: Path) -> None:
    assert [r["owner"] for r in actions_json(capsys, db, "--owner", "MARIA")] == [
        "@maria"
    ]
    assert [
        r["postmortem"] for r in actions_json(capsys, db, "--service", "Cache")
    ] == ["b3xk9p"]
    code, out, _ = run(
        capsys, "--db", str(db), "actions", "--overdue", "--as-of", TODAY
    )
    assert code == 1 and "a-rot" in out and "a-alrt" not in out
    # A day when nothing is overdue: exit 0, so cron stays quiet.
    code, out, _ = run(
        capsys, "--db", str(db), "actions", "--overdue", "--as-of", "2026-10-01"
    )
    assert (code, out) == (0, "No overdue action items.\n")


def test_done_drop_reopen_round_trip(capsys, db: Path) -> None:
    code, out, _ = run(
        capsys,
        "--db",
        str(db),
        "actions",
        "done",
        "a-rot",
        "--note",
        "https://github.com/acme/db/pull/88",
        "--as-of",
        TODAY,
    )
    assert (code, out) == (0, "a-rot (k7m2qx) done: Rotate the db password\n")
    item = Store(db).get("k7m2qx").actions[1]
    assert (item.status.value, item.closed_on, item.closing_note) == (
        "done",
        date(2026, 12, 3),
        "https://github.com/acme/db/pull/88",
    )
    assert [r["id"] for r in actions_json(capsys, db)] == [
        "b3xk9p/a-alrt",
        "k7m2qx/a-alrt",
    ]
    assert "a-rot" in [r["id"] for r in actions_json(capsys, db, "--all")]

    code, out, _ = run(capsys, "--db", str(db), "actions", "reopen", "a-rot")
    assert code == 0 and "open again" in out
    item = Store(db).get("k7m2qx").actions[1]
    assert (item.status.value, item.closed_on, item.closing_note) == ("open", None, "")

    code, _, _ = run(
        capsys, "--db", str(db), "actions", "drop", "k7/a-rot", "--reason", "vault"
    )
    assert code == 0
    item = Store(db).get("k7m2qx").actions[1]
    assert (item.status.value, item.closing_note) == ("not_doing", "vault")


def test_a_shared_id_needs_the_postmortem_prefix(capsys, db: Path) -> None:
    code, _, err = run(capsys, "--db", str(db), "actions", "done", "a-alrt")
    assert code == 1
    assert "k7m2qx/a-alrt" in err and "b3xk9p/a-alrt" in err
    code, _, _ = run(capsys, "--db", str(db), "actions", "done", "b3xk9p/A-ALRT")
    assert code == 0
    assert Store(db).get("b3xk9p").actions[0].status.value == "done"
    assert Store(db).get("k7m2qx").actions[0].status.value == "open"


def test_unknown_items_and_postmortems_are_one_line_errors(capsys, db: Path) -> None:
    for ref, expected in [
        ("a-nope", "no action item 'a-nope'"),
        ("zz9/a-rot", "no postmortem with id 'zz9'"),
        ("k7m2qx/", "names no item"),
    ]:
        code, out, err = run(capsys, "--db", str(db), "actions", "done", ref)
        assert code in (1, 2) and out == ""
        assert expected in err and len(err.splitlines()) == 1


def test_due_reads_the_smart_grammar(capsys, db: Path) -> None:
    code, out, _ = run(
        capsys,
        "--db",
        str(db),
        "actions",
        "due",
        "a-rot",
        "by end of Q1",
        "--as-of",
        TODAY,
    )
    assert (code, out) == (0, "a-rot (k7m2qx) due 2027-03-31 (Wednesday)\n")
    item = Store(db).get("k7m2qx").actions[1]
    assert (item.due, item.due_text) == (date(2027, 3, 31), "by end of Q1")


@pytest.mark.parametrize(
    ("when", "message"),
    [
        ("asap", "is not a due date"),
        ("03/04/2027", "could be 2027-03-04 or 2027-04-03?"),
        ("mid-April", "is not one day: did you mean 2027-04-15?"),
        ("", "is not a due date"),
    ],
)
def test_due_refuses_what_is_not_one_date(
    capsys, db: Path, when: str, message: str
) -> None:
    before = db.read_bytes()
    code, _, err = run(
        capsys, "--db", str(db), "actions", "due", "a-rot", when, "--as-of", TODAY
    )
    assert code == 2 and message in err
    assert db.read_bytes() == before


def test_drop_needs_a_reason(capsys, db: Path) -> None:
    code, _, err = run(capsys, "--db", str(db), "actions", "drop", "a-rot")
    assert code == 2 and "--reason" in err
    code, _, err = run(
        capsys, "--db", str(db), "actions", "drop", "a-rot", "--reason", "  "
    )
    assert code == 2 and "say why" in err


def test_a_change_keeps_what_another_writer_saved_meanwhile(
    capsys, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app saves between the command's read and its write: the item is
    changed on the stored version, so the app's edit stays."""
    from retrotui.followup import items

    find = items.find_item

    def find_then_app_saves(pms, ref):  # noqa: ANN001, ANN202
        found = find(pms, ref)
        store = Store(db)
        pm = store.get("k7m2qx")
        pm.summary = "Written in the app while the command ran"
        store.save(pm)
        return found

    monkeypatch.setattr(items, "find_item", find_then_app_saves)
    code, _, _ = run(capsys, "--db", str(db), "actions", "done", "a-rot")
    saved = Store(db).get("k7m2qx")
    assert code == 0
    assert saved.summary == "Written in the app while the command ran"
    assert saved.actions[1].status.value == "done"


def test_help_says_which_item_form_is_accepted(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["actions", "done", "--help"])
    out = capsys.readouterr().out
    assert "unique within a postmortem" in out and "k7m2qx/a-4kq9" in out


def test_empty_store(capsys, db_path: Path) -> None:
    code, out, _ = run(capsys, "--db", str(db_path), "actions")
    assert (code, out) == (0, "No open action items.\n")
    assert actions_json(capsys, db_path) == []


def test_an_unreadable_postmortem_is_named_and_the_rest_listed(
    capsys, db: Path
) -> None:
    # A hand edit, in a database file as an older retro kept it (moved to
    # one file per postmortem, and its index, when it is first read).
    docs = read_raw(db)
    for doc in docs:
        if doc["id"] == "b3xk9p":
            doc["actions"][0]["due"] = "not a date"
    shutil.rmtree(Layout(db).folder)
    table = {str(doc_id_for(doc["id"])): doc for doc in docs}
    db.write_text(json.dumps({"postmortems": table}))
    code, out, err = run(capsys, "--db", str(db), "actions")
    assert code == 0
    assert "skipped postmortem 'b3xk9p'" in err and "actions.0.due" in err
    assert "a-rot" in out and "b3xk9p" not in out
    # Its item id is unique now among what can be read.
    assert "k7m2qx/a-alrt" not in out and "a-alrt" in out


def test_the_app_saving_a_stale_copy_keeps_the_item_closed(capsys, db: Path) -> None:
    """The app has the postmortem open (a Session) while the command closes an
    item: the app's next save merges, so both changes stay."""
    from retrotui.session.session import Session

    session = Session(Store(db))
    pm = session.open("k7m2qx")
    code, _, _ = run(capsys, "--db", str(db), "actions", "done", "a-rot")
    assert code == 0
    pm = pm.model_copy(deep=True)
    pm.summary = "Typed in the app meanwhile"
    session.edit(pm)
    outcome = session.save()
    assert outcome.saved and outcome.merged and not outcome.conflicts
    saved = Store(db).get("k7m2qx")
    assert saved.summary == "Typed in the app meanwhile"
    assert saved.actions[1].status.value == "done"


def test_as_of_before_the_verb_counts_too(capsys, db: Path) -> None:
    code, _, _ = run(
        capsys, "--db", str(db), "actions", "--as-of", "2027-05-01", "done", "a-rot"
    )
    assert code == 0
    assert Store(db).get("k7m2qx").actions[1].closed_on == date(2027, 5, 1)
