"""SMART classes from issue 10 probed with paraphrases: a result to reach is not a
change (whatever verb leads it), and a setting given a value has one even when
the value looks like an HTTP code.

Written for these tests, not taken from the labelled sets.
"""

from __future__ import annotations

from datetime import date

import pytest

from retrotui.checks.smart import check_action

AS_OF = date(2027, 1, 13)


def _criteria(text: str) -> dict[str, bool | None]:
    result = check_action(text, owner="sre-team", due="2027-02-26", as_of=AS_OF)
    return {name: criterion.ok for name, criterion in result.criteria.items()}


@pytest.mark.parametrize(
    ("text", "specific"),
    [
        ("Speed up the login page to under 1 s at p95", False),
        ("Stabilise the payments API so 5xx stays under 0.5%", False),
        ("Shrink the api image below 200 MB", False),
        ("Bring replica lag on orders-db under 5 s", False),
        ("Lower the proxy timeout below 5 s on edge-*", True),
        ("Reduce the replica count of search-api to 3", True),
        ("Raise the disk on db-1 to more than 1 TB", True),
        ("Add an index on orders.user_id so checkout p99 stays under 800 ms", True),
    ],
)
def test_a_result_to_reach_is_not_a_change(text: str, specific: bool) -> None:
    assert _criteria(text)["specific"] is specific


def test_the_reason_quotes_the_whole_target() -> None:
    result = check_action(
        "Speed up the login page to under 1 s at p95",
        owner="web",
        due="2027-02-26",
        as_of=AS_OF,
    )
    assert result.criteria["specific"].message == (
        "'under 1 s' is a result to reach, not a change"
    )


@pytest.mark.parametrize(
    ("text", "measurable"),
    [
        ("Set the connection pool size of api-gw to 200", True),
        ("Raise max_connections on orders-db to 500", True),
        ("Set the batch size of the importer = 250", True),
        ("Fix the 502s on the checkout ingress", False),
        ("Return HTTP 503 for a full queue on the upload API", False),
        ("Adjust the registry pull QPS limit on the kubelet", False),
    ],
)
def test_a_setting_given_a_three_digit_value_has_one(
    text: str, measurable: bool
) -> None:
    assert _criteria(text)["measurable"] is measurable
