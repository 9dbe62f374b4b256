"""Whether an action item addresses the contributing factor it is linked to."""

from __future__ import annotations

import re

from retrotui.checks.smart.result import Criterion
from retrotui.checks.smart.rules import rules
from retrotui.checks.smart.wording import Features

_WORD = re.compile(r"[a-z0-9][a-z0-9]*")


def _keywords(text: str) -> set[str]:
    r = rules()
    keys = set()
    for word in _WORD.findall(text.lower().replace("-", " ")):
        if word in r.synonyms:
            keys.add(r.synonyms[word])
            continue
        if len(word) < 3 or word in r.stopwords or word.isdigit():
            continue
        stem = word[:-1] if len(word) > 4 and word.endswith("s") else word
        stem = stem[:5]
        keys.add(r.synonyms.get(stem, stem))
    return keys


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
    shared = _keywords(body) & _keywords(factor)
    if shared:
        return Criterion(True, "Addresses the linked contributing factor", "")
    return Criterion(
        False,
        "Shares nothing with the linked contributing factor",
        "Link the factor this change addresses, or say how it addresses this one",
    )
