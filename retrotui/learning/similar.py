"""Earlier postmortems that resemble one: "this happened before".

Each postmortem is compared on three things a responder recognises: its
title, its contributing factors and the wording of its timeline (the
services it hit are shown, not scored). Words are weighted by how rare they
are in the store (tf-idf), so "kubernetes" in every title of a platform team's archive counts less than
"503"; the cosines are averaged with the weights below over the parts both
postmortems have (a quick note without factors, or an imported report without
services, is not marked down for what it never recorded).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from retrotui.document.schema import ActionStatus, Kind
from retrotui.document.text import clean_line
from retrotui.learning.fields import words

if TYPE_CHECKING:
    from retrotui.document.models import Postmortem

# A shared service alone is no recurrence: scored, it made 4 of the 10
# unrelated incidents of the dev part (same service, different failure) show
# a match, and no repeat needed it to be found (services are still shown).
WEIGHTS = {"title": 0.35, "services": 0.0, "factors": 0.25, "timeline": 0.25}
# Below this a postmortem shares little more than common words. Chosen on the
# dev part of tests/data/similar_labels.json and similar_extra.json
# (benchmarks/similar_quality.py): repeats typed as short notes score 12-16
# there, unrelated ones at most 11 but one (13: "token ... expired").
MIN_SCORE = 12


@dataclass(frozen=True)
class Match:
    id: str
    title: str
    score: int
    date: str
    open_actions: int
    actions: int
    services: tuple[str, ...]

    def actions_state(self) -> str:
        """The follow-through of its action items, in words."""
        if not self.actions:
            return "no action items"
        if not self.open_actions:
            return f"all {self.actions} action items closed"
        return f"{self.open_actions} of {self.actions} action items still open"

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "score": self.score,
            "date": self.date,
            "open_actions": self.open_actions,
            "actions": self.actions,
            "services": list(self.services),
        }


def _parts(pm: Postmortem) -> dict[str, list[str]]:
    """The words of each compared part."""
    return {
        "title": words(pm.title),
        "services": [service.casefold().strip() for service in pm.services],
        "factors": [w for f in pm.factors for t in (f.text, *f.whys) for w in words(t)],
        "timeline": [w for event in pm.timeline for w in words(event.text)],
    }


class Vectors:
    """tf-idf vectors of every postmortem's parts, idf taken over the store."""

    def __init__(self, postmortems: list[Postmortem]) -> None:
        self.parts = {pm.id: _parts(pm) for pm in postmortems}
        counts: Counter[str] = Counter()
        for parts in self.parts.values():
            counts.update({w for part in parts.values() for w in part})
        total = len(self.parts) + 1
        self.idf = {w: math.log(total / n) + 1 for w, n in counts.items()}
        self.vectors = {
            pm_id: {name: self._vector(part) for name, part in parts.items()}
            for pm_id, parts in self.parts.items()
        }

    def _vector(self, part: list[str]) -> dict[str, float]:
        vector = {w: n * self.idf[w] for w, n in Counter(part).items()}
        norm = math.sqrt(sum(v * v for v in vector.values()))
        return {w: v / norm for w, v in vector.items()} if norm else {}

    def score(self, one: str, other: str) -> float:
        """0-100: how much ``other`` resembles ``one`` over the parts both have."""
        mine, theirs = self.vectors[one], self.vectors[other]
        weighted = total = 0.0
        for name, weight in WEIGHTS.items():
            if not mine[name] or not theirs[name]:
                continue
            total += weight
            weighted += weight * _cosine(mine[name], theirs[name])
        return 100 * weighted / total if total else 0.0


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def similar(
    pm: Postmortem, postmortems: Iterable[Postmortem], limit: int = 5
) -> list[Match]:
    """Postmortems of incidents before ``pm``'s that resemble it, best first.

    "Before" is by the day the incident started; one of the same day counts
    too (two incidents of one day are worth seeing together). A team
    retrospective is no incident: it has none like it and is like none.
    """
    if pm.kind is Kind.retro:
        return []
    everyone = {other.id: other for other in postmortems}
    everyone[pm.id] = pm
    vectors = Vectors(list(everyone.values()))
    day = pm.incident_date()
    matches = []
    for other in everyone.values():
        if other.id == pm.id or other.incident_date() > day or other.kind is Kind.retro:
            continue
        score = round(vectors.score(pm.id, other.id))
        if score < MIN_SCORE:
            continue
        counted = [a for a in other.actions if a.status != ActionStatus.not_doing]
        matches.append(
            Match(
                id=other.id,
                title=clean_line(other.title),
                score=score,
                date=other.incident_date().isoformat(),
                open_actions=sum(a.status == ActionStatus.open for a in counted),
                actions=len(counted),
                services=tuple(clean_line(s) for s in other.services),
            )
        )
    matches.sort(key=lambda match: (-match.score, match.date, match.id))
    return matches[:limit]
