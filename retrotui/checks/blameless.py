"""The blameless-language checker: finds wording that blames people.

Rules are data (``data/blameless_rules.json``): a regular expression per rule,
plus how to judge who the sentence is about.  Blame verbs only count with a
person as their subject: "the job failed to start" is a fact, "Bob failed to
start the job" is blame.  The subject is found with a few cheap heuristics
(the word right before the verb, else the first noun of the clause) against
word lists of people, roles, system nouns and tool names.

Every finding carries a neutral rewrite, built from the sentence where the
rule allows it ("X forgot to run the migration" -> "the migration was not
run; ...").  The checker is a pure function and cheap enough to run on every
keystroke: a line is only examined by the rules whose keywords it contains.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from retrotui.checks import verbs

if TYPE_CHECKING:
    from retrotui.document.models import Postmortem

PERSON = "person"  # he, she, Bob, @bob, the engineer, the team
SELF = "self"  # we, I: people, but the writer's own group
SYSTEM = "system"
UNKNOWN = "unknown"
NONE = "none"  # no subject in the sentence before the verb
_THEY = "they"

_TOKEN = re.compile(r"@[\w.-]*\w|[^\W\d_][\w'’-]*|[,;:()\[\]\"“”|]")
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\|")
_MASKED = re.compile(
    r"\"[^\"\n]*\"|“[^”\n]*”|`[^`\n]*`|(?<!\w)'[^'\n]+'(?!\w)|https?://\S+"
)
_BE = {"was", "were", "is", "are", "been", "being", "be", "get", "got", "gets"}
_DETERMINERS = {
    "the", "a", "an", "this", "that", "these", "those", "our", "his", "her",
    "their", "its", "my", "your", "some", "any", "every", "all", "no",
}  # fmt: skip
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
_SUBJECT_WINDOW = 160  # characters before a verb searched for its subject


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
class _Rule:
    id: str
    category: str
    message: str
    pattern: re.Pattern[str]
    keywords: tuple[str, ...]
    require: str | None
    require_who: str | None
    passive_agent: bool
    passive_subjects: frozenset[str]
    passive_default: bool
    human_complement: bool
    take: str
    suggest: str
    fallback: str
    examples: dict[str, list[str]]


class _Lexicon:
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


class _Tok:
    """A word or punctuation mark of a sentence."""

    __slots__ = ("text", "low", "is_punct")

    def __init__(self, text: str) -> None:
        self.text = text
        self.low = text.lower()
        self.is_punct = not (text[0].isalpha() or text[0] == "@")


def _bare(word: str) -> str:
    """``Bob's`` -> ``bob``: the word without a possessive ending."""
    low = word.lower()
    for ending in ("'s", "’s", "'", "’"):
        if low.endswith(ending):
            return low[: -len(ending)]
    return low


def _possessive(word: str) -> bool:
    return word.endswith(("'s", "’s", "'", "’"))


@lru_cache(maxsize=1)
def _load() -> tuple[tuple[_Rule, ...], _Lexicon]:
    raw = json.loads(
        resources.files("retrotui.checks")
        .joinpath("data/blameless_rules.json")
        .read_text(encoding="utf-8")
    )
    rules = tuple(
        _Rule(
            id=r["id"],
            category=r["category"],
            message=r["message"],
            pattern=re.compile(r["pattern"], re.IGNORECASE),
            keywords=tuple(k.lower() for k in r["keywords"]),
            require=r.get("require"),
            require_who=r.get("require_who"),
            passive_agent=r.get("passive_agent", False),
            passive_subjects=frozenset(r.get("passive_subjects", ())),
            passive_default=r.get("passive_default") == "flag",
            human_complement=r.get("human_complement", False),
            take=r.get("take", "static"),
            suggest=r["suggest"],
            fallback=r.get("fallback", r["suggest"]),
            examples=r.get("examples", {}),
        )
        for r in raw["rules"]
    )
    return rules, _Lexicon(raw["lexicon"])


def rules() -> tuple[_Rule, ...]:
    """The loaded rules, in data-file order (the tests run their examples)."""
    return _load()[0]


