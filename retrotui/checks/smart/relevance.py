"""Whether an action item addresses the contributing factor it is linked to.

Judged by meaning, not by shared words alone: each text is read as the
concepts it names ("alerting", "paged" and "nobody noticed" are detection;
"free space" and "disk filling" are capacity) and the specific things it
names (service and component names). Some concepts only say what a text is
about ("database", "billing"): sharing one counts like sharing a name. An
item is relevant when it shares a concept with the factor, or two specific
names, or one specific thing while one side names no concept at all, or when
it replaces or retires the very thing the factor names. A phrase ("pull
request", "on-call", "deletion protection") is read whole, however it is
hyphenated, and its words are not read again one by one; generic words ("api",
"client") are no specific thing. Sharing only a name
while talking about different things ("upgrade the Kafka client" against
"Kafka lag alerts were noisy", "rotate the database password" against "the
database ran out of disk") is not relevant.
"""

from __future__ import annotations

import re

from retrotui.checks.smart.result import Criterion
from retrotui.checks.smart.rules import Rules, rules, stem
from retrotui.checks.smart.wording import Features
from retrotui.lazy_re import lazy

_WORD = lazy(r"[a-z][a-z0-9]*")
# "replace RabbitMQ with ...", "retire the legacy ftp-sync host": the object's
# head word, read up to a preposition or the end of the clause.
_REPLACES = lazy(
    r"\b(?:replac|retir|decommission|remov|phas\w*\s+out|get\s+rid\s+of|"
    r"(?:migrat|mov)\w*\s+(?:off|away\s+from))\w*\s+"
    r"(?:(?:the|our|a|an|self-hosted|old|legacy|single|current|existing)\s+)*"
    r"((?:[a-z0-9][\w.-]*\s*){1,3}?)(?=\s+(?:with|by|to|for|in|on|at|and|so)\b|[,;.]|$)",
    re.IGNORECASE,
)


def _read(text: str, r: Rules) -> tuple[set[str], set[str]]:
    """(concepts, specific things) a text names; subject concepts are things."""
    lowered = text.lower()
    concepts = set()
    spans = []
    for pattern, concept in r.concept_phrases:
        found = pattern.search(lowered)
        if found is not None:
            concepts.add(concept)
            if re.search(r"[\s-]", found.group()):
                spans.append(found.span())
    # "pull request" is about review, not about requests (traffic): the words
    # of a phrase are not read again one by one.
    for start, end in spans:
        lowered = lowered[:start] + " " * (end - start) + lowered[end:]
    things = set()
    for word in _WORD.findall(lowered.replace("-", " ").replace("_", " ")):
        key = stem(word)
        if key in r.concept_stems:
            concepts |= r.concept_stems[key]
        elif not (len(word) < 3 or word in r.stopwords or word in r.generic_nouns):
            things.add(key)  # "api", "client" name no one thing
    subjects = concepts & r.subject_concepts
    return concepts - subjects, things | {f"~{name}" for name in subjects}


def _replaced(body: str, r: Rules) -> set[str]:
    """The head words of what the item replaces or retires, as stems."""
    heads = set()
    for match in _REPLACES.finditer(body):
        words = _WORD.findall(match.group(1).lower().replace("-", " "))
        if words:
            heads.add(stem(words[-1]))
    return heads


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
    # Two names shared ("checkout-svc", "orders") say it is the same component;
    # "orders-db" against "the orders database" is one name and a subject.
    names = {thing for thing in shared if not thing.startswith("~")}
    # The item only changes the system, the factor is only about the people
    # around it ("a timeout on the search client in cart" against "the search
    # team was not told about the cart launch"): the same names are not the
    # same problem. The other way round, a review or an alert can catch a
    # system's fault ("a second reviewer on migrations that touch big tables").
    clash = (
        bool(item_concepts and factor_concepts)
        and not item_concepts & factor_concepts
        and not item_concepts & r.process_concepts
        and factor_concepts <= r.process_concepts
    )
    if (
        item_concepts & factor_concepts
        or (len(names) >= 2 and not clash)
        or (shared and not (item_concepts and factor_concepts))
        or _replaced(body, r) & factor_things
    ):
        return Criterion(True, "Addresses the linked contributing factor", "")
    return Criterion(
        False,
        "Does not address the linked contributing factor",
        "Link the factor this change addresses, or say how it addresses this one",
    )
