"""What an action item's wording says: its lead verb, vague or hedging words,
figures, details that pin the change down, checkable artifacts, absolute
promises and unbounded scope."""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrotui.checks import verbs
from retrotui.checks.smart.figures import read_figures
from retrotui.checks.smart.lead import (
    ADVERB,
    asked,
    lead_verb,
    past_question,
    unprefixed,
)
from retrotui.checks.smart.rules import Rules, rules
from retrotui.lazy_re import lazy

# A result to reach: "speed up the login page to under 1 s", "bring lag under 5 s",
# "stabilise the API so 5xx stays under 0.5%"; not a setting given a bound
# ("lower the timeout below 5 s" names the knob).
_TARGET_LEAD = lazy(
    r"(?:bring|keep|get|make|stabili[sz]e|speed\s+up|shrink|reduce|lower|cut|"
    r"decrease|increase|raise|improve|boost|shorten|minimi[sz]e|maximi[sz]e)\b",
    re.IGNORECASE,
)
_TARGET = lazy(
    r"\b(?:under|below|beneath|above|less\s+than|fewer\s+than|more\s+than|"
    r"at\s+most|at\s+least|within|before)\s+(?:p\d+\s+|[$€£]\s*)?\d[\d.,:]*(?:\s*%|\s*(?:ms|s|sec|seconds?|"
    r"minutes?|mins?|hours?|h|[kmgt]i?b|rps|qps)\b)?",
    re.IGNORECASE,
)
KNOB = lazy(
    r"\b(?:timeouts?|limits?|quotas?|thresholds?|ttl|retention|pool|replicas?|workers?|"
    r"threads?|concurrency|heap|memory|cpu|interval|window|batch|buffer|max\w*|"
    r"min\w*|disks?|storage|volumes?|capacity|nodes?|instances?|shards?|partitions?|"
    r"budget|price|retries|backoff)\b",
    re.IGNORECASE,
)
_WORD = lazy(r"[A-Za-z][\w'’-]*")
# "orders-db", "runbooks/kafka.md", "order_items.order_id", "/healthz", "INC-530",
# "PodDisruptionBudget", "S3", and anything in quotes.
_IDENTIFIER = lazy(
    r"(?<![\w])(?:/[\w.{}*-]+|[\w*]+(?:[./_:#][\w*{}-]+)+|#[\w-]+|"
    r"[A-Za-z]+\d[\w-]*|[a-z]+[A-Z]\w*|[A-Z][a-z]+[A-Z]\w*"
    r")(?![\w])"
    r"|'[^']{3,}'|\"[^\"]{3,}\"|‘[^’]{3,}’|“[^”]{3,}”"
)
_HYPHENATED = lazy(r"(?<![\w-])([A-Za-z][A-Za-z0-9]*)(?:-([A-Za-z0-9]+))+(?![\w-])")
# Parts of ordinary hyphenated words ("on-call", "re-run", "auto-remediation").
_PREFIXES = frozenset(
    [
        "on",
        "re",
        "co",
        "non",
        "pre",
        "per",
        "de",
        "un",
        "sub",
        "out",
        "off",
        "up",
        "in",
        "to",
        "by",
        "of",
        "all",
        "e",
        "x",
        "anti",
        "auto",
        "self",
        "multi",
        "semi",
        "post",
        "mid",
        "day",
        "week",
    ]
)
# Parts that make a hyphenated word a component's name ("loki-prod", "email-worker").
_COMPONENT_PARTS = frozenset(
    [
        "prod",
        "production",
        "staging",
        "stage",
        "dev",
        "qa",
        "eu",
        "us",
        "api",
        "svc",
        "db",
        "cache",
        "worker",
        "agent",
        "gateway",
        "service",
        "cluster",
        "exporter",
        "logs",
        "vpc",
        "live",
        "web",
        "app",
        "queue",
        "events",
        "proxy",
        "node",
        "nodes",
        "pool",
        "bucket",
        "server",
        "controller",
        "operator",
        "ingress",
        "broker",
    ]
)
# Acronyms too general to pin anything down.
_GENERIC_ACRONYMS = frozenset(
    [
        "API",
        "APIS",
        "CI",
        "CD",
        "DB",
        "PR",
        "PRS",
        "UI",
        "UX",
        "SRE",
        "SRES",
        "QA",
        "IT",
        "OK",
        "TBD",
        "ASAP",
        "EOW",
        "EOM",
        "EOQ",
        "EOY",
        "ETA",
        "FYI",
        "TODO",
        "RCA",
        "SLO",
        "SLOS",
        "SLA",
        "SLI",
        "DNS",
    ]
)
# "high priority", "low watermark": names of levels, not vague amounts.
_NAMED_LEVEL = lazy(
    r"\b(?:high|low)(?:\s+(?:and|or|/)\s+(?:high|low))?[- ]"
    r"(?:priority|availability|cardinality|water\s*mark)\b",
    re.IGNORECASE,
)
# Settings that are nothing without their value: "add a rate limit", "a timeout".
# Only as the object of the lead verb, not as a topic ("a runbook section on
# rate limits", "a CI check that fails without resource limits").
_VALUED = lazy(
    r"^\S+\s+(?:(?:a|an|the|new|global|default|per-[\w-]+)\s+){0,2}(?:[\w-]+\s+)?"
    r"(rate[- ]limit(?:ing|s)?|timeouts?|quotas?|retention|ttl|threshold|"
    r"pool\s+size|max(?:imum)?\s+connections|replica\s+count|concurrency\s+limit|"
    r"memory\s+limits?|cpu\s+limits?|resource\s+limits?|limits?)"
    r"(?=\s+(?:to|on|for|in|of|at|across|per)\b|\s*$|[,.;])",
    re.IGNORECASE,
)
_JOINER = lazy(
    r"(?:\b(?:and|then|plus|also|so)|[,;:+&]|\s-)\s+(?:" + ADVERB + r")?([a-z][a-z-]+)"
    r"|\bby\s+([a-z]+ing)\b",
    re.IGNORECASE,
)


