"""What a sentence says, as features for the learned blame score (``model``).

Words are reduced to lemmas (``verbs.lemma``, plural "-s" dropped) so that
"forgot", "forgets" and "forgetting" are one feature, and abstracted into
classes that carry across phrasings: who the subject is (we, a person, a
team, a system), a judgement word, a modal with a perfect ("should have
caught", "could've been avoided"), an appeal aimed at people ("we need to",
"everyone must", an imperative with "more"/"better"), a counterfactual
("if ... would", "had X been ..."). The classes are general English, not
sentences of the labelled sets.
"""

from __future__ import annotations

import re
from functools import lru_cache

from retrotui.checks import verbs
from retrotui.checks.blameless.rules import Lexicon

_WORD = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]|\d+")
_CONTRACTIONS = (
    (re.compile(r"\b(can)(?:'t|not)\b"), r"\1 not"),
    (re.compile(r"\b(\w+)n't\b"), r"\1 not"),
    (re.compile(r"\b(did|does|do|was|were|is|are|has|have|had|could|would|should)nt\b"), r"\1 not"),
    (re.compile(r"\b(could|would|should|might|must)(?:'ve|ve| of)\b"), r"\1 have"),
    (re.compile(r"'(?:s|re|ll|d|m)\b"), ""),
)  # fmt: skip
_MODALS = frozenset({"should", "could", "would", "might", "must", "ought"})
_APPEAL_MODALS = frozenset({"should", "must", "need", "needs", "ought", "have", "has"})
_NEGATIONS = frozenset({"not", "never", "no", "nobody", "nothing"})
# Words that judge work or people; systems and software are judged by other
# words ("flaky", "broken") that are facts about them, not in this list.
_JUDGEMENT = frozenset(
    """
    careless carelessly carelessness sloppy sloppily negligent negligence lazy
    reckless recklessly hasty hastily rushed rush premature prematurely
    naive naively misguided unacceptable inexcusable unprofessional
    inadequate inadequately insufficient insufficiently poor poorly bad badly
    lax incompetent incompetence immature amateur amateurish chaotic
    mistaken mistakenly wrongly wrong incorrectly improperly erroneously
    foolish foolishly complacent complacency irresponsible unprepared
    oversight misdiagnosis blunder misjudged misjudgement sloppiness shoddy
    unnecessarily blindly hurriedly hurried misguided unacceptable shameful
    lack lacked lacking unfortunately mistake mistakes
    """.split()  # noqa: SIM905
)
# Words of vigilance and degree: judgement when asked of people ("be more
# careful", "actively monitor"), neutral in most other sentences.
_VIGILANCE = frozenset(
    """
    proper properly adequate adequately enough sufficient sufficiently aware
    awareness careful carefully attention attentive diligent diligence
    proactive proactively actively aggressively calm sooner earlier faster
    better worse mature fragile serious
    """.split()  # noqa: SIM905
)
_INTENSIFIERS = frozenset({"too", "more", "less", "very", "extra", "greater"})
_PEOPLE_WORDS = frozenset(
    """
    everyone everybody people team teams member members staff folks guys
    engineer engineers developer developers responder responders someone
    somebody nobody anyone anybody ops devs management vendor vendors
    """.split()  # noqa: SIM905
)
_DETERMINERS = frozenset(
    """
    the a an this that these those our their his her its my your some any
    every all no each only
    """.split()  # noqa: SIM905
)
_COMMAND_OPENERS = frozenset({"be", "do", "don't", "never", "always", "please", "let"})
_FINITE = frozenset(
    """
    was were is are has had have did does do will would could should can
    failed went got
    """.split()  # noqa: SIM905
)
_LABEL = re.compile(r"^\s*(?:[-*•]\s*)?(?:[\w /-]{1,40}:\s+)?")


_MODAL_HAVE = re.compile(
    r"\b(?:should|could|would|must|might|ought\s+to)(?:\s*n[o']?t|\s+not|n’t)?"
    r"(?:\s+have|\s*['’]?ve)\s+([a-z]+(?:\s+[a-z]+){0,2})",
    re.IGNORECASE,
)
_ADVERBS = frozenset(
    {"just", "simply", "really", "never", "not", "already", "also", "all"}
)


def is_participle(word: str) -> bool:
    """ "caught", "been", "run": a word that can follow "should have" as hindsight."""
    low = word.lower()
    if low == "been":
        return True
    base = verbs.lemma(low)
    return base is not None and verbs.participle(base) == low


