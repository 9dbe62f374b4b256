"""The SMART check for action items: explainable verdicts from rules kept as data.

It runs on every keystroke in the TUI, so it is a pure function over short
text: the rules in ``data/smart_rules.json`` are read and compiled once, and
only the standard library is imported.

The text is read in three passes. The owner ("Team Alpha will ...",
"@maria to ...") and the due date ("... by end of Q1") are taken out of the
sentence when they were not given separately; what is left is judged on its
wording: the lead verb, vague or hedging phrases, figures, and checkable
artifacts (an alert, a CI check, a runbook section).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from retrotui.document.duedate import DUE_HELP, parse_due

CRITERIA: tuple[str, ...] = (
    "specific",
    "measurable",
    "achievable",
    "relevant",
    "time_bound",
    "owner",
)
LABELS: dict[str, str] = {
    "specific": "Specific",
    "measurable": "Measurable",
    "achievable": "Achievable",
    "relevant": "Relevant",
    "time_bound": "Time-bound",
    "owner": "Owner",
}
# Overall ok needs these to be positively true; the others only must not fail.
REQUIRED: tuple[str, ...] = ("specific", "measurable", "time_bound", "owner")

_RULES_PATH = Path(__file__).parent / "data" / "smart_rules.json"


@dataclass(frozen=True)
class Criterion:
    ok: bool | None
    message: str
    hint: str = ""


@dataclass(frozen=True)
class SmartResult:
    ok: bool
    owner: str | None
    due: date | None
    criteria: dict[str, Criterion]

    def problems(self) -> list[tuple[str, Criterion]]:
        """The failing criteria, in CRITERIA order."""
        return [(name, c) for name, c in self.criteria.items() if c.ok is False]

    def to_json(self) -> dict[str, Any]:
        """The ``retro smart --json`` object."""
        return {
            "ok": self.ok,
            "owner": self.owner,
            "due": self.due.isoformat() if self.due else None,
            "criteria": {
                name: {"ok": c.ok, "message": c.message, "hint": c.hint}
                for name, c in self.criteria.items()
            },
        }


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
class _Rules:
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
    synonyms: dict[str, str]
    huge_scope_min_days: int
    max_days_ahead: int


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = json.loads(_RULES_PATH.read_text(encoding="utf-8"))
    flags = re.IGNORECASE

    def lead(verbs: list[str]) -> re.Pattern[str]:
        return re.compile(r"^" + _verbs(verbs), flags)

    def words(key: str, **options: bool) -> re.Pattern[str]:
        return re.compile(_alternation(data[key], **options), flags)

    links = sorted(data["owner_links"], key=len, reverse=True)
    synonyms = {word: group[0] for group in data["synonyms"] for word in group}
    return _Rules(
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
        synonyms=synonyms,
        huge_scope_min_days=data["huge_scope_min_days"],
        max_days_ahead=data["max_days_ahead"],
    )


_NUMBER = re.compile(
    r"(?<![\w/.@-])(?:[<>]=?\s*)?(?:v?\d+(?:[.,:]\d+)*(?:\s*%|[a-z]{0,3}\b)"
    r"|p\d{2,3}(?:\.\d+)?\b)"
    r"|\b(?:zero|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|"
    r"thirty|forty|fifty|sixty|ninety|hundred|thousand|twice|double|half|once)\b",
    re.IGNORECASE,
)
_WILDCARD_CODE = re.compile(r"^\dxx$", re.IGNORECASE)
_TOKEN = re.compile(r"\S+")
_WORD = re.compile(r"[a-z0-9][a-z0-9]*")
_HANDLE = re.compile(r"(?<![\w.])@[A-Za-z0-9][\w.-]*[\w]")
_OWNER_TAG = re.compile(
    r"[(\[]?\b(?:owner|owned by|assigned to|assignee|responsible)\s*[:=-]?\s+"
    r"(?P<owner>@?[\w][\w .&/-]{0,40}?)\s*(?:[)\]]|[,;.]|$)",
    re.IGNORECASE,
)
_LEAD_NOISE = re.compile(
    r"^(?:(?:to|please|then|also|we need to|need to|let's|lets|and)\s+|\w+ly\s+)+",
    re.IGNORECASE,
)
_SPLIT_OWNERS = re.compile(r"\s*(?:,|;|/|&|\+|\band\b|\bor\b)\s*", re.IGNORECASE)
_DATE_STARTS = frozenset(
    [
        "by",
        "before",
        "due",
        "until",
        "till",
        "on",
        "within",
        "in",
        "no",
        "end",
        "eow",
        "eom",
        "eoq",
        "eoy",
        "eod",
        "e.o.w",
        "e.o.m",
        "e.o.q",
        "e.o.y",
        "q1",
        "q2",
        "q3",
        "q4",
        "tomorrow",
        "today",
        "tonight",
        "next",
        "this",
        "deadline",
    ]
)
# Words that may follow a due date inside a sentence; any other lower-case word
# means the "date" was part of a longer phrase ("on Friday afternoons").
_AFTER_DATE = frozenset(
    [
        "and",
        "or",
        "so",
        "then",
        "with",
        "to",
        "at",
        "in",
        "for",
        "as",
        "the",
        "we",
        "i",
        "latest",
        "via",
        "using",
        "because",
        "once",
        "after",
        "when",
        "if",
        "unless",
        "please",
        "owner",
        "owned",
        "assigned",
        "-",
        "–",
        "—",
        "by",
        "morning",
        "noon",
        "afternoon",
        "evening",
        "night",
        "eod",
        "cob",
    ]
)
_MARKUP = re.compile(r"[*_`]+")
_MAX_DUE_WORDS = 7


def _clean(text: str) -> str:
    return " ".join(_MARKUP.sub("", text).split())


def _ends_phrase(text: str, end: int, following: re.Match[str] | None) -> bool:
    """Whether a date phrase can end here: "on Friday" but not "on Friday nights"."""
    if following is None or text[end - 1] in ".,;:)!":
        return True
    word = following.group()
    return not word[:1].islower() or word.strip(".,;:()") in _AFTER_DATE


def _find_due(text: str, as_of: date) -> tuple[int, int, date] | None:
    """The last date phrase in ``text``, taken as wide as it parses: (start, end, date).

    "by end of Q1" is one phrase, not "Q1" with leftovers.
    """
    tokens = list(_TOKEN.finditer(text))
    for index in range(len(tokens) - 1, -1, -1):
        first = tokens[index].group().lower().strip(".,;:()")
        if first not in _DATE_STARTS and not first[:1].isdigit():
            continue
        for last in range(min(len(tokens), index + _MAX_DUE_WORDS), index, -1):
            end = tokens[last - 1].end()
            if not _ends_phrase(
                text, end, tokens[last] if last < len(tokens) else None
            ):
                continue
            found = parse_due(text[tokens[index].start() : end], as_of)
            if found is None:
                continue
            start = tokens[index].start()
            for earlier in range(index - 1, max(-1, index - _MAX_DUE_WORDS), -1):
                wider = parse_due(text[tokens[earlier].start() : end], as_of)
                if wider is not None:
                    start, found = tokens[earlier].start(), wider
            return start, end, found
    return None


def find_due(text: str, as_of: date) -> tuple[str, date] | None:
    """The due-date phrase in an action item's text and the date it names."""
    cleaned = _clean(text)
    found = _find_due(cleaned, as_of)
    if found is None:
        return None
    start, end, due = found
    return cleaned[start:end].strip(" .,;:()"), due


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _is_system(subject: str, rules: _Rules) -> bool:
    return (
        bool(rules.system_noun.search(subject))
        and not rules.team_word.search(subject)
        and not subject.startswith("@")
    )


