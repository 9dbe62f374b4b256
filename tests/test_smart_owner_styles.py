"""Owners typed in more places on one line (issue 10, "What SMART misreads" 1),
each style with examples for and against, written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from retrotui.checks.smart import check_action

AS_OF = date(2027, 1, 13)  # a Wednesday


def _owner(text: str) -> str | None:
    return check_action(text, as_of=AS_OF).owner


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        # who takes it, said after the action
        ("add lag alert >30s on orders-db, kim to do, fri", "kim"),
        ("add lag alert >30s on orders-db - dba to own - by fri", "dba"),
        ("raise the pool to 40 in api.yaml by fri — sre on it", "sre"),
        # a marker before the owner is not the owner
        ("AI: @kim add lag alert >30s on orders-db fri", "@kim"),
        ("TODO - dba: raise the pool to 40 in api.yaml by fri", "dba"),
        ("action item: Lena to add a restore section to runbooks/pg.md by fri", "Lena"),
        # handed over with an arrow
        ("add lag alert >30s on orders-db by fri -> @kim", "@kim"),
        ("add lag alert >30s on orders-db by fri => Lena", "Lena"),
        ("add lag alert >30s on orders-db by fri → dba", "dba"),
        # asked politely
        ("dba team pls add lag alert >30s on orders-db by fri thx", "dba team"),
        ("kim please set the pool to 40 in api.yaml by fri", "kim"),
        ("@raj plz rotate the deploy token in vault by fri", "@raj"),
        # between pipes, the date last
        ("add lag alert >30s on orders-db | kim | fri", "kim"),
        # one owner, someone else told
        ("@kim add lag alert >30s on orders-db by fri cc @raj", "@kim"),
    ],
)
def test_owner_read(text: str, owner: str) -> None:
    assert _owner(text) == owner


@pytest.mark.parametrize(
    "text",
    [
        "add a step to do the backup check in deploy.sh by fri",
        "set the retry budget to 3, nothing left to do, fri",
        "AI model rollout: pin the model version to 2.1 by fri",
        "todo list app: add a 5xx alert > 2% by fri",
        "route db alerts -> #sre-alerts channel by fri",
        "send the 5xx alerts -> pagerduty service sre-primary by fri",
        "Please add a lag alert >30s on orders-db by fri",
        "add lag alert >30s on orders-db by fri cc @kim",
        "add lag alert >30s on orders-db by fri, fyi @raj",
    ],
)
def test_no_owner_read(text: str) -> None:
    assert _owner(text) is None


def test_date_before_cc_is_still_read() -> None:
    result = check_action("add lag alert >30s on orders-db by fri cc @kim", as_of=AS_OF)
    assert result.due == date(2027, 1, 15)