@dataclass
class Features:
    hedge: str | None
    deliberation: str | None
    contact: str | None  # "reach out to", "ask": fine when a deliverable is named
    behaviour: str | None
    person: str | None
    vague_phrase: str | None
    vague_object: str | None
    vague_quantity: str | None
    vague_lead: str | None
    concrete_lead: str | None
    change_lead: str | None  # "change", "adjust": to what?
    comparative: str | None  # "reduce", "increase"
    outcome: str | None  # "latency", "noise": a result, not a knob
    state_lead: bool
    artifact_verb: bool
    figure: str | None  # a number that is not a version or an HTTP code
    version: str | None
    artifact: str | None
    artifact_beside_vague: bool
    alert_without_condition: bool
    condition: str | None
    detail: str | None  # what pins the change down: a name, a path, a number
    content_words: int
    bare: bool  # a verb and a stock object ("create a dashboard"), nothing more
    concrete_clause: bool
    absolute: str | None
    huge_scope: str | None
    unvalued: str | None = None  # "add a rate limit": a setting without its value
    target: str | None = None  # "to under 1 s" after "speed up the page": a result
    watched: str | None = None
    purpose: str | None = None
    result_figure: bool = False
    question: str | None = None  # "Is X making Y ...?", "Why did ...": to answer
    behaves: str | None = None  # "configure X to drop debug logs": what it will do


def _text(match: re.Match[str] | None) -> str | None:
    return match.group().strip() if match is not None else None


def identifier(body: str) -> str | None:
    for match in _IDENTIFIER.finditer(body):
        token = match.group().strip("'\"‘’“”")
        if token.upper() in _GENERIC_ACRONYMS or token.lower() in ("w/", "e.g", "i.e"):
            continue
        if token.startswith("/") and len(token) < 3:
            continue
        return match.group()
    for match in _HYPHENATED.finditer(body):
        parts = match.group().lower().split("-")
        if len(parts) == 2 and parts[0] in _PREFIXES and verbs.is_base_verb(parts[1]):
            continue  # "re-run", "pre-scale": a verb, not a component's name
        if any(
            (len(part) <= 3 and part not in _PREFIXES)
            or part[:1].isdigit()
            or part in _COMPONENT_PARTS
            for part in parts
        ):
            return match.group()
    return None


def _clauses(body: str, r: Rules) -> bool:
    """A second change joined to the first: "..., verify ...", "and record ..."."""
    for match in _JOINER.finditer(body):
        word = (match.group(1) or match.group(2)).lower()
        if word.endswith("ing"):
            base = verbs.lemma(word)
        else:
            base = word if verbs.is_base_verb(word) else None
        if base is None or word.endswith(("ed", "s")) and not word.endswith("ss"):
            continue
        if r.vague_verb_lead.match(base):
            continue
        return True
    return False


