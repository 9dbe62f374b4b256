"""What an action item's wording says: its lead verb, vague or hedging words,
figures, checkable artifacts, absolute promises and unbounded scope."""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrotui.checks.smart.rules import rules

_NUMBER = re.compile(
    r"(?<![\w/.@-])(?:[<>]=?\s*)?(?:v?\d+(?:[.,:]\d+)*(?:\s*%|[a-z]{0,3}\b)"
    r"|p\d{2,3}(?:\.\d+)?\b)"
    r"|\b(?:zero|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|"
    r"thirty|forty|fifty|sixty|ninety|hundred|thousand|twice|double|half|once)\b",
    re.IGNORECASE,
)
_WILDCARD_CODE = re.compile(r"^\dxx$", re.IGNORECASE)
_UNKNOWN_VERB = re.compile(
    r"^[a-z]{3,}(?:-[a-z]+)?(?=\s+(?:the|a|an|our|all|every|each|their|its|this|"
    r"these|those|any|both)\s)"
)
_VERSION = re.compile(r"^v\d", re.IGNORECASE)


@dataclass
class Features:
    hedge: str | None
    deliberation: str | None
    behaviour: str | None
    person: str | None
    vague_phrase: str | None
    vague_object: str | None
    vague_quantity: str | None
    vague_lead: str | None
    concrete_lead: str | None
    comparative: str | None  # "reduce", "increase" without a figure: by how much?
    state_lead: bool
    artifact_verb: bool
    figure: str | None  # a number that is not a version ("85%", "3", "p99")
    version: str | None
    artifact: str | None
    artifact_beside_vague: bool
    concrete_clause: bool
    absolute: str | None
    huge_scope: str | None


def _imperative(clause: str) -> bool:
    """Whether a joined verb is an instruction, not a status or a plural noun.

    "... and add" and "by adding" are; "has been created" and "metrics and
    alerts" are not.
    """
    verb = clause.rsplit(None, 1)[-1].lower()
    return not verb.endswith("ed") and (not verb.endswith("s") or verb.endswith("ss"))


def _text(match: re.Match[str] | None) -> str | None:
    return match.group().strip() if match is not None else None


def features(body: str, lead: str) -> Features:
    r = rules()
    figures, versions = [], []
    for match in _NUMBER.finditer(body):
        token = match.group().strip()
        if _WILDCARD_CODE.match(token):
            continue
        (versions if _VERSION.match(token) else figures).append(token)
    artifacts = list(r.artifact.finditer(body))
    vague_object = r.vague_object.search(body)
    vague_lead = r.vague_verb_lead.match(lead)
    deliberation = r.deliberation_lead.match(lead)
    concrete_lead = None if vague_lead or deliberation else r.concrete_lead.match(lead)
    person_lead = r.person_lead.match(lead)
    if concrete_lead is None and not (vague_lead or deliberation or person_lead):
        # An unlisted word before an article is an imperative verb all the same:
        # "Deprecate the v1 API", "Conduct a game day".
        concrete_lead = _UNKNOWN_VERB.match(lead)
    # Past tense is a status report ("an issue has been created"), not a change.
    clauses = [m for m in r.concrete_clause.finditer(body) if _imperative(m.group())]
    return Features(
        hedge=_text(r.hedge.search(body)),
        deliberation=_text(deliberation),
        behaviour=_text(r.behaviour.search(body)),
        person=_text(person_lead) or _text(r.person_phrase.search(body)),
        vague_phrase=_text(r.vague_phrase.search(body)),
        vague_object=_text(vague_object),
        vague_quantity=_text(r.vague_quantity.search(body)),
        vague_lead=_text(vague_lead),
        concrete_lead=_text(concrete_lead),
        comparative=None
        if figures or vague_lead or deliberation
        else _text(r.comparative_lead.match(lead)),
        state_lead=concrete_lead is not None and bool(r.state_lead.match(lead)),
        artifact_verb=concrete_lead is not None and bool(r.artifact_verb.match(lead)),
        figure=figures[0] if figures else None,
        version=versions[0] if versions else None,
        artifact=artifacts[0].group() if artifacts else None,
        artifact_beside_vague=any(
            vague_object is None
            or a.end() <= vague_object.start()
            or a.start() >= vague_object.end()
            for a in artifacts
        ),
        concrete_clause=bool(clauses),
        absolute=_text(r.absolute.search(body)),
        huge_scope=_text(r.huge_scope.search(body)),
    )