def _looks_like_owner(subject: str, link: str, rules: _Rules) -> bool:
    """Whether a sentence's subject names an owner (or a non-owner to reject).

    "Team Alpha will", "@maria to", "We will" and "The backup job will" are
    subjects; "Add a step to" and "Try to" are not.
    """
    names = subject.split()
    lowered = subject.lower()
    if len(names) > 5 or rules.known_verb.match(lowered):
        return False
    if any(name in rules.subject_stopwords for name in names[1:]):
        return False
    bare = re.sub(r"^the\s+", "", lowered)
    if (
        subject.startswith("@")
        or lowered in rules.non_owners
        or bare in rules.non_owners
    ):
        return True
    # "to" joins too many things ("Automatic process to detect"): only people
    # and teams take it.
    if _is_system(subject, rules):
        return link.lower() != "to"
    if rules.team_word.search(subject) or rules.rotation.search(subject):
        return True
    return len(names) <= 4 and all(name[:1].isupper() for name in names)


@dataclass
class _Parsed:
    owner: str | None
    owner_count: int
    system_subject: str | None
    due_phrase: str | None
    due: date | None
    body: str
    lead: str


def _parse(text: str, owner: str | None, due: str | None, as_of: date) -> _Parsed:
    rules = _rules()
    body = _clean(text)
    due_phrase, due_date = None, None
    if due is None:
        found = _find_due(body, as_of)
        if found is not None:
            start, end, due_date = found
            due_phrase = body[start:end].strip(" .,;:()")
            body = _blank(body, start, end)
    owner_count = 1
    system_subject = None
    found_owner = None
    tag = _OWNER_TAG.search(body)
    if tag is not None:
        found_owner = tag["owner"].strip()
        body = _blank(body, tag.start(), tag.end())
    lead_text = body.strip()
    link = rules.owner_link.match(lead_text)
    if link is not None and not re.match(r"(?:\w+ly\s+)?be\b", link["rest"], re.I):
        subject = link["subject"].strip()
        if _looks_like_owner(subject, link["link"], rules):
            lead_text = link["rest"]
            if _is_system(subject, rules):
                system_subject = subject
            elif found_owner is None:
                found_owner = subject
                body = body.replace(link["subject"], " ", 1)
    handles = list(dict.fromkeys(_HANDLE.findall(body)))
    if found_owner is None and handles:
        found_owner = handles[0]
        owner_count = len(handles)
    lead_text = _LEAD_NOISE.sub("", lead_text.strip()).lower()
    return _Parsed(
        owner=owner if owner is not None else found_owner,
        owner_count=1 if owner is not None else owner_count,
        system_subject=system_subject,
        due_phrase=due if due is not None else due_phrase,
        due=parse_due(due, as_of) if due is not None else due_date,
        body=" ".join(body.split()),
        lead=lead_text,
    )


