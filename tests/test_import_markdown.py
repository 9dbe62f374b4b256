"""Markdown postmortems read into documents: the DFDS corpus (real documents)
with counts checked by hand, layouts, zones, placeholders and impossible dates."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from retrotui.document.models import Postmortem
from retrotui.document.schema import (
    ActionStatus,
    FactorKind,
    Milestone,
    Precision,
    Status,
)
from retrotui.importing.markdown import read_markdown
from retrotui.importing.report import ZoneNeeded
from retrotui.importing.zones import zone_named

DFDS = Path(__file__).parent / "data" / "importing" / "dfds"

# file prefix, title, timeline rows, factors, actions, first row as written
# with its zone, time to detect / resolve in minutes (None: not derivable).
# Counted by hand from the files (rows of the timeline table, top-level
# bullets of Contributing Factors and Action Items).
CORPUS = [
    (
        "PM2019-009",
        "Kubernetes network infrastructure IP starvation",
        14,
        7,
        4,
        "2019-11-29T12:00+01:00",
        None,
        None,
    ),
    (
        "PM2019-011",
        "Hellman Kubernetes IaC accidentally reverted",
        11,
        3,
        5,
        "2019-12-05T04:00+01:00",
        None,
        None,
    ),
    (
        "PM2020-002",
        "KIAM Service disruption",
        4,
        3,
        3,
        "2020-01-21T15:36+01:00",
        54,
        148,
    ),
    (
        "PM2020-004",
        "CoreDNS upgrade issue",
        3,
        3,
        2,
        "2020-02-03T11:21+01:00",
        None,
        31,
    ),
    (
        "PM2020-006",
        "ADSync service accounts",
        5,
        2,
        2,
        "2020-02-24T10:50+01:00",
        None,
        None,
    ),
    (
        "PM2020-008",
        "Alcide admission causing Kubernetes timeouts",
        6,
        4,
        2,
        "2020-11-04T13:00+01:00",
        88,
        122,
    ),
    (
        "PM2021-001",
        "Logs from Kubernetes worklaods not being shipped to CloudWatch Logs",
        4,
        4,
        3,
        "2021-01-05T11:25+01:00",
        1415,
        1435,
    ),
    (
        "PM2021-003",
        "Flux unintended version update",
        7,
        4,
        3,
        "2021-02-19T08:35+01:00",
        20,
        48,
    ),
    (
        "PM2021-005",
        "All services returning 503 in Kubernetes",
        7,
        2,
        3,
        "2021-06-22T08:21+00:00",
        8,
        25,
    ),
    (
        "PM2021-007",
        "All services returning 503 in Kubernetes",
        5,
        2,
        2,
        "2021-07-02T07:32+00:00",
        8,
        10,
    ),
    (
        "PM2021-009",
        "All services returning 404 in Kubernetes",
        13,
        3,
        6,
        "2021-09-01T11:34+00:00",
        5,
        68,
    ),
    (
        "PM2021-011",
        "Log4Shell investigations",
        26,
        0,
        6,
        "2021-12-10T00:00+00:00",
        None,
        None,
    ),
    (
        "PM2022-002",
        "Logs not shipped to CloudWatch",
        7,
        3,
        1,
        "2022-01-31T12:00+00:00",
        53,
        109,
    ),
    (
        "PM2022-004",
        "Kafka metrics missing from Prometheus",
        10,
        3,
        2,
        "2022-02-08T12:20+00:00",
        1183,
        1220,
    ),
    ("PM2022-006", "ALB 502 Errors", 10, 4, 4, "2020-12-21T00:00+00:00", None, None),
    (
        "PM2022-008",
        "CRUD operations on K8s Service resources unavailable",
        7,
        7,
        4,
        "2022-08-03T11:38+00:00",
        12,
        88,
    ),
    ("PM2023-001", "Total node failure", 16, 4, 6, "2023-02-13T07:30+00:00", None, 13),
    (
        "PM2024-001",
        "Two Kubernetes nodes went into NotReady state",
        28,
        2,
        7,
        "2024-03-13T00:00+00:00",
        4,
        None,
    ),
    (
        "PM2024-003",
        "Kube state metrics exposing wrong labels",
        7,
        3,
        2,
        "2024-06-06T11:27+00:00",
        None,
        None,
    ),
    (
        "PM2025-002",
        "Traefik Rule Preventing Some Inbound Traffic",
        12,
        10,
        6,
        "2025-03-17T16:06+00:00",
        None,
        389,
    ),
]


def _read(prefix: str) -> tuple[Postmortem, list[str]]:
    (path,) = DFDS.glob(f"{prefix}*")
    result = read_markdown(path.read_text(encoding="utf-8"))
    return Postmortem.model_validate(result.data), result.report.warnings


@pytest.mark.parametrize("row", CORPUS, ids=[row[0] for row in CORPUS])
def test_every_corpus_postmortem_imports_with_its_counts(row: tuple) -> None:
    prefix, title, events, factors, actions, first, ttd, ttr = row
    pm, _ = _read(prefix)
    assert pm.title == title
    assert (len(pm.timeline), len(pm.factors), len(pm.actions)) == (
        events,
        factors,
        actions,
    )
    # The first row as written (not the earliest: rows may be out of order).
    assert pm.timeline[0].at == datetime.fromisoformat(first)
    minutes = lambda value: value and int(value.total_seconds() // 60)  # noqa: E731
    if ttd is not None:
        assert minutes(pm.time_to_detect) == ttd
    if ttr is not None:
        assert minutes(pm.time_to_resolve) == ttr
    assert pm.status is Status.published


def test_cet_is_read_with_daylight_saving() -> None:
    """ "All times in CET" in June is the team's wall clock: UTC+2 then."""
    text = (
        "# Summer\n\n## Timeline\n\nAll times in CET.\n\n| Time | Event |\n"
        "| --- | --- |\n| 2021-06-22 10:00 | paged |\n| 2021-12-22 10:00 | again |\n"
    )
    pm = Postmortem.model_validate(read_markdown(text).data)
    assert [e.at.utcoffset() for e in pm.timeline] == [
        timedelta(hours=2),
        timedelta(hours=1),
    ]


