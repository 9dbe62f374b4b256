"""The learned blame score: its features, what it adds to the rules, what it leaves.

The sentences here are written for these tests (none is in a training set):
each class has positives and near-twin negatives.
"""

from __future__ import annotations

import pytest

from retrotui.checks.blameless import lint
from retrotui.checks.blameless.features import features, lemma
from retrotui.checks.blameless.model import KINDS, judge
from retrotui.checks.blameless.rules import load

LEX = load()[1]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("forgot", "forget"),
        ("alerts", "alert"),
        ("monitoring", "monitor"),
        ("12", "<num>"),
    ],
)
def test_lemmas(word: str, expected: str) -> None:
    assert lemma(word) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The rollback should've been tested",
        "we could of caught it in staging",
        "it shouldn't have gone out",
        "Someone would have noticed the graph",
    ],
)
def test_modal_perfect_in_any_form(text: str) -> None:
    assert "#modal-perfect" in features(text, LEX)


@pytest.mark.parametrize(
    "text", ["The service should return 404", "we could restart it", "it would fail"]
)
def test_modal_without_perfect(text: str) -> None:
    assert "#modal-perfect" not in features(text, LEX)


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("We restarted the pod", "we"),
        ("The engineer restarted the pod", "person"),
        ("Marek restarted the pod", "person"),
        ("The pod restarted", "system"),
        ("Restart the pod", "imperative"),
        ("They never replied", "they"),
    ],
)
def test_subject_class(text: str, subject: str) -> None:
    assert f"#subj:{subject}" in features(text, LEX, frozenset({"marek"}))


def test_names_are_one_feature() -> None:
    found = features("Priya restarted the pod", LEX, frozenset({"priya"}))
    assert "w:<name>" in found and "w:priya" not in found


# Judgement no rule names; the learned score catches these.
LEARNED = [
    "This setup is simply too fragile.",
    "Our testing of the failover path was inadequate.",
    "The rollout plan was far too optimistic about the cache warm-up.",
]
NEUTRAL = [
    "The on-call engineer acknowledged the page at 02:14.",
    "The upgrade was scheduled for Tuesday after the freeze.",
    "We added an alert on replica lag above 30 seconds.",
    "Marek restarted the pod and the errors stopped.",
    "The library should raise an error here.",
    "Suspected DNS at this point.",
    "Readiness probes failed on three nodes.",
    "We simply restarted the service and it recovered.",
]


@pytest.mark.parametrize("text", LEARNED)
def test_learned_findings_have_reason_rewrite_and_span(text: str) -> None:
    findings = [f for f in lint(text) if f.rule.startswith("learned-")]
    assert findings, text
    for finding in findings:
        assert finding.message and finding.suggestion[:1].isupper()
        assert finding.category in KINDS
        assert text[finding.col - 1 : finding.end_col - 1] == finding.text
        assert lint(finding.suggestion) == [], finding.suggestion


@pytest.mark.parametrize("text", NEUTRAL)
def test_neutral_sentences_are_left_alone(text: str) -> None:
    assert lint(text, ["Marek"]) == [], text


def test_short_fragments_are_not_scored() -> None:
    assert judge("too fragile", LEX, frozenset()) is None


def test_a_rule_finding_is_not_repeated_by_the_score() -> None:
    findings = lint("Bob forgot to run the migration. The setup is simply too fragile.")
    rules = [f.rule for f in findings]
    assert rules.count("blame-forgot-to") == 1
    assert any(rule.startswith("learned-") for rule in rules)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Test migrations more aggressively before release.", "exhortation"),
        ("We should have caught the expiry in the weekly review.", "hindsight"),
        ("Our testing of the failover path was inadequate.", "judgement"),
    ],
)
def test_kinds_follow_the_signal(text: str, category: str) -> None:
    verdict = judge(text, LEX, frozenset())
    assert verdict is not None and verdict.kind.category == category


@pytest.mark.parametrize(
    "text",
    [
        "We should have alerting on config load failures.",
        "Action items fall under three types; we should have at least one per type.",
        "You should have access to the dashboard now.",
        "We should have a runbook for this.",
    ],
)
def test_should_have_as_owning_is_not_hindsight(text: str) -> None:
    assert lint(text) == [], text


@pytest.mark.parametrize(
    "text",
    [
        "We should have caught it in staging.",
        "we should have just listened to the alert",
        "You should have read the runbook first.",
        "The migration shouldn't have gone out on a Friday.",
    ],
)
def test_should_have_with_a_participle_is_hindsight(text: str) -> None:
    assert any(f.category == "hindsight" for f in lint(text)), text
