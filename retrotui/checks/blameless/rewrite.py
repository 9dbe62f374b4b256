"""Neutral rewrites for findings, built from the sentence where the rule allows.

"X forgot to run the migration" -> "The migration was not run; what in the
process allowed that?"
"""

from __future__ import annotations

import re

from retrotui.checks import verbs
from retrotui.checks.blameless.rules import Lexicon, Rule
from retrotui.checks.blameless.subject import WORD

_PARTICLES = {"off", "on", "up", "down", "back", "out", "over", "in", "away"}
_CLAUSE_WORDS = {"that", "whether", "if", "how", "what", "when", "why", "where"}
# "known the pool was too small": a finite verb after the first word means the
# object is a whole clause, which cannot be made the subject of "was not known".
_FINITE_VERBS = {
    "was",
    "were",
    "is",
    "are",
    "had",
    "has",
    "would",
    "could",
    "did",
    "will",
}
_OBJECT_STOP = {
    "before", "after", "when", "while", "during", "because", "so", "until",
    "since", "and", "but", "which", "despite", "although", "though", "even",
    "again", "anyway", "as", "or", "for", "then",
}  # fmt: skip
_MAX_OBJECT_WORDS = 9


def participle(lex: Lexicon, verb: str) -> str:
    verb = verb.lower()
    return lex.participles.get(verb) or verbs.participle(verb)


def _object(line: str, start: int) -> tuple[str, str]:
    """(object, trailing clause) of the words after ``start``."""
    rest = re.split(r"[,.;:!?()\[\]|]", line[start : start + 300], maxsplit=1)[0]
    words = rest.split()
    taken: list[str] = []
    for word in words:
        if word.lower() in _OBJECT_STOP or len(taken) >= _MAX_OBJECT_WORDS:
            break
        taken.append(word)
    if taken and taken[0].lower() in _CLAUSE_WORDS:
        return "it", " " + " ".join(taken)
    if any(word.lower() in _FINITE_VERBS for word in taken[1:]):
        return "it", " that " + " ".join(taken)
    if taken and taken[0].lower() in {"his", "her", "their", "your", "my", "our"}:
        taken[0] = "the"
    return " ".join(taken), ""


def suggestion(lex: Lexicon, rule: Rule, line: str, match: re.Match[str]) -> str:
    if rule.take == "static":
        return rule.suggest
    if rule.take == "complement":
        verb = WORD.match(line, match.end())
        if not verb:
            return rule.fallback
        pp = participle(lex, verb.group(1))
        obj, tail = _object(line, verb.end())
    else:
        words = match.group().split()
        last = words[-1].lower()
        if rule.take == "tail_pp":
            if last in {
                "been",
                "paid",
                "looked",
                "thought",
                "waited",
                "listened",
                "careful",
            }:
                return rule.fallback
            pp = last
        else:
            if last in {"to", "about", "by"} and len(words) > 1:
                last = words[-2].lower()
            pp = participle(lex, last)
        obj, tail = _object(line, match.end())
    if not obj:
        return rule.fallback
    obj_words = obj.split()
    particles: list[str] = []
    while len(obj_words) > 1 and obj_words[-1].lower() in _PARTICLES:
        particles.insert(0, obj_words.pop())
    obj = " ".join(obj_words)
    if particles:
        pp = f"{pp} {' '.join(particles)}"
    head = obj_words[-1].lower()
    plural = (
        head.endswith("s") and not head.endswith(("ss", "us", "is")) and obj != "it"
    )
    text = rule.suggest.format(
        obj=obj, be="were" if plural else "was", pp=pp, tail=tail
    )
    return text[0].upper() + text[1:]
