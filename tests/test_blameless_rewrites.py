"""Rewrites on real sentences: grammatical, and the blaming word is gone.

The sentences are in the style of public postmortems (several from the DFDS
corpus in shared/corpus, others as reviewers meet them), not the rules' own
examples.
"""

from __future__ import annotations

import pytest

from retrotui.checks.blameless import lint

SENTENCES = [
    "EC should have noticed the developer carelessly forgot to check the headers.",
    "We should be more careful when making seemingly innocuous changes at the end "
    "of a working day",
    "We need to be better at deploying unrelated workloads into separate namespaces.",
    "This let to an issue which should have been addressed before it created any "
    "impact become a pressing concern.",
    "Appointing an incident manager could have helped",
    "Components/Addons release notes needs more carefully studying both in source "
    "release notes and vendor specific implementation",
    "The on-call engineer ignored the disk usage warning for an hour.",
    "Bob forgot to run the migration before the deploy.",
    "She neglected to check the replication lag after the failover.",
    "Marcus failed to update the runbook after the failover test.",
    "The DBA skipped the pre-deploy checklist on Friday.",
    "Kenji should have noticed that the queue was climbing.",
    "The expiry date went unnoticed for three weeks.",
    "Had the dashboard shown replica lag, we would have caught it in minutes.",
    "The network team still has not applied our fix.",
    "It was a sloppy rollout with no canary.",
    "Team members need to acknowledge NOTAMs",
    "We did not take into account the link caching done by many end-user devices.",
    "Users got 429s due to a configuration oversight.",
    "The upgrade was performed without reading the release notes.",
]
BLAME_WORDS = (
    "forgot", "neglect", "ignored", "failed to", "careless", "sloppy", "should have",
    "skipped", "unnoticed", "better at", "more careful", "would have", "could have",
)  # fmt: skip


@pytest.mark.parametrize("text", SENTENCES)
def test_real_sentences_are_flagged_with_clean_rewrites(text: str) -> None:
    findings = lint(text)
    assert findings, text
    for finding in findings:
        rewrite = finding.suggestion
        assert rewrite[:1].isupper() and "{" not in rewrite, rewrite
        assert not any(word in rewrite.lower() for word in BLAME_WORDS), rewrite
        assert lint(rewrite) == [], rewrite


@pytest.mark.parametrize(
    ("text", "rewrite"),
    [
        (
            "Bob forgot to run the migration before the deploy.",
            "The migration was not run",
        ),
        (
            "She neglected to check the replication lag.",
            "The replication lag was not checked",
        ),
        ("Marcus failed to update the runbook.", "The runbook was not updated"),
        (
            "Our SRE missed the warnings in the channel.",
            "The warnings in the channel were easy to miss at the time",
        ),
        (
            "The reviewer overlooked the missing index.",
            "The missing index was easy to miss at the time",
        ),
    ],
)
def test_rewrites_rebuild_the_sentence(text: str, rewrite: str) -> None:
    assert lint(text)[0].suggestion.startswith(rewrite)
