"""Which follow-up reviews home names: read from summaries, without pydantic.

A review is worth a line while it is ahead, or when its day has passed and
the postmortem still has open action items (the meeting was missed, or it
left work undone).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from retrotui.storage.summary import Summary


@dataclass(frozen=True)
class Review:
    pm_id: str
    title: str
    on: date
    open_items: int

    def missed(self, today: date) -> bool:
        return self.on < today

    def when(self, today: date) -> str:
        """``today``, ``in 5 days``, ``3 days ago``."""
        days = (self.on - today).days
        if days == 0:
            return "today"
        if days == 1:
            return "tomorrow"
        return f"in {days} days" if days > 0 else f"{-days} days ago"


def reviews(pms: list[Summary], today: date) -> list[Review]:
    """Reviews to show, missed ones first, then the nearest ahead."""
    found = [
        Review(pm.id, pm.title, pm.follow_up_on, pm.open_actions)
        for pm in pms
        if pm.follow_up_on is not None and (pm.follow_up_on >= today or pm.open_actions)
    ]
    return sorted(found, key=lambda r: (not r.missed(today), r.on, r.pm_id))
