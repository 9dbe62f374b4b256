"""More SMART classes of issue 10, each with examples for and against, written
for these tests in the way people type action items (not from the labelled sets).
"""

from __future__ import annotations

from datetime import date

import pytest

from retrotui.checks.smart import check_action
from retrotui.checks.smart.figures import read_figures
from retrotui.checks.smart.rules import stem

AS_OF = date(2027, 2, 10)  # a Wednesday


def _failing(text: str, factor: str | None = None) -> set[str]:
    result = check_action(
        text, owner="platform", due="2027-03-01", factor=factor, as_of=AS_OF
    )
    return {name for name, _ in result.problems()}


# A three-digit number with "s" is seconds unless it is an HTTP status in use.
@pytest.mark.parametrize(
    "text",
    [
        "Modify the terraform module to allow a custom idle timeout of 120s on the ALB",
        "Give the drain job a 600s grace period before it kills the pods",
        "Keep 300s of buffered logs on each node in fluent-bit",
        "Cache the /catalog responses for 180s in the CDN",
    ],
)
def test_seconds_that_look_like_status_codes_are_figures(text: str) -> None:
    assert "measurable" not in _failing(text)


@pytest.mark.parametrize(
    "text",
    [
        "Handle the 502s from the payment gateway better",
        "Alert on 429s from the partner API",
        "Look into the 504s on api-gw",
    ],
)
def test_status_codes_stay_no_measure(text: str) -> None:
    assert "measurable" in _failing(text)


# The outcome word names what a setting is about ("the lag alert threshold"):
# changing the setting is the change; changing the outcome is a result.
@pytest.mark.parametrize(
    "text",
    [
        "Raise the Kafka lag alert threshold on orders-events from 1,000 to 20,000 messages",
        "Lower the error-rate paging threshold on checkout to 2% for 5 minutes",
        "Raise the latency alert window on search-api to 10 minutes",
        "Increase the downtime budget for the nightly migration to 30 minutes",
    ],
)
def test_setting_named_after_an_outcome_is_a_change(text: str) -> None:
    assert "specific" not in _failing(text)


@pytest.mark.parametrize(
    "text",
    [
        "Reduce lag on orders-db to under 5 s",
        "Lower the error rate of the checkout API below 1%",
        "Reduce latency for search requests to 200ms",
        "Reduce the lag alert noise to 5 pages a week",
    ],
)
def test_outcome_itself_is_a_result_not_a_change(text: str) -> None:
    assert "specific" in _failing(text)


# Verb forms and their negation name the same thing: "tagged", "untagged", "tag".
@pytest.mark.parametrize(
    ("word", "same"),
    [
        ("untagged", "tag"),
        ("unencrypted", "encrypts"),
        ("unsigned", "signing"),
        ("tagged", "tag"),
        ("alerting", "alerts"),
    ],
)
def test_stems_meet_across_verb_forms_and_negation(word: str, same: str) -> None:
    assert stem(word) == stem(same)


@pytest.mark.parametrize(
    ("word", "other"),
    [("understand", "derstand"), ("until", "till"), ("unit", "it"), ("under", "der")],
)
def test_words_merely_starting_with_un_keep_their_stem(word: str, other: str) -> None:
    assert stem(word) != stem(other)


@pytest.mark.parametrize(
    ("text", "factor"),
    [
        (
            "Tag every EC2 instance with an owner tag",
            "An untagged instance was deleted by the cost cleanup script",
        ),
        (
            "Encrypt the orders-exports S3 bucket with a KMS key",
            "Customer exports were stored unencrypted",
        ),
        (
            "Sign every container image with cosign in the build job",
            "The cluster ran an unsigned image from a public registry",
        ),
        (
            "Set the HPA maxReplicas for search-api to 30",
            "Search pods maxed out during the sale",
        ),
        (
            "Add a retry with exponential backoff (max 3 attempts) to the webhook sender",
            "Webhook deliveries were dropped when the partner API returned 503",
        ),
        (
            "Send payment events that fail 3 times to a dead-letter queue",
            "Payment events were dropped while the broker restarted",
        ),
        (
            "Add a staging environment for the payments service",
            "A config typo went straight to production",
        ),
    ],
)
def test_relevant_by_meaning(text: str, factor: str) -> None:
    assert "relevant" not in _failing(text, factor)


