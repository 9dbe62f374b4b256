"""``retro promote``: a quick note becomes a full postmortem draft."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from factories import incident

from retrotui.cli import main
from retrotui.models import ActionItem, Kind, Milestone, Status
from retrotui.promote import promote
from retrotui.store import Store

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
        "retrotui.commands.open.open_in_tui",
        lambda path, pm_id: opened.append((path, pm_id)) or 0,
    )
    assert main(["--db", str(db_path), "promote", note_id]) == 0
    [(path, draft_id)] = opened
    assert path == db_path and Store(db_path).get(draft_id).promoted_from == note_id