def test_a_timeline_without_a_zone_needs_one() -> None:
    text = "# X\n\n## Timeline\n\n| Time | Event |\n| --- | --- |\n| 2021-06-22 10:00 | a |\n"
    with pytest.raises(ZoneNeeded):
        read_markdown(text)
    pm = Postmortem.model_validate(read_markdown(text, zone_named("UTC")).data)
    assert pm.timeline[0].at.utcoffset() == timedelta(0)


def test_an_impossible_date_is_kept_with_a_warning() -> None:
    text = (
        "# Typo\n\n## Timeline\n\nAll times in UTC.\n\n| Time | Event |\n| --- | --- |\n"
        "| 2021-06-22 10:00 | paged |\n| 20211-06-22 10:05 | restarted the pod |\n"
        "| 2021-13-01 10:07 | and again |\n"
    )
    result = read_markdown(text)
    pm = Postmortem.model_validate(result.data)
    assert [e.text for e in pm.timeline] == ["paged", "restarted the pod", "and again"]
    assert any("20211" in w for w in result.report.warnings)
    assert any("2021-13-01" in w for w in result.report.warnings)
    assert "20211-06-22 10:05" in pm.notes


def test_placeholders_keep_the_row_in_order() -> None:
    pm, warnings = _read("PM2024-001")
    texts = [e.text for e in pm.sorted_timeline()]
    assert texts.index(
        "Scaled the rough dev container up to its original 3 replicas."
    ) > texts.index(
        "Discovered RDS issues for the instance used by the rogue dev container."
    )
    # Known to the hour: kept as such (shown "14:??"), not moved to the notes.
    scaled = [e for e in pm.timeline if e.text.startswith("Scaled the rough")]
    assert [e.precision for e in scaled] == [Precision.hour, Precision.hour]
    assert [e.at.hour for e in scaled] == [14, 14]
    assert "14:??" not in pm.notes and not any("14:??" in w for w in warnings)


def test_factors_actions_lessons_attendees() -> None:
    pm, _ = _read("PM2023-001")
    assert (
        pm.factors[0].text == "QA config differs from prod, missing staging environment"
    )
    assert [p.name for p in pm.participants] == ["AN", "ED", "RN", "SA", "EC"]
    assert not any(p.consent_named for p in pm.participants)
    assert pm.actions[-1].status is ActionStatus.done
    assert (
        pm.actions[-1].text
        == "Implement guards against invalid container runtime selection"
    )
    assert len(pm.takeaways) == 3
    assert pm.category == "Kubernetes" and pm.tags == []
    space, _ = _read("PM2025-002")
    names = ["RF", "SC", "AN", "MN", "EC", "SP", "SD", "AF"]
    assert [p.name for p in space.participants] == names


def test_nested_lessons_and_links() -> None:
    pm, _ = _read("PM2021-011")
    assert pm.timeline[4].text.endswith("decided to advice S&O")
    assert any(
        t.startswith(
            "Reflections on external collaboration: With S&O\n- Initial coordination"
        )
        for t in pm.takeaways
    )
    assert any(t.startswith("General: ") for t in pm.takeaways)
    reverted, _ = _read("PM2019-011")
    assert "PM2019-009 (https://github.com/dfds/postmortems/" in reverted.summary