_UNKNOWN_VERB = re.compile(
    r"^[a-z]{3,}(?:-[a-z]+)?(?=\s+(?:the|a|an|our|all|every|each|their|its|this|"
    r"these|those|any|both)\s)"
)
_VERSION = re.compile(r"^v\d", re.IGNORECASE)


@dataclass
class _Features:
    hedge: str | None
    deliberation: str | None
    behaviour: str | None
    person: str | None
    vague_phrase: str | None
    vague_object: str | None
    vague_quantity: str | None
    vague_lead: str | None
    concrete_lead: str | None
    comparative: str | None  # "reduce", "increase" without a figure: by how much?
    state_lead: bool
    artifact_verb: bool
    figure: str | None  # a number that is not a version ("85%", "3", "p99")
    version: str | None
    artifact: str | None
    artifact_beside_vague: bool
    concrete_clause: bool
    absolute: str | None
    huge_scope: str | None


def _imperative(clause: str) -> bool:
    """Whether a joined verb is an instruction, not a status or a plural noun.

    "... and add" and "by adding" are; "has been created" and "metrics and
    alerts" are not.
    """
    verb = clause.rsplit(None, 1)[-1].lower()
    return not verb.endswith("ed") and (not verb.endswith("s") or verb.endswith("ss"))


def _text(match: re.Match[str] | None) -> str | None:
    return match.group().strip() if match is not None else None


