"""SMART relevance classes found on tidy items written for issue 10 (smart10c),
not from the labelled sets: transient failures met by retries, the time of
day met by a schedule, freeing disk by archiving or pruning, telling
customers, not being able to see, gathering responders, web security words,
a cache as the thing a text is about, and a system change against a factor
only about the people around the system. For and against in each.
"""

from __future__ import annotations

from datetime import date

import pytest

from retrotui.checks.smart import check_action


def _relevant(item: str, factor: str) -> bool | None:
    result = check_action(
        item, owner="platform", due="2027-03-26", factor=factor, as_of=date(2027, 3, 3)
    )
    return result.criteria["relevant"].ok


CASES = {
    "transient failures are met by retries and timeouts": [
        (
            "Add a retry with jitter (max 5 attempts) to the webhook sender",
            "Webhooks failed permanently on a single network blip",
            True,
        ),
        (
            "Retry S3 uploads 3 times with backoff in the backup job",
            "The nightly backup failed on a transient S3 error",
            True,
        ),
        (
            "Set a 2-second timeout on the DNS resolver client in the mailer",
            "Mail delivery failed intermittently when DNS glitched",
            True,
        ),
        (
            "Add a retry with jitter to the webhook sender",
            "The certificate on the payment gateway expired",
            False,
        ),
        (
            "Set a 2-second timeout on the mailer's resolver client",
            "Nobody was told that the mail vendor changed its pricing",
            False,
        ),
        (
            "Retry failed uploads 3 times in the export job",
            "Engineers did not know where the runbook was",
            False,
        ),
    ],
    "the time of day is met by a schedule": [
        (
            "Move the nightly analytics export from 09:00 to 03:00 UTC",
            "The export competed with peak morning traffic for database I/O",
            True,
        ),
        (
            "Run the search reindex at 01:00 UTC instead of 14:00",
            "The reindex slowed the site down every afternoon",
            True,
        ),
        (
            "Schedule certificate renewals for weekdays at 10:00",
            "The renewal job failed overnight with nobody around",
            True,
        ),
        (
            "Move the nightly export to 03:00 UTC",
            "The export job was deleted by an automation script",
            False,
        ),
        (
            "Run the reindex at 01:00 UTC",
            "The search cluster's TLS certificate expired",
            False,
        ),
        (
            "Schedule the renewal job for 10:00 on weekdays",
            "A typo in the ingress YAML broke routing",
            False,
        ),
    ],
    "archiving and pruning free disk": [
        (
            "Archive Elasticsearch indices older than 30 days to S3 with an ILM policy",
            "The logging cluster ran out of disk",
            True,
        ),
        (
            "Prune Docker images older than 7 days on the CI runners every night",
            "The CI runners ran out of disk space",
            True,
        ),
        (
            "Add a lifecycle rule that moves backups older than 30 days to Glacier",
            "The backup volume filled up",
            True,
        ),
        (
            "Archive the old Jira project of the payments team",
            "Checkout timed out under load",
            False,
        ),
        (
            "Prune Docker images older than 7 days on the CI runners",
            "A leaked token gave an attacker access to the registry",
            False,
        ),
        (
            "Purge the CDN for the marketing pages after each release",
            "Nobody owned the flaky nightly job",
            False,
        ),
    ],
    "telling customers": [
        (
            "Publish a status page update template for payment outages",
            "Customers learned about the outage from Twitter before we posted anything",
            True,
        ),
        (
            "Post an update on the status page within 15 minutes of a SEV1 starting",
            "Customers learned about the outage on social media",
            True,
        ),
        (
            "Add an outage reply template for Twitter to the comms runbook",
            "We posted nothing for an hour while customers asked what was wrong",
            True,
        ),
        (
            "Publish a status page update template for payment outages",
            "The database ran out of connections",
            False,
        ),
        (
            "Post the deploy schedule to #releases every Monday",
            "A node ran out of memory",
            False,
        ),
        (
            "Add an outage template to the comms runbook",
            "Retries from every client amplified the outage",
            False,
        ),
    ],
    "not being able to see is detection": [
        (
            "Track the number of 401 responses per client in the API dashboard",
            "A misconfigured client was being rejected and nobody could see it",
            True,
        ),
        (
            "Add a panel for dropped spans per collector to the tracing dashboard",
            "Spans were being dropped and no one saw it for a week",
            True,
        ),
        (
            "Graph consumer lag per partition on the Kafka dashboard",
            "The lagging partition was a blind spot in our monitoring",
            True,
        ),
        (
            "Add a 5-second timeout to the login client",
            "Nobody could see which deploy had broken login",
            False,
        ),
        (
            "Pin the collector image to 0.92.0",
            "No one saw the spans being dropped",
            False,
        ),
        (
            "Increase the partition count of the orders topic from 12 to 24",
            "The lag was a blind spot in our monitoring",
            False,
        ),
    ],
    "gathering responders is paging and ownership": [
        (
            "Create a Slack workflow that opens an incident channel and pages the "
            "incident commander when someone types /incident",
            "It took 20 minutes to gather responders",
            True,
        ),
        (
            "Add a PagerDuty escalation to the database team after 10 minutes",
            "Responders from the database team joined an hour late",
            True,
        ),
        (
            "Name an incident commander in the first 5 minutes of every SEV1 per the "
            "incident runbook",
            "Three responders gave conflicting orders",
            True,
        ),
        (
            "Raise the HPA maximum of checkout-svc to 30 replicas",
            "It took 20 minutes to gather responders",
            False,
        ),
        (
            "Pin the Terraform provider to 5.31.0",
            "Responders joined the incident channel late",
            False,
        ),
        (
            "Add a lifecycle rule to the logs bucket",
            "No incident commander was named",
            False,
        ),
    ],
    "web security words are about access": [
        (
            "Remove the wildcard CORS origin from the public API configuration",
            "A third-party site could read authenticated API responses",
            True,
        ),
        (
            "Add CSRF tokens to every form of the admin panel",
            "A cross-site request changed a customer's email address",
            True,
        ),
        (
            "Require authentication on the /internal/metrics endpoint",
            "Unauthenticated users could read internal metrics",
            True,
        ),
        (
            "Remove the wildcard CORS origin from the public API configuration",
            "The public API was slow during the sale",
            False,
        ),
        (
            "Add CSRF tokens to the admin panel forms",
            "The session database ran out of disk",
            False,
        ),
        (
            "Require authentication on the metrics endpoint",
            "Nightly reports finished after business hours",
            False,
        ),
    ],
    "a cache is what a text is about, caching what it does": [
        (
            "Set Cache-Control max-age=300 on /api/catalog responses",
            "Catalog requests were uncached and overloaded the origin",
            True,
        ),
        (
            "Set maxmemory-policy to allkeys-lru on session-cache",
            "The session cache ran out of memory",
            True,
        ),
        (
            "Add a TTL of 10 minutes to the price cache keys",
            "Stale prices were served for hours from the cache",
            True,
        ),
        (
            "Pin the redis image to 7.2.4 in the cache Helm chart",
            "The cache dashboards had no panel for evictions",
            False,
        ),
        (
            "Rotate the password of the product cache",
            "The product cache ran out of memory",
            False,
        ),
        (
            "Upgrade the Redis client in cart-svc to 5.0.1",
            "The cart cache was not documented anywhere",
            False,
        ),
    ],
    "a system change does not meet a factor about the people around it": [
        (
            "Add a runbook section on scaling the checkout-svc payment pods",
            "Checkout payment pods could not scale during the sale",
            True,
        ),
        (
            "Page the search team when search-api p99 exceeds 2 s for 5 minutes",
            "search-api slowed down for an hour",
            True,
        ),
        (
            "Add a 5-second timeout to the tax client in checkout-svc",
            "Checkout calls to the tax client hung",
            True,
        ),
        (
            "Add a 5-second timeout to the search client in cart-svc",
            "The search team was not told about the cart launch",
            False,
        ),
        (
            "Upgrade the Postgres driver of the billing service to 42.7.3",
            "Billing alerts paged a team that no longer owned billing",
            False,
        ),
        (
            "Raise the replica count of the orders api to 6",
            "Nobody on the orders team knew who owned the orders api",
            False,
        ),
    ],
}


@pytest.mark.parametrize(
    ("item", "factor", "relevant"),
    [case for cases in CASES.values() for case in cases],
)
def test_relevance_by_meaning(item: str, factor: str, relevant: bool) -> None:
    assert _relevant(item, factor) is relevant


def test_every_class_has_three_for_and_three_against() -> None:
    for name, cases in CASES.items():
        assert sum(case[2] for case in cases) >= 3, name
        assert sum(not case[2] for case in cases) >= 3, name


def test_a_refusal_keeps_its_reason_and_hint() -> None:
    result = check_action(
        "Add a 5-second timeout to the search client in cart-svc",
        owner="platform",
        due="2027-03-26",
        factor="The search team was not told about the cart launch",
        as_of=date(2027, 3, 3),
    )
    criterion = result.criteria["relevant"]
    assert criterion.message == "Does not address the linked contributing factor"
    assert criterion.hint
