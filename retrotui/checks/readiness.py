"""What keeps a postmortem from leaving draft: its open action items' checks.

Drafts always save; only the move to "in review" (and on to "published")
is refused while an open action item fails its SMART check or has no owner.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from retrotui.checks.smart import LABELS, SmartResult, check_action
from retrotui.document.models import ActionItem, ActionStatus, Postmortem
from retrotui.document.schema import Kind
from retrotui.document.text import clip


def check_item(pm: Postmortem, item: ActionItem, as_of: date | None) -> SmartResult:
    """The SMART check for a stored item, with its linked factors' text."""
    factors = [f.text for f in (pm.factor(fid) for fid in item.factor_ids) if f]
    # The stored date, not the typed text: "end of Q1" typed in December must
    # keep meaning that March, not the next one.
    due = item.due.isoformat() if item.due else item.due_text
    return _checked(
        item.text,
        item.owner or None,
        due or None,
        "; ".join(factors) or None,
        as_of or date.today(),
    )


@lru_cache(maxsize=1024)
def _checked(
    text: str, owner: str | None, due: str | None, factor: str | None, as_of: date
) -> SmartResult:
    # The action-items screen shows every item's verdict and what blocks
    # review on each typed key: with 100 items, checking them all again cost
    # 100 ms a key, though only the item being typed in changed. The check is
    # a function of these words and the day (its rules load once).
    return check_action(text, owner=owner, due=due, factor=factor, as_of=as_of)


def item_gaps(pm: Postmortem, item: ActionItem, as_of: date | None) -> list[str]:
    """What keeps one action item from being SMART ("has no owner"...)."""
    gaps = []
    if not item.owner.strip():
        gaps.append("has no owner")
    # A retrospective has no contributing factors to link to.
    if pm.kind is not Kind.retro and not any(pm.factor(fid) for fid in item.factor_ids):
        gaps.append("is not linked to a contributing factor")
    result = check_item(pm, item, as_of)
    # A missing owner is already its own line above.
    failing = [
        LABELS.get(key, key)
        for key, _ in result.problems()
        if key != "owner" or item.owner.strip()
    ]
    if failing:
        gaps.append(f"fails: {', '.join(failing)}")
    return gaps


def review_blockers(pm: Postmortem, as_of: date | None = None) -> list[str]:
    """Why ``pm`` cannot move to "in review", one line per problem; [] when it can."""
    blockers = []
    for index, item in enumerate(pm.actions, 1):
        if item.status is not ActionStatus.open:
            continue
        label = f"Action {index} ({clip(item.text, 30)})"
        blockers += [f"{label} {gap}" for gap in item_gaps(pm, item, as_of)]
    return blockers
