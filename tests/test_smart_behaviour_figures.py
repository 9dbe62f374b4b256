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
        "Done when it is set 'to drop debug-level logs'"
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
