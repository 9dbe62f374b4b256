"""The blame classes of issue 10, each with phrasings of its own for and against.

Written for these tests (not the rules' own examples), in the way postmortems
put them: hindsight in the passive and counterfactuals, blame of other teams,
exhortations, judgement of the work, rewrites that drop the blaming word, a
named participant as the subject of a failure; and what must not be flagged.
"""

from __future__ import annotations

import pytest

from retrotui.checks.blameless import lint
from widgets.findings import apply_rewrite, rewrite_kind

NAMES = ["Marek Nowak", "Ines"]

FLAG = {
    "hindsight": [
        "The certificate renewal reminder went unnoticed for a week.",
        "The config change should not have been merged before the freeze.",
        "We wrongly assumed the replica had caught up.",
        "That disk warning was an early sign nobody acted on.",
        "Had the alert fired on queue depth, we would have seen it an hour earlier.",
        "Checking the release notes first might have avoided the outage.",
        "We ought not to have upgraded every cluster at once.",
        "Once the fix was ready, nothing was done for another three hours.",
        "The release was not tested as thoroughly as earlier ones.",
        "The migration went ahead without sufficient review of the schema change.",
    ],
    "other_teams": [
        "The storage team still has not rolled out our patch.",
        "They gave us no warning before the maintenance.",
        "The vendor keeps ignoring our support tickets.",
        "Security keep blocking our certificate requests for no reason.",
    ],
    "exhortation": [
        "We must get better at reading the dashboards during an incident.",
        "Be extra careful when changing DNS on a Friday.",
        "Escalate earlier next time.",
        "Everyone needs to pay more attention to the capacity alerts.",
        "We will continue to take the reliability of the service very seriously.",
        "This was a good reminder to put an expiry on every token.",
    ],
    "judgement_of_work": [
        "It was a careless rollout of the ingress config.",
        "The migration plan was poorly thought out.",
        "A sloppy review let the bad query through.",
        "That was a poor decision to skip the canary.",
        "That was a lazy config change.",
    ],
    # Broad classes seen across documents of several dev sets (session 3).
    "party_omission": [
        "Northwind didn't test the new client against our API.",
        "@omar did not flag that the script also touched the shared state.",
        "The release notes change was never communicated to the support team.",
        "The retry budget was never configured for the batch tier.",
    ],
    "haste_and_folly": [
        "The hotfix was hastily merged at midnight.",
        "Restarting every pod at once was a naive move, in retrospect.",
        "The runbook steps were not explicit enough for a new on-call.",
        "We were complacent about the certificate dates.",
    ],
    "own_fault_and_excess": [
        "Failing to test the restore was an oversight on our part.",
        "We took the blame for the lost uploads.",
        "Two days to reply is way too long for a sev-1.",
        "This alert has fired far too often this quarter.",
    ],
    "responses_judged": [
        "No one followed up on the ticket for a week.",
        "The incident was not handled as smoothly as it should have.",
        "We would have noticed the lag with a dashboard on the wall.",
        "It turns out that @ravi skipped the dry run.",
    ],
}

PASS = {
    "hindsight": [
        "The certificate renewal reminder was sent to the team channel.",
        "The config change was merged at 14:02 and rolled out by 14:20.",
        "We assumed the replica lag metric was in seconds; it is in milliseconds.",
        "Nothing was logged for the first two minutes after the restart.",
        "The release was tested on the staging cluster for two days.",
        "The upgrade ran without errors on all nodes.",
    ],
    "other_teams": [
        "The storage team rolled out the patch on Tuesday.",
        "They paged us at 03:10 when the disk filled.",
        "The vendor's support ticket is open as CASE-1182.",
        "Security reviewed the certificate request within an hour.",
    ],
    "exhortation": [
        "Add an alert when DNS changes are applied outside the change window.",
        "The escalation policy pages the secondary after 10 minutes.",
        "The capacity alert fires at 85% disk usage on db-*.",
        "We took the page seriously and started the incident call at 02:14.",
    ],
    "judgement_of_work": [
        "The rollout of the ingress config took 12 minutes.",
        "The migration plan had three stages.",
        "The decision to skip the canary was recorded in the change ticket.",
        "Redis frees expired keys with lazy expiration.",
    ],
    "party_omission": [
        "Northwind tested the new client against our API on Monday.",
        "Users did not see errors while the replica caught up.",
        "The change was communicated to the support team at 09:00.",
        "The batch tier was never part of the rollout.",
    ],
    "haste_and_folly": [
        "The hotfix was merged at 00:10 after two approvals.",
        "The naive datetime in the payload was read as UTC.",
        "The disk had enough headroom for the reindex.",
        "We decided to fail over at 02:40.",
    ],
    "own_fault_and_excess": [
        "Our error rate stayed under 0.1% during the rollout.",
        "The blame-free review is on Thursday.",
        "The query took too long and hit the 30 s timeout.",
        "The cron job runs too often for the API quota, so it is now hourly.",
    ],
    "responses_judged": [
        "No one was paged because the route was missing.",
        "The incident was handled by the secondary on-call.",
        "Without the replica we would have lost an hour of writes.",
        "It turns out that the cache had expired.",
    ],
    # What the issue says must never be flagged.
    "must_not_flag": [
        "Suspected a DNS problem at this point.",
        "Suspected the load balancer at 14:05; ruled it out at 14:12.",
        "The library should raise an error here instead of returning None.",
        "The client should retry with backoff when it gets a 503.",
        "Readiness probes failed on three pods.",
        "The node failed to join the cluster after the reboot.",
        "We just restarted the pod and it came back.",
        "The fix simply raises the timeout to 30 s.",
        "Marek restarted the pod at 14:07.",
        "Ines paged the database team.",
    ],
}


