"""SMART classes added to read more kinds of items, each with cases for and against.

Written for these tests (not from the labelled sets). Typed owner and due, so
only specific / measurable / achievable are at stake.
"""

from __future__ import annotations

from datetime import date

import pytest

from retrotui.checks.smart import check_action

AS_OF = date(2027, 1, 13)


def _failing(text: str) -> set[str]:
    result = check_action(text, owner="Team Platform", due="2027-02-20", as_of=AS_OF)
    return {name for name, c in result.criteria.items() if c.ok is False}


@pytest.mark.parametrize(
    ("text", "failing"),
    [
        # "monitor <what> for <symptom>" says what to watch, not when to alert
        ("Monitor the orders-db replicas for replication lag", {"measurable"}),
        ("Monitor Kafka consumer groups for rebalance storms", {"measurable"}),
        ("Watch the payments API for 5xx responses", {"measurable"}),
        ("Monitor the system", {"specific", "measurable"}),
        ("Monitor things more closely", {"specific", "measurable"}),
        ("Keep an eye on it", {"specific", "measurable"}),
        # a knob before an outcome word: "load balancer" is not "load"
        (
            "Raise the ALB idle timeout on the api load balancer from 60 s to 120 s",
            set(),
        ),
        ("Lower the retry limit for errors from the ledger API to 3", set()),
        ("Reduce latency of the checkout page", {"specific", "measurable"}),
        ("Reduce alert noise for the db team", {"specific", "measurable"}),
        ("Lower the error rate of the payments API", {"specific", "measurable"}),
        # a contact that names the change it asks for
        (
            "Reach out to the DNS provider to raise our API rate limit to 1200 "
            "requests per minute",
            set(),
        ),
        ("Ask AWS support to raise the EBS throughput of vol-0a1b to 500 MB/s", set()),
        (
            "Contact the CDN vendor to set the purge API quota to 100 calls per minute",
            set(),
        ),
        ("Reach out to the DNS provider", {"specific", "measurable"}),
        ("Ask the vendor about the outage", {"specific", "measurable"}),
        ("Contact the CDN team about caching", {"specific", "measurable"}),
    ],
)
def test_watch_knob_and_contact_classes(text: str, failing: set[str]) -> None:
    assert _failing(text) == failing


@pytest.mark.parametrize(
    ("text", "failing"),
    [
        # a number in "until ..." or "so that ..." is a result, not a change
        (
            "Harden the bastion host until the CIS benchmark scan scores above 90%",
            {"specific"},
        ),
        ("Improve the test suite until the coverage report shows 80%", {"specific"}),
        (
            "Strengthen the pipeline so that the security scan passes with 0 "
            "critical findings",
            {"specific"},
        ),
        (
            "Improve alerting with a dashboard of the 5 slowest endpoints in grafana/checkout.json",
            set(),
        ),
        (
            "Improve the checkout API by adding a 2 s timeout to the inventory client call",
            set(),
        ),
        (
            "Review the alert rules of orders-db and record the 3 noisiest in INC-4411",
            set(),
        ),
        # "all ... in every ...": no end in sight by a near date
        ("Eliminate all manual steps from every deploy pipeline", {"achievable"}),
        ("Add alerts for all services in every cluster", {"achievable"}),
        ("Automate every runbook step for all teams", {"achievable"}),
        ("Pin all images in the checkout chart to digests", set()),
        ("Rotate every key in the payments vault path secret/payments", set()),
        (
            "Add an alert for all 5xx responses on the checkout API when they "
            "exceed 1% for 5 minutes",
            set(),
        ),
    ],
)
def test_result_clause_and_double_universal_scope(text: str, failing: set[str]) -> None:
    assert _failing(text) == failing


def test_messages_keep_the_words_as_typed() -> None:
    result = check_action(
        "Monitor Kafka consumer groups for rebalance storms",
        owner="Team Platform",
        due="2027-02-20",
        as_of=AS_OF,
    )
    assert "Kafka consumer groups" in result.criteria["specific"].message
    assert "when does it alert" in result.criteria["measurable"].message


@pytest.mark.parametrize(
    ("text", "failing"),
    [
        # 'most', 'an agreed number', 'excessive' are not thresholds
        ("Add alerts when most of the builds are failing.", {"measurable"}),
        (
            "Create an OPA policy to reject Deployments with more replicas than an "
            "agreed number",
            {"measurable"},
        ),
        ("Alert when CPU usage on the ingress nodes is excessive", {"measurable"}),
        ("Add alerts when more than 50% of the builds fail for 10 minutes", set()),
        ("Alert when CPU usage on the ingress nodes exceeds 85% for 10 minutes", set()),
        ("Set the normal-priority queue concurrency on billing-worker to 8", set()),
        # a document about an alert, a guide or handbook changed with its topic
        ("Update RootVolUtilisation alert runbook to check disk space config", set()),
        ("Update the onboarding handbook with the VPN setup steps", set()),
        ("Update the FAQ page to explain quota errors", set()),
        ("Add an alert on replica lag for orders-db", {"measurable"}),
        ("Update the rate limit of the public API", {"measurable"}),
        ("Update the wiki", {"specific", "measurable"}),
        # "use X instead of Y": done when X is in place
        ("Use IRSA instead of AWS keys", set()),
        ("Switch to gp3 volumes instead of gp2 for the postgres nodes", set()),
        ("Use Dockerhub tokens instead of passwords in the CI pipelines", set()),
        ("Use monitoring", {"specific", "measurable"}),
        ("Change the backup schedule of the orders-db cluster", {"measurable"}),
        ("Use a better approach", {"specific", "measurable"}),
    ],
)
def test_quantities_documents_and_replacements(text: str, failing: set[str]) -> None:
    assert _failing(text) == failing


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        # a report of work done names who did it, not an owner of what is left
        ("We enabled branch protection on the release repositories.", None),
        ("We have added a backlog task to review alert routing", None),
        ("Team discussed restarting prometheus when the WAL count is low", None),
        ("We requested all maintainers prune their access tokens", None),
        # who will do it is an owner (rejected or not)
        ("the team will look into it", "the team"),
        ("Lena to add a 'restore' section to runbooks/pg.md", "Lena"),
        ("the cache team will raise the Redis maxmemory to 8gb", "cache team"),
    ],
)
def test_reports_of_done_work_name_no_owner(text: str, owner: str | None) -> None:
    assert check_action(text, as_of=AS_OF).owner == owner


@pytest.mark.parametrize(
    ("text", "failing"),
    [
        # "**Heading**: rationale": a benefit claimed in the rationale is no promise
        (
            "**Pin the nginx-ingress chart to 4.7.1**: this makes sure upgrades "
            "never break ingress again.",
            set(),
        ),
        (
            "**Add a readiness probe on /healthz to the email-worker deployment**: "
            "traffic will never reach a cold pod again.",
            set(),
        ),
        (
            "**Set statement_timeout to 30s for the reporting role**: this will "
            "guarantee reports can never block checkout writes.",
            set(),
        ),
        # ... but the heading is still judged, and the rationale tells the scope
        (
            "**Improve monitoring**: so we never miss an outage again.",
            {"specific", "measurable"},
        ),
        (
            "**Implement standard pipeline settings**: every repository across the "
            "company should use the same CI flow, pinned to runner image 2.3.",
            {"achievable"},
        ),
        (
            "Pin the nginx-ingress chart to 4.7.1 so upgrades never break ingress again",
            {"specific", "achievable"},
        ),
    ],
)
def test_heading_with_rationale(text: str, failing: set[str]) -> None:
    assert _failing(text) == failing
