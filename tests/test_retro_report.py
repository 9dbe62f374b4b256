"""A team retrospective's Markdown report reads as one: its own headings for
what the team answered, its action items and participants, no incident
sections left empty."""

from __future__ import annotations

import csv
import io
from datetime import date

from factories import incident, run_cli, team_retro

from retrotui.reports.markdown import to_markdown
from retrotui.storage.store import Store

INCIDENT_HEADINGS = (
    "## Summary",
    "## Impact",
    "## Contributing factors",
    "## Trigger",
    "## Detection",
    "## Resolution",
    "## Timeline",
    "## Lessons learned",
    "### What went wrong",
    "Where we got lucky",
    "What was confusing",
    "**Severity:**",
    "| Factors |",
)


def headings(report: str) -> list[str]:
    return [line for line in report.splitlines() if line.startswith("#")]


def test_a_retro_report_has_its_own_sections_and_no_incident_ones() -> None:
    report = to_markdown(team_retro(), as_of=date(2026, 12, 1))
    assert headings(report) == [
        "# Platform team retrospective, sprint 42",
        "## Scope",
        "## What went well",
        "## What could improve",
        "## What puzzled us",
        "## Action items",
        "## Takeaways",
        "## Participants",
    ]
    assert "- **Kind:** team retrospective" in report
    assert "Sprint 42: the database migration" in report
    assert "- Reviews waited two days on average" in report
    assert "| Action | Type | Priority | Owner | Due | Status |" in report
    assert "- 2 members (Ana Silva named with consent)" in report
    assert "- 1 manager" in report
    for part in INCIDENT_HEADINGS:
        assert part not in report, part
    assert "_None recorded._" not in report


def test_an_empty_retro_says_what_its_own_questions_lack() -> None:
    pm = team_retro()
    pm.went_wrong, pm.actions, pm.summary = [], [], ""
    report = to_markdown(pm)
    for heading in ("## Scope", "## What could improve", "## Action items"):
        assert f"{heading}\n\n_None recorded._" in report
    for part in INCIDENT_HEADINGS:
        assert part not in report, part


def test_a_retro_keeps_incident_parts_it_holds() -> None:
    """Nothing stored is left out: a document made a retro after it got an
    impact, a severity or a timeline shows them."""
    pm = team_retro()
    pm.severity, pm.impact, pm.lucky = "sev1", "Two releases slipped", ["No outage"]
    pm.timeline = incident().timeline
    report = to_markdown(pm)
    assert "- **Severity:** SEV1" in report
    assert "## Impact\n\nTwo releases slipped" in report
    assert "## Where we got lucky\n\n- No outage" in report
    assert "## Timeline" in report
    assert "## Detection" not in report and "## Contributing factors" not in report


def test_an_incident_report_is_unchanged_in_shape() -> None:
    report = to_markdown(incident())
    for part in ("## Summary", "## Trigger", "### What went wrong", "| Factors |"):
        assert part in report
    assert "**Kind:** incident" in report


def test_retro_show_prints_the_retro_report(db_path, capsys) -> None:  # type: ignore[no-untyped-def]
    Store(db_path).add(team_retro())
    code, out, _ = run_cli(capsys, "--db", str(db_path), "show", "ret042")
    assert code == 0
    assert "## What puzzled us" in out and "## Trigger" not in out


def test_retro_list_and_stats_count_a_retro_apart_without_a_severity(
    db_path, capsys
) -> None:  # type: ignore[no-untyped-def]
    store = Store(db_path)
    store.add(team_retro())
    store.add(incident())
    code, out, _ = run_cli(capsys, "--db", str(db_path), "list")
    assert code == 0
    rows = {line.split()[0]: line.split() for line in out.splitlines()[1:]}
    assert rows["ret042"][2:4] == ["retro", "-"]
    assert rows["k7m2qx"][2:4] == ["incident", "sev2"]
    code, out, _ = run_cli(capsys, "--db", str(db_path), "stats")
    assert out.startswith("1 postmortem, 0 quick notes, 1 retrospective\n")


def test_a_retro_calendar_names_a_retrospective_review(db_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from icalendar import Calendar

    Store(db_path).add(team_retro())
    code, out, _ = run_cli(
        capsys, "--db", str(db_path), "export", "ret042", "--format", "ics"
    )
    assert code == 0
    events = Calendar.from_ical(out).walk("VEVENT")
    summaries = [str(event["SUMMARY"]) for event in events]
    assert summaries[0] == (
        "Retrospective follow-up review: Platform team retrospective, sprint 42"
    )
    assert str(events[0]["DESCRIPTION"]).startswith(
        "Follow-up review of retrospective ret042"
    )
    assert not any("Postmortem" in summary for summary in summaries)
    assert {str(event["CATEGORIES"].cats[0]) for event in events} == {"retrospective"}


def test_a_retros_jira_rows_are_labelled_as_a_retrospective(db_path, capsys) -> None:  # type: ignore[no-untyped-def]
    Store(db_path).add(team_retro())
    Store(db_path).add(incident())
    code, out, _ = run_cli(
        capsys, "--db", str(db_path), "export", "ret042", "--format", "jira-csv"
    )
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))[1:]
    assert rows and all(
        row[4:6] == ["retrospective", "retrospective-ret042"] for row in rows
    )
    assert all("Retrospective: ret042: " in row[6] for row in rows)
    assert not any("Postmortem:" in row[6] for row in rows)
    # An incident's rows keep the postmortem labels.
    code, out, _ = run_cli(
        capsys, "--db", str(db_path), "export", "k7m2qx", "--format", "jira-csv"
    )
    rows = list(csv.reader(io.StringIO(out)))[1:]
    assert rows and all(row[4] == "postmortem" for row in rows)
    assert all("Postmortem: k7m2qx: " in row[6] for row in rows)
