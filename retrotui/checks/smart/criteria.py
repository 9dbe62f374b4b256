"""The verdict on each SMART criterion, from the wording and the parsed parts."""

from __future__ import annotations

import re
from datetime import date

from retrotui.checks.smart.clauses import DOCUMENT
from retrotui.checks.smart.owner import is_system
from retrotui.checks.smart.result import Criterion, Parsed
from retrotui.checks.smart.rules import rules
from retrotui.checks.smart.wording import Features
from retrotui.document.duedate import DUE_HELP
from retrotui.lazy_re import lazy

_EXAMPLE = "e.g. 'Add an alert when disk usage on db-* exceeds 85% for 10 minutes'"


def _deliverable(f: Features) -> bool:
    """A named thing the work leaves behind: "... and record it in the runbook"."""
    return f.concrete_clause and (f.artifact is not None or f.detail is not None)


def _fail(message: str, hint: str) -> Criterion:
    return Criterion(False, message, hint)


def specific(f: Features, lead: str) -> Criterion:
    if f.question is not None:
        return _fail(
            "A question, not a change: what will answer it, and where?",
            "Say what the work produces: 'load-test the query and write the result "
            "in the team repo', then the change it leads to",
        )
    for phrase, why in (
        (f.behaviour, "asks people to behave differently"),
        (f.hedge, "is a maybe, not a commitment"),
    ):
        if phrase is not None:
            return _fail(
                f"'{phrase}' {why}",
                "Commit to one change to a system or process, " + _EXAMPLE,
            )
    if f.person is not None:
        return _fail(
            f"'{f.person}' changes a person, not a system",
            "Change what made the slip easy: a guard, a check, a safer default",
        )
    if f.vague_phrase is not None:
        return _fail(
            f"'{f.vague_phrase}' does not say what the change is",
            "Replace it with the exact change and its value, " + _EXAMPLE,
        )
    talk = f.deliberation or f.contact
    if talk is not None:
        if _deliverable(f):
            return Criterion(True, "Names what the conversation will produce", "")
        if f.purpose is not None:
            return Criterion(True, f"Names the change asked for: '{f.purpose}'", "")
        return _fail(
            f"'{talk}' is a conversation, not a change",
            "Say what it will produce and where: 'record the answer in the runbook', "
            "'write up 3 options with a recommendation'",
        )
    if f.vague_lead is not None:
        if _deliverable(f):
            return Criterion(True, "Names what the work will produce", "")
        if f.watched is not None:
            return Criterion(True, f"Says what to watch: {f.watched}", "")
        if f.figure is not None and f.artifact is not None and not f.result_figure:
            return Criterion(True, f"The target and the {f.artifact} say what", "")
        if f.figure is not None:
            return _fail(
                f"'{f.vague_lead}' gives a target to reach, not the change that "
                "reaches it",
                "Name the change: which setting, which alert, which fix",
            )
        return _fail(
            f"'{f.vague_lead}' alone does not say what will change",
            f"Say what '{f.vague_lead.lower()}' will produce (an alert, a setting, "
            "a written report), " + _EXAMPLE,
        )
    if f.comparative is not None and f.outcome is not None:
        return _fail(
            f"'{f.comparative} {f.outcome}' is a result to reach, not a change",
            "Name the change that gets there: which setting, alert or fix",
        )
    if f.target is not None and f.concrete_lead is not None:
        return _fail(
            f"'{f.target}' is a result to reach, not a change",
            "Name the change that gets there: which setting, alert or fix",
        )
    if f.absolute is not None and not f.concrete_clause:
        return _fail(
            f"'{f.absolute}' is a promise, not a change",
            "Name the change that makes it less likely: a guard, a check, an alert",
        )
    if f.concrete_lead is None:
        if _deliverable(f):
            return Criterion(True, "Names a concrete change", "")
        first = lead.split(" ", 1)[0] if lead else ""
        return _fail(
            f"No action verb: '{first}' does not say what will be done"
            if first
            else "No action given",
            "Start with what will change: 'Add ...', 'Set ...', 'Remove ...', "
            "'Pin ...'",
        )
    if f.vague_object is not None and not (
        f.figure is not None or f.artifact_beside_vague
    ):
        return _fail(
            f"'{f.vague_object}' is a goal, not a change",
            "Name the piece that will exist afterwards: which alert, which check, "
            "which dashboard panel",
        )
    if f.bare:
        return _fail(
            f"'{f.concrete_lead}' what, where? Nothing says which one or how",
            "Say what changes, where and under which condition, " + _EXAMPLE,
        )
    return Criterion(True, f"Says what changes: '{f.concrete_lead}'", "")


