"""The blameless-language checker: every rule's examples, columns, names, rewrites."""

from __future__ import annotations

import pytest

from retrotui.checks.blameless import Finding, lint, lint_postmortem, rules
from retrotui.document.models import Factor, Participant, Postmortem, TimelineEvent

CATEGORIES = {
    "blame",
    "hindsight",
    "judgement",
    "human_error",
    "fault",
    "accusatory",
    "condescension",
    "person_as_cause",
    "person_action",
    "exhortation",
}


def _cases(kind: str) -> list[tuple[str, str]]:
    return [(rule.id, text) for rule in rules() for text in rule.examples[kind]]


NAMES = {rule.id: rule.names for rule in rules()}


def test_rules_are_well_formed() -> None:
    ids = [rule.id for rule in rules()]
    assert len(ids) == len(set(ids))
    assert {rule.category for rule in rules()} == CATEGORIES
    for rule in rules():
        assert rule.message and rule.suggest and rule.keywords
        # A rule is a class of phrasing, never one sentence.
        assert len(rule.examples["flag"]) >= 3, rule.id
        assert len(rule.examples["pass"]) >= 3, rule.id


@pytest.mark.parametrize(("rule_id", "text"), _cases("flag"))
def test_rule_flags_its_examples(rule_id: str, text: str) -> None:
    assert rule_id in {f.rule for f in lint(text, NAMES[rule_id], only=[rule_id])}


@pytest.mark.parametrize(("rule_id", "text"), _cases("pass"))
def test_rule_passes_its_examples(rule_id: str, text: str) -> None:
    assert lint(text, NAMES[rule_id]) == [], rule_id


@pytest.mark.parametrize(("rule_id", "text"), _cases("flag"))
def test_suggestions_are_rewrites(rule_id: str, text: str) -> None:
    for finding in lint(text, NAMES[rule_id], only=[rule_id]):
        assert finding.suggestion.strip()
        assert finding.suggestion.strip().lower() != text.strip().lower()


def test_columns_are_one_based_and_end_exclusive() -> None:
    text = "All good here.\n  The DBA ignored the warning."
    (finding,) = lint(text)
    assert (finding.line, finding.col, finding.end_col) == (2, 11, 18)
    line = text.split("\n")[1]
    assert line[finding.col - 1 : finding.end_col - 1] == "ignored" == finding.text


def test_finding_shape() -> None:
    (finding,) = lint("It was human error.")
    assert isinstance(finding, Finding)
    assert finding.category == "human_error"
    assert finding.rule == "human-error"


def test_rewrite_is_built_from_the_sentence() -> None:
    (finding,) = lint("X forgot to run the migration.")
    assert finding.suggestion.startswith("The migration was not run;")
    (finding,) = lint("Marcus failed to update the runbooks before the test.")
    assert finding.suggestion.startswith("The runbooks were not updated;")
    (finding,) = lint("Someone forgot to turn the feature flag back off.")
    assert finding.suggestion.startswith("The feature flag was not turned back off;")


@pytest.mark.parametrize(
    "text",
    [
        "The job failed to start.",
        "The health check failed.",
        "The retry logic failed to back off.",
        "The deploy broke the login page.",
        "Traefik failed to route traffic to the new pods.",
        "Kubernetes ignored the limit.",
        "The on-call was paged at 14:02.",
        "We rolled back.",
        "The test failed to catch it.",
        'The draft said "human error", which we replaced.',
        "The service that Bob deployed failed to start.",
        "Bob's deploy failed to start.",
    ],
)
def test_system_subjects_and_neutral_text_pass(text: str) -> None:
    assert lint(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Bob failed to start the job.",
        "The engineer on call failed to escalate.",
        "After the deploy Bob forgot to check the logs.",
        "The engineer who ran the script ignored the warning.",
        "He completely forgot to renew the certificate.",
    ],
)
def test_people_as_subjects_are_flagged(text: str) -> None:
    assert lint(text)