class _Checker:
    """Lint state for one call: the lexicon plus the participant names."""

    def __init__(self, lexicon: _Lexicon, names: Iterable[str]) -> None:
        self.lex = lexicon
        self.names: set[str] = set()
        for name in names:
            for part in re.split(r"[\s,]+", name.strip()):
                part = part.lstrip("@").lower()
                if part:
                    self.names.add(part)

    # -- who is a word about? ---------------------------------------------

    def classify(self, word: str) -> str:
        lex = self.lex
        if word.startswith("@"):
            return PERSON
        low = _bare(word)
        if low in self.names:
            return PERSON
        if low in lex.self_pronouns:
            return SELF
        if low in lex.person_pronouns:
            return PERSON
        if low in lex.they:
            return _THEY
        singular = low[:-1] if low.endswith("s") and len(low) > 3 else low
        human_noun = low in lex.human_nouns or singular in lex.human_nouns
        # "Teams" the chat tool, "the teams" the people.
        if low in lex.system_pronouns or (
            low in lex.tech_words and (word[0].isupper() or not human_noun)
        ):
            return SYSTEM
        if human_noun:
            return PERSON
        if low in lex.system_nouns or singular in lex.system_nouns:
            return SYSTEM
        if word[0].isupper() and low in lex.first_names:
            return PERSON
        return UNKNOWN

    def _is_skippable(self, tok: _Tok) -> bool:
        low = tok.low
        if low in self.lex.skip_words:
            return True
        # Adverbs between subject and verb: "Bob completely forgot".
        return (
            low.endswith("ly")
            and len(low) > 4
            and low not in self.lex.not_adverbs
            and self.classify(tok.text) == UNKNOWN
        )

    def _in_phrase(self, tokens: list[_Tok], index: int) -> bool:
        """True when ``tokens[index]`` sits in a prepositional phrase."""
        for back in (1, 2):
            if index - back < 0:
                return False
            low = tokens[index - back].low
            if low in self.lex.prepositions:
                return True
            if low not in _DETERMINERS:
                return False
        return False

    def _resolve_they(self, tokens: list[_Tok], index: int) -> str:
        for tok in reversed(tokens[:index]):
            kind = self.classify(tok.text)
            if kind in (PERSON, SELF, SYSTEM):
                return SYSTEM if kind == SYSTEM else PERSON
        return PERSON

    def _first_noun(self, tokens: list[_Tok], start: int, stop: int) -> str | None:
        for index in range(start, stop):
            tok = tokens[index]
            if tok.is_punct or _possessive(tok.text):
                continue
            kind = self.classify(tok.text)
            if kind == _THEY:
                return self._resolve_they(tokens, index)
            if kind in (PERSON, SELF, SYSTEM):
                return kind
        return None

    def subject(self, line: str, start: int, offset: int) -> tuple[str, str]:
        """(kind, head word) of the subject of the verb at ``line[offset]``.

        Only the sentence's text from ``start`` is considered.
        """
        tokens = [_Tok(word) for word in _TOKEN.findall(line, start, offset)]
        index = len(tokens) - 1
        while index >= 0 and self._is_skippable(tokens[index]):
            if tokens[index].low == "who":
                return PERSON, "who"
            index -= 1
        if index < 0:
            return NONE, ""
        tok = tokens[index]
        if tok.is_punct or tok.low in self.lex.boundaries:
            # "..., and then forgot to": the subject is the sentence's.
            return self._first_noun(tokens, 0, index) or NONE, ""
        head = _bare(tok.text)
        kind = self.classify(tok.text)
        if kind == _THEY:
            return self._resolve_they(tokens, index), head
        start = index
        while start > 0:
            prev = tokens[start - 1]
            if prev.is_punct or prev.low in self.lex.boundaries:
                break
            start -= 1
        # "The engineer who ran the script ignored ...": the subject comes
        # before the relative clause.
        for rel in range(start, index):
            if tokens[rel].low in ("who", "whom"):
                before = self._first_noun(tokens, start, rel)
                if before is not None:
                    return before, head
        in_phrase = self._in_phrase(tokens, index)
        if kind in (PERSON, SELF, SYSTEM) and not in_phrase:
            return kind, head
        if kind == UNKNOWN and not in_phrase and tok.text.islower():
            # Likely another verb ("engineers surface skipped steps"): the
            # match is not this clause's main verb, so nobody is its subject.
            return UNKNOWN, head
        # "the engineer on call forgot", "Team Alpha ignored": the clause's
        # first noun is the subject.
        return self._first_noun(tokens, start, index + 1) or UNKNOWN, head

    def phrase_kind(self, phrase: str) -> str:
        """The first person or system word in a short noun phrase."""
        words = [m.group() for m in _TOKEN.finditer(phrase)]
        for word in words:
            kind = self.classify(word)
            if kind == _THEY:
                return PERSON
            if kind in (PERSON, SELF, SYSTEM):
                return kind
        return UNKNOWN

    def looks_named(self, word: str) -> bool:
        """A handle, a participant, or a capitalised common first name."""
        if word.startswith("@"):
            return True
        low = _bare(word)
        if low in self.names:
            return True
        return word[:1].isupper() and low in self.lex.first_names

    # -- rule decisions -----------------------------------------------------

    def _who_ok(self, rule: _Rule, match: re.Match[str]) -> bool:
        groups = match.groupdict()
        if groups.get("pron"):
            return True
        who = groups.get("who") or groups.get("who2")
        if who is None:
            # Alternatives of the pattern without a named party ("whose fault").
            return True
        need = rule.require_who
        if need == "named":
            return self.looks_named(who)
        if need == "possessor":
            kind = self.classify(who)
            if kind in (PERSON, SELF):
                return True
            return (
                kind == UNKNOWN
                and who[:1].isupper()
                and _bare(who) not in self.lex.system_nouns
            )
        kind = self.phrase_kind(who)
        if need == "not_system":
            return kind != SYSTEM
        if need == "human":
            return kind in (PERSON, SELF)
        return kind == PERSON

    @staticmethod
    def _meets(need: str, kind: str) -> bool:
        if need == "human":
            return kind in (PERSON, SELF)
        if need == "person":
            return kind == PERSON
        return kind != SYSTEM  # not_system

    def _agent(self, line: str, end: int) -> str | None:
        found = _AGENT.match(line, end)
        return self.phrase_kind(found.group(1)) if found else None

    def decide(
        self, rule: _Rule, line: str, sentence_start: int, match: re.Match[str]
    ) -> bool:
        if rule.require_who:
            return self._who_ok(rule, match)
        need = rule.require
        if need is None:
            return True
        before = line[max(sentence_start, match.start() - 40) : match.start()].split()
        words = match.group().lower().split()
        passive = rule.passive_agent and (
            (before and before[-1].lower() in _BE) or words[0] in _BE or "been" in words
        )
        if passive:
            agent = self._agent(line, match.end())
            if agent is not None:
                return self._meets(need, agent)
            if rule.passive_default:
                return True
            if rule.passive_subjects:
                _, head = self.subject(line, sentence_start, match.start())
                singular = head[:-1] if head.endswith("s") else head
                return bool({head, singular} & rule.passive_subjects)
        kind, _ = self.subject(line, sentence_start, match.start())
        if self._meets(need, kind):
            return True
        if rule.human_complement and kind in (UNKNOWN, NONE):
            following = _WORD.match(line, match.end())
            return bool(
                following and following.group(1).lower() in self.lex.human_verbs
            )
        return False

    # -- suggestions --------------------------------------------------------

    def participle(self, verb: str) -> str:
        verb = verb.lower()
        return self.lex.participles.get(verb) or verbs.participle(verb)

    def _object(self, line: str, start: int) -> tuple[str, str]:
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

    def suggestion(self, rule: _Rule, line: str, match: re.Match[str]) -> str:
        if rule.take == "static":
            return rule.suggest
        if rule.take == "complement":
            verb = _WORD.match(line, match.end())
            if not verb:
                return rule.fallback
            pp = self.participle(verb.group(1))
            obj, tail = self._object(line, verb.end())
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
                pp = self.participle(last)
            obj, tail = self._object(line, match.end())
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


