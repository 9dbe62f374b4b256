"""The postmortem model: validation, cleaning, derived times, migration."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta

import pytest
from factories import T0, incident
from pydantic import ValidationError

from retrotui.document.migrate import migrate
from retrotui.document.models import (
    Milestone,
    Postmortem,
    Severity,
    TimelineEvent,
    format_duration,
)
from retrotui.document.text import clean_text
from retrotui.document.validation import describe
from retrotui.storage.store import Store


def test_a_realistic_incident_validates_and_round_trips() -> None:
    pm = incident()
    again = Postmortem.model_validate_json(pm.model_dump_json())
    assert again == pm


@pytest.mark.parametrize(
    "raw,expected",
    [("SEV2", "sev2"), ("2", "sev2"), ("major", "sev2"), ("minor", "minor")],
)
def test_severity_accepts_common_spellings(raw: str, expected: str) -> None:
    assert Postmortem(title="x", severity=raw).severity is Severity(expected)


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("title", "", "title: must not be empty"),
        ("title", "   ", "title: must not be empty"),
        ("severity", "sev9", "severity"),
        ("id", "no spaces allowed", "id: an id is"),
        ("status", "finished", "status"),
    ],
)
def test_bad_input_becomes_a_friendly_message(
    field: str, value: str, message: str
) -> None:
    data = {"title": "Database down", field: value}
    with pytest.raises(ValidationError) as caught:
        Postmortem(**data)
    assert message in describe(caught.value)


def test_escape_sequences_and_controls_are_stripped_but_newlines_kept() -> None:
    pm = Postmortem(
        title="DB \x1b[31mdown\x1b[0m\x1b]0;pwned\x07 \x07now",
        summary="line one\r\nline\ttwo\x00\x1b[2J\n\x9b31mthree",
    )
    assert pm.title == "DB down now"
    assert pm.summary == "line one\nline\ttwo\nthree"
    pm.impact = "a\x1b[1Ab"  # assignment is validated too
    assert pm.impact == "ab"


def test_clean_text_removes_osc_dcs_and_c1() -> None:
    assert clean_text("a\x1bP+q\x1b\\b\x1b_apc\x1b\\c\x85d") == "abcd"


def test_naive_times_become_aware() -> None:
    event = TimelineEvent(at="2026-11-21T14:02:00", text="paged")
    assert event.at.tzinfo is not None


def test_derived_durations_come_from_milestones() -> None:
    pm = incident()
    assert pm.time_to_detect == timedelta(minutes=5)
    assert pm.time_to_acknowledge == timedelta(minutes=8)
    assert pm.time_to_mitigate == timedelta(minutes=30)
    assert pm.time_to_resolve == timedelta(minutes=47)
    assert format_duration(pm.time_to_resolve) == "47m"
    assert format_duration(timedelta(hours=26, minutes=5)) == "1d 02h 05m"
    assert "time_to_detect" not in pm.model_dump()


def test_out_of_order_milestones_are_a_warning_not_an_error() -> None:
    pm = incident()
    pm.timeline = [
        *pm.timeline,
        TimelineEvent(
            at=T0 - timedelta(minutes=10),
            text="resolved early?",
            milestone=Milestone.resolved,
        ),
    ]
    warnings = pm.milestone_warnings()
    assert warnings and "'resolved'" in warnings[0]


def test_ids_are_short_and_typeable() -> None:
    ids = {Postmortem(title="x").id for _ in range(200)}
    assert len(ids) == 200
    assert all(len(i) == 6 and i.isalnum() and not set(i) & set("01lio") for i in ids)


V1_DOCUMENT = {
    "id": "old001",
    "title": "Queue backlog (written by retro 0.0)",
    "severity": "SEV3",
    "state": "done",
    "tags": ["queue"],
    "root_cause": "Consumers were scaled to zero by a bad HPA setting",
    "lessons": {
        "went_well": ["Alert fired"],
        "went_wrong": ["No runbook"],
        "lucky": [],
    },
    "timeline": [
        {"time": "2025-03-01T10:00:00", "event": "Backlog grows", "kind": "started"},
        {
            "time": "2025-03-01T10:20:00",
            "event": "Consumers scaled up",
            "kind": "resolved",
        },
    ],
    "action_items": [
        {
            "what": "Add a backlog-age alert at 10 minutes",
            "assignee": "Team Queue",
            "due_date": "2025-04-01",
            "done": True,
        }
    ],
    "created_at": "2025-03-01T12:00:00+00:00",
}


def test_old_schema_documents_are_migrated_on_read(db_path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_text(json.dumps({"postmortems": {"1": V1_DOCUMENT}}))
    pm = Store(db_path).get("old001")
    assert pm.schema_version == 2
    assert pm.status.value == "published"
    assert pm.severity is Severity.sev3
    assert (
        pm.factors[0].text.startswith("Consumers were scaled")
        and pm.factors[0].kind.value == "trigger"
    )
    assert pm.went_well == ["Alert fired"] and pm.went_wrong == ["No runbook"]
    assert pm.time_to_resolve == timedelta(minutes=20)
    assert pm.actions[0].owner == "Team Queue" and pm.actions[0].status.value == "done"
    assert pm.created.year == 2025


def test_documents_from_a_newer_retro_are_refused() -> None:
    with pytest.raises(Exception, match="newer than this retro"):
        migrate({"schema_version": 99, "id": "x", "title": "y"})


def test_core_never_imports_textual() -> None:
    code = (
        "import sys, pkgutil, importlib, retrotui, retrotui.cli.common\n"
        "for mod in pkgutil.walk_packages(retrotui.__path__, 'retrotui.'):\n"
        "    if mod.name != 'retrotui.app':\n"
        "        importlib.import_module(mod.name)\n"
        "from retrotui.cli.entry import build_parser\n"
        "build_parser()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'shell', 'screens', 'widgets')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
