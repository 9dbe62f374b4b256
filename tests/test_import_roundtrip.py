"""retro's own Markdown export read back gives the same document."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from factories import incident, team_retro

from retrotui.document.models import (
    ActionItem,
    Factor,
    Participant,
    Postmortem,
    TimelineEvent,
)
from retrotui.importing.markdown import read_markdown
from retrotui.reports.markdown import to_markdown

AWKWARD = [
    "| pipes | and *stars* _under_ `code` [link](x) <b>html</b> &amp; \\ back",
    "# not a heading\n---\n1) not a list\n    not code\n\ntwo paragraphs",
    "  leading and trailing spaces  ",
    "Why? not a why marker",
    "ends with a backslash \\",
]


def _same(pm: Postmortem) -> tuple[Postmortem, list[str]]:
    result = read_markdown(to_markdown(pm))
    return Postmortem.model_validate(result.data), result.report.warnings


def test_the_export_reads_back_as_the_same_document() -> None:
    pm = incident()
    # Named people only: one who did not agree is not in the report at all.
    pm.participants = [p for p in pm.participants if p.consent_named]
    back, warnings = _same(pm)
    assert back.model_dump() == pm.model_dump()
    assert warnings == []


def test_a_team_retrospective_reads_back_as_the_same_document() -> None:
    """Its own headings (Scope, What could improve, What puzzled us,
    Takeaways), no severity line and no Factors column still read back."""
    pm = team_retro()
    pm.participants = [p for p in pm.participants if p.consent_named]
    pm.tags = ["platform"]
    back, warnings = _same(pm)
    assert back.model_dump() == pm.model_dump()
    assert warnings == []
    # What an incident has, kept in a retro from before its kind changed, too.
    pm.severity, pm.impact, pm.lucky = "sev1", "Two releases slipped", ["No outage"]
    pm.factors = [Factor(text="Reviews queue behind on-call work")]
    pm.actions[0].factor_ids = [pm.factors[0].id]
    back, warnings = _same(pm)
    assert back.model_dump() == pm.model_dump()
    assert warnings == []


def test_awkward_text_ids_times_and_zones_survive() -> None:
    cet = ZoneInfo("Europe/Copenhagen")
    start = datetime(2026, 3, 29, 0, 30, 17, tzinfo=cet)  # the night DST starts
    pm = incident()
    pm.participants = [Participant(name="Ann | *B*", consent_named=True)]
    pm.summary = AWKWARD[0] + "\n" + AWKWARD[1]
    pm.impact = AWKWARD[2]
    pm.timeline = [
        TimelineEvent(
            at=(start.astimezone(timezone.utc) + timedelta(hours=n)).astimezone(cet),
            text=text,
            link=link,
        )
        for n, (text, link) in enumerate(
            zip(AWKWARD, ["https://x/(1)", "", "", "", ""], strict=True)
        )
    ]
    pm.factors = [Factor(text=t, whys=AWKWARD[:2]) for t in AWKWARD]
    pm.actions = [
        ActionItem(
            text=text,
            owner="Team | Data",
            due_text="next sprint" if n % 2 else "",
            due=date(2026, 12, 1) if n % 2 == 0 else None,
            done_when="the alert fired in staging (twice)" if n == 1 else "",
            factor_ids=[pm.factors[n].id],
            tracker="JIRA-1",
            status="done" if n == 2 else "open",
        )
        for n, text in enumerate(AWKWARD)
    ]
    pm.went_well, pm.went_wrong = AWKWARD[:3], AWKWARD[3:]
    pm.takeaways = AWKWARD
    pm.notes = AWKWARD[1]
    back, _ = _same(pm)
    assert back.model_dump() == pm.model_dump()


def test_an_edited_export_keeps_what_still_matches() -> None:
    pm = incident()
    pm.participants = []
    text = to_markdown(pm).replace(
        "| Error rate back to normal |",
        "| Error rate back to normal |  |\n| 2026-11-20 15:10 | Added by hand |",
    )
    result = read_markdown(text)
    back = Postmortem.model_validate(result.data)
    assert len(back.timeline) == 6
    assert [f.id for f in back.factors] == [f.id for f in pm.factors]
    assert any("timeline" in w for w in result.report.warnings)


def test_participants_are_counted_by_role_and_read_back() -> None:
    pm = incident()
    pm.participants = [
        Participant(name="EC", consent_named=True),
        Participant(name="Ana Ng", consent_named=False),
        Participant(name="Ng, Wei", consent_named=True),
        Participant(name="RR", role="incident_commander", consent_named=False),
        Participant(name="WC", consent_named=False),
    ]
    report = to_markdown(pm)
    assert "\n- 4 responders (EC, Ng\\, Wei named with consent)\n" in report
    assert "\n- 1 incident commander\n" in report
    assert "Ana Ng" not in report and "RR" not in report.split("<!--")[0]
    back, warnings = _same(pm)
    assert [(p.name, p.role.value, p.consent_named) for p in back.participants] == [
        ("EC", "responder", True),
        ("Ng, Wei", "responder", True),
        ("unnamed responder 1", "responder", False),
        ("unnamed responder 2", "responder", False),
        ("unnamed incident commander 1", "incident_commander", False),
    ]
    assert any("2 responders not named" in w for w in warnings)
    # Exported again, the same lines: nobody counted twice or lost.
    assert (
        to_markdown(back).split("## Participants")[1]
        == report.split("## Participants")[1]
    )


def test_participants_of_an_older_report_still_read() -> None:
    pm = incident()
    old = to_markdown(pm).split("## Participants")[0] + (
        "## Participants\n\n- Maria Lopez (responder)\n- responder\n"
    )
    back = Postmortem.model_validate(read_markdown(old).data)
    assert [(p.name, p.consent_named) for p in back.participants] == [
        ("Maria Lopez", True)
    ]


def test_the_category_is_in_the_report_and_reads_back() -> None:
    pm = incident()
    pm.participants = []
    pm.category = "Kubernetes"
    report = to_markdown(pm)
    assert "- **Category:** Kubernetes\n" in report
    back, _ = _same(pm)
    assert back.category == "Kubernetes" and back.tags == pm.tags


def test_a_report_participants_line_in_another_document_keeps_names_and_consent() -> (
    None
):
    # The report's section pasted into a team's own write-up (no retro
    # metadata): the count, the initials and their consent come back.
    text = (
        "# Disk full\n\n## Summary\n\nDisk filled.\n\n## Participants\n\n"
        "- 4 responders (EC, MM named with consent)\n"
        "- 1 facilitator (Lee Chen named with consent)\n"
    )
    result = read_markdown(text, timezone.utc)
    people = Postmortem.model_validate({**result.data, "title": "t"}).participants
    assert [(p.name, p.role.value, p.consent_named) for p in people] == [
        ("EC", "responder", True),
        ("MM", "responder", True),
        ("unnamed responder 1", "responder", False),
        ("unnamed responder 2", "responder", False),
        ("Lee Chen", "facilitator", True),
    ]
    pm = Postmortem.model_validate(result.data)
    assert "\n- 4 responders (EC, MM named with consent)\n" in to_markdown(pm)


def test_a_factor_written_as_an_open_question_says_so_and_reads_back() -> None:
    pm = incident()
    pm.factors[1].text = "Why was no alert sent on /metrics response times?"
    pm.factors[1].kind = "detection"
    report = to_markdown(pm)
    assert "- **F2 Detection gap, open question** (process): Why was no" in report
    assert "**F1 Enabling condition** (technology)" in report
    back, _ = _same(pm)
    assert back.factors[1].kind.value == "detection"
    assert back.factors[1].text == pm.factors[1].text


def test_an_action_item_with_sub_steps_shows_them_and_reads_back() -> None:
    pm = incident()
    pm.actions[0].steps = ["Drain the node", "Cordon it | then wait", "Replace it"]
    report = to_markdown(pm)
    assert "<br>1. Drain the node<br>2. Cordon it \\| then wait<br>3. Replace it |" in (
        report
    )
    back, _ = _same(pm)
    assert back.actions[0].steps == pm.actions[0].steps
    assert back.actions[0].text == pm.actions[0].text


def test_nested_bullets_under_an_action_are_its_steps() -> None:
    text = (
        "# Node pool\n\n## Action Items\n\n"
        "- Replace the node pool\n  - drain the nodes\n  - cordon them\n"
        "    - one zone at a time\n  - delete the old pool\n"
        "- Alert on NotReady nodes\n"
    )
    result = read_markdown(text, timezone.utc)
    items = [(a["text"], a["steps"]) for a in result.data["actions"]]
    assert items == [
        (
            "Replace the node pool",
            [
                "drain the nodes",
                "cordon them\n- one zone at a time",
                "delete the old pool",
            ],
        ),
        ("Alert on NotReady nodes", []),
    ]