def _features(parsed: _Parsed) -> _Features:
    rules = _rules()
    body, lead = parsed.body, parsed.lead
    figures, versions = [], []
    for match in _NUMBER.finditer(body):
        token = match.group().strip()
        if _WILDCARD_CODE.match(token):
            continue
        (versions if _VERSION.match(token) else figures).append(token)
    artifacts = list(rules.artifact.finditer(body))
    vague_object = rules.vague_object.search(body)
    vague_lead = rules.vague_verb_lead.match(lead)
    deliberation = rules.deliberation_lead.match(lead)
    concrete_lead = (
        None if vague_lead or deliberation else rules.concrete_lead.match(lead)
    )
    person_lead = rules.person_lead.match(lead)
    if concrete_lead is None and not (vague_lead or deliberation or person_lead):
        # An unlisted word before an article is an imperative verb all the same:
        # "Deprecate the v1 API", "Conduct a game day".
        concrete_lead = _UNKNOWN_VERB.match(lead)
    # Past tense is a status report ("an issue has been created"), not a change.
    clauses = [
        m for m in rules.concrete_clause.finditer(body) if _imperative(m.group())
    ]
    return _Features(
        hedge=_text(rules.hedge.search(body)),
        deliberation=_text(deliberation),
        behaviour=_text(rules.behaviour.search(body)),
        person=_text(person_lead) or _text(rules.person_phrase.search(body)),
        vague_phrase=_text(rules.vague_phrase.search(body)),
        vague_object=_text(vague_object),
        vague_quantity=_text(rules.vague_quantity.search(body)),
        vague_lead=_text(vague_lead),
        concrete_lead=_text(concrete_lead),
        comparative=None
        if figures or vague_lead or deliberation
        else _text(rules.comparative_lead.match(lead)),
        state_lead=concrete_lead is not None and bool(rules.state_lead.match(lead)),
        artifact_verb=concrete_lead is not None
        and bool(rules.artifact_verb.match(lead)),
        figure=figures[0] if figures else None,
        version=versions[0] if versions else None,
        artifact=artifacts[0].group() if artifacts else None,
        artifact_beside_vague=any(
            vague_object is None
            or a.end() <= vague_object.start()
            or a.start() >= vague_object.end()
            for a in artifacts
        ),
        concrete_clause=bool(clauses),
        absolute=_text(rules.absolute.search(body)),
        huge_scope=_text(rules.huge_scope.search(body)),
    )


_EXAMPLE = "e.g. 'Add an alert when disk usage on db-* exceeds 85% for 10 minutes'"


def _specific(f: _Features, lead: str) -> Criterion:
    for phrase, why in (
        (f.behaviour, "asks people to behave differently"),
        (f.hedge, "is a maybe, not a commitment"),
        (f.deliberation, "is a conversation, not a change"),
    ):
        if phrase is not None:
            return Criterion(
                False,
                f"'{phrase}' {why}",
                "Commit to one change to a system or process, " + _EXAMPLE,
            )
    if f.person is not None:
        return Criterion(
            False,
            f"'{f.person}' changes a person, not a system",
            "Change what made the slip easy: a guard, a check, a safer default",
        )
    if f.vague_phrase is not None:
        return Criterion(
            False,
            f"'{f.vague_phrase}' does not say what the change is",
            "Replace it with the exact change and its value, " + _EXAMPLE,
        )
    spelled_out = f.figure is not None or (f.concrete_clause and f.artifact is not None)
    if f.vague_lead is not None:
        if spelled_out:
            return Criterion(True, "The concrete change is spelled out", "")
        return Criterion(
            False,
            f"'{f.vague_lead}' alone does not say what will change",
            f"Say what '{f.vague_lead.lower()}' will produce (an alert, a setting, a "
            "written report), " + _EXAMPLE,
        )
    if f.comparative is not None:
        return Criterion(
            False,
            f"'{f.comparative}' by how much? No target is given",
            "Give the target: 'from 3600 to 300 seconds', 'below 5 pages a week'",
        )
    if f.concrete_lead is None:
        if spelled_out:
            return Criterion(True, "Names a concrete change", "")
        first = lead.split(" ", 1)[0] if lead else ""
        return Criterion(
            False,
            f"No action verb: '{first}' does not say what will be done"
            if first
            else "No action given",
            "Start with what will change: 'Add ...', 'Set ...', 'Remove ...', "
            "'Pin ...'",
        )
    if f.vague_object is not None and not (
        f.figure is not None or f.artifact_beside_vague
    ):
        return Criterion(
            False,
            f"'{f.vague_object}' is a goal, not a change",
            "Name the piece that will exist afterwards: which alert, which check, "
            "which dashboard panel",
        )
    return Criterion(True, f"Concrete change: '{f.concrete_lead}'", "")


