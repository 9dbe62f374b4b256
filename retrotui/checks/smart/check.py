"""One SMART check: parse the item's text, read its wording, judge each criterion."""

from __future__ import annotations

import re
from datetime import date

from retrotui.checks.smart.clauses import read_clauses
from retrotui.checks.smart.criteria import (
    achievable,
    measurable,
    owner_criterion,
    specific,
    time_bound,
)
from retrotui.checks.smart.due import locate_due
from retrotui.checks.smart.lead import ADVERB
from retrotui.checks.smart.owner import read_owner
from retrotui.checks.smart.relevance import relevant
from retrotui.checks.smart.result import REQUIRED, Parsed, SmartResult
from retrotui.checks.smart.rules import rules
from retrotui.checks.smart.wording import features
from retrotui.document.duedate import read_due
from retrotui.lazy_re import lazy

_HEADING = lazy(r"\s*\*\*(?P<title>[^*]{3,}?)\*\*\s*:\s*\S")
# Emphasis marks; an underscore inside a name ("customer_id") is part of it.
_MARKUP = lazy(r"[*`]+|(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9])")
_LEAD_NOISE = lazy(
    r"^(?:[\s\-—–*•:,.>|]+|(?:to|please|pls|plz|then|also|we need to|needs? to|"
    r"will|shall|is going to|are going to|should|must|has to|have to|can|could|we|"
    r"let's|lets|and|todo|action|ai|prob|prolly)\b[\s:.-]*|" + ADVERB + ")+",
    re.IGNORECASE,
)


_TOPIC = lazy(r"[\w./*-]{1,24}:\s+")


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def parse(text: str, owner: str | None, due: str | None, as_of: date) -> Parsed:
    """The item's owner, due date and remaining words; given fields win."""
    r = rules()
    body = " ".join(_MARKUP.sub("", text).split())
    due_text, due_date, choices = None, None, ()
    if due is not None:
        reading = read_due(due, as_of)
        due_text = due
        if reading is not None:
            due_date, choices = reading.date, reading.choices
    else:
        found = locate_due(body, as_of)
        if found is not None:
            start, end, reading = found
            due_text = body[start:end]
            due_date, choices = reading.date, reading.choices
            body = _blank(body, start, end)
    # Vague dates ("asap", "soon") are not owners nor part of the action.
    vague = r.vague_due.search(body)
    scan = r.vague_due.sub(
        lambda m: (
            m.group() if m.group().lower() in r.non_owners else " " * len(m.group())
        ),
        body,
    )
    reading_owner = read_owner(scan, r)
    lead = _LEAD_NOISE.sub("", " ".join(reading_owner.lead.split())).lower()
    # "cfg: set ...", "kafka: raise ...": a topic before the action, not its verb.
    topic = _TOPIC.match(lead)
    if topic is not None and r.known_verb.match(lead[topic.end() :]):
        lead = lead[topic.end() :]
    return Parsed(
        owner=owner if owner is not None else reading_owner.owner,
        owner_text=None if owner is not None else reading_owner.text,
        system_subject=reading_owner.system_subject,
        due_text=due_text,
        due=due_date,
        due_choices=choices,
        vague_due=vague.group() if vague else None,
        body=" ".join((body if owner is not None else reading_owner.body).split()),
        lead=lead,
    )


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
    parsed = parse(text, owner, due, as_of)
    # "**Add X**: why it matters ...": the heading is the item, the rest its
    # rationale: "... will ensure this never happens" promises nothing, but
    # "each repository should have ..." tells the scope of the work.
    heading = _HEADING.match(text)
    worded = parse(heading["title"], owner, due, as_of) if heading else parsed
    found = features(worded.body, worded.lead)
    read_clauses(found, worded.body, worded.lead)
    if heading is not None:
        found.huge_scope = found.huge_scope or features(parsed.body, "").huge_scope
    criteria = {
        "specific": specific(found, worded.lead),
        "measurable": measurable(found),
        "achievable": achievable(found, parsed.due, as_of),
        "relevant": relevant(found, parsed.body, factor),
        "time_bound": time_bound(parsed, due, as_of),
        "owner": owner_criterion(parsed.owner, parsed.system_subject),
    }
    ok = all(c.ok is not False for c in criteria.values()) and all(
        criteria[name].ok is True for name in REQUIRED
    )
    return SmartResult(
        ok=ok,
        owner=parsed.owner.strip() if parsed.owner else None,
        due=parsed.due,
        criteria=criteria,
        owner_text=parsed.owner_text,
        due_text=None if due is not None else parsed.due_text,
        due_choices=parsed.due_choices,
    )
