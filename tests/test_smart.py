from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest

from retrotui.checks.smart import CRITERIA, LABELS, Criterion, SmartResult, check_action

AS_OF = date(2027, 3, 17)  # a Wednesday
GOOD = "Add an alert when disk usage on the db hosts exceeds 85% for 10 minutes"


def verdict(text: str, name: str, **kwargs: object) -> bool | None:
    kwargs.setdefault("as_of", AS_OF)
    return check_action(text, **kwargs).criteria[name].ok  # type: ignore[arg-type]


def test_api_shape() -> None:
    result = check_action(GOOD, owner="Team Storage", due="in 2 weeks", as_of=AS_OF)
    assert isinstance(result, SmartResult)
    assert tuple(result.criteria) == CRITERIA
    assert set(LABELS) == set(CRITERIA)
    assert all(isinstance(c, Criterion) for c in result.criteria.values())
    assert result.ok is True
    assert result.owner == "Team Storage"
    assert result.due == date(2027, 3, 31)
    assert result.problems() == []


def test_to_json_is_the_cli_contract() -> None:
    result = check_action("Improve monitoring", as_of=AS_OF)
    data = result.to_json()
    assert set(data) == {"ok", "owner", "due", "due_choices", "criteria"}
    assert data["ok"] is False and data["owner"] is None and data["due"] is None
    assert list(data["criteria"]) == list(CRITERIA)
    for entry in data["criteria"].values():
        assert entry["ok"] in (True, False, None)
        assert isinstance(entry["message"], str) and entry["message"]
    json.dumps(data)


def test_problems_lists_failures_in_order_with_hints() -> None:
    result = check_action("Better monitoring of namespaces.", as_of=AS_OF)
    names = [name for name, _ in result.problems()]
    assert names == ["specific", "measurable", "time_bound", "owner"]
    assert all(c.hint for _, c in result.problems())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (GOOD, True),
        ("Improve monitoring", False),
        ("Look into the flaky deploys", False),
        ("Investigate why the queue backed up", False),
        (
            "Investigate why the queue backed up and publish a written report "
            "with the 3 largest causes",
            True,
        ),
        ("Review the alerting setup", False),
        ("Review the on-call runbook and add a section on failing over Redis", True),
        ("Monitor the Kafka cluster", False),
        ("Monitor consumer lag and page on-call when it exceeds 10000 messages", True),
        ("Add a monitoring alert at 80% memory on the cache nodes", True),
        ("Ensure deploys are safe", False),
        ("Make sure migrations run before pods start by adding a pre-deploy job", True),
        ("Consider adding a circuit breaker to the payment client", False),
        ("Try to reduce manual deploys", False),
        ("Be more careful with terraform apply", False),
        ("Communicate better during incidents", False),
        ("Fix the bug", False),
        ("Add more tests", False),
        ("Set up monitoring", False),
        ("Change the health check path to something more robust", False),
        ("Flux metrics and alerts", False),
        ("Pin the Flux version to 1.21.2", True),
        ("Version lock Flux", True),
        ("Discuss GitOps for cluster workloads", False),
        ("Prevent add-ons from shipping with other changes", False),
    ],
)
def test_specific(text: str, expected: bool) -> None:
    assert verdict(text, "specific") is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (GOOD, True),
        ("Add a CI check that runs terraform plan on pull requests", True),
        ("Write a runbook section on rotating the Vault unseal keys", True),
        ("Create a dashboard panel for consumer lag per topic", True),
        ("Document the KIAM certificate rotation", True),
        ("Disable the nightly auto-upgrade job", True),
        ("Upgrade Traefik to v2.5", True),
        ("Improve the runbook", False),
        ("Investigate the memory leak", False),
        ("Add alerts when bandwidth reaches a certain threshold", False),
        (
            "Alert when a topic has a high number of consumer groups (what high is TBD)",
            False,
        ),
        ("Monitor 5xx status codes for the API server", False),
    ],
)
def test_measurable(text: str, expected: bool) -> None:
    assert verdict(text, "measurable") is expected


@pytest.mark.parametrize(
    ("text", "due", "expected"),
    [
        (GOOD, "in 3 weeks", True),
        (GOOD, None, None),
        # a past date fails Time-bound, not Achievable
        (GOOD, "2027-03-01", True),
        (GOOD, "2028-06-01", False),
        (GOOD, "2028-03-10", True),
        ("Make sure this never happens again", "EOM", False),
        ("Guarantee 100% uptime for the payments API", "Q2", False),
        ("Eliminate all outages caused by deploys", "EOQ", False),
        ("Zero incidents next quarter", "Q3", False),
        ("Rewrite the entire platform in Go", "in 3 weeks", False),
        ("Rewrite the entire platform in Go", None, False),
        ("Migrate all services to the new cluster", "in 2 weeks", False),
        ("Migrate all services to the new cluster", "end of Q4", True),
        ("Add zero-downtime deploys for the checkout service", "Q2", True),
    ],
)
def test_achievable(text: str, due: str | None, expected: bool | None) -> None:
    assert verdict(text, "achievable", due=due) is expected


