"""What each interview phase still needs: the step indicator's ticks and the
review checklist both come from here, so they always agree."""

from __future__ import annotations

from typing import TYPE_CHECKING

from retrotui.document.schema import FactorKind, Kind, Milestone, Severity
from retrotui.document.text import clip
from retrotui.interview.script import PHASE_KEYS, PHASES

if TYPE_CHECKING:
    from retrotui.document.models import Postmortem


def missing_by_phase(pm: Postmortem) -> dict[str, list[str]]:
    """For every phase key, in interview order, what is still missing."""
    gaps: dict[str, list[str]] = {key: [] for key in PHASE_KEYS}

    stage = gaps["stage"]
    if pm.severity is Severity.unknown:
        stage.append("a severity (the record gives none)")
    if not pm.summary and not pm.impact:
        stage.append("a summary or the impact")
    if not pm.services:
        stage.append("the affected services")
    if not pm.detection:
        stage.append("how it was detected")
    if not pm.resolution:
        stage.append("how it was resolved")
    if not pm.participants:
        stage.append("the participants")
    if not pm.facilitator:
        stage.append("a facilitator")

    timeline = gaps["timeline"]
    if len(pm.timeline) < 2:
        timeline.append("at least two timeline events")
    if pm.milestone_time(Milestone.started) is None:
        timeline.append("a 'started' milestone")
    if (
        pm.milestone_time(Milestone.resolved) is None
        and pm.milestone_time(Milestone.mitigated) is None
    ):
        timeline.append("a 'mitigated' or 'resolved' milestone")
    if pm.milestone_warnings():
        timeline.append("milestones in their natural order")

    insights = gaps["insights"]
    if not pm.went_well:
        insights.append("something that went well")
    if not pm.went_wrong:
        insights.append("something that went wrong")

    factors = gaps["factors"]
    if not pm.factors:
        factors.append("at least one contributing factor")
    elif not any(f.kind is FactorKind.trigger for f in pm.factors):
        factors.append("a factor marked as the trigger (k on Factors)")

    actions = gaps["actions"]
    if not pm.actions:
        actions.append("at least one action item")
    for index, item in enumerate(pm.actions, 1):
        if not item.owner:
            actions.append(f"an owner for action item {index}")
        if item.due is None:
            actions.append(f"a due date for action item {index}")
        if not item.factor_ids:
            actions.append(f"a contributing factor for action item {index}")

    review = gaps["review"]
    if not pm.takeaways:
        review.append("at least one takeaway")
    if pm.follow_up_on is None:
        review.append("a follow-up review date")
    for conflict in pm.conflicts:
        review.append(
            f"to reconcile {conflict.field}: another writer saved "
            f"'{clip(conflict.theirs, 40)}'"
        )

    if pm.kind is Kind.retro:
        _as_retro(pm, gaps)
    titles = {phase.key: phase.title for phase in PHASES}
    for phase in dict.fromkeys(key.partition(":")[0] for key in pm.unsent):
        if phase in gaps:
            gaps[phase].append(
                f"text typed on {titles[phase]} but not added (Enter adds it)"
            )
    return gaps


def _as_retro(pm: Postmortem, gaps: dict[str, list[str]]) -> None:
    """A team retrospective: no incident to describe, no timeline or factors;
    action items stand on their own (no factor to link)."""
    del gaps["timeline"], gaps["factors"]
    asked = {
        "a summary or the impact": "the scope: the period or focus it looks back on",
        "the participants": "the participants",
        "a facilitator": "a facilitator",
    }
    gaps["stage"] = [asked[gap] for gap in gaps["stage"] if gap in asked]
    gaps["insights"] = [
        gap.replace("went wrong", "could improve") for gap in gaps["insights"]
    ]
    gaps["actions"] = [
        gap for gap in gaps["actions"] if not gap.startswith("a contributing factor")
    ]


def phase_status(pm: Postmortem) -> dict[str, bool]:
    """Phase key -> complete?"""
    return {key: not gaps for key, gaps in missing_by_phase(pm).items()}


def missing(pm: Postmortem) -> list[str]:
    """Everything still missing, in interview order, as short phrases."""
    return [gap for gaps in missing_by_phase(pm).values() for gap in gaps]


def facilitator_is_responder(pm: Postmortem) -> bool:
    """The facilitator should not have been a responder (a warning, not a block)."""
    from retrotui.learning.facilitators import RESPONDING, person_key

    name = person_key(pm.facilitator)
    # A team retrospective has no incident: nobody responded.
    return (
        bool(name)
        and pm.kind is not Kind.retro
        and any(
            person_key(p.name) == name and p.role.value in RESPONDING
            for p in pm.participants
        )
    )