def _measurable(f: _Features) -> Criterion:
    if f.figure is not None:
        return Criterion(True, f"Has a figure: {f.figure}", "")
    if f.version is not None and f.state_lead:
        return Criterion(True, f"Checkable: version {f.version}", "")
    if f.comparative is not None:
        return Criterion(
            False,
            f"'{f.comparative}' without a target cannot be checked",
            "Give the target value: 'to 300 seconds', 'below 1%'",
        )
    if f.vague_quantity is not None:
        return Criterion(
            False,
            f"'{f.vague_quantity}' is not a number",
            "Put the number in: 'above 85%', 'more than 3 restarts in 10 minutes'",
        )
    changes = f.concrete_lead is not None or f.concrete_clause
    if f.artifact is not None and changes and f.artifact_beside_vague:
        return Criterion(True, f"Checkable: the {f.artifact} exists or it does not", "")
    if f.artifact_verb:
        return Criterion(True, "Checkable: the written document exists or not", "")
    if f.state_lead and (f.vague_object is None or f.artifact_beside_vague):
        return Criterion(True, "Checkable: the new state can be verified", "")
    return Criterion(
        False,
        "Nothing to check when it is done",
        "Add a number or threshold, or name the artifact: an alert, a CI check, "
        "a runbook section, a dashboard panel, a config setting",
    )


def _achievable(f: _Features, due: date | None, as_of: date) -> Criterion:
    rules = _rules()
    if f.absolute is not None:
        return Criterion(
            False,
            f"'{f.absolute}' is a promise no change can keep",
            "Aim at a measurable reduction: 'page within 5 minutes', "
            "'error rate below 0.1%'",
        )
    if due is not None and due < as_of:
        return Criterion(
            False,
            f"The due date {due.isoformat()} is already past",
            "Pick a date after today",
        )
    if due is not None and (due - as_of).days > rules.max_days_ahead:
        return Criterion(
            False,
            f"{due.isoformat()} is more than a year out; it will be forgotten",
            "Cut it into a first step that lands within a quarter",
        )
    if f.huge_scope is not None:
        scope = f.huge_scope
        if due is None:
            return Criterion(
                None,
                f"'{scope}' is large; give it a realistic date",
                "Cut it into a first step that fits a few weeks",
            )
        if (due - as_of).days < rules.huge_scope_min_days:
            return Criterion(
                False,
                f"'{scope}' by {due.isoformat()} is too much for the time",
                "Cut it into a first step that fits the date, or move the date",
            )
    if due is None:
        return Criterion(None, "Cannot judge the timing without a due date", "")
    return Criterion(True, "No absolute promise; scope fits the date", "")


def _keywords(text: str) -> set[str]:
    rules = _rules()
    keys = set()
    for word in _WORD.findall(text.lower().replace("-", " ")):
        if word in rules.synonyms:
            keys.add(rules.synonyms[word])
            continue
        if len(word) < 3 or word in rules.stopwords or word.isdigit():
            continue
        stem = word[:-1] if len(word) > 4 and word.endswith("s") else word
        stem = stem[:5]
        keys.add(rules.synonyms.get(stem, stem))
    return keys


