"""'should have' as hindsight (a participle follows) or as owning (a noun does)."""

from __future__ import annotations

import pytest

from retrotui.checks.blameless import lint
from retrotui.checks.blameless.modal import is_participle


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("caught", True),
        ("been", True),
        ("run", True),
        ("recyled", True),
        ("alerting", False),
        ("a", False),
        ("access", False),
    ],
)
def test_participles(word: str, expected: bool) -> None:
    assert is_participle(word) is expected


@pytest.mark.parametrize(
    "text",
    [
        "We should have alerting on config load failures.",
        "Action items fall under three types; we should have at least one per type.",
        "You should have access to the dashboard now.",
        "We should have a runbook for this.",
        "We should have first-line support on weekends.",
        "We should probably have a second region by Q3.",
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
        # An adverb between "have" and the participle is still hindsight.
        "We should have first communicated to everyone about the maintenance.",
        "we should have at least paged the dba",
        "They should have probably rolled back at the first error.",
    ],
)
def test_should_have_with_a_participle_is_hindsight(text: str) -> None:
    assert any(f.category == "hindsight" for f in lint(text)), text
