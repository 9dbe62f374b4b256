"""SMART classes found on tidy items written for issue 10 (smart10c), in the
style of the tidy labelled set but not from it: names with underscores, verbs
that end in -ly or carry a prefix, a change named by what it makes happen
("so force-pushes are blocked"), a change spelled out in full, and
exhortations in adverbs ("more carefully"). Each with items for and against.
"""

from __future__ import annotations

from datetime import date

import pytest

from retrotui.checks.smart import check_action

AS_OF = date(2027, 3, 3)


def _result(text: str) -> object:
    return check_action(text, owner="platform", due="2027-03-26", as_of=AS_OF)


def _failing(text: str) -> set[str]:
    return {name for name, c in _result(text).criteria.items() if c.ok is False}


VAGUE = {"specific", "measurable"}


# An underscore inside a name is part of it ("customer_id"); only emphasis
# marks around words are dropped.
@pytest.mark.parametrize(
    ("text", "failing"),
    [
        (
            "Add an index on orders(customer_id, created_at) in the next migration",
            set(),
        ),
        ("Drop the unused user_events_old table after confirming no reads", set()),
        ("Grant the read_only role to the analytics service account", set()),
        ("_Add monitoring_", VAGUE),
        ("__Improve__ alerting", VAGUE),
        ("Add monitoring for the *orders* service", VAGUE),
    ],
)
def test_names_with_underscores_are_kept(text: str, failing: set[str]) -> None:
    assert _failing(text) == failing


def test_the_name_is_quoted_as_typed() -> None:
    result = _result("Add an index on orders(customer_id, created_at)")
    assert "customer_id" in result.criteria["measurable"].message


# "apply", "supply", "reply" end in -ly but are verbs, not adverbs before one.
@pytest.mark.parametrize(
    ("text", "failing"),
    [
        ("Apply the kernel patch for CVE-2026-1234 to all bastion hosts", set()),
        ("Supply the vendor with the list of affected order IDs in SUP-12", set()),
        ("Reply to the vendor's RCA request with the timeline from INC-88", set()),
        ("Quickly add monitoring", VAGUE),
        ("Properly configure alerts", VAGUE),
        ("Carefully review the runbook", VAGUE),
    ],
)
def test_verbs_in_ly_are_verbs(text: str, failing: set[str]) -> None:
    assert _failing(text) == failing


# "re-enable", "pre-scale", "de-register": the verb after the prefix leads;
# "re-visit", "re-think" are words of their own, and vague ones.
@pytest.mark.parametrize(
    ("text", "failing"),
    [
        ("Re-enable the disk pressure eviction threshold at 10% on all nodes", set()),
        ("Pre-scale the checkout service to 20 pods the day before each sale", set()),
        ("De-register the drained nodes from the orders-lb target group", set()),
        ("Re-evaluate the alert thresholds", VAGUE),
        ("Re-visit the paging policy", VAGUE),
        ("Re-think the deploy process", VAGUE),
    ],
)
def test_prefixed_verbs_lead(text: str, failing: set[str]) -> None:
    assert _failing(text) == failing


def test_a_prefixed_verb_is_not_read_as_a_component() -> None:
    result = _result(
        "Re-run the failed billing export and attach its output to INC-4411"
    )
    assert "Re-run" not in result.criteria["measurable"].message
    assert "INC-4411" in result.criteria["measurable"].message


# "change X so <what then happens>": the result names the new setting.
@pytest.mark.parametrize(
    ("text", "failing"),
    [
        (
            "Change the default branch protection so force-pushes to main are blocked",
            set(),
        ),
        ("Adjust the alert route so payment alerts go to #payments-oncall", set()),
        ("Update the retry policy so that failed webhooks are retried", set()),
        ("Modify the ingress so requests to /admin are denied", set()),
        ("Change the backup schedule", {"measurable"}),
        ("Adjust the thresholds so they are less noisy", {"measurable"}),
        ("Tune the alert so it is more useful", {"measurable"}),
        ("Update the config so it works better", VAGUE),
    ],
)
def test_a_change_named_by_what_then_happens(text: str, failing: set[str]) -> None:
    assert _failing(text) == failing