def test_google_sre_template_with_labels_and_bullets() -> None:
    text = """# Shakespeare Sonnet++ Postmortem (incident #465)

**Date:** 2015-10-21

**Status:** Complete, action items in progress

**Summary:** Shakespeare Search down for 66 minutes during period of very high interest.

**Impact:** Estimated 1.21B queries lost, no revenue impact.

**Root Causes:** Cascading failure due to combination of exceptionally high load and a resource leak.

**Trigger:** Latent bug triggered by sudden increase in traffic.

**Resolution:** Directed traffic to sacrificial cluster.

**Detection:** Borgmon detected high level of HTTP 500s and paged on-call.

## Action Items

| Action Item | Type | Owner | Bug |
| ----------- | ---- | ----- | --- |
| Update playbook with instructions for responding to cascading failure | mitigate | jennifer | n/a DONE |
| Schedule cascading failure test during next DiRT | process | docbrown | Bug 5554825 |

## Lessons Learned

### What went well
- Monitoring quickly alerted us to high rate (reaching ~100%) of HTTP 500s

### What went wrong
- We're out of practice in responding to cascading failure

### Where we got lucky
- Mailing list of Shakespeare aficionados had a copy of new sonnet available

## Timeline

2015-10-21 (all times UTC)

- 14:51 News reports that a new Shakespearean sonnet has been discovered
- 14:53 Traffic to Shakespeare search increases by 88x
- 14:54 OUTAGE BEGINS — Search backends start melting down under load
- 15:00 Pager goes off
- 16:00 OUTAGE ENDS
"""
    result = read_markdown(text)
    pm = Postmortem.model_validate(result.data)
    assert pm.title.startswith("Shakespeare Sonnet++ Postmortem")
    assert pm.summary.startswith("Shakespeare Search down for 66 minutes")
    assert pm.impact.startswith("Estimated 1.21B")
    assert [f.kind for f in pm.factors] == [FactorKind.enabling, FactorKind.trigger]
    assert pm.detection.startswith("Borgmon")
    assert [(a.owner, a.type.value, a.tracker) for a in pm.actions] == [
        ("jennifer", "mitigate", "n/a DONE"),
        ("docbrown", "process", "Bug 5554825"),
    ]
    assert len(pm.went_well) == len(pm.went_wrong) == len(pm.lucky) == 1
    assert len(pm.timeline) == 5
    assert pm.timeline[0].at == datetime.fromisoformat("2015-10-21T14:51+00:00")
    assert pm.timeline[2].text.startswith("OUTAGE BEGINS")


def test_owner_and_due_read_as_smart_reads_them() -> None:
    text = (
        "# X\n\n## Action Items\n\n- Add an alert on pool saturation above 80% "
        "(owner: dba) by 2026-12-20\n- @lena to document the rollover by Friday\n"
    )
    pm = Postmortem.model_validate(read_markdown(text).data)
    assert [a.owner for a in pm.actions] == ["dba", "@lena"]
    assert str(pm.actions[0].due) == "2026-12-20"


def test_unknown_sections_are_kept_verbatim_and_warned() -> None:
    text = "# X\n\n## Summary\n\nshort\n\n## Supporting information\n\n- graphs: <https://x/y>\n"
    result = read_markdown(text)
    pm = Postmortem.model_validate(result.data)
    assert "## Supporting information" in pm.notes
    assert "graphs" in pm.notes
    assert any("Supporting information" in w for w in result.report.warnings)


def test_unreadable_stats_are_kept() -> None:
    pm, _ = _read("PM2020-006")
    assert "Time to detection: ?" in pm.notes
    assert pm.milestone_time(Milestone.detected) is None


def test_held_out_documents_meet_the_hand_written_expectations() -> None:
    """Written before the importer ever ran on them (see their README)."""
    import importlib.util

    path = Path(__file__).parent.parent / "benchmarks" / "import_heldout.py"
    spec = importlib.util.spec_from_file_location("import_heldout", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    right, total, misses = module.score(DFDS.parent / "heldout")
    assert total >= 80
    assert misses == []


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("Contributing Factors (findings)", "factors"),
        ("Atendees", "attendees"),
        ("Action items [WIP]", "actions"),
        ("Lessons learnt", "lessons"),
        ("Contributing Factrs", "factors"),
        ("Background", None),
        ("Appendix", None),
        ("Actors", None),
    ],
)
def test_headings_with_remarks_and_typos(title: str, role: str | None) -> None:
    from retrotui.importing.sections import role_of

    assert role_of(title) == role


def test_template_title_left_in_place_takes_the_line_below() -> None:
    text = "# Incident Title\n\nADFS Outage\n\nMore words.\n\n## Summary\n\nCerts expired.\n"
    pm = Postmortem.model_validate(read_markdown(text).data)
    assert pm.title == "ADFS Outage"
    assert pm.summary == "More words.\n\nCerts expired."


