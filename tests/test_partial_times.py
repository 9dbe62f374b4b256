"""What real write-ups hold that a timeline of exact times cannot: rows whose
time is known only to the day, month or hour or not at all, durations stated
without a start row, no severity, a "Lessons Learned" list.  Kept honestly in
the document, the report and a Markdown import, and read back the same."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from factories import incident

from retrotui.checks.completeness import missing
from retrotui.document.approx import read_approx, when_text
from retrotui.document.models import Postmortem, TimelineEvent, duration_text
from retrotui.document.schema import Milestone, Precision, Severity
from retrotui.document.stated import read_stated_line
from retrotui.document.timeparse import TimeParseError, split_timed
from retrotui.importing.markdown import read_markdown
from retrotui.reports.markdown import to_markdown

DFDS = Path(__file__).parent / "data" / "importing" / "dfds"
UTC = timezone.utc
NOW = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
BEFORE = datetime(2022, 2, 9, 10, 30, tzinfo=UTC)


def _read(prefix: str) -> tuple[Postmortem, list[str]]:
    (path,) = DFDS.glob(f"{prefix}*")
    result = read_markdown(path.read_text(encoding="utf-8"))
    return Postmortem.model_validate(result.data), result.report.warnings


def _back(pm: Postmortem) -> Postmortem:
    return Postmortem.model_validate(read_markdown(to_markdown(pm)).data)


@pytest.mark.parametrize(
    "head,at,precision",
    [
        ("2022-06-02", datetime(2022, 6, 2, tzinfo=UTC), Precision.day),
        ("2022-06-02 HH:mm", datetime(2022, 6, 2, tzinfo=UTC), Precision.day),
        ("2022-06-02 ??:??", datetime(2022, 6, 2, tzinfo=UTC), Precision.day),
        ("2024-03-13 14:??", datetime(2024, 3, 13, 14, tzinfo=UTC), Precision.hour),
        ("14:??", datetime(2022, 2, 9, 14, tzinfo=UTC), Precision.hour),
        ("2022-05-?? HH:mm", datetime(2022, 5, 1, tzinfo=UTC), Precision.month),
        ("2021-??-??", datetime(2021, 1, 1, tzinfo=UTC), Precision.year),
        # Inside the period the row before is in: it stays after that row.
        ("2022-02-?? ??:??", BEFORE, Precision.month),
        ("??:??", BEFORE, Precision.unknown),
        ("time unknown", BEFORE, Precision.unknown),
        ("2021/22-??-?? HH:mm", BEFORE, Precision.unknown),
    ],
)
def test_a_partial_time_is_placed_and_says_how_much_is_known(
    head: str, at: datetime, precision: Precision
) -> None:
    assert read_approx(head, UTC, BEFORE, NOW) == (at, precision)


@pytest.mark.parametrize("head", ["14:02", "2022-06-02 14:02", "unknown", "2022-13-??"])
def test_exact_times_and_words_are_not_partial(head: str) -> None:
    assert read_approx(head, UTC, BEFORE, NOW) is None


def test_typed_lines_keep_what_is_known_and_refuse_what_has_no_time() -> None:
    assert split_timed("2022-06-02 limitrange deleted", NOW) == (
        datetime(2022, 6, 2, tzinfo=UTC),
        Precision.day,
        "limitrange deleted",
    )
    assert split_timed("2022-06-02 14:05 deleted", NOW)[1] is Precision.minute
    assert split_timed("?? script run by hand", NOW, BEFORE)[:2] == (
        BEFORE,
        Precision.unknown,
    )
    with pytest.raises(TimeParseError):
        split_timed("unknown error spike", NOW)


def test_shown_with_question_marks_in_the_zone_written() -> None:
    cet = timezone(timedelta(hours=1))
    at = datetime(2022, 6, 2, 0, 0, tzinfo=cet)
    # A day written stays that day, whatever zone the list is shown in.
    assert when_text(at, Precision.day, UTC, short=False) == "2022-06-02 ??:??"
    assert when_text(at, Precision.day, UTC, short=True) == "06-02 ??:??"
    assert when_text(at, Precision.month, UTC, short=True) == "06-?? ??:??"
    assert when_text(at, Precision.unknown, UTC, short=False) == "time unknown"
    assert when_text(at, Precision.minute, UTC, short=False) == "2022-06-01 23:00"


def test_no_duration_or_order_warning_from_a_partial_time() -> None:
    pm = Postmortem(
        title="x",
        timeline=[
            TimelineEvent(at=BEFORE, text="started", milestone=Milestone.started),
            TimelineEvent(
                at=datetime(2022, 2, 9, tzinfo=UTC),
                text="noticed some day",
                milestone=Milestone.detected,
                precision=Precision.day,
            ),
            TimelineEvent(
                at=BEFORE + timedelta(hours=2),
                text="fixed",
                milestone=Milestone.resolved,
            ),
        ],
    )
    assert pm.time_to_detect is None
    assert pm.time_to_resolve == timedelta(hours=2)
    assert pm.milestone_warnings() == []


def test_a_stated_duration_is_shown_as_stated() -> None:
    assert duration_text(None, None) == "-"
    assert duration_text(None, timedelta(minutes=30)) == "30m (stated)"
    assert duration_text(timedelta(minutes=4), timedelta(minutes=4)) == "4m (as stated)"
    assert duration_text(timedelta(hours=1), timedelta(minutes=50)) == (
        "1h 00m (stated 50m)"
    )


@pytest.mark.parametrize(
    "line,expected",
    [
        ("time to detect 30m", (Milestone.detected, timedelta(minutes=30))),
        ("Time to detection: 30 minutes", (Milestone.detected, timedelta(minutes=30))),
        ("TTR 6h", (Milestone.resolved, timedelta(hours=6))),
        ("time to recovery: 2 weeks", (Milestone.resolved, timedelta(days=14))),
        ("ttm -", (Milestone.mitigated, None)),
        ("14:02 time to detect was long", None),
    ],
)
def test_a_stated_duration_line(line: str, expected: tuple | None) -> None:
    assert read_stated_line(line) == expected


def test_a_stated_duration_that_is_not_one_is_refused() -> None:
    with pytest.raises(TimeParseError):
        read_stated_line("time to detect a while")


def test_partial_rows_import_as_written_in_order() -> None:
    pm, warnings = _read("PM2022-006")
    rows = [(e.precision, e.text[:20]) for e in pm.sorted_timeline()]
    assert rows[:5] == [
        (Precision.day, "Created bulk-apply-l"),
        (Precision.day, "Traefik v2 went live"),
        (Precision.unknown, "bulk-apply-limitrang"),
        (Precision.month, "Detected on unknown "),
        (Precision.day, "CE started investiga"),
    ]
    assert rows[8][0] is Precision.minute  # 2022-06-07 08:30
    # Only the one time retro cannot show again is kept as written.
    assert "2021/22-??-??" in pm.notes and "2022-05-??" not in pm.notes
    assert [w for w in warnings if "timeline" in w] == [
        "timeline: '2021/22-??-?? HH:mm': no time; shown as 'time unknown', "
        "placed by the rows around it"
    ]


def test_a_tba_row_stays_last_and_known_to_the_month() -> None:
    pm, _ = _read("PM2022-004")
    last = pm.sorted_timeline()[-1]
    assert last.text.startswith("TBA: Problem will remain")
    assert last.precision is Precision.month
    assert last.at == pm.sorted_timeline()[-2].at  # with the row above it
    report = to_markdown(pm)
    assert "| 2022-02-?? ??:?? | TBA: Problem will remain" in report


def test_stated_durations_without_a_start_row_are_kept() -> None:
    pm, warnings = _read("PM2024-003")
    assert pm.stated_minutes == {Milestone.detected: 30, Milestone.resolved: 22 * 60}
    assert pm.time_to_detect is None
    report = to_markdown(pm)
    assert "- Time to detect: 30m (stated)" in report
    assert "- Time to resolve: 22h 00m (stated)" in report
    assert not any("Time to" in w for w in warnings)
    assert "Time to detection" not in pm.notes


def test_stated_and_derived_agree_when_the_timeline_has_them() -> None:
    pm, _ = _read("PM2022-004")
    assert pm.time_to_detect == timedelta(hours=19, minutes=43)
    assert "- Time to detect: 19h 43m (as stated)" in to_markdown(pm)


def test_no_severity_stays_unknown_and_the_checklist_asks() -> None:
    pm, _ = _read("PM2024-003")
    assert pm.severity is Severity.unknown
    assert "- **Severity:** unknown (not recorded)" in to_markdown(pm)
    assert "a severity (the record gives none)" in missing(pm)
    pm.severity = Severity.sev2
    assert not any("severity" in gap for gap in missing(pm))
    text = "# Outage\n\n**Severity:** SEV-2\n\n## Summary\n\nDown.\n"
    assert read_markdown(text).data["severity"] == "sev2"


def test_lessons_learned_lead_the_reports_lessons() -> None:
    pm, _ = _read("PM2022-006")
    assert pm.takeaways == ["Automate more. Avoid tactical handheld solutions."]
    report = to_markdown(pm)
    lessons = report[report.index("## Lessons learned") : report.index("## Timeline")]
    assert lessons.index("### Takeaways") < lessons.index("### What went well")
    assert "- Automate more." in lessons


@pytest.mark.parametrize("prefix", ["PM2022-006", "PM2022-004", "PM2024-003"])
def test_the_report_reads_back_the_same(prefix: str) -> None:
    pm, _ = _read(prefix)
    back = _back(pm)
    assert [(e.at, e.precision, e.text) for e in back.timeline] == [
        (e.at, e.precision, e.text) for e in pm.timeline
    ]
    assert back.stated_minutes == pm.stated_minutes
    assert back.severity is pm.severity
    assert back.takeaways == pm.takeaways


def test_a_stated_duration_beside_a_derived_one_reads_back() -> None:
    pm = incident()
    pm.stated_minutes = {Milestone.detected: 50, Milestone.mitigated: 20}
    assert _back(pm).stated_minutes == pm.stated_minutes


def test_an_unknown_severity_lists_as_a_question_mark(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from retrotui.cli import main

    db = str(tmp_path / "db.json")
    (path,) = DFDS.glob("PM2024-003*")
    assert main(["--db", db, "import", str(path)]) == 0
    capsys.readouterr()
    assert main(["--db", db, "list"]) == 0
    (row,) = capsys.readouterr().out.splitlines()[1:]
    assert row.split()[2:4] == ["incident", "?"]
