"""Which heading holds what: section titles in the layouts people use,
mapped to the part of a postmortem they hold."""

from __future__ import annotations

import re
from difflib import get_close_matches

# Heading (lowercased, punctuation dropped) -> role.  Several layouts: retro's
# own export, Google's SRE book template, DFDS's and other public repositories.
_ROLES = {
    "summary": "summary",
    "executive summary": "summary",
    "overview": "summary",
    "incident summary": "summary",
    "description": "summary",
    "what happened": "summary",
    "impact": "impact",
    "customer impact": "impact",
    "user impact": "impact",
    "timeline": "timeline",
    "incident timeline": "timeline",
    "timeline of events": "timeline",
    "contributing factors": "factors",
    "contributing factor": "factors",
    "root causes": "factors",
    "root cause": "factors",
    "root cause analysis": "factors",
    "causes": "factors",
    "cause": "factors",
    "root causes and trigger": "factors",
    "trigger": "trigger",
    "detection": "detection",
    "resolution": "resolution",
    "recovery": "resolution",
    "mitigation": "resolution",
    "action items": "actions",
    "actions": "actions",
    "action plan": "actions",
    "follow up actions": "actions",
    "followup actions": "actions",
    "follow ups": "actions",
    "remediation": "actions",
    "remediations": "actions",
    "corrective actions": "actions",
    "next steps": "actions",
    "lessons learned": "lessons",
    "lessons learnt": "lessons",
    "lessons": "lessons",
    "learnings": "lessons",
    "takeaways": "takeaways",
    "key takeaways": "takeaways",
    "what went well": "went_well",
    "things that went well": "went_well",
    "what went wrong": "went_wrong",
    "things that went wrong": "went_wrong",
    "what didnt go well": "went_wrong",
    "what did not go well": "went_wrong",
    "where we got lucky": "lucky",
    "what was lucky": "lucky",
    "where we got lucky ": "lucky",
    "what was confusing": "confusing",
    # A team retrospective's own questions (retro's report, and the usual
    # "went well / could improve / puzzles" retrospective boards).
    "what could improve": "went_wrong",
    "what could be improved": "went_wrong",
    "what puzzled us": "confusing",
    "puzzles": "confusing",
    "scope": "summary",
    "attendees": "attendees",
    "participants": "attendees",
    "people involved": "attendees",
    "responders": "attendees",
    "stats": "stats",
    "statistics": "stats",
    "metrics": "stats",
    "key metrics": "stats",
    "notes": "notes",
    # retro's own report: the ids are read from its "Related" line.
    "related postmortems": "related",
    # GitLab's and Atlassian's templates, PagerDuty's.
    "impact and metrics": "impact",
    "impact  metrics": "impact",
    "detection and response": "detection",
    "detection  response": "detection",
    "response": "resolution",
    "what can be improved": "went_wrong",
    "what could have gone better": "went_wrong",
    "what didnt go so well": "went_wrong",
    "things that could have gone better": "went_wrong",
    "five whys": "whys",
    "5 whys": "whys",
    "the five whys": "whys",
    "fault": "trigger",
    "leadup": "summary",
    "lead up": "summary",
    "remediation items": "actions",
    "follow up items": "actions",
    "action items and follow ups": "actions",
    "affected services": "services",
    "services affected": "services",
    "authors": "attendees",
}
_DROP = re.compile(r"[^\w\s]")


_REMARK = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def role_of(title: str) -> str | None:
    """The role of a section titled ``title``, or None when it is not known.

    A remark in brackets ("Contributing Factors (findings)") is not part of
    the name, and a typo ("Atendees", "Contributing Factrs") still names it.
    """
    key = " ".join(
        _DROP.sub("", _REMARK.sub("", title.replace("'", ""))).lower().split()
    )
    if key in _ROLES:
        return _ROLES[key]
    close = get_close_matches(key, _ROLES, n=1, cutoff=0.85) if len(key) > 5 else []
    return _ROLES[close[0]] if close else None


# Titles left as the template had them: the real title is the line below.
PLACEHOLDER_TITLE = re.compile(
    r"^(?:incident|postmortem|post-mortem)?\s*(?:title|name)$|^<.*>$|^title here$",
    re.IGNORECASE,
)


# Labels written as "**Impact**: ..." or "Impact: ..." at the start of a line
# (Google's template) stand for a heading of that name.
LABEL_LINE = re.compile(
    r"^[ \t]*(?:\*\*|__)?(?P<label>[A-Za-z][A-Za-z ']{2,30}?)(?:\*\*|__)?[ \t]*:"
    r"[ \t]*(?:\*\*|__)?[ \t]*(?P<rest>.*)$"
)