def measurable(f: Features) -> Criterion:
    if f.watched is not None and f.figure is None:
        return _fail(
            f"Watching {f.watched} has no condition: when does it alert?",
            "Give the threshold and duration, e.g. 'timeouts above 1% for 5 minutes'",
        )
    if f.vague_lead is not None and f.figure is None and not _deliverable(f):
        return _fail(
            "Nothing to check when it is done",
            "Name what it produces: an alert, a setting, a written report",
        )
    if f.question is not None:
        return _fail(
            "Nothing to check when the question is answered",
            "Name the write-up or test that will answer it",
        )
    talk = f.deliberation or f.contact
    if talk is not None and f.figure is None and not _deliverable(f):
        return _fail(
            f"'{talk}' leaves nothing to check afterwards",
            "Say what it will produce and where: 'record the answer in the "
            "capacity doc', 'write the agreed values into alerts.yaml'",
        )
    if f.bare or (f.vague_phrase is not None and f.figure is None):
        return _fail(
            "Nothing to check when it is done",
            "Name what will exist afterwards and how to tell: a threshold, a "
            "setting's value, a runbook section",
        )
    if f.alert_without_condition:
        return _fail(
            "The alert has no condition: when does it fire?",
            "Give the threshold and duration, e.g. 'lag over 30 s for 5 minutes'",
        )
    if f.figure is not None:
        return Criterion(True, f"Has a figure to check: {f.figure}", "")
    if f.version is not None and f.state_lead:
        return Criterion(True, f"Checkable: version {f.version}", "")
    if f.behaves is not None and f.concrete_lead is not None:
        return Criterion(True, f"Done when it does this: '{f.behaves}'", "")
    if f.comparative is not None:
        return _fail(
            f"'{f.comparative}' to what? No target value is given",
            "Give the target value: 'from 2 s to 5 s', 'to 300 seconds', 'below 1%'",
        )
    if f.change_lead is not None and not DOCUMENT.search(f.artifact or ""):
        return _fail(
            f"'{f.change_lead}' says what changes but not to what",
            "Give the new value: 'from 02:00 to 06:00 UTC', 'to 50 QPS'",
        )
    if f.unvalued is not None and f.concrete_lead is not None:
        return _fail(
            f"'{f.unvalued}' without its value: to what?",
            "Give the value: 'at 100 requests per second per key', 'to 30 s'",
        )
    if f.vague_quantity is not None:
        return _fail(
            f"'{f.vague_quantity}' is not a number",
            "Put the number in: 'above 85%', 'more than 3 restarts in 10 minutes'",
        )
    changes = f.concrete_lead is not None or f.concrete_clause
    if f.artifact is not None and changes and f.artifact_beside_vague:
        artifact = f.artifact.lower()
        plural = artifact.endswith("s") and not artifact.endswith(("ss", "us", "is"))
        verb = "are" if plural else "is"
        return Criterion(True, f"Done when the {artifact} {verb} in place", "")
    if f.artifact_verb:
        return Criterion(True, "Done when the document is written", "")
    if f.huge_scope is not None and f.concrete_lead is not None:
        return Criterion(True, "Done when the move is complete", "")
    if f.concrete_lead is not None and f.detail is not None:
        return Criterion(True, f"Done when {f.detail} is in place", "")
    if f.state_lead and (f.vague_object is None or f.artifact_beside_vague):
        return Criterion(True, "Done when the new setting is in place", "")
    # "enforce MFA for all console logins via an SCP": a change spelled out in
    # full (what, to what, where) is done when it is in place.
    if f.concrete_lead is not None and f.content_words >= 5 and f.vague_object is None:
        return Criterion(True, "Done when the change it spells out is in place", "")
    return _fail(
        "Nothing to check when it is done",
        "Add a number or threshold, or name the artifact: an alert, a CI check, "
        "a runbook section, a dashboard panel, a config setting",
    )