def test_the_message_quotes_what_then_happens() -> None:
    result = _result("Modify the ingress so requests to /admin are denied")
    assert "'requests to /admin are denied'" in result.criteria["measurable"].message


# A change spelled out in full (what, to what, where) is done when it is in
# place; a verb and a stock object are not.
@pytest.mark.parametrize(
    ("text", "failing"),
    [
        (
            "Enforce MFA for all console logins via an SCP on the organisation root",
            set(),
        ),
        ("Run load tests from a separate AWS account with its own API quota", set()),
        (
            "Mirror the Docker Hub base images into our ECR registry and pull only from there",
            set(),
        ),
        ("Host the runbooks on a static site outside our own infrastructure", set()),
        ("Add logging to checkout", VAGUE),
        ("Implement a test environment", VAGUE),
        ("Add retries to the client", VAGUE),
        ("Use Kubernetes", VAGUE),
    ],
)
def test_a_change_spelled_out_in_full(text: str, failing: set[str]) -> None:
    assert _failing(text) == failing


# Adverbs that ask people to try harder: an exhortation, not a change.
@pytest.mark.parametrize(
    "text",
    [
        "Apply the migration checklist more carefully",
        "Read alerts more closely during deploys",
        "Take extra care when upgrading on release days",
        "Review changes more thoroughly before merging",
    ],
)
def test_exhorting_adverbs_are_behaviour(text: str) -> None:
    result = _result(text)
    assert result.criteria["specific"].ok is False
    assert "asks people to behave differently" in result.criteria["specific"].message
    assert result.criteria["specific"].hint


@pytest.mark.parametrize(
    "text",
    [
        "Apply the kernel patch for CVE-2026-1234 to all bastion hosts",
        "Add a CI check that fails when a migration has no down step",
        "Set the drain timeout to 300 seconds so pods close connections carefully",
    ],
)
def test_a_change_is_not_an_exhortation(text: str) -> None:
    assert "behave" not in _result(text).criteria["specific"].message


def _owner(text: str) -> str | None:
    return check_action(text, as_of=AS_OF).owner


# "cache team will ...": a team named by a word that is also a verb is a team;
# "ping team to ...", "all teams must ...": a verb acting on a team, or no one.
@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("cache team will add a TTL of 10 min to price cache keys", "cache team"),
        ("build team will pin the runner image to 2.311.0", "build team"),
        (
            "release squad will add a canary stage to the deploy pipeline",
            "release squad",
        ),
        ("ping team to review the runbook", None),
        ("ask team to add a dashboard", None),
        ("remind team to rotate keys", None),
    ],
)
def test_a_team_named_by_a_verb(text: str, owner: str | None) -> None:
    assert _owner(text) == owner


def test_all_teams_is_no_one_team() -> None:
    result = check_action(
        "all teams must add /healthz to their services by EOW - platform", as_of=AS_OF
    )
    assert result.owner == "platform"
    assert result.criteria["achievable"].ok is False


# A bracket at the end holds an owner only when it stands apart: right after a
# word ("orders(customer_id, created_at)") it holds that word's arguments.
@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("add a 10 min ttl to price keys (cache-team)", "cache-team"),
        ("add an alert on replica lag over 30s for 5 min [dba]", "dba"),
        ("pin the redis image to 7.2.4 (platform)", "platform"),
        ("Lena to add an index on orders(customer_id, created_at)", "Lena"),
        ("add an index on users(email)", None),
        ("wrap the tax client call in retry(3)", None),
    ],
)
def test_a_bracket_after_a_word_is_no_owner(text: str, owner: str | None) -> None:
    assert _owner(text) == owner