def has_possession(line: str, start: int, end: int) -> bool:
    """ "we should have alerting on X", "should have a runbook": "have" as owning.

    True when the modal + "have" in ``line[start:end]`` (or just after it) is
    followed by a word that is not a past participle, adverbs aside.
    """
    found = _MODAL_HAVE.search(line, max(0, start - 20), min(len(line), end + 40))
    if found is None or found.start() > end:
        return False
    words = found.group(1).split()
    word = next((w for w in words if w.lower() not in _ADVERBS), words[-1])
    return not is_participle(word)


def is_judgement(word: str) -> bool:
    """A word that judges work or people, asks for vigilance, or says "too"."""
    return word in _JUDGEMENT or word in _VIGILANCE or word in _INTENSIFIERS


def _normalise(text: str) -> str:
    low = text.lower().replace("’", "'").replace("‘", "'")
    for pattern, repl in _CONTRACTIONS:
        low = pattern.sub(repl, low)
    return low


@lru_cache(maxsize=8192)
def lemma(word: str) -> str:
    """The lemma of a lower-case word: "forgot" -> "forget", "alerts" -> "alert"."""
    if word.isdigit():
        return "<num>"
    base = verbs.lemma(word)
    if base is not None:
        return base
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=4)
def _kinds(lex: Lexicon) -> dict[str, str]:
    """Each known word's class as a subject: we, they, person, people, system."""
    kinds: dict[str, str] = {}
    for words, kind in (
        (lex.system_pronouns | lex.tech_words | lex.system_nouns, "system"),
        (_PEOPLE_WORDS, "people"),
        (lex.person_pronouns | lex.human_nouns, "person"),
        (lex.they, "they"),
        (lex.self_pronouns, "we"),
    ):
        kinds.update(dict.fromkeys(words, kind))
    return kinds


def _imperative(words: list[str]) -> bool:
    """The sentence opens with a command: "Test migrations ...", "Be careful"."""
    first = words[0]
    if first in _COMMAND_OPENERS:
        return True
    if not verbs.is_base_verb(first):
        return False
    second = words[1] if len(words) > 1 else ""
    return not (second.endswith("ed") or second in _FINITE)


def _subject(words: list[str], kinds: list[str | None]) -> str:
    """The class of the first likely subject among the opening words."""
    if _imperative(words):
        return "imperative"
    for word, kind in zip(words[:5], kinds, strict=False):
        if word in _DETERMINERS:
            continue
        if kind is not None:
            return kind
    return "other"


def features(text: str, lex: Lexicon, names: frozenset[str] = frozenset()) -> set[str]:
    """The features of one sentence: lemmas, lemma pairs and signal classes."""
    body = _LABEL.sub("", text, count=1) if ":" in text[:42] else text
    words = _WORD.findall(_normalise(body))
    if not words:
        return set()
    lemmas = [
        "<name>" if word in names or word in lex.first_names else lemma(word)
        for word in words
    ]
    found = {"w:" + lemma for lemma in lemmas}
    found.update(f"b:{a}_{b}" for a, b in zip(lemmas, lemmas[1:], strict=False))
    known = _kinds(lex)
    kinds = ["person" if word in names else known.get(word) for word in words]
    subject = _subject(words, kinds)
    found.add("#subj:" + subject)
    judged = [i for i, word in enumerate(words) if word in _JUDGEMENT]
    if judged:
        found.add("#judge")
        found.add(f"#judge:{subject}")
    for index, word in enumerate(words):
        after = words[index + 1 : index + 4]
        if word in _MODALS and after:
            rest = after[1:] if after[0] in _NEGATIONS else after
            if rest[:1] == ["have"] and len(rest) > 1 and is_participle(rest[1]):
                found.add("#modal-perfect")
                found.add(f"#modal-perfect:{word}")
                if rest[1] == "been":
                    found.add("#modal-perfect-passive")
        if (
            word in _APPEAL_MODALS
            and index
            and kinds[index - 1]
            in (
                "we",
                "people",
                "person",
                "they",
            )
        ):
            found.add("#appeal:" + str(kinds[index - 1]))
        if word in _INTENSIFIERS and after and after[0] in _JUDGEMENT | _VIGILANCE:
            found.add("#more-judge")
        if (
            word in _NEGATIONS
            and index
            and kinds[index - 1] in ("we", "they", "person", "people")
        ):
            found.add("#human-negation")
    if "if" in words and ("would" in words or "could" in words or "might" in words):
        found.add("#if-would")
    if words[0] == "had" or ", had" in body.lower():
        found.add("#had-inversion")
    vigilant = any(word in _VIGILANCE for word in words)
    if vigilant:
        found.add(f"#vigilance:{subject}")
    if subject == "imperative" and (
        judged or vigilant or any(w in _INTENSIFIERS for w in words)
    ):
        found.add("#imperative-judge")
    return found
