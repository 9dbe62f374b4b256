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