_AGENT = re.compile(
    r"(?:\s+[\w'’-]+){0,4}?\s+by\s+((?:the\s+|a\s+|an\s+|our\s+)?[@\w.'’-]+(?:\s+[\w'’-]+){0,2})",
    re.IGNORECASE,
)
_WORD = re.compile(r"\s+([A-Za-z][\w-]*)")


def _masked_spans(line: str) -> list[tuple[int, int]]:
    return [m.span() for m in _MASKED.finditer(line)]


def _masked(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when ``start:end`` lies inside one of the (sorted, disjoint) spans."""
    index = bisect_right(spans, (start, end)) - 1
    if index + 1 < len(spans) and spans[index + 1][0] == start:
        index += 1
    return index >= 0 and spans[index][0] <= start and end <= spans[index][1]


def _sentence_starts(line: str) -> list[int]:
    return [0] + [end.end() for end in _SENTENCE_END.finditer(line)]


def _sentence_start(starts: list[int], position: int) -> int:
    """Where the sentence holding ``position`` starts, at most a window back.

    The window keeps the cost per finding constant on very long lines.
    """
    start = starts[bisect_right(starts, position) - 1]
    return max(start, position - _SUBJECT_WINDOW)


def _candidates(
    lines: list[str], rule_list: tuple[_Rule, ...]
) -> Iterator[tuple[int, _Rule]]:
    lowered = [line.lower() for line in lines]
    text = "\n".join(lowered)
    starts = [0]
    for line in lowered[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    hits: dict[str, set[int]] = {}
    for rule in rule_list:
        for keyword in rule.keywords:
            if keyword in hits:
                continue
            found: set[int] = set()
            position = text.find(keyword)
            while position != -1:
                found.add(bisect_right(starts, position) - 1)
                position = text.find(keyword, position + 1)
            hits[keyword] = found
    for rule in rule_list:
        line_numbers: set[int] = set()
        for keyword in rule.keywords:
            line_numbers |= hits[keyword]
        for number in sorted(line_numbers):
            yield number, rule


def lint(text: str, names: Iterable[str] = ()) -> list[Finding]:
    """Blaming language in ``text``; ``names`` are the people involved."""
    rule_list, lexicon = _load()
    checker = _Checker(lexicon, names)
    lines = text.split("\n")
    found: list[Finding] = []
    masks: dict[int, list[tuple[int, int]]] = {}
    sentence_starts: dict[int, list[int]] = {}
    for number, rule in _candidates(lines, rule_list):
        line = lines[number]
        for match in rule.pattern.finditer(line):
            if number not in masks:
                masks[number] = _masked_spans(line)
            start, end = match.span()
            if _masked(masks[number], start, end):
                continue
            if number not in sentence_starts:
                sentence_starts[number] = _sentence_starts(line)
            sentence_start = _sentence_start(sentence_starts[number], start)
            if not checker.decide(rule, line, sentence_start, match):
                continue
            found.append(
                Finding(
                    line=number + 1,
                    col=start + 1,
                    end_col=end + 1,
                    rule=rule.id,
                    category=rule.category,
                    message=rule.message,
                    suggestion=checker.suggestion(rule, line, match),
                    text=match.group(),
                )
            )
    return _without_overlaps(found)


def _without_overlaps(found: list[Finding]) -> list[Finding]:
    """One finding per stretch of text: the longest wins, then rule order."""
    found.sort(key=lambda f: (f.line, f.col, -(f.end_col - f.col)))
    kept: list[Finding] = []
    for finding in found:
        if kept and kept[-1].line == finding.line and finding.col < kept[-1].end_col:
            continue
        kept.append(finding)
    return kept


def _fields(pm: Postmortem) -> Iterator[tuple[str, str]]:
    for name in ("title", "summary", "impact", "detection", "resolution"):
        yield name, getattr(pm, name)
    for index, event in enumerate(pm.timeline):
        yield f"timeline[{index}]", event.text
    for name in ("went_well", "went_wrong", "lucky", "confusing"):
        for index, item in enumerate(getattr(pm, name)):
            yield f"{name}[{index}]", item
    for index, factor in enumerate(pm.factors):
        yield f"factors[{index}].text", factor.text
        for why_index, why in enumerate(factor.whys):
            yield f"factors[{index}].whys[{why_index}]", why
    for index, action in enumerate(pm.actions):
        yield f"actions[{index}].text", action.text
        yield f"actions[{index}].done_when", action.done_when
    for index, item in enumerate(pm.takeaways):
        yield f"takeaways[{index}]", item


def lint_postmortem(
    pm: Postmortem, names: Iterable[str] = ()
) -> list[tuple[str, Finding]]:
    """Findings in every text field of ``pm``, labelled with the field.

    The participants and facilitator are known names; ``names`` adds more.
    """
    known = [p.name for p in pm.participants]
    if pm.facilitator:
        known.append(pm.facilitator)
    known.extend(names)
    return [
        (label, finding)
        for label, value in _fields(pm)
        if value
        for finding in lint(value, known)
    ]
