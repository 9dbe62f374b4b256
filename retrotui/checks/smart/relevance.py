"""Whether an action item addresses the contributing factor it is linked to.

Judged by meaning, not by shared words alone: each text is read as the
concepts it names ("alerting", "paged" and "nobody noticed" are detection;
"free space" and "disk filling" are capacity) and the specific things it
names (service and component names). An item is relevant when it shares a
concept with the factor, or two specific things, or one specific thing while
one side names no concept at all. Sharing only a name while talking about
different things ("upgrade the Kafka client" against "Kafka lag alerts were
noisy") is not relevant.
"""

from __future__ import annotations

import re

from retrotui.checks.smart.result import Criterion
from retrotui.checks.smart.rules import Rules, rules, stem
from retrotui.checks.smart.wording import Features

_WORD = re.compile(r"[a-z][a-z0-9]*")


def _read(text: str, r: Rules) -> tuple[set[str], set[str]]:
    """(concepts, specific things) a text names."""
    lowered = text.lower()
    concepts = {
        concept for pattern, concept in r.concept_phrases if pattern.search(lowered)
    }
    things = set()
    for word in _WORD.findall(lowered.replace("-", " ").replace("_", " ")):
        key = stem(word)
        if key in r.concept_stems:
            concepts |= r.concept_stems[key]
        elif len(word) >= 3 and word not in r.stopwords:
            things.add(key)
    return concepts, things


def relevant(f: Features, body: str, factor: str | None) -> Criterion:
    if factor is None or not factor.strip():
        return Criterion(None, "No contributing factor linked", "")
    aimed = f.person or f.behaviour
    if aimed:
        return Criterion(
            False,
            f"Aimed at a person ('{aimed}'), not at a system",
            "Change the system that let it happen: a guard, a default, an alert",
        )
    r = rules()
    item_concepts, item_things = _read(body, r)
    factor_concepts, factor_things = _read(factor, r)
    shared = item_things & factor_things
    if (
        item_concepts & factor_concepts
        or len(shared) >= 2
        or (shared and not (item_concepts and factor_concepts))
    ):
        return Criterion(True, "Addresses the linked contributing factor", "")
    return Criterion(
        False,
        "Does not address the linked contributing factor",
        "Link the factor this change addresses, or say how it addresses this one",
    )
