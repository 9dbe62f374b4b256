"""Who a sentence is about: a person, the writer's own group, or a system.

Blame verbs only count with a person as their subject: "the job failed to
start" is a fact, "Bob failed to start the job" is blame. The subject is found
with a few cheap heuristics (the word right before the verb, else the first
noun of the clause) against word lists of people, roles, system nouns and tool
names, plus the participants' names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from retrotui.checks.blameless.rules import Lexicon, Rule

PERSON = "person"  # he, she, Bob, @bob, the engineer, the team
SELF = "self"  # we, I: people, but the writer's own group
SYSTEM = "system"
UNKNOWN = "unknown"
NONE = "none"  # no subject in the sentence before the verb
_THEY = "they"

_TOKEN = re.compile(r"@[\w.-]*\w|[^\W\d_][\w'’-]*|[,;:()\[\]\"“”|]")
_COMPONENT_ROLES = {"operator", "user", "master"}
_BE = {"was", "were", "is", "are", "been", "being", "be", "get", "got", "gets"}
_DETERMINERS = {
    "the", "a", "an", "this", "that", "these", "those", "our", "his", "her",
    "their", "its", "my", "your", "some", "any", "every", "all", "no",
}  # fmt: skip


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


class Checker:
    """Lint state for one call: the lexicon plus the participant names."""

    def __init__(self, lexicon: Lexicon, names: Iterable[str]) -> None:
        self.lex = lexicon
        self.names: set[str] = set()
        # Initials ("EC", "AN") are names only when typed in capitals: "an" is
        # an article, "AN" a person.
        self.initials: set[str] = set()
        for name in names:
            for part in re.split(r"[\s,]+", name.strip()):
                part = part.lstrip("@")
                if len(part) <= 3 and part.isupper():
                    self.initials.add(part.lower())
                elif part:
                    self.names.add(part.lower())

    def is_name(self, word: str) -> bool:
        """A participant's name or initials, as typed in ``word``."""
        low = _bare(word).lstrip("@")
        if low in self.names:
            return True
        return low in self.initials and word.lstrip("@")[: len(low)].isupper()

    # -- who is a word about? ---------------------------------------------

    def classify(self, word: str) -> str:
        lex = self.lex
        if word.startswith("@"):
            return PERSON
        low = _bare(word)
        if self.is_name(word):
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
        if (
            kind == PERSON
            and head in _COMPONENT_ROLES
            and index > 0
            and self.classify(tokens[index - 1].text) == SYSTEM
        ):
            # "the lock manager", "the cluster operator": a component, not a person.
            kind = SYSTEM
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
        if self.is_name(word):
            return True
        return word[:1].isupper() and low in self.lex.first_names

    # -- rule decisions -----------------------------------------------------

    def _who_ok(self, rule: Rule, match: re.Match[str]) -> bool:
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
        found = AGENT.match(line, end)
        return self.phrase_kind(found.group(1)) if found else None

    def decide(
        self, rule: Rule, line: str, sentence_start: int, match: re.Match[str]
    ) -> bool:
        if rule.require_who:
            return self._who_ok(rule, match)
        need = rule.require
        if need is None:
            return True
        if need == "named":
            # The sentence opens on a named person: "Marek deleted ..., which caused".
            first = _TOKEN.search(line, sentence_start, match.start())
            return first is not None and self.looks_named(first.group())
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
            following = WORD.match(line, match.end())
            return bool(
                following and following.group(1).lower() in self.lex.human_verbs
            )
        return False


AGENT = re.compile(
    r"(?:\s+[\w'’-]+){0,4}?\s+by\s+((?:the\s+|a\s+|an\s+|our\s+)?[@\w.'’-]+(?:\s+[\w'’-]+){0,2})",
    re.IGNORECASE,
)
WORD = re.compile(r"\s+([A-Za-z][\w-]*)")
