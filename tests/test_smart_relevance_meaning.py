"""SMART relevance read by meaning: classes of phrasing, each with items that
address their factor and items that do not. Written for these tests in the
style of tidy action items (not taken from the labelled sets).
"""

from __future__ import annotations

from datetime import date

import pytest

from retrotui.checks.smart import check_action

AS_OF = date(2027, 3, 3)


def _relevant(text: str, factor: str) -> bool | None:
    result = check_action(
        text, owner="platform", due="2027-03-26", factor=factor, as_of=AS_OF
    )
    return result.criteria["relevant"].ok


# Words of one meaning kept in two lists met only in one: "requests" and
# "flooded" (traffic and capacity), "alerting" and "nobody saw" (detection),
# "runbook" and "did not know how" (knowledge).
@pytest.mark.parametrize(
    ("text", "factor", "expected"),
    [
        (
            "Put the public API behind the WAF with a rule that blocks more than "
            "600 requests per minute per IP",
            "A scraper flooded the search endpoint",
            True,
        ),
        (
            "Raise the Tomcat thread pool of legacy-api from 200 to 400 threads",
            "Requests queued because all worker threads were busy",
            True,
        ),
        (
            "Add a k6 load test of 2,000 requests per second against checkout",
            "The release had never been tested at peak load",
            True,
        ),
        (
            "Set log retention for the app-logs bucket to 90 days",
            "Too many requests overloaded the search cluster",
            False,
        ),
        (
            "Pin the base image to debian:12.5 in the api Dockerfile",
            "The alert went to a Slack channel nobody watches",
            False,
        ),
        (
            "Enable MFA on the AWS root account",
            "The nightly batch overran into business hours",
            False,
        ),
    ],
)
def test_one_meaning_in_one_list(text: str, factor: str, expected: bool) -> None:
    assert _relevant(text, factor) is expected


# A phrase is read as one: written with a hyphen or a space, in the plural, and
# its words are not read again one by one ("pull requests" are about review,
# not traffic; "deletion protection" is a guard and about deletion).
@pytest.mark.parametrize(
    ("text", "factor", "expected"),
    [
        (
            "Add a status-page component for the mobile API, updated by the "
            "incident bot",
            "Customers were not told on the status page that mobile was down",
            True,
        ),
        (
            "Create a PagerDuty schedule with a named secondary on-call for the "
            "data team",
            "When the primary was unreachable there was nobody to escalate to",
            True,
        ),
        (
            "Enable deletion protection on the 12 production RDS instances",
            "A database was deleted by an automation script",
            True,
        ),
        (
            "Send failed webhook deliveries to a dead letter queue after 3 retries",
            "Webhook deliveries were dropped during the broker restart",
            True,
        ),
        (
            "Require 2 approvals on pull requests to the firewall-rules repo",
            "The firewall's connection table filled up during the sale",
            False,
        ),
        (
            "Add an approval step to pull requests of the billing repo",
            "Too many requests hit the billing API during the sale",
            False,
        ),
        (
            "Add a canary stage to the mobile backend deploy",
            "The support team did not know the incident was over",
            False,
        ),
    ],
)
def test_phrases_are_read_whole(text: str, factor: str, expected: bool) -> None:
    assert _relevant(text, factor) is expected


# Sharing a generic word ("API", "client") or one name and what it is ("orders"
# and "db") does not make an item about the same problem; two names do.
@pytest.mark.parametrize(
    ("text", "factor", "expected"),
    [
        (
            "Add a readiness probe on /ready to the payments API",
            "The payments API certificate expired",
            False,
        ),
        (
            "Rotate the database password for orders-db",
            "orders-db ran out of disk space",
            False,
        ),
        (
            "Add a dashboard of p99 latency for the checkout API",
            "The checkout API's TLS certificate expired",
            False,
        ),
        (
            "Upgrade ingress-nginx from 1.9.4 to 1.10.1 on all production clusters",
            "A known ingress-nginx bug dropped websocket connections",
            True,
        ),
        (
            "Decommission the legacy ftp-sync host and move the feed to S3",
            "ftp-sync crashed every night and nobody owned it",
            True,
        ),
        (
            "Lower the Kafka consumer session timeout in order-events from 45 s "
            "to 10 s",
            "A dead consumer held its partitions for 45 seconds before rebalancing",
            True,
        ),
    ],
)
def test_shared_names_and_generic_words(text: str, factor: str, expected: bool) -> None:
    assert _relevant(text, factor) is expected