def test_known_names_make_unusual_names_people() -> None:
    text = "Xiomara failed to rotate the key."
    assert lint(text) == []
    assert [f.rule for f in lint(text, names=["Xiomara Quispe"])] == [
        "person-named-subject",
        "blame-failed-to",
    ]
    assert lint("@xq failed to rotate the key.")


def test_human_only_complement_marks_an_unknown_subject() -> None:
    assert lint("Kowalczyk failed to notice the lag.")
    assert lint("Kowalczyk failed to start.") == []


def test_each_line_is_checked_separately() -> None:
    text = "The job failed.\nBob forgot to renew it.\n\nIt was Bob's fault."
    assert [(f.line, f.rule) for f in lint(text)] == [
        (2, "blame-forgot-to"),
        (4, "fault-possessive"),
    ]


def test_postmortem_fields_are_labelled() -> None:
    pm = Postmortem(
        title="Checkout down",
        summary="The deploy broke checkout.",
        participants=[Participant(name="Zbigniew")],
        went_wrong=["Nothing unusual.", "Zbigniew failed to rotate the key."],
        timeline=[
            TimelineEvent(at="2026-11-20T14:00:00Z", text="Deploy started"),
            TimelineEvent(at="2026-11-20T14:05:00Z", text="It was human error."),
        ],
        factors=[
            Factor(
                text="No expiry alert",
                whys=["The key expired", "Obviously nobody checked"],
            )
        ],
    )
    labels = [(label, f.rule) for label, f in lint_postmortem(pm)]
    assert labels == [
        ("timeline[1]", "human-error"),
        ("went_wrong[1]", "person-named-subject"),
        ("went_wrong[1]", "blame-failed-to"),
        ("factors[0].whys[1]", "condescension-obviously"),
        ("factors[0].whys[1]", "hindsight-went-unnoticed"),
    ]


def test_lint_handles_empty_and_odd_text() -> None:
    assert lint("") == []
    assert lint("\n\n|||\n") == []
    assert lint("forgot") != []


@pytest.mark.parametrize(
    "text",
    [
        "Marek forgot to renew the certificate.",
        "After the deploy Marek ignored the disk alert.",
        "Ines failed to escalate the second page.",
    ],
)
def test_a_named_participant_as_subject_of_a_failure_is_its_own_finding(
    text: str,
) -> None:
    findings = lint(text, ["Marek Nowak", "Ines"])
    named = [f for f in findings if f.rule == "person-named-subject"]
    assert len(named) == 1 and named[0].message == "names a person as a cause"
    assert named[0].text in ("Marek", "Ines")
    assert any(f.category == "blame" for f in findings)


@pytest.mark.parametrize(
    "text",
    [
        "Marek restarted the pod.",
        "Marek noticed the lag and paged the DBA team.",
        "The job failed to start after Ines rotated the key.",
    ],
)
def test_a_named_participant_who_acted_is_not_a_finding(text: str) -> None:
    assert lint(text, ["Marek Nowak", "Ines"]) == []


@pytest.mark.parametrize(
    "text",
    [
        "Marek should have noticed the queue climbing.",
        "Ines mistakenly believed the cache was warm.",
        "Marek deleted the prod bucket by mistake.",
        "Ines deployed a broken config on Friday.",
    ],
)
def test_a_named_subject_of_hindsight_or_judgement_is_named_as_a_cause(
    text: str,
) -> None:
    findings = lint(text, ["Marek Nowak", "Ines"])
    assert [f.text for f in findings if f.rule == "person-named-subject"] in (
        ["Marek"],
        ["Ines"],
    )
    assert len(findings) == 2


@pytest.mark.parametrize(
    "text",
    [
        "Ines said we should have rolled back.",
        "We should have paged Marek sooner.",
        "Marek rolled back the broken config.",
    ],
)
def test_a_participant_who_is_not_the_subject_is_not_named_as_a_cause(
    text: str,
) -> None:
    assert all(f.rule != "person-named-subject" for f in lint(text, ["Marek", "Ines"]))


def test_without_names_only_the_verb_is_flagged() -> None:
    assert [f.rule for f in lint("Marek forgot to renew the certificate.")] == [
        "blame-forgot-to"
    ]