def content_words(text: str, r: Rules) -> int:
    count = 0
    for word in _WORD.findall(text):
        low = word.lower().strip("'’")
        if low in r.stopwords or low in r.generic_nouns or len(low) < 3:
            continue
        if r.vague_phrase.fullmatch(low) or r.vague_quantity.fullmatch(low):
            continue
        count += 1
    return count


def _group(match: re.Match[str] | None) -> str | None:
    return match.group(1) if match is not None else None


def _first_word(body: str, word: str) -> int:
    """Where ``word`` first stands as a word in ``body`` (-1 when it does not)."""
    found = re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", body, re.IGNORECASE)
    return found.start() if found else -1


def features(body: str, lead: str) -> Features:
    r = rules()
    lead = unprefixed(past_question(lead), r)
    figures, versions = read_figures(body)
    # "Document the process": the verb is not a document that will exist.
    verb = re.match(r"[a-z][a-z-]*", lead)
    artifacts = [
        a
        for a in r.artifact.finditer(body)
        if not (verb and a.start() == _first_word(body, verb.group()))
    ]
    vague_object = r.vague_object.search(body)
    vague_lead = r.vague_verb_lead.match(lead)
    deliberation = r.deliberation_lead.match(lead)
    contact = r.contact_lead.match(lead)
    if contact and deliberation and contact.end() >= deliberation.end():
        deliberation = None
    concrete_lead = None if vague_lead or deliberation else r.concrete_lead.match(lead)
    person_lead = r.person_lead.match(lead)
    if concrete_lead is None and not (vague_lead or deliberation or person_lead):
        concrete_lead = lead_verb(lead, r)
        if concrete_lead is None:
            # "regression test for ...", "CI check that ...": the change is named.
            three = len(" ".join(lead.split()[:3]))
            concrete_lead = r.artifact.search(lead, 0, three)
    after_lead = (
        lead[(concrete_lead or vague_lead or deliberation or contact).end() :]
        if (concrete_lead or vague_lead or deliberation or contact)
        else lead
    )
    condition = r.condition.search(after_lead)
    question = asked(body, lead, r)
    # "High priority alerts for ES" has no verb: the alert itself leads.
    alert_led = concrete_lead is not None and r.alert_artifact.fullmatch(
        concrete_lead.group()
    )
    alert = r.alert_artifact.search(
        " ".join((lead if alert_led else after_lead).split()[:4])
    )
    comparative = r.comparative_lead.match(lead)
    detail = identifier(body)
    content = content_words(after_lead, r)
    clause = _clauses(body, r)
    huge = _text(r.huge_scope.search(body))
    written = bool(artifacts) and r.artifact_verb.match(lead) is not None
    definite = concrete_lead is not None and r.definite_lead.match(lead) is not None
    target = _TARGET.search(after_lead) if _TARGET_LEAD.match(lead) else None
    if (
        target is not None
        and KNOB.search(after_lead, 0, target.start())
        and not r.outcome.search(after_lead, 0, target.start())
    ):
        target = None
    return Features(
        hedge=_text(r.hedge.search(body)),
        deliberation=_text(deliberation),
        contact=_text(contact),
        behaviour=_text(r.behaviour.search(body)),
        person=_text(person_lead) or _text(r.person_phrase.search(body)),
        vague_phrase=_text(r.vague_phrase.search(body)),
        vague_object=_text(vague_object),
        vague_quantity=_text(r.vague_quantity.search(_NAMED_LEVEL.sub(" ", body))),
        vague_lead=_text(vague_lead),
        concrete_lead=_text(concrete_lead),
        change_lead=_text(r.change_lead.match(lead)),
        comparative=_text(comparative),
        outcome=_text(r.outcome.search(after_lead)),
        state_lead=concrete_lead is not None and bool(r.state_lead.match(lead)),
        artifact_verb=concrete_lead is not None and bool(r.artifact_verb.match(lead)),
        figure=figures[0] if figures else None,
        unvalued=_group(_VALUED.search(lead)) if not figures else None,
        version=versions[0] if versions else None,
        artifact=artifacts[0].group() if artifacts else None,
        artifact_beside_vague=any(
            vague_object is None
            or a.end() <= vague_object.start()
            or a.start() >= vague_object.end()
            for a in artifacts
        ),
        alert_without_condition=alert is not None
        and not figures
        and r.condition.search(after_lead) is None,
        condition=_text(condition),
        detail=detail,
        content_words=content,
        bare=not (
            detail or figures or condition or clause or huge or written or definite
        )
        and content < 2,
        concrete_clause=clause,
        absolute=_text(r.absolute.search(body)),
        huge_scope=huge,
        target=_text(target),
        question=_text(question),
    )