def achievable(f: Features, due: date | None, as_of: date) -> Criterion:
    r = rules()
    if f.absolute is not None:
        return Criterion(
            False,
            f"'{f.absolute}' is a promise no change can keep",
            "Aim at a measurable reduction: 'page within 5 minutes', "
            "'error rate below 0.1%'",
        )
    if due is not None and (due - as_of).days > r.max_days_ahead:
        return Criterion(
            False,
            f"{due.isoformat()} is more than a year out; it will be forgotten",
            "Cut it into a first step that lands within a quarter",
        )
    if f.huge_scope is not None:
        scope = f.huge_scope
        if due is None:
            return Criterion(
                False,
                f"'{scope}' has no end in sight",
                "Cut it into a first step that fits a few weeks, with its own date",
            )
        if (due - as_of).days < r.huge_scope_min_days:
            return Criterion(
                False,
                f"'{scope}' by {due.isoformat()} is too much for the time",
                "Cut it into a first step that fits the date, or move the date",
            )
    if due is None:
        return Criterion(None, "Cannot judge the timing without a due date", "")
    return Criterion(True, "No absolute promise; scope fits the date", "")


def time_bound(parsed: Parsed, given: str | None, as_of: date) -> Criterion:
    if parsed.due_choices:
        options = " or ".join(
            day.strftime("%a %-d %b %Y") for day in parsed.due_choices
        )
        what = parsed.due_text or given or "the date"
        if len(parsed.due_choices) == 1:
            return Criterion(
                None,
                f"'{what.strip()}' is not a day: is {options} right?",
                "Type the day itself, e.g. " + parsed.due_choices[0].isoformat(),
            )
        return Criterion(
            None,
            f"'{what.strip()}' could be {options}: which one?",
            "Type it as " + " or ".join(d.isoformat() for d in parsed.due_choices),
        )
    if parsed.due is None:
        vague = (given.strip() if given is not None else None) or parsed.vague_due
        if vague:
            return Criterion(False, f"'{vague}' is not a date", DUE_HELP)
        return Criterion(False, "No due date", DUE_HELP)
    days = (parsed.due - as_of).days
    if days <= 0:
        when = "today" if days == 0 else "in the past"
        return Criterion(
            False,
            f"Due {parsed.due.isoformat()} is {when}",
            "Pick a date after today: " + DUE_HELP,
        )
    unit = "day" if days == 1 else "days"
    weekday = parsed.due.strftime("%A")
    return Criterion(
        True, f"Due {weekday} {parsed.due.isoformat()} (in {days} {unit})", ""
    )


_HINT = "Name one person (@handle) or one named team, e.g. 'Team Payments'"
_SPLIT_OWNERS = lazy(r"\s*(?:,|;|/|&|\+|\band\b|\bor\b)\s*", re.IGNORECASE)
_HANDLE = lazy(r"(?<![\w.])@[A-Za-z0-9][\w.-]*\w")
_ROTATION_WORDS = lazy(
    r"[\s_-]*\b(?:primary|secondary|backup)?[\s_-]*on[\s_-]?call(?:er)?s?\b[\s_-]*"
    r"|\b(?:primary|secondary|rota|rotation|pager)\b",
    re.IGNORECASE,
)


def _team_behind(rotation: str) -> str:
    """ "search-oncall" -> "the search team"; "" when the rotation names no team."""
    team = _ROTATION_WORDS.sub(" ", rotation).strip(" -_")
    team = re.sub(r"^(?:the|whoever|is|on)\b\s*", "", team, flags=re.IGNORECASE)
    return f"the {team} team" if team else ""


def owner_criterion(owner: str | None, system_subject: str | None) -> Criterion:
    r = rules()
    if owner is None or not owner.strip(" .,-"):
        if system_subject:
            return Criterion(
                False,
                f"'{system_subject}' is a system; it cannot be accountable",
                "Name the team that owns it",
            )
        return Criterion(False, "No owner", _HINT)
    owner = owner.strip()
    lowered = " ".join(owner.lower().split())
    bare = re.sub(r"^the\s+", "", lowered)
    if lowered in r.non_owners or bare in r.non_owners:
        return Criterion(False, f"'{owner}' is not one accountable owner", _HINT)
    if r.rotation.search(lowered):
        team = _team_behind(owner)
        return Criterion(
            False,
            f"'{owner}' is a rotation: whoever is on call changes before the "
            "item is done",
            f"Name the team behind it, e.g. '{team}'" if team else _HINT,
        )
    parts = [p for p in _SPLIT_OWNERS.split(owner) if p.strip()]
    if len(_HANDLE.findall(owner)) > 1 or len(parts) > 1:
        return Criterion(
            False, f"'{owner}' is more than one owner", "Pick the one accountable"
        )
    if is_system(owner, r):
        return Criterion(
            False, f"'{owner}' is a system; it cannot be accountable", _HINT
        )
    return Criterion(True, f"Owner: {owner}", "")