def test_a_doubled_digit_in_the_year_is_read_as_the_year_with_a_warning() -> None:
    text = (
        "# X\n\n## Timeline\n\nAll times in CET.\n\n| Time | Event |\n| --- | --- |\n"
        "| 20202-01-16 12:00 | one |\n| 20202-01-17 12:00 | two |\n"
        "| ~2020-01-18 12:00 | about then |\n| 99999-01-01 10:00 | nonsense |\n"
    )
    result = read_markdown(text)
    pm = Postmortem.model_validate(result.data)
    assert [e.at.isoformat() for e in pm.timeline] == [
        "2020-01-16T12:00:00+01:00",
        "2020-01-17T12:00:00+01:00",
        "2020-01-18T12:00:00+01:00",
        "2020-01-18T12:00:00+01:00",
    ]
    assert sum("20202" in w for w in result.report.warnings) == 2
    assert any("99999" in w for w in result.report.warnings)


def test_a_sentence_in_action_items_is_not_an_action() -> None:
    text = "# X\n\n## Action Items\n\n- Add an alert\n\nEC2 AZ problems, see the AWS page\n"
    result = read_markdown(text)
    pm = Postmortem.model_validate(result.data)
    assert [a.text for a in pm.actions] == ["Add an alert"]
    assert "EC2 AZ problems" in pm.notes


def test_gitlab_and_atlassian_layouts() -> None:
    text = """# Database failover during peak

## Summary

Writes failed for 12 minutes.

## Impact & Metrics

About 3% of requests failed.

## Affected services

- api, postgres

## Timeline

| Date | Time (UTC) | Event |
| --- | --- | --- |
| 2024-05-02 | 09:10 | Replica lag alert |
| 2024-05-02 | 09:22 | Failover completed |

## Five whys

1. Why did writes fail? The primary was fenced during failover.
2. Why? The health check timed out under load.
3. Why? The timeout was 1s on a saturated disk.

## What can be improved

- Failover took too long to detect

## Corrective actions

- [ ] Raise the health check timeout to 5s (owner: dba) by 2024-06-01
"""
    pm = Postmortem.model_validate(read_markdown(text).data)
    assert pm.impact == "About 3% of requests failed."
    assert pm.services == ["api", "postgres"]
    assert [e.at.isoformat() for e in pm.timeline] == [
        "2024-05-02T09:10:00+00:00",
        "2024-05-02T09:22:00+00:00",
    ]
    assert [e.text for e in pm.timeline] == ["Replica lag alert", "Failover completed"]
    (factor,) = pm.factors
    assert factor.text == "Why did writes fail? The primary was fenced during failover."
    assert factor.whys == [
        "The health check timed out under load.",
        "The timeout was 1s on a saturated disk.",
    ]
    assert pm.went_wrong == ["Failover took too long to detect"]
    (action,) = pm.actions
    assert (action.owner, str(action.due)) == ("dba", "2024-06-01")


@pytest.mark.parametrize(
    ("written", "instant", "warned"),
    [
        ("21/01/2020 15:36", "2020-01-21T15:36:00+00:00", False),
        ("01/21/2020 15:36", "2020-01-21T15:36:00+00:00", False),
        ("21.01.2020 15:36", "2020-01-21T15:36:00+00:00", False),
        ("03/04/2020 10:00", "2020-04-03T10:00:00+00:00", True),
        ("Tuesday, January 21, 2020 at 3:36 PM", "2020-01-21T15:36:00+00:00", False),
        ("Jan 21 15:36", "2020-01-21T15:36:00+00:00", False),
        ("2020-01-21T15:36:00Z", "2020-01-21T15:36:00+00:00", False),
        ("2020-01-21 16:36 CET", "2020-01-21T15:36:00+00:00", False),
        ("2020-01-21 10:36 AM EST", "2020-01-21T15:36:00+00:00", False),
    ],
)
def test_date_forms_in_a_timeline(written: str, instant: str, warned: bool) -> None:
    text = (
        "# X\n\n## Timeline\n\nAll times in UTC.\n\n| Time | Event |\n| --- | --- |\n"
        f"| 2020-01-20 09:00 | before |\n| {written} | the row |\n"
    )
    result = read_markdown(text)
    pm = Postmortem.model_validate(result.data)
    assert pm.timeline[1].at == datetime.fromisoformat(instant)
    assert any("day first" in w for w in result.report.warnings) is warned


@pytest.mark.parametrize("unit", ["[", "*a ", "_a ", "[a](", "**a ", "<http:", "*[_`<"])
def test_hostile_inline_markup_is_read_as_text(unit: str) -> None:
    """Patterns that made hand-written regular expressions quadratic."""
    from retrotui.importing.inline import plain

    text = plain(unit * 5000)
    # Read, not dropped: emphasis pairs may take some of the marks.
    assert len(text) > 5000 * len(unit.strip()) // 2
