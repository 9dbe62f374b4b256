"""``retro promote``: a quick note becomes a full postmortem draft."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest
from factories import incident

from retrotui.cli import main
from retrotui.document.models import ActionItem, Kind, Milestone, Postmortem, Status
from retrotui.errors import RetroError
from retrotui.quick.promote import promote
from retrotui.storage.store import Store

NOTE_ARGS = [
    "Disk full on db-2",
    "--severity", "sev3",
    "--started", "2026-11-20 14:02",
    "--duration", "40m",
    "--impact", "writes failed",
    "--fix", "rotated the logs",
    "--service", "db",
    "--tag", "disk",
    "--escalated",
]  # fmt: skip


@pytest.fixture
def note_id(db_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["--db", str(db_path), "note", *NOTE_ARGS]) == 0
    pm_id = capsys.readouterr().out.strip()
    # The action is added through the model so this test does not depend on
    # the SMART checker that ``retro note --action`` consults.
    item = ActionItem(
        text="Alert at 80% disk on db hosts",
        owner="storage-team",
        due=date(2027, 1, 15),
        due_text="2027-01-15",
    )
    Store(db_path).update(pm_id, lambda pm: pm.model_copy(update={"actions": [item]}))
    return pm_id


def test_every_field_is_carried_over(db_path, note_id, capsys):
    assert main(["--db", str(db_path), "promote", note_id, "--no-open"]) == 0
    draft_id = capsys.readouterr().out.strip()
    store = Store(db_path)
    note, draft = store.get(note_id), store.get(draft_id)
    assert draft.kind is Kind.incident and draft.status is Status.draft
    assert draft.promoted_from == note.id and note.promoted_to == draft.id
    for field in ("title", "severity", "impact", "resolution", "services", "tags"):
        assert getattr(draft, field) == getattr(note, field), field
    assert draft.escalated is True
    assert draft.timeline == note.timeline
    assert [e.milestone for e in draft.sorted_timeline()] == [
        Milestone.started,
        Milestone.resolved,
    ]
    assert draft.time_to_resolve == note.time_to_resolve
    assert draft.actions == note.actions
    assert draft.created > note.created or draft.created == note.created


def test_promoted_note_says_so_in_the_list(db_path, note_id, capsys):
    assert main(["--db", str(db_path), "promote", note_id, "--no-open"]) == 0
    draft_id = capsys.readouterr().out.strip()
    assert main(["--db", str(db_path), "list"]) == 0
    assert f"(promoted to {draft_id})" in capsys.readouterr().out


def test_promoting_twice_names_the_existing_draft(db_path, note_id, capsys):
    assert main(["--db", str(db_path), "promote", note_id, "--no-open"]) == 0
    draft_id = capsys.readouterr().out.strip()
    assert main(["--db", str(db_path), "promote", note_id, "--no-open"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"retro: note {note_id} was already promoted to {draft_id}; "
        f"continue it with 'retro open {draft_id}'\n"
    )
    assert len(Store(db_path).all()) == 2


def test_a_full_postmortem_is_not_promoted(db_path):
    store = Store(db_path)
    store.add(incident())
    with pytest.raises(Exception, match="already a full postmortem"):
        promote(store, "k7m2qx")


def test_without_no_open_the_draft_opens_in_the_app(db_path, note_id, monkeypatch):
    opened = []
    monkeypatch.setattr(
        "retrotui.cli.open.open_in_tui",
        lambda path, pm_id: opened.append((path, pm_id)) or 0,
    )
    assert main(["--db", str(db_path), "promote", note_id]) == 0
    [(path, draft_id)] = opened
    assert path == db_path and Store(db_path).get(draft_id).promoted_from == note_id


def test_two_promotions_of_one_note_at_once_make_one_draft(
    db_path: Path, note_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The second promotion starts while the first sits between its check and
    # its write; a separate Store is a separate lock holder, as another process.
    outcomes: dict[str, str] = {}

    def second() -> None:
        try:
            outcomes["second"] = promote(Store(db_path), note_id).id
        except RetroError as error:
            outcomes["second"] = f"refused: {error}"

    first_store = Store(db_path)
    read = first_store.get
    rival = threading.Thread(target=second)

    def get_then_let_the_rival_run(pm_id: str) -> Postmortem:
        found = read(pm_id)
        if not rival.is_alive() and "second" not in outcomes:
            rival.start()
            # Long enough for an unguarded rival to finish; a guarded one waits
            # for our lock, so this bounds nothing the test asserts.
            rival.join(timeout=1.0)
        return found

    monkeypatch.setattr(first_store, "get", get_then_let_the_rival_run)
    draft = promote(first_store, note_id)
    rival.join()
    assert outcomes["second"].startswith("refused: note")
    drafts = [pm for pm in Store(db_path).all() if pm.promoted_from == note_id]
    assert [pm.id for pm in drafts] == [draft.id]
    assert Store(db_path).get(note_id).promoted_to == draft.id
