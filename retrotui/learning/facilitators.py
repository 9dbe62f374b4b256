"""Facilitator rotation: who to ask to facilitate this postmortem.

The source articles ask for a facilitator who was not a responder in the
incident (they see more from the outside) and for the role to rotate. The
candidates are the people the store knows (participants and facilitators of
every postmortem, note and retrospective), without this incident's
responders, ranked:

1. never facilitated before those who have, then the longest since their last
   facilitation (by incident date) first;
2. on a tie, the one who facilitated fewer times, then the one seen in a
   postmortem most recently (still on the team), then by name.

A person is one name however it is spelled in case and spacing ("Ana  Lopez"
and "ana lopez"), shown as most recently written. Only stored names are
suggested: a person kept by role only ("unnamed responder 2" from a report
that did not name them, or a facilitator shown as "responder") is not a name.

Headless and plain: it reads the facts of ``retrotui.learning.facts``, or
the same gathered per spelling inside the term index (``rotation_index``):
at 20,000 postmortems reading every one's facts here held up typing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from retrotui.document.schema import Role

# The roles of people who worked the incident (as the Set the stage warning
# that the facilitator was a responder).
RESPONDING = frozenset({Role.responder.value, Role.incident_commander.value})
_ROLE_WORDS = "|".join(
    sorted({re.escape(role.value.replace("_", " ")) for role in Role}, key=len)[::-1]
)
# What a report writes instead of a name given without consent, and what an
# import keeps for it: "responder", "unnamed incident commander 3".
_ROLE_ONLY = re.compile(rf"^(?:unnamed )?(?:{_ROLE_WORDS})s?(?: \d+)?$")


def person_key(name: str) -> str:
    """One key per person however the name is spaced or capitalised."""
    return " ".join(name.split()).casefold()


def is_name(name: str) -> bool:
    """Whether ``name`` names someone (not empty, not a role kept instead)."""
    key = person_key(name)
    return bool(key) and not _ROLE_ONLY.match(key.replace("_", " "))


@dataclass(frozen=True)
class Candidate:
    """A possible facilitator and what their rank rests on."""

    name: str
    last_facilitated: str | None  # ISO date of the last one, None if never
    times_facilitated: int
    last_seen: str  # ISO date of the latest postmortem they appear in

    def reason(self) -> str:
        """Why they are suggested: "never facilitated", "last 2026-09-12"."""
        if self.last_facilitated is None:
            return "never facilitated"
        return f"last {self.last_facilitated}"

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "last_facilitated": self.last_facilitated,
            "times_facilitated": self.times_facilitated,
            "last_seen": self.last_seen,
        }


@dataclass(frozen=True)
class Spelling:
    """One way a name is written in the stored postmortems, over all of them:
    what the rotation needs of it (a person is the spellings of one key)."""

    name: str
    last_seen: str  # the latest incident date it appears on
    # Where it first appears on that date, in the order the postmortems are
    # read (a person's shown spelling is the first on their latest date).
    order: tuple[int, int]
    last_facilitated: str | None
    times_facilitated: int


def spellings(
    history: Iterable[Mapping[str, Any]], skip_id: str | None = None
) -> list[Spelling]:
    """The spellings in ``history`` (the facts of stored postmortems; the one
    ``skip_id`` left out: its stored copy is old). ``rotation_index`` answers
    the same from the term index without reading every postmortem here."""
    found: dict[str, list[Any]] = {}
    for n, fact in enumerate(history):
        if fact.get("id") == skip_id:
            continue
        day = str(fact.get("date", ""))
        people = [name for name, _role in fact.get("people", [])]
        facilitator = fact.get("facilitator", "")
        for place, name in enumerate([*people, facilitator]):
            seen = found.setdefault(name, [day, (n, place), None, 0])
            if day > seen[0]:
                seen[0], seen[1] = day, (n, place)
        if facilitator in found:
            seen = found[facilitator]
            seen[2] = max(seen[2] or day, day)
            seen[3] += 1
    return [Spelling(name, *seen) for name, seen in found.items()]


@dataclass
class _Person:
    name: str
    named_on: str  # date of the postmortem whose spelling is kept
    last_seen: str
    last_facilitated: str | None
    times_facilitated: int


def responders(fact: Mapping[str, Any]) -> set[str]:
    """The keys of the people who responded, per a postmortem's facts (a
    team retrospective has none: there was no incident)."""
    if fact.get("kind") == "retro":
        return set()
    return {
        person_key(name)
        for name, role in fact.get("people", [])
        if role in RESPONDING and is_name(name)
    }


class Rotation:
    """Who took part and who facilitated, gathered once from the store (a
    few hundred people, however many postmortems); ``rank`` then answers for
    one postmortem as it is being edited, on every edit."""

    def __init__(self, written: Iterable[Spelling]) -> None:
        """``written``: the store's ``spellings``."""
        self._people: dict[str, _Person] = {}
        kept: dict[str, tuple[str, tuple[int, int]]] = {}
        for spelling in written:
            if not is_name(spelling.name):
                continue
            key = person_key(spelling.name)
            name = " ".join(spelling.name.split())
            day = spelling.last_seen
            person = self._people.get(key)
            if person is None:
                self._people[key] = _Person(
                    name,
                    day,
                    day,
                    spelling.last_facilitated,
                    spelling.times_facilitated,
                )
                kept[key] = (day, spelling.order)
                continue
            # The spelling of the latest postmortem, the first one read on it.
            if (day, _negated(spelling.order)) > (kept[key][0], _negated(kept[key][1])):
                person.name, person.named_on = name, day
                kept[key] = (day, spelling.order)
            person.last_seen = max(person.last_seen, day)
            if spelling.last_facilitated is not None:
                person.last_facilitated = max(
                    person.last_facilitated or "", spelling.last_facilitated
                )
            person.times_facilitated += spelling.times_facilitated

    def rank(self, current: Mapping[str, Any] | None = None) -> list[Candidate]:
        """Everyone who could facilitate ``current``, best first (see the
        module): its responders left out, its other participants counted in
        (a facilitator being chosen has not facilitated it yet); without
        ``current``, the whole rotation."""
        people = self._people
        if current is not None:
            people = {key: replace(p) for key, p in people.items()}
            day = str(current.get("date", ""))
            for name, _role in current.get("people", []):
                if not is_name(name):
                    continue
                key = person_key(name)
                person = people.get(key)
                if person is None:
                    people[key] = _Person(" ".join(name.split()), day, day, None, 0)
                    continue
                if day > person.named_on:
                    person.name, person.named_on = " ".join(name.split()), day
                person.last_seen = max(person.last_seen, day)
        excluded = responders(current) if current else set()
        candidates = [
            Candidate(
                name=person.name,
                last_facilitated=person.last_facilitated,
                times_facilitated=person.times_facilitated,
                last_seen=person.last_seen,
            )
            for key, person in people.items()
            if key not in excluded
        ]
        return sorted(candidates, key=_rank)


def rank_facilitators(
    history: Iterable[Mapping[str, Any]],
    current: Mapping[str, Any] | None = None,
) -> list[Candidate]:
    """Everyone who could facilitate ``current``, best first: ``history``
    holds the facts of stored postmortems (``current``'s own stored copy
    among them is ignored), ``current`` the facts of the one a facilitator is
    chosen for. Without ``current``: the whole rotation."""
    skip_id = current.get("id") if current else None
    return Rotation(spellings(history, skip_id)).rank(current)


def _negated(order: tuple[int, int]) -> tuple[int, int]:
    return (-order[0], -order[1])


def _rank(candidate: Candidate) -> tuple[object, ...]:
    # ISO dates sort as strings; the most recently seen first needs a number.
    seen = (
        date.fromisoformat(candidate.last_seen).toordinal()
        if candidate.last_seen
        else 0
    )
    return (
        candidate.last_facilitated is not None,
        candidate.last_facilitated or "",
        candidate.times_facilitated,
        -seen,
        person_key(candidate.name),
        candidate.name,
    )
