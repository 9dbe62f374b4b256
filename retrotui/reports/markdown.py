"""The shareable Markdown report, in the order of Google's SRE postmortem template."""

from __future__ import annotations

import re
from datetime import date

from retrotui.document.models import (
    ActionItem,
    FactorKind,
    Postmortem,
    format_duration,
)

_INLINE = re.compile(r"([\\`*_{}\[\]<>|~#])")
_LINE_START = re.compile(r"^(\s*)([-+>=]|\d+[.)])(\s|$)")

FACTOR_KIND_LABELS = {
    FactorKind.trigger: "Trigger",
    FactorKind.enabling: "Enabling condition",
    FactorKind.detection: "Detection gap",
    FactorKind.response: "Response gap",
}


def escape(text: str) -> str:
    """User text as literal Markdown: no emphasis, links, HTML or headings."""
    lines = []
    for line in text.splitlines() or [""]:
        line = _INLINE.sub(r"\\\1", line)
        lines.append(_LINE_START.sub(r"\1\\\2\3", line))
    return "\n".join(lines)


def cell(text: str) -> str:
    """User text inside a table cell: one line, pipes escaped."""
    return escape(" ".join(text.split())) or " "


def _label(value: str) -> str:
    return value.replace("_", " ")


class _People:
    """Shows people by name only when they agreed to be named."""

    def __init__(self, pm: Postmortem) -> None:
        self._hidden = {
            p.name.casefold(): _label(p.role.value)
            for p in pm.participants
            if not p.consent_named
        }

    def __call__(self, name: str) -> str:
        return self._hidden.get(name.strip().casefold(), name)


def to_markdown(pm: Postmortem, as_of: date | None = None) -> str:
    """Render ``pm`` as a Markdown report; ``as_of`` marks overdue actions."""
    today = as_of or date.today()
    person = _People(pm)
    out: list[str] = [f"# {escape(pm.title)}", ""]
    meta = [
        ("Id", pm.id),
        ("Kind", _label(pm.kind.value)),
        ("Severity", pm.severity.value.upper()),
        ("Status", _label(pm.status.value)),
        ("Date", pm.incident_date().isoformat()),
        ("Services", ", ".join(pm.services)),
        ("Tags", ", ".join(pm.tags)),
        ("Tickets", ", ".join(pm.tickets)),
        ("Changes", ", ".join(pm.changes)),
        ("Facilitator", person(pm.facilitator) if pm.facilitator else ""),
        ("Follow-up review", pm.follow_up_on.isoformat() if pm.follow_up_on else ""),
        ("Promoted from", pm.promoted_from),
        ("Promoted to", pm.promoted_to),
        ("Related", ", ".join(pm.related)),
    ]
    out += [f"- **{key}:** {escape(value)}" for key, value in meta if value]
    out.append("")

    def section(title: str, body: list[str]) -> None:
        out.extend([f"## {title}", "", *(body or ["_None recorded._"]), ""])

    section("Summary", [escape(pm.summary)] if pm.summary else [])
    section("Impact", [escape(pm.impact)] if pm.impact else [])
    section("Contributing factors", _factors(pm))
    triggers = [f for f in pm.factors if f.kind is FactorKind.trigger]
    section("Trigger", [f"- {escape(f.text)}" for f in triggers])
    section("Detection", [escape(pm.detection)] if pm.detection else [])
    section("Resolution", [escape(pm.resolution)] if pm.resolution else [])
    section("Action items", _actions(pm, person, today))
    out += ["## Lessons learned", ""]
    for title, items in (
        ("What went well", pm.went_well),
        ("What went wrong", pm.went_wrong),
        ("Where we got lucky", pm.lucky),
        ("What was confusing", pm.confusing),
    ):
        out += [f"### {title}", ""]
        out += [f"- {escape(item)}" for item in items] or ["_None recorded._"]
        out.append("")
    if pm.takeaways:
        section("Takeaways", [f"- {escape(item)}" for item in pm.takeaways])
    section("Timeline", _timeline(pm))
    section(
        "Participants",
        [f"- {escape(p.display())}" for p in pm.participants],
    )
    return "\n".join(out).rstrip() + "\n"


def factor_labels(pm: Postmortem) -> dict[str, str]:
    """``F1``, ``F2``... by position: what readers see instead of internal ids."""
    return {factor.id: f"F{number}" for number, factor in enumerate(pm.factors, 1)}


def _factors(pm: Postmortem) -> list[str]:
    lines = []
    labels = factor_labels(pm)
    for factor in pm.factors:
        kind = FACTOR_KIND_LABELS[factor.kind]
        lines.append(
            f"- **{labels[factor.id]} {kind}** ({factor.category.value}): "
            f"{escape(factor.text)}"
        )
        lines += [
            f"  {depth}. Why? {escape(why)}" for depth, why in enumerate(factor.whys, 1)
        ]
    return lines


def _actions(pm: Postmortem, person: _People, today: date) -> list[str]:
    if not pm.actions:
        return []
    labels = factor_labels(pm)
    rows = [
        "| Action | Type | Priority | Owner | Due | Status | Factors |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for item in pm.actions:
        rows.append(
            "| "
            + " | ".join(
                [
                    cell(
                        item.text
                        + (f" (done when: {item.done_when})" if item.done_when else "")
                    ),
                    item.type.value,
                    item.priority.value,
                    cell(person(item.owner)) if item.owner else "**none**",
                    _due(item, today),
                    _label(item.status.value)
                    + (f" {cell(item.tracker)}" if item.tracker else ""),
                    ", ".join(labels[f] for f in item.factor_ids if f in labels) or " ",
                ]
            )
            + " |"
        )
    return rows


def _due(item: ActionItem, today: date) -> str:
    if item.due is None:
        return cell(item.due_text) if item.due_text else "**none**"
    text = item.due.isoformat()
    return f"**{text} OVERDUE**" if item.is_overdue(today) else text


def _timeline(pm: Postmortem) -> list[str]:
    if not pm.timeline:
        return []
    zone = pm.sorted_timeline()[0].at.strftime("%Z") or "local time"
    lines = [
        f"All times {zone}.",
        "",
        "| Time | Event | Milestone |",
        "| --- | --- | --- |",
    ]
    for event in pm.sorted_timeline():
        milestone = f"**{event.milestone.value}**" if event.milestone else " "
        text = cell(event.text)
        if event.link:
            text += f" ({cell(event.link)})"
        lines.append(f"| {event.at:%Y-%m-%d %H:%M} | {text} | {milestone} |")
    lines += [
        "",
        f"- Time to detect: {format_duration(pm.time_to_detect)}",
        f"- Time to acknowledge: {format_duration(pm.time_to_acknowledge)}",
        f"- Time to mitigate: {format_duration(pm.time_to_mitigate)}",
        f"- Time to resolve: {format_duration(pm.time_to_resolve)}",
    ]
    lines += [f"- Warning: {escape(w)}" for w in pm.milestone_warnings()]
    return lines
