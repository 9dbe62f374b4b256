"""The blameless rules as data: ``data/blameless_rules.json`` read once.

Each rule: an id, a category, a message, a regular expression, keywords (a
line is only examined by the rules whose keywords it contains), how the
subject or a named group is judged (``require`` / ``require_who``) and a
suggestion template; the lexicon says which words are people, systems, tools.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from retrotui.lazy_re import LazyPattern

# Not importlib.resources: importing it costs retro lint ~8 ms of its start.
_RULES = Path(__file__).parent.parent / "data" / "blameless_rules.json"


@dataclass(frozen=True)
class Finding:
    """One piece of blaming language; columns are 1-based, ``end_col`` exclusive."""

    line: int
    col: int
    end_col: int
    rule: str
    category: str
    message: str
    suggestion: str
    text: str


@dataclass(frozen=True)
class Rule:
    id: str
    category: str
    message: str
    pattern: LazyPattern  # compiled when a line has one of its keywords
    keywords: tuple[str, ...]
    require: str | None
    require_who: str | None
    passive_agent: bool
    passive_subjects: frozenset[str]
    passive_default: bool
    human_complement: bool
    any_after_have: bool  # "I would have spot it": hindsight whatever follows "have"
    take: str
    suggest: str
    suggest_object: str  # the rewrite when the verb's object is rebuilt ("auto")
    fallback: str
    examples: dict[str, list[str]]
    names: tuple[str, ...]  # participants the examples are written with


class Lexicon:
    def __init__(self, data: dict[str, Any]) -> None:
        self.self_pronouns = frozenset(data["self_pronouns"])
        self.person_pronouns = frozenset(data["person_pronouns"])
        self.they = frozenset(data["they_pronouns"])
        self.system_pronouns = frozenset(data["system_pronouns"])
        self.human_nouns = frozenset(data["human_nouns"])
        self.system_nouns = frozenset(data["system_nouns"])
        self.tech_words = frozenset(data["tech_words"])
        self.first_names = frozenset(data["first_names"])
        self.skip_words = frozenset(data["skip_words"])
        self.not_adverbs = frozenset(data["not_adverbs"])
        self.prepositions = frozenset(data["prepositions"])
        self.boundaries = frozenset(data["boundaries"])
        self.human_verbs = frozenset(data["human_verbs"])
        self.participles: dict[str, str] = data["participles"]


def _keywords(words: list[str]) -> tuple[str, ...]:
    """The rule's keywords, plus apostrophe-less forms of contractions ("nt ")."""
    found = [word.lower() for word in words]
    if any("n't" in word or "n’t" in word for word in found):
        found.append("nt ")
    return tuple(found)


def _loose(pattern: str) -> str:
    """Let contractions match without their apostrophe: "didnt", "shouldve",
    and "have" after a modal match its contraction: "would've caught".

    People type fast; the rules are written with the apostrophe.
    """
    behind = re.findall(r"\(\?<[!=][^)]*\)", pattern)
    for index, part in enumerate(behind):  # look-behinds must keep a fixed width
        pattern = pattern.replace(part, f"\0{index}\0", 1)
    for written, loose in (
        ("n't", "n'?t"),
        ("n’t", "n’?t"),
        ("n[o']t", "n[o']?t"),
        ("'ve", "'?ve"),
    ):
        pattern = pattern.replace(written, loose)
    pattern = pattern.replace("??", "?")
    # "would've", "wouldve" wherever a rule says "would have" (the look-behinds
    # are out of the way, and an alternation's "|have" is left alone).
    pattern = pattern.replace(r"\s+have", r"(?:\s+have|\s*'?ve)")
    for index, part in enumerate(behind):
        pattern = pattern.replace(f"\0{index}\0", part)
    return pattern


@lru_cache(maxsize=1)
def load() -> tuple[tuple[Rule, ...], Lexicon]:
    raw = json.loads(_RULES.read_text(encoding="utf-8"))
    rules = tuple(
        Rule(
            id=r["id"],
            category=r["category"],
            message=r["message"],
            pattern=LazyPattern(_loose(r["pattern"]), re.IGNORECASE),
            keywords=_keywords(r["keywords"]),
            require=r.get("require"),
            require_who=r.get("require_who"),
            passive_agent=r.get("passive_agent", False),
            passive_subjects=frozenset(r.get("passive_subjects", ())),
            passive_default=r.get("passive_default") == "flag",
            human_complement=r.get("human_complement", False),
            any_after_have=r.get("any_after_have", False),
            take=r.get("take", "static"),
            suggest=r["suggest"],
            suggest_object=r.get("suggest_object", r["suggest"]),
            fallback=r.get("fallback", r["suggest"]),
            examples=r.get("examples", {}),
            names=tuple(r.get("names", ())),
        )
        for r in raw["rules"]
    )
    return rules, Lexicon(raw["lexicon"])


def rules() -> tuple[Rule, ...]:
    """The loaded rules, in data-file order (the tests run their examples)."""
    return load()[0]
