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
_ARTICLES = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "our"}


def participle(lex: Lexicon, verb: str) -> str:
    verb = verb.lower()
    return lex.participles.get(verb) or verbs.participle(verb)


def _has_finite_verb(words: list[str]) -> bool:
    """A past-tense verb after the first word, not right after an article."""
    for before, word in zip(words, words[1:], strict=False):
        low = word.lower().strip(".,;:")
        if before.lower() in _ARTICLES or low.endswith("ing"):
            continue
        base = verbs.lemma(low)
        if base is not None and base != low and verbs.participle(base) != low:
            return True  # "forgot", "ran": a past tense that is not a participle
        if base is not None and base != low and low.endswith("ed"):
            return True
    return False


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
    if _has_finite_verb(taken):
        return "", ""  # "the developer forgot to check": a clause, not a thing
    if any(word.lower() in _FINITE_VERBS for word in taken[1:]):
        return "it", " that " + " ".join(taken)
    if taken and taken[0].lower() in {"his", "her", "their", "your", "my", "our"}:
        taken[0] = "the"
    return " ".join(taken), ""


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
# What can go without rebuilding the sentence: an adverb ("hastily"), a
# prepositional phrase ("in a haste") or an opening phrase ("In hindsight,").
_DROPPABLE = re.compile(
    r"(?:(?:much|far|a\s+lot|even)\s+)?(?:more\s+)?\w+ly|(?:in|with|looking)\b.*",
    re.IGNORECASE,
)


def _dropped(line: str, match: re.Match[str]) -> str | None:
    """The sentence holding ``match`` without it: "In hindsight, the limit was
    low." -> "The limit was low."; None when the words cannot simply go."""
    if not _DROPPABLE.fullmatch(match.group()):
        return None
    start, end = match.span()
    sentence_start = 0
    for found in _SENTENCE_END.finditer(line, 0, start):
        sentence_start = found.end()
    found = _SENTENCE_END.search(line, end)
    sentence_end = found.end() if found else len(line)
    before = line[sentence_start:start].strip()
    after = line[end:sentence_end].strip()
    if not before:
        after = after.lstrip(",;: ")
    elif before.endswith(",") and after.startswith(","):
        before, after = before[:-1], after[1:].lstrip()  # "was, in retrospect, rushed"
    text = re.sub(r"\s+([,.;:!?])", r"\1", f"{before} {after}".strip())
    if len(text.split()) < 3:
        return None
    return _capital(text)


def suggestion(lex: Lexicon, rule: Rule, line: str, match: re.Match[str]) -> str:
    """The rewrite for one finding; the rule's fallback when the sentence is
    too tangled to rebuild ("X should have noticed Y forgot to ...")."""
    if rule.take == "static":
        return _capital(rule.suggest)
    if rule.take == "drop":
        return _dropped(line, match) or _capital(rule.fallback)
    take = rule.take
    if take == "auto":
        take = "complement" if match.group().lower().endswith(" to") else "object"
    if take == "complement":
        verb = WORD.match(line, match.end())
        if not verb:
            return _capital(rule.fallback)
        pp = participle(lex, verb.group(1))
        obj, tail = _object(line, verb.end())
    else:
        words = match.group().split()
        last = words[-1].lower()
        if take == "tail_pp":
            if last in {
                "been",
                "paid",
                "looked",
                "thought",
                "waited",
                "listened",
                "careful",
            }:
                return _capital(rule.fallback)
            pp = last
        else:
            if last in {"to", "about", "by"} and len(words) > 1:
                last = words[-2].lower()
            pp = participle(lex, last)
        obj, tail = _object(line, match.end())
    if not obj:
        return _capital(rule.fallback)
    obj_words = obj.split()
    particles: list[str] = []
    while len(obj_words) > 1 and obj_words[-1].lower() in _PARTICLES:
        particles.insert(0, obj_words.pop())
    obj = " ".join(obj_words)
    if particles:
        pp = f"{pp} {' '.join(particles)}"
    # The head noun comes before a prepositional phrase: "the warnings in the
    # channel were", not "was".
    head_words = obj_words
    for index, word in enumerate(obj_words[1:], start=1):
        if word.lower() in lex.prepositions:
            head_words = obj_words[:index]
            break
    head = head_words[-1].lower()
    plural = (
        head.endswith("s") and not head.endswith(("ss", "us", "is")) and obj != "it"
    )
    template = rule.suggest_object if take == "object" else rule.suggest
    text = template.format(obj=obj, be="were" if plural else "was", pp=pp, tail=tail)
    return _capital(text)
