"""Reading the owner out of an action item typed on one line.

People put the owner anywhere: "owner: payments", "Owner=dba", "assigned to
qa:", "(sre-team) add ...", "[infra]", "@bob: ...", "sec team: ...",
"- dba - partition ...", "Lena to add ...", "the cache team will ...",
"... — Omar", "... . Lena. by EOW". The places are tried from the most
explicit (a tag) to the least (a handle somewhere in the text). What is read
is reported as typed, so "ann & raj" stays two people and "search-oncall"
stays a rotation: the owner criterion judges them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrotui.checks import verbs
from retrotui.checks.smart.rules import Rules, stem
from retrotui.lazy_re import lazy

_TAG = lazy(
    r"(?<![\w-])(?:(?:owner|owenr|ownr|onwer|assignee|responsible|dri|who)\s*[:=]"
    r"|(?:owned\s+by|ass?i(?:gn|ng)ed\s+to|asigned\s+to)\s*[:=]?)\s*"
    r"(?P<owner>\?+|@?\w[\w.&/'’ -]{0,40}?)"
    r"(?=\s*(?:[)\],;:!|]|\s[-—–]+(?:\s|$)|[—–]|\.(?:\s|$)|$))",
    re.IGNORECASE,
)
_LEAD_LABEL = lazy(
    r"^\s*(?:[-—–*•]\s+)?(?:"
    r"\[(?P<bracket>[^\]]{1,40})\]"
    r"|\((?P<paren>[^)]{1,40})\)"
    r"|(?i:todo|fixme|ai|action)\s*\((?P<todo>[^)]{1,40})\)\s*:?"
    r"|(?P<handles>@[\w.-]*\w(?:\s*(?:[,&/+]|and)?\s*@[\w.-]*\w)*)\s*:?"
    r"|[-—–]\s*(?P<dashed>[^-—–:]{1,40}?)\s*[-—–]"
    r"|(?P<label>[^:()\[\]]{1,30}):(?=\s)"
    r"|(?P<dash_label>[^-—–:()\[\]|]{1,30}?)\s+(?:[-—–]+|\|)\s"
    r")\s*",
)
_TRAIL_MARKER = lazy(
    r"(?:owner|owned\s+by|assignee|assigned\s+to|who)\s*[:=]?\s+(?=\S)", re.I
)
_BRACKET_WHO = lazy(
    r"\s*(?P<who>@?[\w.-]+)\s+(?:to|will|calls?|owns|leads?|drives?|organi[sz]es?|"
    r"hosts?|schedules?)\b",
    re.IGNORECASE,
)
# "... (sre-team)"; not "orders(customer_id, created_at)": a bracket right
# after a word holds that word's arguments.
_TRAIL_BRACKET = lazy(r"(?<![\w.])[\[(](?P<owner>[^\])(\[]{1,40})[\])]\s*$")
_SEPARATOR = lazy(r"\s[-—–]+\s|[—–]|[.;,!]\s|\s\|\s")
# "..., kim to do", "- dba to own -", "sre on it": who takes it, and the words saying so.
# Verbs whose object is a team: "page team to ...", "notify team ...".
_ACTS_ON_PEOPLE = frozenset(["page", "notify", "alert", "warn", "inform", "tag"])
_TAKES_IT = lazy(
    r"\s+(?:to\s+(?:do|own|handle|action|pick\s+up|drive|lead|follow\s+up)|"
    r"owns(?:\s+it|\s+this)?|on\s+it|will\s+do|takes\s+it)$",
    re.IGNORECASE,
)
# "AI: ...", "TODO - ...", "action item: ...": a marker, not an owner.
_MARKER = lazy(
    r"^\s*(?:ai|a\.i\.|todo|to-do|fixme|action(?:\s+item)?|task|follow[- ]?up)"
    r"\s*(?::|-|—|–)\s*",
    re.IGNORECASE,
)
# "... -> @kim", "=> Lena", "→ dba": handed to one person or team (not
# "-> #sre-alerts channel", where the alerts go).
_ARROW = lazy(r"\s(?:->|=>|→)\s*(?P<who>@?[A-Za-z][\w.-]*)$")
# "cc @kim", "fyi @raj": told, not owning.
_TOLD = lazy(r"\b(?:cc|fyi|ping|ask)\s*:?\s*$", re.IGNORECASE)
_HANDLE = lazy(r"(?<![\w.])@[A-Za-z0-9][\w.-]*\w")
_POLITE = lazy(
    r"^(?:(?:pls|plz|please|thx|thanks|ty|cc|fyi|ok)\b[\s,.:!]*)+|"
    r"(?:[\s,.:!]*\b(?:pls|plz|please|thx|thanks|ty))+\s*$",
    re.I,
)
_EDGES = " .,;:!?-—–*•"
_TWO = lazy(r"\s*(?:&|\+|/|,|\band\b)\s*", re.IGNORECASE)
_NAME = lazy(r"^[A-Z][a-zA-Z'’-]+$|^[A-Z][a-z]+[A-Z][A-Za-z]*$")
_SLUG = lazy(r"^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$")


@dataclass(frozen=True)
class OwnerReading:
    owner: str | None  # as typed, without the marker words around it
    text: str | None  # the owner's words in the item, to show where it was read
    system_subject: str | None  # "The backup job will ...": a system, not an owner
    body: str  # the item without the owner's words
    lead: str  # where the action starts


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def owner_like(phrase: str, rules: Rules, *, strict: bool = False) -> bool:
    """Whether a short phrase names who owns something (or a non-owner to refuse).

    ``strict`` is for phrases that could as well be part of the action
    (a trailing "- terraform"): a lower-case word then has to look like a team.
    """
    phrase = _POLITE.sub("", phrase).strip(_EDGES)
    lowered = " ".join(phrase.lower().split())
    if not lowered or len(lowered.split()) > 4 or re.search(r"\d", lowered.lstrip("@")):
        return _HANDLE.fullmatch(phrase) is not None
    if _HANDLE.fullmatch(phrase) or all(
        _HANDLE.fullmatch(part) for part in phrase.replace(",", " ").split()
    ):
        return True
    if (
        lowered in rules.non_owners
        or re.sub(r"^the\s+", "", lowered) in rules.non_owners
    ):
        return True
    if rules.rotation.search(lowered) or rules.team_word.search(lowered):
        return True
    parts = [part for part in _TWO.split(phrase) if part]
    if len(parts) > 1:
        return all(owner_like(part, rules) for part in parts)
    if rules.known_verb.match(lowered) or rules.system_noun.search(lowered):
        return False
    words = phrase.split()
    if len(words) == 1 and _NAME.match(phrase):
        return lowered not in rules.stopwords and lowered not in rules.date_words
    if strict or len(words) > 1 or not _SLUG.match(phrase):
        return False
    return lowered not in rules.stopwords and lowered not in rules.date_words


def _clean(owner: str, rules: Rules) -> str:
    owner = " ".join(_POLITE.sub("", owner).strip(_EDGES.replace("?", "")).split())
    lowered = owner.lower()
    if lowered.startswith("the ") and lowered not in rules.non_owners:
        return owner[4:]
    return owner


def _lead_label(body: str, rules: Rules) -> tuple[str, int, int] | None:
    match = _LEAD_LABEL.match(body)
    if match is None:
        return None
    for group in (
        "bracket",
        "paren",
        "todo",
        "handles",
        "dashed",
        "label",
        "dash_label",
    ):
        value = match[group]
        if value is None:
            continue
        strict = group in ("paren", "label", "dash_label")
        if group == "dash_label" and not _team_like(value, rules):
            # "Kafka - raise retention": a leading word and a dash is as often
            # the topic as the owner; only a team or a handle is taken.
            continue
        if group == "handles" or owner_like(value, rules, strict=strict):
            return value, match.start(group), match.end()
    return None


def _team_like(phrase: str, rules: Rules) -> bool:
    lowered = phrase.strip().lower()
    return bool(
        _HANDLE.fullmatch(phrase.strip())
        or rules.team_word.search(lowered)
        or rules.rotation.search(lowered)
    )


def _trailing(body: str, rules: Rules) -> tuple[str, int, int] | None:
    """A short owner at the end: "... — Omar", "... (infra)", "... . Lena."."""
    text = body.rstrip(_EDGES + " |")
    text = _POLITE.sub("", text).rstrip(_EDGES + " |")
    bracket = _TRAIL_BRACKET.search(text)
    if bracket is not None:
        if owner_like(bracket["owner"], rules):
            return bracket["owner"], bracket.start(), bracket.end()
        # "(Rasmus call for meeting)", "(@kim to organise)": who does it first.
        who = _BRACKET_WHO.match(bracket["owner"])
        if who is not None and owner_like(who["who"], rules):
            start = bracket.start() + 1 + who.start("who")
            return who["who"], start, start + len(who["who"])
        return None
    if (arrow := _ARROW.search(text)) and owner_like(arrow["who"], rules, strict=True):
        return arrow["who"], arrow.start("who"), arrow.end("who")
    separators = list(_SEPARATOR.finditer(text))
    if not separators:
        return None
    start = separators[-1].end()
    chunk = text[start:]
    # "... . owner web.", "| assignee: kim": the marker word without a colon.
    if marker := _TRAIL_MARKER.match(chunk):
        start += marker.end()
        chunk = text[start:]
    if _TOLD.match(chunk.split(" ", 1)[0] + " "):
        return None  # "..., fyi @raj"
    if took := _TAKES_IT.search(chunk):
        chunk = chunk[: took.start()]
    if owner_like(chunk, rules):
        return chunk, start, len(text)
    return None


def _subject(body: str, rules: Rules) -> tuple[str, str, int] | None:
    """ "Lena to add ...", "the cache team will ...": (subject, link, end of link)."""
    lead = body.strip()
    offset = len(body) - len(body.lstrip())
    lead = _POLITE.sub("", lead)
    offset += len(body.strip()) - len(lead)
    link = rules.owner_link.match(lead)
    if link is not None and not re.match(r"(?:\w+ly\s+)?be\b", link["rest"], re.I):
        subject = link["subject"].strip()
        if _subject_like(subject, link["link"], link["rest"], rules):
            return subject, link["link"], offset + link.start("rest")
    first = re.match(r"(\S+)\s+(?=\w)", lead)
    if (
        first
        and first[1].lower() in rules.non_owners
        and first[1].lower() not in ("it",)
    ):
        following = lead[first.end() :].lower()
        if rules.known_verb.match(following):
            return first[1], "", offset + first.end()
    return None


def _reports_done(rest: str) -> bool:
    """ "(We) enabled ...", "(Team) discussed ...", "(We) have added ...": a report
    of work done names who did it, not who owns what is left."""
    words = re.findall(r"[a-z]+", rest.lower())[:5]
    if words[:1] in (["have"], ["has"]) and words[1:2] != ["to"]:
        words = words[1:]
    return any(_past(word) for word in words[:4]) if words else False


def _past(word: str) -> bool:
    base = verbs.lemma(word)
    return base is not None and base != word and not word.endswith(("s", "ing"))


def is_system(subject: str, rules: Rules) -> bool:
    return (
        bool(rules.system_noun.search(subject))
        and not rules.team_word.search(subject)
        and not subject.startswith("@")
    )


def _subject_like(subject: str, link: str, rest: str, rules: Rules) -> bool:
    """ "Team Alpha will", "@maria to", "We will", "The backup job will"; not "Add a step to"."""
    names = subject.split()
    lowered = subject.lower()
    team = _named_team(names, rules)
    if team is not None:
        return team
    if len(names) > 5 or rules.known_verb.match(lowered):
        return False
    if any(name in rules.subject_stopwords for name in names[1:]):
        return False
    if subject.startswith("@") or owner_like(subject, rules, strict=True):
        return True
    # "to" joins too many things ("Automatic process to detect"): only people
    # and teams take it.
    if is_system(subject, rules):
        return link.lower() != "to"
    if len(names) <= 4 and all(name[:1].isupper() for name in names):
        return True
    return _lower_name(subject, rest, rules)


def _named_team(names: list[str], rules: Rules) -> bool | None:
    """ "cache team will ...", "build squad to ...": a team named by a word that
    is also a verb; not "ping team to ..." or "ask team to ...", where the verb
    acts on a team. None when the subject is not one word and a team word."""
    first = names[0].lower()
    if (
        len(names) != 2
        or not rules.team_word.fullmatch(names[1])
        or first in rules.stopwords  # "all teams must ...": no one team
    ):
        return None
    return not (
        rules.contact_lead.match(first)
        or rules.person_lead.match(first)
        or rules.alert_artifact.fullmatch(first)
        or first in _ACTS_ON_PEOPLE
        or first in rules.non_owners
    )


def _lower_name(subject: str, rest: str, rules: Rules) -> bool:
    """ "tom to write ...", "priya will add ...": a name typed in lower case.

    Only one word, followed by a verb, and not a word that names a thing
    ("ability to restart", "traffic to drain", "alerts to fire").
    """
    word = subject.lower()
    return (
        _SLUG.fullmatch(word) is not None
        and "-" not in word
        and 2 < len(word) <= 12
        and rules.known_verb.match(rest.lower()) is not None
        and not verbs.is_base_verb(word)
        and word not in rules.stopwords
        and word not in rules.generic_nouns
        and word not in rules.date_words
        and stem(word) not in rules.concept_stems
        and not rules.artifact.fullmatch(word)
        and not rules.system_noun.fullmatch(word)
    )


def read_owner(body: str, rules: Rules) -> OwnerReading:
    """The owner in ``body`` (its due date already blanked out), if any."""
    found: tuple[str, int, int] | None = None
    lead_from = 0
    if marker := _MARKER.match(body):
        body = _blank(body, 0, marker.end())
    if (tag := _TAG.search(body)) is not None:
        found = tag["owner"], tag.start(), tag.end("owner")
        if tag.start() <= 2:
            lead_from = tag.end()
    elif (label := _lead_label(body, rules)) is not None:
        found, lead_from = label, label[2]
    else:
        found = _trailing(body, rules)
    system_subject = None
    subject = _subject(body[lead_from:], rules)
    if subject is not None:
        name, _, end = subject
        if is_system(name, rules):
            system_subject = name
        elif found is None and not _reports_done(body[lead_from:][end:]):
            start = body.index(name, lead_from)
            found = name, start, start + len(name)
        lead_from += end
    if found is None:
        handles = [
            handle
            for handle in _HANDLE.finditer(body)
            if not _TOLD.search(body, 0, handle.start())
        ]
        if handles:
            found = (
                " ".join(h.group() for h in handles),
                handles[0].start(),
                handles[-1].end(),
            )
    if found is None:
        return OwnerReading(None, None, system_subject, body, body[lead_from:])
    owner, start, end = found
    cleaned = body if start < lead_from else _blank(body, start, end)
    lead = cleaned[lead_from:] if lead_from else cleaned
    return OwnerReading(
        _clean(owner, rules), owner.strip(), system_subject, cleaned, lead
    )
