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

from retrotui.checks import verbs
from retrotui.checks.smart.verb_lead import VerbLead
from retrotui.document.due_words import START_WORDS
from retrotui.lazy_re import LazyPattern, lazy

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


def _verb_start(verb: str) -> str:
    """The letters every form of ``verb`` starts with (as ``_inflect`` forms it)."""
    first = verb.partition(" ")[0].lower()
    if first.endswith("e") or (
        first.endswith("y") and len(first) > 2 and first[-2] not in "aeiou"
    ):
        return first[:-1]
    return first


def _lead(verbs: list[str]) -> VerbLead:
    """The verbs at the start of a text, tried in the order ``_verbs`` tries them."""
    forms = sorted(
        ((_inflect(v), v) for v in verbs), key=lambda f: len(f[0]), reverse=True
    )
    return VerbLead(
        [(_verb_start(verb)[:2], form) for form, verb in forms], re.IGNORECASE
    )


@dataclass(frozen=True)
class Rules:
    vague_verb_lead: VerbLead
    deliberation_lead: VerbLead
    comparative_lead: VerbLead
    concrete_lead: VerbLead
    state_lead: VerbLead
    person_lead: VerbLead
    artifact_verb: LazyPattern
    hedge: LazyPattern
    behaviour: LazyPattern
    person_phrase: LazyPattern
    vague_phrase: LazyPattern
    vague_object: LazyPattern
    vague_quantity: LazyPattern
    artifact: LazyPattern
    absolute: LazyPattern
    huge_scope: LazyPattern
    vague_due: LazyPattern
    owner_link: LazyPattern
    non_owners: frozenset[str]
    subject_stopwords: frozenset[str]
    rotation: LazyPattern
    team_word: LazyPattern
    system_noun: LazyPattern
    known_verb: VerbLead
    stopwords: frozenset[str]
    date_words: frozenset[str]  # "fri", "march", "asap": never an owner
    synonyms: dict[str, str]
    concept_stems: dict[str, frozenset[str]]  # word stem -> the concepts it names
    concept_phrases: tuple[tuple[LazyPattern, str], ...]
    subject_concepts: frozenset[str]  # "database": what a text is about
    process_concepts: frozenset[str]  # "communication": people and process
    concrete_words: tuple[str, ...]  # one-word change verbs, to read typos
    definite_lead: VerbLead  # "pin", "disable": the object is all it needs
    generic_nouns: frozenset[str]
    outcome: LazyPattern
    change_lead: VerbLead
    contact_lead: VerbLead
    condition: LazyPattern
    alert_artifact: LazyPattern
    huge_scope_min_days: int
    max_days_ahead: int


def stem(word: str) -> str:
    """A crude stem for matching meaning: "alerting" and "alerts" -> "alert".

    A verb's -ed or -ing form is taken back to the verb first, and so is its
    negation: "tagged", "untagged" and "tag" meet; "untested" meets "test".
    """
    word = word.lower()
    if word.endswith(("ed", "ing")):
        base = verbs.lemma(word)
        if base is None and word.startswith("un"):
            base = verbs.lemma(word[2:])
        word = base or word
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word[:5]


@lru_cache(maxsize=1)
def rules() -> Rules:
    data = json.loads(_RULES_PATH.read_text(encoding="utf-8"))
    flags = re.IGNORECASE

    def words(key: str, **options: bool) -> LazyPattern:
        return lazy(_alternation(data[key], **options), flags)

    links = sorted(data["owner_links"], key=len, reverse=True)
    groups = {name: list(words) for name, words in data["concepts"].items()}
    for group in data["synonyms"]:
        groups.setdefault(group[0], []).extend(group)
    stems: dict[str, set[str]] = {}
    phrases = []
    for concept, members in groups.items():
        for member in members:
            if " " in member or "-" in member or member.startswith("="):
                # "status page" is also written "status-page", "on-call" "on call",
                # and "pull requests" is one: matched as a phrase (a text is read
                # hyphen by hyphen, so "on-call" could never meet a stem).
                parts = re.split(r"[\s-]+", member.lstrip("="))
                word = r"[\s-]+".join(map(re.escape, parts))
                phrases.append((lazy(rf"\b{word}(?:s|es)?\b"), concept))
            else:
                stems.setdefault(stem(member), set()).add(concept)
    concept_stems = {key: frozenset(value) for key, value in stems.items()}
    synonyms = {word: group[0] for group in data["synonyms"] for word in group}
    return Rules(
        vague_verb_lead=_lead(data["vague_verbs"]),
        deliberation_lead=_lead(data["deliberations"]),
        comparative_lead=_lead(data["comparative_verbs"]),
        concrete_lead=_lead(data["concrete_verbs"]),
        state_lead=_lead(data["state_verbs"]),
        person_lead=_lead(data["person_verbs"]),
        artifact_verb=lazy(_verbs(data["artifact_verbs"]), flags),
        hedge=words("hedges"),
        behaviour=words("behaviour"),
        person_phrase=lazy(_alternation(data["person_phrases"], regex=True), flags),
        vague_phrase=words("vague_phrases"),
        vague_object=words("vague_objects"),
        vague_quantity=words("vague_quantities"),
        artifact=words("artifacts", plural=True),
        absolute=lazy("|".join(f"(?:{p})" for p in data["absolute"]), flags),
        huge_scope=lazy("|".join(f"(?:{p})" for p in data["huge_scope"]), flags),
        vague_due=words("vague_due"),
        owner_link=lazy(
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
        known_verb=_lead(
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
        process_concepts=frozenset(data["process_concepts"]),
        concrete_words=tuple(v for v in data["concrete_verbs"] if " " not in v),
        definite_lead=_lead(data["definite_verbs"]),
        generic_nouns=frozenset(data["generic_nouns"]),
        outcome=words("outcome_nouns"),
        change_lead=_lead(data["change_verbs"]),
        contact_lead=_lead(data["contact_verbs"]),
        condition=lazy(_alternation(data["condition_words"]) + r"|[<>≤≥]|->|→", flags),
        alert_artifact=words("alert_artifacts"),
        huge_scope_min_days=data["huge_scope_min_days"],
        max_days_ahead=data["max_days_ahead"],
    )