# Kinds of cause and the changes that address them, by meaning.
@pytest.mark.parametrize(
    ("text", "factor", "expected"),
    [
        # who owns it
        (
            "Tag every EC2 instance with owner and service via an AWS Config rule",
            "Nobody could tell who owned the runaway instances",
            True,
        ),
        (
            "Link every tier-1 entry of the service catalog to its runbook and "
            "escalation policy",
            "The responder could not find who owned the failing service",
            True,
        ),
        (
            "Publish the list of tier-1 services and their owners in the catalog",
            "The checkout pods ran out of memory",
            False,
        ),
        # undoing a change
        (
            "Require a rollback plan field in the change request template",
            "Nobody knew how to undo the failed migration",
            True,
        ),
        (
            "Add a feature flag for the new pricing engine",
            "The pricing change could not be undone without a redeploy",
            True,
        ),
        (
            "Add a rollback section to the deploy runbook",
            "The disk of the build server filled up",
            False,
        ),
        # two people changing one thing at a time
        (
            "Store the Terraform state in S3 with DynamoDB locking",
            "Two engineers applied conflicting changes at the same time",
            True,
        ),
        (
            "Run the schema migrations one at a time behind an advisory lock",
            "Two deploys ran migrations concurrently and corrupted the table",
            True,
        ),
        (
            "Add a lock to the release job so only one runs at once",
            "Certificate renewal failed silently",
            False,
        ),
        # practice before the day it is needed
        (
            "Run a game day in staging that kills the primary Redis node",
            "Redis failover had never been exercised",
            True,
        ),
        (
            "Add the DNS failover to the quarterly DR drill checklist",
            "Nobody had practised switching DNS providers",
            True,
        ),
        (
            "Schedule a chaos experiment that drops the cache nodes",
            "The password of the admin account was shared in Slack",
            False,
        ),
        # seeing what happens
        (
            "Add a dashboard panel for 429 responses per client key on the public API",
            "We could not tell which customer was being rate limited",
            True,
        ),
        (
            "Add an alert when the Elasticsearch cluster status is red for 2 minutes",
            "Search was broken for 50 minutes before anyone looked",
            True,
        ),
        (
            "Pin the Flux version to 0.41.2",
            "We could not see which customer was affected",
            False,
        ),
        # attacks and what keeps them out
        (
            "Deny outbound traffic from the build runners except to the artifact "
            "registry",
            "A malicious build step exfiltrated secrets",
            True,
        ),
        (
            "Add an automated CVE scan with Trivy that blocks images with "
            "critical findings",
            "A container with a known vulnerability was deployed",
            True,
        ),
        (
            "Add a staging soak test of 24 hours for the billing engine",
            "A memory leak only appeared after a day in production",
            False,
        ),
        # hand-made changes and drift
        (
            "Add a nightly check that diffs live security groups against Terraform",
            "Someone changed a firewall rule by hand and nobody knew",
            True,
        ),
        (
            "Reconcile the DNS records from Git every 10 minutes with external-dns",
            "DNS records were edited manually in the console",
            True,
        ),
        (
            "Add a diff step to the deploy pipeline",
            "The on-call engineer's phone was on silent",
            False,
        ),
        # what it costs
        (
            "Set up a monthly budget alert at 80% of the forecast for the "
            "ml-training account",
            "A forgotten GPU cluster ran up a large cloud bill",
            True,
        ),
        (
            "Add a cost anomaly alert for accounts whose daily spend doubles",
            "A misconfigured job ran up $30k over a weekend",
            True,
        ),
        (
            "Set a budget alert for the ml-training project",
            "Deploys failed because of an expired CI token",
            False,
        ),
        # telling the people affected
        (
            "Publish an incident update template with impact and next update time",
            "Customers were left without updates for two hours",
            True,
        ),
        (
            "Add a status page component for the mobile API",
            "Customers did not know the mobile app was affected",
            True,
        ),
        (
            "Add an email template for data-delay incidents to the support macros",
            "Support had nothing to tell customers who asked about missing data",
            True,
        ),
        # when a job runs
        (
            "Move the cron that compacts the event store from 09:00 to 03:00 UTC",
            "Compaction ran during peak traffic and slowed the API",
            True,
        ),
        (
            "Schedule the weekly vacuum of events-db for Sunday 02:00 UTC",
            "Autovacuum ran during business hours and blocked writes",
            True,
        ),
        (
            "Move the backup job to 03:00 UTC",
            "The TLS certificate of the API expired",
            False,
        ),
        # guards against acting on the wrong thing
        (
            "Restrict kubectl exec in production to the sre-admins group",
            "An engineer ran a debug command against the wrong cluster",
            True,
        ),
        (
            "Add a confirmation prompt naming the environment to the db-reset script",
            "The reset script was run against production by mistake",
            True,
        ),
        (
            "Restrict the admin API to the office IP range",
            "The nightly backup ran for 9 hours",
            False,
        ),
        # input checked before it is used
        (
            "Add a schema validation step for the Helm values files in the pipeline",
            "A typo in a YAML file took down the ingress",
            True,
        ),
        (
            "Add a lint job for the Prometheus rule files",
            "A malformed alert rule was loaded and alerting stopped",
            True,
        ),
        (
            "Add a lint job for the Dockerfiles",
            "The primary database ran out of connections",
            False,
        ),
    ],
)
def test_causes_and_their_remedies(text: str, factor: str, expected: bool) -> None:
    assert _relevant(text, factor) is expected