@pytest.mark.parametrize(
    ("text", "factor", "expected"),
    [
        (GOOD, None, None),
        (GOOD, "The database volume filled up and writes stopped", True),
        (GOOD, "Release notes for the DNS upgrade were not read", False),
        ("Pin the Flux version to 1.21.2", "An unpinned Flux upgrade broke sync", True),
        (
            "Retrain the on-call engineer on failover",
            "The failover runbook was out of date",
            False,
        ),
        (
            "Remind Tom to double-check the config",
            "A config typo reached production",
            False,
        ),
        (
            "The engineer needs to be retrained",
            "The restore steps were not known",
            False,
        ),
        (
            "Tell developers to stop pushing on Fridays",
            "A Friday deploy had nobody to roll it back",
            False,
        ),
        (
            "Teach the product owners how to look up CVEs",
            "A known CVE shipped in a base image",
            False,
        ),
        ("Pay more attention to alerts", "Alerts were missed at night", False),
        # without a factor, relevance is not judged (the other criteria fail)
        ("Retrain the on-call engineer on failover", None, None),
    ],
)
def test_relevant(text: str, factor: str | None, expected: bool | None) -> None:
    assert verdict(text, "relevant", factor=factor) is expected


@pytest.mark.parametrize(
    ("text", "due", "expected_due", "expected"),
    [
        (GOOD, "2027-03-31", date(2027, 3, 31), True),
        (GOOD, "end of Q1", date(2027, 3, 31), True),
        (GOOD, "next Friday", date(2027, 3, 19), True),
        (GOOD, "asap", None, False),
        (GOOD, "soon", None, False),
        (GOOD, "later", None, False),
        (GOOD, "today", AS_OF, False),
        (GOOD, "2027-03-16", date(2027, 3, 16), False),
        (GOOD, None, None, False),
        (GOOD + " by Friday", None, date(2027, 3, 19), True),
        (GOOD + " by end of Q2", None, date(2027, 6, 30), True),
        (GOOD + ", due 2027-04-02.", None, date(2027, 4, 2), True),
        (GOOD + " within 30 days", None, date(2027, 4, 16), True),
        (GOOD + " by next sprint", None, None, False),
        ("Block deploys on Friday afternoons with a CI check", None, None, False),
    ],
)
def test_time_bound(
    text: str, due: str | None, expected_due: date | None, expected: bool
) -> None:
    result = check_action(text, due=due, as_of=AS_OF)
    assert result.due == expected_due
    assert result.criteria["time_bound"].ok is expected


def test_vague_due_in_text_is_named() -> None:
    result = check_action(GOOD + " asap", as_of=AS_OF)
    assert "asap" in result.criteria["time_bound"].message


@pytest.mark.parametrize(
    ("text", "owner", "expected_owner", "expected"),
    [
        (GOOD, "Team Payments", "Team Payments", True),
        (GOOD, "@maria", "@maria", True),
        (GOOD, "storage-team", "storage-team", True),
        (GOOD, "Release Engineering", "Release Engineering", True),
        (GOOD, "everyone", "everyone", False),
        (GOOD, "the team", "the team", False),
        (GOOD, "all teams", "all teams", False),
        (GOOD, "someone", "someone", False),
        (GOOD, "TBD", "TBD", False),
        (GOOD, "n/a", "n/a", False),
        (GOOD, "Maria and Ken", "Maria and Ken", False),
        (GOOD, "the on-call engineer", "the on-call engineer", False),
        (GOOD, "the deploy pipeline", "the deploy pipeline", False),
        (GOOD, None, None, False),
        (GOOD, "", None, False),
        ("Team Alpha will add a CI check for terraform plan", None, "Team Alpha", True),
        ("@maria will write the Vault runbook section", None, "@maria", True),
        ("@dmitri to add a paging alert for empty log streams", None, "@dmitri", True),
        ("The payments team will cap the pool at 200", None, "payments team", True),
        ("Sebastian will add a rollover abort check", None, "Sebastian", True),
        ("We will add a disk alert at 85%", None, "We", False),
        ("Someone should add a Vault runbook", None, "Someone", False),
        ("Add a Vault runbook (owner: @priya)", None, "@priya", True),
        ("@ana and @ben will add a Vault runbook", None, "@ana and @ben", False),
        ("The backup job will verify every snapshot", None, None, False),
        ("Add a step to the deploy script to run the smoke tests", None, None, False),
    ],
)
def test_owner(
    text: str, owner: str | None, expected_owner: str | None, expected: bool
) -> None:
    result = check_action(text, owner=owner, as_of=AS_OF)
    assert result.owner == expected_owner
    assert result.criteria["owner"].ok is expected


def test_system_subject_keeps_its_explicit_owner() -> None:
    result = check_action(
        "The deploy job will run the schema check before every release",
        owner="Release Engineering",
        due="2027-04-10",
        as_of=AS_OF,
    )
    assert result.ok
    assert result.owner == "Release Engineering"


def test_system_subject_is_named_as_not_an_owner() -> None:
    result = check_action("The backup job will restore a snapshot daily", as_of=AS_OF)
    assert "system" in result.criteria["owner"].message


def test_overall_needs_the_four_required_criteria() -> None:
    full = {"owner": "@ana", "due": "in 2 weeks", "as_of": AS_OF}
    assert check_action(GOOD, **full).ok  # type: ignore[arg-type]
    # Relevant and achievable may be unjudged; the four required ones may not.
    assert check_action(GOOD, owner="@ana", as_of=AS_OF).ok is False
    assert check_action("Improve monitoring", **full).ok is False  # type: ignore[arg-type]


def test_case_and_markup_do_not_matter() -> None:
    plain = check_action(GOOD, owner="@ana", due="EOM", as_of=AS_OF)
    shouty = check_action(f"**{GOOD.upper()}**", owner="@ana", due="eom", as_of=AS_OF)
    assert plain.to_json() == shouty.to_json()


def test_as_of_defaults_to_today() -> None:
    assert check_action(GOOD, due="tomorrow").due is not None


def test_import_is_light() -> None:
    code = (
        "import sys, retrotui.checks.smart, retrotui.document.duedate;"
        "bad = [m for m in ('pydantic', 'textual', 'tinydb', 'rich') if m in sys.modules];"
        "print(bad)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