@pytest.mark.parametrize(
    ("kind", "text"), [(kind, text) for kind, texts in FLAG.items() for text in texts]
)
def test_each_class_is_flagged(kind: str, text: str) -> None:
    assert lint(text, NAMES), (kind, text)


@pytest.mark.parametrize(
    ("kind", "text"), [(kind, text) for kind, texts in PASS.items() for text in texts]
)
def test_neutral_twins_pass(kind: str, text: str) -> None:
    assert lint(text, NAMES) == [], (kind, text)


def test_every_class_has_three_for_and_three_against() -> None:
    for kind in FLAG:
        assert len(FLAG[kind]) >= 3 and len(PASS[kind]) >= 3, kind


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Nothing was done about the disk warnings until the outage.", "nothing"),
        ("The release was not tested as thoroughly as earlier ones.", "thoroughly"),
        ("We ought to have rolled back as soon as the errors started.", "ought"),
        ("We will continue to take uptime very seriously.", "seriously"),
        ("In hindsight, the canary window was too short.", "hindsight"),
        ("The hotfix was hastily merged at midnight.", "hastily"),
        ("We wrote the script in a haste, then ran it on prod.", "haste"),
        ("Looking back, the first warning was at 02:10.", "looking back"),
    ],
)
def test_rewrites_are_sentences_without_the_blaming_words(text: str, word: str) -> None:
    for finding in lint(text):
        rewrite = finding.suggestion
        assert rewrite[:1].isupper() and "{" not in rewrite, rewrite
        assert word not in rewrite.lower(), rewrite
        assert lint(rewrite) == [], rewrite


@pytest.mark.parametrize(
    "text",
    [
        "Ines ought to have paged the database team.",
        "Marek wrongly assumed the replica had caught up.",
        "Ines neglected the disk warnings for a week.",
        "Ines restarted the validator with the wrong flag.",
        "Marek applied the incorrect certificates to the load balancers.",
    ],
)
def test_a_named_participant_behind_a_failure_is_named_as_a_cause(text: str) -> None:
    named = [f for f in lint(text, NAMES) if f.rule == "person-named-subject"]
    assert [f.message for f in named] == ["names a person as a cause"], text


@pytest.mark.parametrize(
    "text",
    [
        "Ines rolled back the ingress change at 14:20.",
        "The job that Marek wrote failed to start.",
        "We asked Ines to take over the bridge.",
        "Ines restarted the validator with the new flag.",
        "The validator restarted with the wrong flag after Marek's upgrade.",
    ],
)
def test_a_named_participant_who_acted_is_not_named_as_a_cause(text: str) -> None:
    assert all(f.rule != "person-named-subject" for f in lint(text, NAMES)), text


@pytest.mark.parametrize(
    ("text", "rule", "rewritten"),
    [
        (
            "Paged at 02:10. In hindsight, the canary window was too short. Rolled back.",
            "hindsight-in-retrospect",
            "Paged at 02:10. The canary window was too short. Rolled back.",
        ),
        (
            "The hotfix was hastily merged at midnight.",
            "judgement-haste-folly",
            "The hotfix was merged at midnight.",
        ),
        (
            "We wrote it in a haste, then ran it on prod.",
            "judgement-haste-folly",
            "We wrote it, then ran it on prod.",
        ),
    ],
)
def test_the_apps_rewrite_drops_the_phrase_from_its_sentence(
    text: str, rule: str, rewritten: str
) -> None:
    (finding,) = [f for f in lint(text) if f.rule == rule]
    assert rewrite_kind(finding) == "sentence"
    assert apply_rewrite(text, finding) == rewritten