def _relevant(f: _Features, body: str, factor: str | None) -> Criterion:
    aimed = f.person or f.behaviour
    if aimed:
        return Criterion(
            False,
            f"Aimed at a person ('{aimed}'), not at a system",
            "Change the system that let it happen: a guard, a default, an alert",
        )
    if factor is None or not factor.strip():
        return Criterion(None, "No contributing factor linked", "")
    shared = _keywords(body) & _keywords(factor)
    if shared:
        return Criterion(True, "Addresses the linked contributing factor", "")
    return Criterion(
        False,
        "Shares nothing with the linked contributing factor",
        "Link the factor this change addresses, or say how it addresses this one",
    )


def _time_bound(parsed: _Parsed, given: str | None, as_of: date) -> Criterion:
    if parsed.due is None:
        rules = _rules()
        vague = (given.strip() if given is not None else None) or (
            m.group() if (m := rules.vague_due.search(parsed.body)) else None
        )
        if vague:
            return Criterion(False, f"'{vague}' is not a date", DUE_HELP)
        return Criterion(False, "No due date", DUE_HELP)
    days = (parsed.due - as_of).days
    if days <= 0:
        when = "today" if days == 0 else "in the past"
        return Criterion(
            False,
            f"Due {parsed.due.isoformat()} is {when}",
            "Pick a date after today: " + DUE_HELP,
        )
    unit = "day" if days == 1 else "days"
    return Criterion(True, f"Due {parsed.due.isoformat()} (in {days} {unit})", "")


def _owner(parsed: _Parsed) -> Criterion:
    rules = _rules()
    hint = "Name one person (@handle) or one named team, e.g. 'Team Payments'"
    if parsed.owner is None or not parsed.owner.strip(" .,-"):
        if parsed.system_subject:
            return Criterion(
                False,
                f"'{parsed.system_subject}' is a system; it cannot be accountable",
                "Name the team that owns it",
            )
        return Criterion(False, "No owner", hint)
    owner = parsed.owner.strip()
    lowered = " ".join(owner.lower().split())
    bare = re.sub(r"^the\s+", "", lowered)
    if lowered in rules.non_owners or bare in rules.non_owners:
        return Criterion(False, f"'{owner}' is not one accountable owner", hint)
    if rules.rotation.search(lowered):
        return Criterion(
            False,
            f"'{owner}' is a rotation; it changes before the item is done",
            hint,
        )
    parts = [p for p in _SPLIT_OWNERS.split(owner) if p.strip()]
    if parsed.owner_count > 1 or len(parts) > 1:
        return Criterion(False, f"'{owner}' is more than one owner", "Pick exactly one")
    if _is_system(owner, rules):
        return Criterion(
            False, f"'{owner}' is a system; it cannot be accountable", hint
        )
    return Criterion(True, f"Owner: {owner}", "")


def check_action(
    text: str,
    owner: str | None = None,
    due: str | None = None,
    factor: str | None = None,
    as_of: date | None = None,
) -> SmartResult:
    """Judge one action item against SMART plus an owner.

    ``owner`` and ``due`` are taken from the text when not given; ``as_of``
    defaults to today.
    """
    as_of = as_of or date.today()
    owner = owner if owner is None or owner.strip() else None
    due = due if due is None or due.strip() else None
    parsed = _parse(text, owner, due, as_of)
    features = _features(parsed)
    criteria = {
        "specific": _specific(features, parsed.lead),
        "measurable": _measurable(features),
        "achievable": _achievable(features, parsed.due, as_of),
        "relevant": _relevant(features, parsed.body, factor),
        "time_bound": _time_bound(parsed, due, as_of),
        "owner": _owner(parsed),
    }
    ok = all(c.ok is not False for c in criteria.values()) and all(
        criteria[name].ok is True for name in REQUIRED
    )
    return SmartResult(
        ok=ok,
        owner=parsed.owner.strip() if parsed.owner else None,
        due=parsed.due,
        criteria=criteria,
    )
