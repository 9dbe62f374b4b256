"""How an action item starts: its verb (typos too), or a question instead of one."""

from __future__ import annotations

import re

from retrotui.checks import verbs
from retrotui.checks.smart.rules import Rules
from retrotui.lazy_re import lazy

# An item written as a question: "is X making Y stop ...", "why did the job
# run twice"; "do"/"can"/"should" only with a question mark ("do a restore
# drill ..." is an order).
_QUESTION = lazy(
    r"(?:is|are|was|were|does|did|why|how\s+(?:do|does|did|can|come)|"
    r"what|which)\b",
    re.IGNORECASE,
)
_SENTENCE_BREAK = lazy(r"[?.!]\s+\S")
_ASKING = lazy(r"(?:do|can|could|should|would|will|shall)\b", re.IGNORECASE)
# An adverb before the verb ("quickly add ..."): a word in -ly that is not
# itself a verb ("apply the patch", "reply to", "supply", "rely on").
ADVERB = r"(?!(?:(?:ap|sup|re|multi|im|com)p|re)ly\b)\w+ly\s+"
# "re-enable", "pre-scale", "auto-renew": a verb with a hyphenated prefix.
_PREFIXED = lazy(r"(re|pre|de|un|auto|co|post|self|dis)-([a-z]+)\b")


def lead_verb(lead: str, r: Rules) -> re.Match[str] | None:
    """The first word, when it is a verb in the base form ("log", "collect"),
    or a change verb mistyped ("creat", "updte", "confgure")."""
    match = re.match(r"[a-z][a-z-]+", lead)
    if match is None:
        return None
    word = match.group()
    if verbs.is_base_verb(word):
        return match
    if len(word) >= 4 and not verbs.is_verb(word):
        from difflib import get_close_matches  # only for an unknown first word

        if get_close_matches(word, r.concrete_words, n=1, cutoff=0.85):
            return match
    return None


def unprefixed(lead: str, r: Rules) -> str:
    """ "re-enable the probe" is led by "enable"; "re-visit" by "revisit" (a
    word of its own, and a vague one)."""
    match = _PREFIXED.match(lead)
    if match is None:
        return lead
    joined = match.group(1) + match.group(2)
    if r.known_verb.match(joined) and r.known_verb.match(joined).end() == len(joined):
        return joined + lead[match.end() :]
    if verbs.is_base_verb(match.group(2)):
        return lead[match.start(2) :]
    return lead


def past_question(lead: str) -> str:
    """ "how do we fail over? write the steps ...": led by what follows the question."""
    question, mark, rest = lead.partition("? ")
    if mark and rest.strip() and (_QUESTION.match(question) or _ASKING.match(question)):
        return rest.strip()
    return lead


def asked(body: str, lead: str, r: Rules) -> re.Match[str] | None:
    """The question word when the whole item is a question ("Why did ...?")."""
    if _SENTENCE_BREAK.search(body.strip()) is not None:  # "Why ...? Write up ..." acts
        return None
    question = _QUESTION.match(lead)
    if (
        question is None
        and body.rstrip().endswith("?")
        and not r.known_verb.match(lead)
    ):
        question = _ASKING.match(lead) or _ASKING.match(body.strip())
    return question
