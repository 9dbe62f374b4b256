"""Linting text for blaming language: candidate lines, rules, findings.

A pure function, cheap enough to run on every keystroke: a line is only
examined by the rules whose keywords it contains.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from retrotui.checks.blameless.modal import has_possession
from retrotui.checks.blameless.rewrite import suggestion
from retrotui.checks.blameless.rules import Finding, Rule, load
from retrotui.checks.blameless.subject import Checker

if TYPE_CHECKING:
    from retrotui.document.models import Postmortem

_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\|")
_MASKED = re.compile(
    r"\"[^\"\n]*\"|“[^”\n]*”|`[^`\n]*`|(?<!\w)'[^'\n]+'(?!\w)|https?://\S+"
)
# "would of", "should of": typed for "would've"; " of" and "'ve" are the same
# length, so columns still point into the text as typed.
_MODAL_OF = re.compile(
    r"\b((?:should|would|could|might|must)(?:n't|nt|n’t)?) of\b", re.I
)
_SUBJECT_WINDOW = 160  # characters before a verb searched for its subject


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
    lines: list[str], rule_list: tuple[Rule, ...]
) -> Iterator[tuple[int, Rule]]:
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
                line = bisect_right(starts, position) - 1
                found.add(line)
                # One hit is enough for a line: look again from the next one.
                if line + 1 == len(starts):
                    break
                position = text.find(keyword, starts[line + 1])
            hits[keyword] = found
    for rule in rule_list:
        line_numbers: set[int] = set()
        for keyword in rule.keywords:
            line_numbers |= hits[keyword]
        for number in sorted(line_numbers):
            yield number, rule


def lint(
    text: str, names: Iterable[str] = (), only: Iterable[str] | None = None
) -> list[Finding]:
    """Blaming language in ``text``; ``names`` are the people involved.

    ``only`` limits the check to the rules with these ids (a rule's own tests).
    """
    rule_list, lexicon = load()
    if only is not None:
        wanted = set(only)
        rule_list = tuple(rule for rule in rule_list if rule.id in wanted)
    checker = Checker(lexicon, names)
    typed = text.split("\n")
    lines = _MODAL_OF.sub(r"\1've", text).split("\n")
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
            if (
                rule.category == "hindsight"
                and not rule.any_after_have
                and has_possession(line, start, end)
            ):
                continue
            found.append(
                Finding(
                    line=number + 1,
                    col=start + 1,
                    end_col=end + 1,
                    rule=rule.id,
                    category=rule.category,
                    message=rule.message,
                    suggestion=_clean(
                        suggestion(lexicon, rule, line, match), rule.fallback
                    ),
                    text=typed[number][start:end],
                )
            )
            if rule.category in _CAUSE_CATEGORIES and (
                checker.names or checker.initials
            ):
                named = _named_subject(checker, line, sentence_start, start)
                if named is not None:
                    found.append(
                        Finding(
                            line=number + 1,
                            col=named[0] + 1,
                            end_col=named[1] + 1,
                            rule="person-named-subject",
                            category="person_as_cause",
                            message="names a person as a cause",
                            suggestion=_NAMED_REWRITE,
                            text=line[named[0] : named[1]],
                        )
                    )
    return _without_overlaps(found)


# A participant as the subject of any of these is named as a cause, whatever
# the verb: "Marek should have noticed", "Anna deployed a broken config".
_CAUSE_CATEGORIES = frozenset({"blame", "hindsight", "judgement", "person_as_cause"})
_NAMED_REWRITE = (
    "Say what happened to the system, or use the role ('the on-call engineer'), "
    "not the participant's name"
)
_NAME_TOKEN = re.compile(r"@?[\w'’.-]+")


def _named_subject(
    checker: Checker, line: str, sentence_start: int, verb_start: int
) -> tuple[int, int] | None:
    """The span of a participant named as the subject of a blame verb."""
    kind, head = checker.subject(line, sentence_start, verb_start)
    if not head:
        return None
    for token in reversed(list(_NAME_TOKEN.finditer(line, sentence_start, verb_start))):
        word = re.sub(r"(?:'s|’s|'|’)$", "", token.group().lower().lstrip("@"))
        if word == head.lstrip("@") and checker.is_name(token.group()):
            return token.span()
    return None


@lru_cache(maxsize=512)
def _clean(text: str, fallback: str) -> str:
    """The rewrite, or the rule's fallback when the rewrite still blames."""
    rule_list, lexicon = load()
    checker = Checker(lexicon, ())
    # Only the rules whose keywords the text has can match (as in lint()).
    for _, other in _candidates([text], rule_list):
        for match in other.pattern.finditer(text):
            if checker.decide(other, text, 0, match):
                return fallback[:1].upper() + fallback[1:]
    return text


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