@pytest.mark.parametrize(
    ("text", "factor"),
    [
        (
            "Tag the release in git with the version number",
            "An untagged instance was deleted by the cost cleanup script",
        ),
        (
            "Encrypt the backups bucket with a KMS key",
            "The on-call was unreachable for 40 minutes",
        ),
        (
            "Set the HPA maxReplicas for search-api to 30",
            "The TLS certificate expired unnoticed",
        ),
        (
            "Add a staging environment for the payments service",
            "The TLS certificate expired unnoticed",
        ),
        (
            "Add a retry with exponential backoff (max 3 attempts) to the webhook sender",
            "Nobody knew where the failover runbook was",
        ),
    ],
)
def test_not_relevant_despite_look_alike_words(text: str, factor: str) -> None:
    assert "relevant" in _failing(text, factor)


# "Double", "triple", "halve" are relative: to what value?
@pytest.mark.parametrize(
    ("text", "measurable"),
    [
        ("Double the worker count for the email queue", False),
        ("Triple the number of search replicas", False),
        ("Halve the batch size of the exporter", False),
        ("Quadruple the shard count of orders-index", False),
        ("Double the worker count for the email queue from 4 to 8", True),
        ("Set the number of search replicas to 6", True),
        ("Halve the batch size of the exporter to 500 rows", True),
    ],
)
def test_multipliers_need_a_target_value(text: str, measurable: bool) -> None:
    assert ("measurable" not in _failing(text)) is measurable


# Usage is an outcome: keeping it under a bound is a result, not a change.
@pytest.mark.parametrize(
    ("text", "specific"),
    [
        ("Keep disk usage on es-data under 80%", False),
        ("Bring memory utilisation on kafka-* below 70%", False),
        ("Keep CPU usage of the api pods under 60%", False),
        ("Raise the disk usage alert threshold on es-data to 90%", True),
        ("Raise the memory limit of the api pods to 2Gi", True),
        ("Lower the CPU request of the worker pods below 500m", True),
    ],
)
def test_usage_under_a_bound_is_a_result(text: str, specific: bool) -> None:
    assert ("specific" not in _failing(text)) is specific


# Asking, discussing, sharing: nothing to check afterwards, unless it names
# what it produces.
@pytest.mark.parametrize(
    ("text", "measurable"),
    [
        ("Ask AWS support about the EBS throughput limits", False),
        ("Talk to the DBA team about connection limits", False),
        ("Discuss the alert thresholds with the payments team", False),
        ("Share the postmortem with the wider engineering org", False),
        (
            "Ask AWS support for the EBS throughput limit of gp3 volumes and record "
            "it in the capacity doc",
            True,
        ),
        (
            "Discuss the retry policy with payments and write the agreed limits "
            "into client.yaml",
            True,
        ),
        (
            "Share the postmortem in the #eng-all channel and add it to the incident "
            "index page",
            True,
        ),
    ],
)
def test_conversations_need_a_deliverable(text: str, measurable: bool) -> None:
    assert ("measurable" not in _failing(text)) is measurable


# "Everything", "stuff": no object says what the change is.
@pytest.mark.parametrize(
    ("text", "specific"),
    [
        ("Migrate everything to the cloud", False),
        ("Upgrade all the things to the latest version", False),
        ("Fix stuff in the deploy pipeline", False),
        ("Migrate the 3 remaining cron jobs on ops-01 to Kubernetes CronJobs", True),
        ("Upgrade the nginx ingress controller to 1.10.1", True),
        ("Fix the retry loop in deploy.sh that ignores exit codes", True),
    ],
)
def test_everything_is_no_object(text: str, specific: bool) -> None:
    assert ("specific" not in _failing(text)) is specific


def test_messages_read_as_english() -> None:
    def measurable(text: str) -> str:
        result = check_action(text, owner="dba", due="2027-03-01", as_of=AS_OF)
        return result.criteria["measurable"].message

    assert measurable("Add replicas to the search cluster") == (
        "Done when the replicas are in place"
    )
    assert measurable("Add a canary stage to web-deploy") == (
        "Done when the canary is in place"
    )
    assert measurable("Double the worker count for the email queue") == (
        "'double' to what? No target value is given"
    )


