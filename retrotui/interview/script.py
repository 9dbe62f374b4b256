"""The facilitator's script, as data: phases, prompts and open questions.

The TUI and quick mode both read it, so the wording lives in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Phase:
    key: str
    title: str
    purpose: str


PHASES: tuple[Phase, ...] = (
    Phase(
        "stage", "Set the stage", "Who was involved, what was affected, ground rules."
    ),
    Phase(
        "timeline",
        "Timeline",
        "What happened when, from before the incident to after it.",
    ),
    Phase(
        "insights", "Insights", "What went well, what went wrong, where we got lucky."
    ),
    Phase("factors", "Contributing factors", "Several factors, not one root cause."),
    Phase(
        "actions",
        "Action items",
        "A handful of SMART actions, each linked to a factor.",
    ),
    Phase("review", "Review and close", "Check, take away, publish, follow up."),
)
PHASE_KEYS = tuple(phase.key for phase in PHASES)
# A team retrospective (kind "retro") looks back on a stretch of work, not an
# incident: no timeline, no contributing factors.
RETRO_PHASE_KEYS = ("stage", "insights", "actions", "review")


def phase_keys(kind: str) -> tuple[str, ...]:
    """The interview's steps for a document of ``kind`` (a ``Kind`` value)."""
    return RETRO_PHASE_KEYS if kind == "retro" else PHASE_KEYS


GROUND_RULES = "Systems, not people: everyone acted on what they knew then."

# Open, neutral questions per insight list; the TUI shows one at a time.
INSIGHT_QUESTIONS: dict[str, tuple[str, ...]] = {
    "went_well": (
        "What went well in detecting and responding to this?",
        "Which tool, alert or runbook helped the most?",
        "What would you want to keep exactly as it was next time?",
    ),
    "went_wrong": (
        "What went wrong, as seen from the systems involved?",
        "What surprised you?",
        "What would you do differently if you could rewind?",
        "Where did the tooling or documentation let you down?",
    ),
    "lucky": (
        "Where did we get lucky?",
        "What could have made this much worse, and why didn't it happen?",
        "Which safeguard worked only by chance?",
    ),
    "confusing": (
        "What was confusing while it was happening?",
        "What conditions made the decisions seem reasonable at the time?",
        "What information was missing when you needed it?",
    ),
}
INSIGHT_TITLES: dict[str, str] = {
    "went_well": "What went well",
    "went_wrong": "What went wrong",
    "lucky": "Where we got lucky",
    "confusing": "What was confusing",
}
# A retrospective's three lists, kept in the same fields as an incident's.
RETRO_INSIGHT_TITLES: dict[str, str] = {
    "went_well": "What went well",
    "went_wrong": "What could improve",
    "confusing": "What puzzled us",
}
RETRO_INSIGHT_QUESTIONS: dict[str, tuple[str, ...]] = {
    "went_well": (
        "What went well for the team since the last retrospective?",
        "What should we keep doing exactly as we do it now?",
        "Whose help made a difference, and how?",
    ),
    "went_wrong": (
        "What could improve in how we work?",
        "Where did work wait, get stuck or get done twice?",
        "Which tool, process or habit slowed us down?",
    ),
    "confusing": (
        "What puzzled us?",
        "What do we still not understand about our systems or our process?",
        "Which question did nobody know who to ask?",
    ),
}


def insight_titles(kind: str) -> dict[str, str]:
    """The insight lists asked for a document of ``kind``, with their titles."""
    return RETRO_INSIGHT_TITLES if kind == "retro" else INSIGHT_TITLES


def insight_questions(kind: str) -> dict[str, tuple[str, ...]]:
    return RETRO_INSIGHT_QUESTIONS if kind == "retro" else INSIGHT_QUESTIONS


# Asked of each role in turn, so quieter voices are heard too.
ROLE_PROMPTS: dict[str, str] = {
    "responder": "To the responders: what did you see first, and what did you try?",
    "incident_commander": "To the incident commander: how did coordination feel?",
    "support": "To support: what were customers telling you?",
    "manager": "To managers: what did you need to know that was hard to find?",
    "junior": "To newer team members: what was unclear or surprising to you?",
    "facilitator": "To the facilitator: what did you notice from the outside?",
    "observer": "To observers: what stood out to you?",
    "member": "To each team member in turn: what would you add?",
}
# The roles Set the stage offers, first the default: a retrospective has no
# responders or incident commander, an incident no plain team members.
INCIDENT_ROLES = (
    "responder",
    "incident_commander",
    "support",
    "manager",
    "junior",
    "facilitator",
    "observer",
)
RETRO_ROLES = ("member", "manager", "junior", "support", "facilitator", "observer")


def role_choices(kind: str) -> tuple[str, ...]:
    """The participant roles offered for a document of ``kind``."""
    return RETRO_ROLES if kind == "retro" else INCIDENT_ROLES


WHY_PROMPT = "Why did that happen?"
WHY_DEPTH = 5

QUICK_QUESTIONS: dict[str, str] = {
    "title": "What happened? (a short title)",
    "started": "When did it start?",
    "duration": "How long did it last (or when was it resolved)?",
    "impact": "What was the impact?",
    "severity": "Severity?",
    "fix": "What fixed it?",
    "services": "Services or tags (comma separated)?",
    "action": "One follow-up action (optional)?",
}

# A full postmortem is recommended past this, or when the incident was escalated.
FULL_POSTMORTEM_AFTER_MINUTES = 30


# Which phase screen edits a field named by ``lint_postmortem``.
_FIELD_PHASES = (
    (re.compile(r"^(went_well|went_wrong|lucky|confusing)\b"), "insights"),
    (re.compile(r"^factors\b"), "factors"),
    (re.compile(r"^actions\b"), "actions"),
    (re.compile(r"^timeline\b"), "timeline"),
    (re.compile(r"^takeaways\b"), "review"),
)


def field_phase(field: str) -> str:
    """The phase whose screen edits ``field`` (e.g. ``went_wrong[2]``)."""
    for pattern, phase in _FIELD_PHASES:
        if pattern.match(field):
            return phase
    return "stage"
