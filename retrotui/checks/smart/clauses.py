"""What an item says beyond its lead verb, read after ``wording.features``.

- what a "monitor <what> for <symptom>" item watches: specific, but with no
  condition to alert on (``watched``);
- the change a contact asks for: "reach out to X to raise the limit to 1200"
  (``purpose``);
- a figure inside "until ..." or "so that ...": a result to reach, not a
  setting (``result_figure``);
- the document an item changes ("update the user guide to mention ...") is
  what to check (``artifact``);
- "the DiskFull alert runbook" is a document about an alert, not an alert
  without a condition;
- "use X instead of Y" replaces one thing with a named other: done when X is
  in place (``detail``);
- an outcome word after a knob is part of the knob's name: "raise the idle
  timeout on the load balancer" changes a timeout, not "load" (``outcome``).
"""

from __future__ import annotations

import re

from retrotui.checks import verbs
from retrotui.checks.smart.rules import Rules, rules
from retrotui.checks.smart.wording import (
    KNOB,
    Features,
    content_words,
    identifier,
)
from retrotui.lazy_re import lazy

_WATCH_LEAD = lazy(r"(?:monitor|watch|track|keep\s+an\s+eye\s+on)\b", re.I)
_WATCH_FOR = lazy(r"^\s*(?P<what>.+?)\s+for\s+(?P<symptom>[^,;.]+)", re.I)
_RESULT = lazy(r"\b(?:until|so\s+that|so|such\s+that)\b", re.I)
DOCUMENT = lazy(
    r"\b(?:runbook|wiki|docs?|documentation|readme|section|playbook|checklist|adr|"
    r"guide|handbook|manual|faq)s?\b",
    re.IGNORECASE,
)
_ALERT_DOCUMENT = lazy(
    r"\balert\w*\s+(?:runbooks?|playbooks?|docs?|documentation|guides?|pages?|wiki)\b",
    re.I,
)
_INSTEAD = lazy(
    r"^\s*(?:the\s+|our\s+)?(?P<new>[\w./-]+(?:\s+[\w./-]+){0,3}?)\s+instead\s+of\s+\w",
    re.I,
)
_PURPOSE = lazy(r"\bto\s+(?P<verb>[a-z]+)\b", re.I)
# "configure the log shipper to drop debug logs": the setting is named by what
# the thing will then do.
_CONFIGURE_LEAD = lazy(
    r"(?:configure|reconfigure|set|change|update|modify|adjust|tweak|tune)\b", re.I
)
_NOT_BEHAVIOUR = frozenset(["be", "become", "work", "behave", "function", "run"])
_ALERTING = lazy(
    r"(?:add|create|alert|page|notify|warn|fire|trigger|raise|emit)\b", re.I
)
# "make the deploy pipeline fail when ...", "teach the deploy bot to refuse
# deploys while ...": a system made to behave in a named way.
_CAUSE_LEAD = lazy(r"(?P<verb>make|have|get|teach|tell|instruct)\s+", re.I)
_TOLD = frozenset(["teach", "tell", "instruct"])
_DETERMINERS = frozenset(
    ["the", "a", "an", "our", "its", "their", "every", "each", "all", "this", "that"]
)
_PEOPLE = lazy(
    r"\b(?:engineers?|developers?|devs?|people|everyone|team|teams|staff|on-?call|"
    r"responders?|reviewers?|operators?|users?|him|her|them|us|we|you)\b",
    re.I,
)
# "raise the lag alert threshold", "lower the error-rate paging limit": the
# outcome word names what a setting is about; the setting is what changes.
_KNOB_AFTER = lazy(
    r"(?:[\s-]+(?!(?:of|on|in|for|to|from|at|by|during|under|below|above|with|"
    r"and|or|so|until|when|across)\b)[\w-]+){0,2}?\s+(?:" + KNOB.pattern + ")",
    re.I,
)


def read_clauses(found: Features, body: str, lead: str) -> None:
    """Fill ``found``'s clause fields from the item's ``body`` and ``lead``."""
    r = rules()
    verb = found.vague_lead or found.contact or found.concrete_lead or ""
    after_lead = lead[len(verb) :] if lead.startswith(verb.lower()) else lead
    if found.outcome is not None:
        outcome = r.outcome.search(after_lead)
        if outcome is not None and (
            KNOB.search(after_lead, 0, outcome.start())
            or _KNOB_AFTER.match(after_lead, outcome.end())
        ):
            found.outcome = None
    if found.vague_lead is not None:
        found.watched = _as_typed(body, _watched(lead, after_lead, r))
    if found.contact is not None and found.figure is not None:
        found.purpose = _as_typed(body, _purpose(after_lead, r))
    if found.alert_without_condition and _ALERT_DOCUMENT.search(body):
        found.alert_without_condition = False
    if _CONFIGURE_LEAD.match(lead):
        found.behaves = _as_typed(body, _behaviour(after_lead, r))
    caused = _caused(lead, found, r)
    if caused is not None:  # "make the pipeline fail when ...": a change
        verb, found.behaves = caused
        found.concrete_lead, found.vague_lead, found.bare = verb, None, False
        if found.person is not None and verb.lower().startswith(found.person.lower()):
            found.person = None
    if found.behaves and not _ALERTING.match(found.behaves):
        found.alert_without_condition = False  # "to group alerts by cluster"
    document = DOCUMENT.search(after_lead)
    if document is not None and not DOCUMENT.search(found.artifact or ""):
        found.artifact = document.group()  # "update the user guide to mention ..."
    if found.concrete_lead is not None and found.detail is None:
        instead = _INSTEAD.match(after_lead)
        if instead is not None and content_words(instead["new"], r):
            found.detail = _as_typed(body, instead["new"])
    result = _RESULT.search(body)
    found.result_figure = (
        found.figure is not None
        and result is not None
        and body.find(found.figure, result.end()) >= 0
    )


