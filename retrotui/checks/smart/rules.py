"""The SMART rules as data: ``data/smart_rules.json`` read and compiled once.

Phrases are matched on word boundaries; verbs are listed in their base form
and matched in their -s, -ed and -ing forms too.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from retrotui.document.due_words import START_WORDS

_RULES_PATH = Path(__file__).parent.parent / "data" / "smart_rules.json"


def _inflect(verb: str) -> str:
    """A regex for a verb phrase in its -s, -ed and -ing forms."""
    first, _, rest = verb.partition(" ")
    word = re.escape(first)
    if first.endswith("e"):
        form = word[:-1] + "(?:e|es|ed|ing)"
    elif first.endswith("y") and len(first) > 2 and first[-2] not in "aeiou":
        form = word[:-1] + "(?:y|ies|ied|ying)"
    else:
        last = re.escape(first[-1])
        form = word + f"(?:s|es|ed|ing|{last}ed|{last}ing)?"
    return form + (
        "" if not rest else r"[\s-]+" + r"\s+".join(map(re.escape, rest.split()))
    )


def _alternation(
    phrases: list[str], *, plural: bool = False, regex: bool = False
) -> str:
    ordered = sorted(phrases, key=len, reverse=True)
    parts = ordered if regex else [re.escape(p).replace(r"\ ", r"\s+") for p in ordered]
    suffix = "(?:s|es)?" if plural else ""
    return r"(?<![\w@])(?:" + "|".join(parts) + ")" + suffix + r"(?![\w])"


def _verbs(verbs: list[str]) -> str:
    return _alternation([_inflect(v) for v in verbs], regex=True)


@dataclass(frozen=True)
class Rules:
    vague_verb_lead: re.Pattern[str]
    deliberation_lead: re.Pattern[str]
    comparative_lead: re.Pattern[str]
    concrete_lead: re.Pattern[str]
    state_lead: re.Pattern[str]
    person_lead: re.Pattern[str]
    concrete_clause: re.Pattern[str]
    artifact_verb: re.Pattern[str]
    hedge: re.Pattern[str]
    behaviour: re.Pattern[str]
    person_phrase: re.Pattern[str]
    vague_phrase: re.Pattern[str]
    vague_object: re.Pattern[str]
    vague_quantity: re.Pattern[str]
    artifact: re.Pattern[str]
    absolute: re.Pattern[str]
    huge_scope: re.Pattern[str]
    vague_due: re.Pattern[str]
    owner_link: re.Pattern[str]
    non_owners: frozenset[str]
    subject_stopwords: frozenset[str]
    rotation: re.Pattern[str]
    team_word: re.Pattern[str]
    system_noun: re.Pattern[str]
    known_verb: re.Pattern[str]
    stopwords: frozenset[str]
    date_words: frozenset[str]  # "fri", "march", "asap": never an owner
    synonyms: dict[str, str]
    concept_stems: dict[str, frozenset[str]]  # word stem -> the concepts it names
    concept_phrases: tuple[tuple[re.Pattern[str], str], ...]
    subject_concepts: frozenset[str]  # "database": what a text is about
    definite_lead: re.Pattern[str]  # "pin", "disable": the object is all it needs
    generic_nouns: frozenset[str]
    outcome: re.Pattern[str]
    change_lead: re.Pattern[str]
    contact_lead: re.Pattern[str]
    condition: re.Pattern[str]
    alert_artifact: re.Pattern[str]
    huge_scope_min_days: int
    max_days_ahead: int


def stem(word: str) -> str:
    """A crude stem for matching meaning: "alerting" and "alerts" -> "alert"."""
    word = word.lower()
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word[:5]


@lru_cache(maxsize=1)
def rules() -> Rules:
    data = json.loads(_RULES_PATH.read_text(encoding="utf-8"))
    flags = re.IGNORECASE

    def lead(verbs: list[str]) -> re.Pattern[str]:
        return re.compile(r"^" + _verbs(verbs), flags)

    def words(key: str, **options: bool) -> re.Pattern[str]:
        return re.compile(_alternation(data[key], **options), flags)

    links = sorted(data["owner_links"], key=len, reverse=True)
    groups = {name: list(words) for name, words in data["concepts"].items()}
    for group in data["synonyms"]:
        groups.setdefault(group[0], []).extend(group)
    stems: dict[str, set[str]] = {}
    phrases = []
    for concept, members in groups.items():
        for member in members:
            if " " in member or member.startswith("="):
                word = re.escape(member.lstrip("="))
                phrases.append((re.compile(rf"\b{word}\b"), concept))
            else:
                stems.setdefault(stem(member), set()).add(concept)
    concept_stems = {key: frozenset(value) for key, value in stems.items()}
    synonyms = {word: group[0] for group in data["synonyms"] for word in group}
    return Rules(
        vague_verb_lead=lead(data["vague_verbs"]),
        deliberation_lead=lead(data["deliberations"]),
        comparative_lead=lead(data["comparative_verbs"]),
        concrete_lead=lead(data["concrete_verbs"]),
        state_lead=lead(data["state_verbs"]),
        person_lead=lead(data["person_verbs"]),
        # A second change joined to the first: "... and add", "by adding".
        concrete_clause=re.compile(
            r"(?:\b(?:and|then|by|to|plus|also|with|so)|[,;:\-])\s+(?:\w+ly\s+)?"
            + _verbs(data["concrete_verbs"]),
            flags,
        ),
        artifact_verb=re.compile(_verbs(data["artifact_verbs"]), flags),
        hedge=words("hedges"),
        behaviour=words("behaviour"),
        person_phrase=re.compile(
            _alternation(data["person_phrases"], regex=True), flags
        ),
        vague_phrase=words("vague_phrases"),
        vague_object=words("vague_objects"),
        vague_quantity=words("vague_quantities"),
        artifact=words("artifacts", plural=True),
        absolute=re.compile("|".join(f"(?:{p})" for p in data["absolute"]), flags),
        huge_scope=re.compile("|".join(f"(?:{p})" for p in data["huge_scope"]), flags),
        vague_due=words("vague_due"),
        owner_link=re.compile(
            r"^(?P<subject>[^,;:()]{1,60}?)\s+(?P<link>"
            + "|".join(re.escape(link).replace(r"\ ", r"\s+") for link in links)
            + r")\s+(?P<rest>\S.*)$",
            flags | re.DOTALL,
        ),
        non_owners=frozenset(data["non_owners"]),
        subject_stopwords=frozenset(data["owner_subject_stopwords"]),
        rotation=words("rotations"),
        team_word=words("team_words", plural=True),
        system_noun=words("system_nouns", plural=True),
        known_verb=lead(
            data["vague_verbs"]
            + data["deliberations"]
            + data["concrete_verbs"]
            + data["person_verbs"]
        ),
        stopwords=frozenset(data["stopwords"]),
        date_words=START_WORDS
        | frozenset(data["vague_due"])
        | frozenset(data["status_words"]),
        synonyms=synonyms,
        concept_stems=concept_stems,
        concept_phrases=tuple(phrases),
        subject_concepts=frozenset(data["subject_concepts"]),
        definite_lead=lead(data["definite_verbs"]),
        generic_nouns=frozenset(data["generic_nouns"]),
        outcome=words("outcome_nouns"),
        change_lead=lead(data["change_verbs"]),
        contact_lead=lead(data["contact_verbs"]),
        condition=re.compile(
            _alternation(data["condition_words"]) + r"|[<>≤≥]|->|→", flags
        ),
        alert_artifact=words("alert_artifacts"),
        huge_scope_min_days=data["huge_scope_min_days"],
        max_days_ahead=data["max_days_ahead"],
    )
