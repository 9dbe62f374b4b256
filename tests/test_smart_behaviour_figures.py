"""SMART classes: a setting named by what it makes a thing do, numbers that
are compared with, and money targets. Each with items for and against,
written for these tests (not from the labelled sets).
"""

from __future__ import annotations

from datetime import date

import pytest

from retrotui.checks.smart import check_action

AS_OF = date(2027, 3, 3)


def _failing(text: str) -> set[str]:
    result = check_action(text, owner="platform", due="2027-03-26", as_of=AS_OF)
    return {name for name, c in result.criteria.items() if c.ok is False}


# "Configure X to <do something>": what X will do is how to tell it is done.
@pytest.mark.parametrize(
    ("text", "failing"),
    [
        (
            "Configure the log shipper to drop debug-level logs from the payments "
            "namespace",
            set(),
        ),
        (
            "Configure the CDN to serve stale content while the origin is unreachable",
            set(),
        ),
        ("Configure Alertmanager to group alerts by cluster and namespace", set()),
        ("Set the importer to skip rows without a customer id", set()),
        ("Update the nightly export to write to the eu-west-2 bucket", set()),
        ("Configure the log shipper", {"specific", "measurable"}),
        ("Configure monitoring to be more robust", {"specific", "measurable"}),
        ("Configure the service to handle load better", {"specific", "measurable"}),
        ("Adjust the autoscaler to scale faster", {"measurable"}),
        (
            "Configure Prometheus to alert on disk usage of the kafka brokers",
            {"measurable"},
        ),
    ],
)
def test_a_setting_named_by_what_it_does(text: str, failing: set[str]) -> None:
    assert _failing(text) == failing


def test_the_behaviour_is_the_message() -> None:
    result = check_action(
        "Configure the log shipper to drop debug-level logs",
        owner="platform",
        due="2027-03-26",
        as_of=AS_OF,
    )
    assert result.criteria["measurable"].message == (
        "Done when it does this: 'drop debug-level logs'"
    )


# A number compared with is a figure, even one that could be an HTTP status;
# a status named alone still measures nothing.
@pytest.mark.parametrize(
    ("text", "failing"),
    [
        (
            "Add a dependency review step that fails on new packages with fewer "
            "than 100 downloads",
            set(),
        ),
        ("Alert when more than 200 pods are pending for 10 minutes", set()),
        ("Add a CI check that fails when a migration touches over 500 rows", set()),
        ("Add an alert on 502s from the load balancer", {"measurable"}),
        ("Add an alert on 404 responses from the checkout API", {"measurable"}),
        ("Add an alert for 503s from the payments-gateway pods", {"measurable"}),
    ],
)
def test_compared_numbers_are_figures(text: str, failing: set[str]) -> None:
    assert _failing(text) == failing


# A money target after "keep", "bring", "reduce" is a result to reach, not the
# change that reaches it; a budget set to an amount is a change.
@pytest.mark.parametrize(
    ("text", "failing"),
    [
        ("Bring the monthly AWS bill for the data platform below $40k", {"specific"}),
        ("Keep the cost of the staging cluster under €5,000 per month", {"specific"}),
        ("Reduce spend on the logging cluster to less than $2k a month", {"specific"}),
        ("Set the monthly budget alert for the ml account to $40k", set()),
        (
            "Cap the staging account's budget at £3,000 with an AWS Budgets action",
            set(),
        ),
        ("Set the daily spend limit of the ads API key to $200", set()),
    ],
)
def test_money_targets(text: str, failing: set[str]) -> None:
    assert _failing(text) == failing


# "Make <system> <verb> ...", "teach the bot to ...": a system made to behave
# in a named way is a change; people, "better" and "make sure" are not.
@pytest.mark.parametrize(
    ("text", "failing"),
    [
        ("Make the deploy pipeline fail when the image has no SBOM attached", set()),
        ("Make the importer skip rows without a customer id", set()),
        ("Make the API return 503 with Retry-After when the queue is full", set()),
        ("Teach the deploy bot to refuse deploys while an incident is open", set()),
        (
            "Have the backup job write a success marker to S3 and page data if it "
            "is missing at 06:00",
            set(),
        ),
        ("Make the API more resilient", {"specific", "measurable"}),
        ("Make sure the alerts fire", {"specific", "measurable"}),
        (
            "Make the on-call engineer check the dashboards every morning",
            {"specific", "measurable"},
        ),
        ("Teach the team to roll back with helm", {"specific", "measurable"}),
        ("Get the service to work properly", {"specific", "measurable"}),
        (
            "We have added a backlog task to curate for which scenarios we want alerts",
            {"specific", "measurable"},
        ),
    ],
)
def test_a_system_made_to_behave(text: str, failing: set[str]) -> None:
    assert _failing(text) == failing
