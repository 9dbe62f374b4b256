"""``retro note``: a minor incident from one command line."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from retrotui.cli import main
from retrotui.document.models import Kind, Milestone, Postmortem, Severity, Status
from retrotui.errors import UsageError
from retrotui.quick.note import NoteAnswers, local_now, note_document
from retrotui.storage.store import Store


def note(db_path: Path, *args: str) -> int:
    return main(["--db", str(db_path), "note", *args])


def only(db_path: Path) -> Postmortem:
    [pm] = Store(db_path).all()
    return pm


def test_prints_the_id_of_a_minor_incident(db_path, capsys):
    assert note(db_path, "Disk full on db-2") == 0
    pm = only(db_path)
    assert capsys.readouterr().out == f"{pm.id}\n"
    assert pm.kind is Kind.minor and pm.severity is Severity.minor
    # The whole record of a minor incident: not a draft waiting to be resumed.
    assert pm.status is Status.published
    assert [e.milestone for e in pm.timeline] == [Milestone.started]
    assert abs(pm.milestone_time(Milestone.started) - pm.created) < timedelta(seconds=5)


def test_every_option_is_recorded(db_path, capsys):
    code = note(
        db_path,
        "Disk full on db-2",
        "--severity", "SEV3",
        "--started", "2026-11-20 14:02",
        "--duration", "20m",
        "--impact", "writes failed for 20 minutes",
        "--fix", "rotated the logs",
        "--service", "db",
        "--service", "api",
        "--tag", "disk",
        "--escalated",
        "--action", "Add an alert at 80% disk use on db hosts",
        "--owner", "storage-team",
        "--due", "2027-01-15",
        "--json",
    )  # fmt: skip
    assert code == 0
    pm = only(db_path)
    out = json.loads(capsys.readouterr().out)
    assert out["id"] == pm.id and out["title"] == "Disk full on db-2"
    assert isinstance(out["warnings"], list)
    assert pm.severity is Severity.sev3
    started, resolved = pm.sorted_timeline()
    assert (started.milestone, resolved.milestone) == (
        Milestone.started,
        Milestone.resolved,
    )
    assert started.at.strftime("%F %H:%M") == "2026-11-20 14:02"
    assert pm.time_to_resolve == timedelta(minutes=20)
    assert resolved.text == pm.resolution == "rotated the logs"
    assert pm.impact == "writes failed for 20 minutes"
    assert pm.services == ["db", "api"] and pm.tags == ["disk"]
    assert pm.escalated is True
    [item] = pm.actions
    assert item.text == "Add an alert at 80% disk use on db hosts"
    assert item.owner == "storage-team"
    assert (item.due, item.due_text) == (date(2027, 1, 15), "2027-01-15")


def test_resolved_at_a_time(db_path):
    args = ["--started", "2026-11-20 14:02", "--resolved", "14:40"]
    assert note(db_path, "Queue backlog", *args) == 0
    assert only(db_path).time_to_resolve == timedelta(minutes=38)


def test_a_vague_action_is_a_warning_not_a_refusal(db_path, capsys):
    assert note(db_path, "Disk full", "--action", "look into disk usage", "--json") == 0
    captured = capsys.readouterr()
    warnings = json.loads(captured.out)["warnings"]
    assert warnings, "a vague action with no owner and no due date is not SMART"
    lines = captured.err.splitlines()
    assert lines == [f"retro: warning: {line}" for line in warnings]
    [item] = only(db_path).actions
    assert (item.text, item.owner, item.due) == ("look into disk usage", "", None)


def test_a_due_that_is_not_a_date_is_kept_as_text(db_path):
    args = ["--action", "Alert at 80% disk", "--owner", "ops", "--due", "asap"]
    assert note(db_path, "Disk full", *args) == 0
    [item] = only(db_path).actions
    assert (item.due, item.due_text) == (None, "asap")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Disk full", "--started", "yesterday-ish"], "is not a time"),
        (["Disk full", "--started", "+2h"], "is in the future"),
        (["Disk full", "--duration", "5 parsecs"], "duration:"),
        (["Disk full", "--resolved", "5parsecs"], "not a time"),
        (["Disk full", "--severity", "sev9"], "severity"),
        (["   "], "needs a title"),
        (["x" * 301], "300"),
        (["\x1b[31m"], "needs a title"),
        (["Disk full", "--owner", "ops"], "belong to --action"),
        (["Disk full", "--duration", "5m", "--resolved", "14:00"], "not allowed"),
        (
            [
                "Disk full",
                "--started",
                "2026-11-20 14:00",
                "--resolved",
                "2026-11-20 13:00",
            ],
            "before it started",
        ),
    ],
)
def test_invalid_input_is_one_line_and_exit_2(db_path, capsys, args, message):
    assert note(db_path, *args) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.splitlines()) == 1 and message in captured.err
    assert not db_path.exists() or Store(db_path).all() == []


def test_escape_sequences_do_not_survive(db_path):
    title = "Disk \x1b[2J\x1b]0;pwned\x07full\x9b31m on db-2"
    assert note(db_path, title, "--impact", "a\x1b[1mb", "--service", "d\x07b") == 0
    pm = only(db_path)
    assert pm.title == "Disk full on db-2"
    assert pm.impact == "ab" and pm.services == ["db"]
    assert "\x1b" not in Path(db_path).read_text()


def test_the_document_is_exactly_what_the_model_stores():
    """The note is built as plain data; the model must keep every value of it."""
    now = local_now()
    answers = NoteAnswers(
        title="Disk full",
        started=now - timedelta(minutes=40),
        resolved=now,
        impact="slow writes",
        fix="rotated logs",
        services=["db"],
        tags=["disk"],
        escalated=True,
    )
    doc = note_document(answers, now)
    dumped = Postmortem.model_validate(doc).model_dump(mode="json")
    for key, value in doc.items():
        if key in ("created", "updated"):
            continue
        if key == "timeline":
            assert [e["id"] for e in dumped[key]] == [e["id"] for e in value]
            continue
        assert dumped[key] == value, key


def test_note_does_not_import_textual_prompts_or_pydantic(tmp_path):
    # Nor the time parser when no time is given (its zone names are a few
    # milliseconds of a start-up that must stay under half of Textual's).
    code = (
        "import sys; from retrotui.cli import main; "
        f"main(['--db', {str(tmp_path / 'db.json')!r}, 'note', 'Disk full']); "
        "print(sorted(m for m in ('textual', 'rich', 'questionary', 'prompt_toolkit',"
        " 'pydantic', 'retrotui.document.timeparse') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines()[-1] == "[]"


@given(
    title=st.text(max_size=320),
    impact=st.text(max_size=50),
    labels=st.lists(st.text(max_size=20), max_size=3),
    severity=st.sampled_from(["minor", "SEV2", "2", "major", "sev9", ""]),
)
def test_any_input_is_refused_or_kept_as_the_model_keeps_it(
    title, impact, labels, severity
):
    now = local_now()
    answers = NoteAnswers(
        title=title,
        started=now,
        impact=impact,
        severity=severity,
        services=labels,
        tags=labels,
    )
    try:
        doc = note_document(answers, now)
        pm = Postmortem.model_validate(doc)
    except (UsageError, ValueError):
        return
    dumped = pm.model_dump(mode="json")
    for key in ("title", "impact", "services", "tags"):
        assert dumped[key] == doc[key], key


def test_list_shows_and_sorts_by_the_incidents_date(db_path, capsys):
    assert note(db_path, "Old outage", "--started", "2022-10-31 07:30") == 0
    assert note(db_path, "Newer outage", "--started", "2024-03-02 10:00") == 0
    capsys.readouterr()
    assert main(["--db", str(db_path), "list"]) == 0
    lines = capsys.readouterr().out.splitlines()[1:]
    assert [line.split()[1] for line in lines] == ["2024-03-02", "2022-10-31"]
    assert main(["--db", str(db_path), "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [row["date"] for row in rows] == ["2024-03-02", "2022-10-31"]