def _as_typed(body: str, phrase: str | None) -> str | None:
    """``phrase`` (read from the lower-cased lead) as it is written in ``body``."""
    if phrase is None:
        return None
    start = body.lower().find(phrase)
    return body[start : start + len(phrase)] if start >= 0 else phrase


def _watched(lead: str, after_lead: str, r: Rules) -> str | None:
    """What a "monitor ... for ..." item watches, when both parts are named."""
    if not _WATCH_LEAD.match(lead):
        return None
    found = _WATCH_FOR.match(after_lead)
    if found is None:
        return None
    what, symptom = found.group("what"), found.group("symptom")
    if content_words(what, r) + content_words(symptom, r) < 2:
        return None
    if not (content_words(what, r) or identifier(what)):
        return None
    return f"{what.strip()} for {symptom.strip()}"


def _purpose(after_lead: str, r: Rules) -> str | None:
    """The change a contact is asked for: "to raise our rate limit to 1200"."""
    for found in _PURPOSE.finditer(after_lead):
        verb = found.group("verb").lower()
        if r.concrete_lead.match(verb) and not r.vague_verb_lead.match(verb):
            return after_lead[found.start() :].strip()
    return None


def _plain_behaviour(clause: str, verb: str, r: Rules) -> bool:
    """ "drop debug logs from X" names what a thing will do; "be robust" does not."""
    return not (
        verb in _NOT_BEHAVIOUR
        or not verbs.is_base_verb(verb)
        or r.vague_verb_lead.match(verb)
        or r.comparative_lead.match(verb)
        or r.vague_phrase.search(clause)
        or r.vague_quantity.search(clause)
        or content_words(clause[len(verb) :], r) < 1
    )


def _caused(lead: str, found: Features, r: Rules) -> tuple[str, str] | None:
    """(lead, behaviour) of "make <system> <verb> ..." ("teach the bot to ...")."""
    cause = _CAUSE_LEAD.match(lead)
    said = (found.vague_lead or found.person or "").lower()
    if cause is None or said != cause["verb"].lower():
        return None
    words = lead[cause.end() :].split()
    if not words or verbs.lemma(words[0]) is not None:  # "have added a task to"
        return None
    for at in range(1, min(len(words), 6)):
        word = words[at].strip(",.;:")
        if word == "to" or words[at - 1] in _DETERMINERS or word in r.generic_nouns:
            continue
        if not verbs.is_base_verb(word):
            continue
        system = " ".join(w for w in words[:at] if w != "to")
        if (
            _PEOPLE.search(system)
            or not (content_words(system, r) or r.system_noun.search(system))
            or (cause["verb"].lower() in _TOLD and not r.system_noun.search(system))
        ):
            return None
        clause = " ".join(words[at:])
        if not _plain_behaviour(clause, word, r):
            return None
        return f"{cause['verb']} {system} {word}", clause
    return None


_SO = lazy(r"\bso(?:\s+that)?\s+", re.I)
_BE = frozenset(["is", "are", "get", "gets", "be"])


def _so_behaviour(after_lead: str, r: Rules) -> str | None:
    """What a changed thing then does: "so force-pushes to main are blocked",
    "so the report runs after the backup finishes"."""
    found = _SO.search(after_lead)
    if found is None:
        return None
    clause = after_lead[found.end() :].strip()
    words = clause.split()
    for at, word in enumerate(words[1:7], start=1):
        if word in _BE and at + 1 < len(words):
            done = words[at + 1]
            base = verbs.lemma(done)
            if base is not None and done != base and not done.endswith("ing"):
                rest = " ".join([base, *words[:at], *words[at + 2 :]])
                return clause if _plain_behaviour(rest, base, r) else None
            return None
        base = verbs.lemma(word)
        if (
            base is not None
            and word == base + "s"
            and words[at - 1] not in _DETERMINERS
        ):
            rest = " ".join([base, *words[at + 1 :]])
            return clause if _plain_behaviour(rest, base, r) else None
    return None


def _behaviour(after_lead: str, r: Rules) -> str | None:
    """What a configured thing will do: "to drop debug-level logs from X"."""
    found = _PURPOSE.search(after_lead)
    if found is not None:
        verb = found.group("verb").lower()
        clause = after_lead[found.start("verb") :].strip()
        if _plain_behaviour(clause, verb, r):
            return clause
    return _so_behaviour(after_lead, r)