# An item written as a question names no change, unless a sentence after it does.
@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("Is executing heavy queries making prometheus miss its readiness probe", True),
        ("Does the LB drop idle connections after 60s?", True),
        ("Why did the cron job run twice on 2027-02-01?", True),
        ("Can the replica keep up with 5k writes per second?", True),
        (
            "How do we fail over pg-main? Write the steps with commands in runbooks/pg.md",
            False,
        ),
        ("Why did the job run twice? Add a lock file check to cron.py", False),
        (
            "Do a monthly restore drill of orders-db into staging and record the time",
            False,
        ),
        ("Can we add a lag alert > 30s on orders-db?", False),
    ],
)
def test_questions_are_not_changes(text: str, question: bool) -> None:
    failing = _failing(text)
    assert ({"specific", "measurable"} <= failing) is question


# "Spike into", "dig into": investigation jargon, like "look into".
@pytest.mark.parametrize(
    ("text", "specific"),
    [
        ("Spike into Amazon Managed Prometheus", False),
        ("Dig into the kafka rebalances", False),
        ("Deep dive into the checkout latency", False),
        (
            "Spike into Amazon Managed Prometheus and write up the costs of 3 "
            "retention options in docs/amp.md",
            True,
        ),
        ("Add a spike arrest policy of 100 rps to the api-gw", True),
        ("Dig a second trench for the fibre to dc-2", True),
    ],
)
def test_investigation_jargon(text: str, specific: bool) -> None:
    assert ("specific" not in _failing(text)) is specific


# A date in the text says when, not how much.
@pytest.mark.parametrize(
    ("body", "figures"),
    [
        ("fix the job that ran twice on 2027-02-01", []),
        ("replay the events since 01/02/2027 into the warehouse", []),
        ("backfill from 2027-02-01 to 2027-02-03", []),
        ("alert when lag > 30 s on 2 replicas", ["> 30", "2"]),
        ("keep 30 days of logs", ["30"]),
        ("set p99 under 300 ms", ["p99", "300"]),
    ],
)
def test_dates_are_not_figures(body: str, figures: list[str]) -> None:
    assert [f.split()[0] if f.startswith(">") else f for f in read_figures(body)[0]][
        : len(figures)
    ] == [f.split()[0] if f.startswith(">") else f for f in figures]


# An alert named without a verb still needs its condition.
@pytest.mark.parametrize(
    ("text", "measurable"),
    [
        ("High priority alerts for Elasticsearch and Opensearch", False),
        ("Alerts for disk usage on es-data", False),
        ("Paging alert for the payments webhook queue", False),
        ("Paging alert when disk usage on es-data exceeds 85% for 10 min", True),
        ("Alert rule for replica lag > 30s on orders-db", True),
        ("Regression test for the VAT rounding bug in billing/tax.py", True),
    ],
)
def test_alert_without_verb_needs_a_condition(text: str, measurable: bool) -> None:
    assert ("measurable" not in _failing(text)) is measurable


def _checked(text: str):
    return check_action(text, as_of=date(2027, 1, 13))


# A change verb typed in a hurry is still the change ("creat", "updte").
@pytest.mark.parametrize(
    ("text", "specific"),
    [
        ("creat a lag alert >30s on orders-db by fri @kim", True),
        ("updte the pool size on api-gw to 200 by fri @kim", True),
        ("confgure a 30s idle timeout on the ALB by fri @kim", True),
        ("kafka lag alert >30s on orders-db by fri @kim", True),
        ("nuke the stale DNS records for *.old.example.com by fri @kim", True),
        ("improv the deploy process by fri @kim", False),
        ("gooble the frobnicator by fri @kim", False),
        ("sort out alerting by fri @kim", False),
        ("tidy up the dashboards by fri @kim", False),
    ],
)
def test_lead_verbs_typed_in_a_hurry(text: str, specific: bool) -> None:
    assert _checked(text).criteria["specific"].ok is specific


# "cfg: set ...", "kafka: raise ...": a topic before the verb is not the verb.
@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("cfg: set nginx proxy_read_timeout=120s on edge-*, kim fri", True),
        ("kafka: raise retention to 7d on orders-events @kim fri", True),
        ("k8s: bump coredns replicas 2->4 in kube-system, @kim, fri", True),
        ("@kim we should prob add a lag alert >30s on orders-db by fri", True),
        ("note: improve monitoring @kim fri", False),
        ("kafka: retention @kim fri", False),
        ("cfg: whatever works @kim fri", False),
    ],
)
def test_topic_before_the_verb(text: str, ok: bool) -> None:
    assert _checked(text).ok is ok
