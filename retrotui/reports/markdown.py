"""The shareable Markdown report, in the order of Google's SRE postmortem template."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from retrotui.checks.readiness import item_gaps
from retrotui.document.approx import when_text
from retrotui.document.models import (
    DURATION_NAMES,
    ActionItem,
    ActionStatus,
    FactorKind,
    Participant,
    Postmortem,
    Role,
    Severity,
    duration_text,
)
from retrotui.document.schema import Kind
from retrotui.interview.script import RETRO_INSIGHT_TITLES
from retrotui.reports.md_text import (
    CELL_BREAK,
    escape_block,
    escape_cell,
    escape_inline,
)

FACTOR_KIND_LABELS = {
    FactorKind.trigger: "Trigger",
    FactorKind.enabling: "Enabling condition",
    FactorKind.detection: "Detection gap",
    FactorKind.response: "Response gap",
}
# A factor the team wrote as a question it had not answered yet.
OPEN_QUESTION = ", open question"
# Under a timeline with times not known to the minute.
APPROXIMATE_NOTE = (
    "Times with ?? are known only that far (or not at all): no duration is "
    "worked out from them."
)
SEVERITY_UNKNOWN = "unknown (not recorded)"
# The Kind line in words where the value is not one ("retro" is read back).
KIND_LABELS = {Kind.retro: "team retrospective"}
# What a team retrospective looked back on: its summary, under its own name.
SCOPE = "Scope"
# The continuation indent of a "- " list item's content.
ITEM = "  "


def _item(text: str) -> str:
    return f"- {escape_block(text, ITEM)}"


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


def to_markdown(
    pm: Postmortem,
    as_of: date | None = None,
    related: Mapping[str, tuple[str, str]] | None = None,
) -> str:
    """Render ``pm`` as a Markdown report; ``as_of`` marks overdue actions;
    ``related`` gives the title and date of linked postmortems by id."""
    today = as_of or date.today()
    person = _People(pm)
    out: list[str] = [f"# {escape_inline(pm.title)}", ""]
    retro = pm.kind is Kind.retro
    meta = [
        ("Id", pm.id),
        ("Kind", KIND_LABELS.get(pm.kind, _label(pm.kind.value))),
        # A retrospective has no severity: shown only if one was set apart
        # from the default (nothing stored is left out of the report).
        (
            "Severity",
            "" if retro and pm.severity is Severity.sev3 else severity_text(pm),
        ),
        ("Status", _label(pm.status.value)),
        ("Date", pm.incident_date().isoformat()),
        ("Services", ", ".join(pm.services)),
        ("Category", pm.category),
        ("Tags", ", ".join(pm.tags)),
        ("Tickets", ", ".join(pm.tickets)),
        ("Changes", ", ".join(pm.changes)),
        ("Facilitator", person(pm.facilitator) if pm.facilitator else ""),
        ("Follow-up review", pm.follow_up_on.isoformat() if pm.follow_up_on else ""),
        ("Promoted from", pm.promoted_from),
        ("Promoted to", pm.promoted_to),
        # Ids only here (read back by an import); titles in their own section.
        ("Related", ", ".join(pm.related)),
    ]
    out += [f"- **{key}:** {escape_inline(value)}" for key, value in meta if value]
    out.append("")

    def section(title: str, body: list[str]) -> None:
        out.extend([f"## {title}", "", *(body or ["_None recorded._"]), ""])

    if retro:
        _retro_body(pm, section, _actions(pm, person, today))
    else:
        _incident_body(pm, out, section, _actions(pm, person, today))
    section("Participants", participant_lines(pm.participants))
    if pm.related:
        section("Related postmortems", _related(pm.related, related or {}))
    if pm.notes:
        section("Notes", [escape_block(pm.notes)])
    if pm.conflicts:
        section("Conflicting edits to reconcile", _conflicts(pm))
    out.append(identities(pm))
    return "\n".join(out).rstrip() + "\n"


Section = Callable[[str, list[str]], None]


def _items(items: list[str]) -> list[str]:
    return [_item(item) for item in items]


def _retro_body(pm: Postmortem, section: Section, actions: list[str]) -> None:
    """A team retrospective: what it looked back on, the three questions the
    team answered, its action items and takeaways. An incident's parts appear
    only when they hold something (kept from before the kind changed)."""
    section(SCOPE, [escape_block(pm.summary)] if pm.summary else [])
    for field, title in RETRO_INSIGHT_TITLES.items():
        section(title, _items(getattr(pm, field)))
    section("Action items", actions)
    section("Takeaways", _items(pm.takeaways))
    for title, body in (
        ("Impact", [escape_block(pm.impact)] if pm.impact else []),
        ("Where we got lucky", _items(pm.lucky)),
        ("Contributing factors", _factors(pm)),
        ("Detection", [escape_block(pm.detection)] if pm.detection else []),
        ("Resolution", [escape_block(pm.resolution)] if pm.resolution else []),
        ("Timeline", _timeline(pm)),
    ):
        if body:
            section(title, body)


def _incident_body(
    pm: Postmortem, out: list[str], section: Section, actions: list[str]
) -> None:
    """An incident, in the order of Google's SRE postmortem template."""
    section("Summary", [escape_block(pm.summary)] if pm.summary else [])
    section("Impact", [escape_block(pm.impact)] if pm.impact else [])
    section("Contributing factors", _factors(pm))
    triggers = [f for f in pm.factors if f.kind is FactorKind.trigger]
    section("Trigger", [_item(f.text) for f in triggers])
    section("Detection", [escape_block(pm.detection)] if pm.detection else [])
    section("Resolution", [escape_block(pm.resolution)] if pm.resolution else [])
    section("Action items", actions)
    # A write-up's "Lessons Learned" list is read in as takeaways: they lead
    # this section, where a reader of the original looks for them.
    out += ["## Lessons learned", ""]
    if pm.takeaways:
        out += ["### Takeaways", "", *(_item(t) for t in pm.takeaways), ""]
    for title, items in (
        ("What went well", pm.went_well),
        ("What went wrong", pm.went_wrong),
        ("Where we got lucky", pm.lucky),
        ("What was confusing", pm.confusing),
    ):
        out += [f"### {title}", ""]
        out += _items(items) or ["_None recorded._"]
        out.append("")
    section("Timeline", _timeline(pm))


def _related(ids: list[str], known: Mapping[str, tuple[str, str]]) -> list[str]:
    lines = []
    for pm_id in ids:
        if pm_id in known:
            title, day = known[pm_id]
            lines.append(f"- {escape_inline(pm_id)}: {escape_inline(title)} ({day})")
        else:
            lines.append(f"- {escape_inline(pm_id)}")
    return lines


def role_noun(role: Role, count: int) -> str:
    """``responder`` / ``responders``, ``incident commanders``, ``support``."""
    label = _label(role.value)
    return label if count == 1 or role is Role.support else f"{label}s"


def participant_lines(people: list[Participant]) -> list[str]:
    """One line per role, in the order roles first appear: everyone counted,
    only those who agreed named ("4 responders (EC, MM named with consent)").
    A comma inside a name is escaped so the names read back one by one."""
    groups: dict[Role, list[Participant]] = {}
    for person in people:
        groups.setdefault(person.role, []).append(person)
    lines = []
    for role, group in groups.items():
        line = f"- {len(group)} {role_noun(role, len(group))}"
        named = [
            escape_inline(p.name).replace(",", "\\,") for p in group if p.consent_named
        ]
        if named:
            line += f" ({', '.join(named)} named with consent)"
        lines.append(line)
    return lines


def identities(pm: Postmortem) -> str:
    """What the report does not show but ``retro import`` needs to give back
    the same document: item ids, exact times, links and done-when conditions,
    in an HTML comment (invisible when rendered; user text cannot close it,
    since ``<`` and ``>`` are escaped everywhere)."""
    import orjson

    data = {
        "created": pm.created.isoformat(),
        "updated": pm.updated.isoformat(),
        "timeline": [
            [e.id, e.at.isoformat(), e.link, e.source] for e in pm.sorted_timeline()
        ],
        "factors": [f.id for f in pm.factors],
        "actions": [[a.id, a.done_when, a.due_text, a.steps] for a in pm.actions],
    }
    text = orjson.dumps(data).decode().replace("--", "\\u002d\\u002d")
    return f"<!-- retro-identities {text} -->"


def factor_labels(pm: Postmortem) -> dict[str, str]:
    """``F1``, ``F2``... by position: what readers see instead of internal ids."""
    return {factor.id: f"F{number}" for number, factor in enumerate(pm.factors, 1)}


def _factors(pm: Postmortem) -> list[str]:
    lines = []
    labels = factor_labels(pm)
    for factor in pm.factors:
        kind = FACTOR_KIND_LABELS[factor.kind]
        if is_open_question(factor.text):
            # Written as a question the team had not answered: said so,
            # not turned into a finding.
            kind += OPEN_QUESTION
        lines.append(
            f"- **{labels[factor.id]} {kind}** ({factor.category.value}): "
            f"{escape_block(factor.text, ITEM)}"
        )
        for depth, why in enumerate(factor.whys, 1):
            marker = f"{ITEM}{depth}. "
            lines.append(f"{marker}Why? {escape_block(why, ' ' * len(marker))}")
    return lines


def steps_cell(steps: list[str]) -> str:
    """An item's sub-steps after its text in the table cell: ``<br>1. Drain``."""
    return "".join(
        f"{CELL_BREAK}{number}. {escape_cell(step)}"
        for number, step in enumerate(steps, 1)
    )


def is_open_question(text: str) -> bool:
    """A factor phrased as a question ("Why was no alert sent?")."""
    return text.rstrip().endswith("?")


def _actions(pm: Postmortem, person: _People, today: date) -> list[str]:
    if not pm.actions:
        return []
    labels = factor_labels(pm)
    # A retrospective links no factors: no column for them, unless it has some.
    linked = pm.kind is not Kind.retro or bool(pm.factors)
    columns = ["Action", "Type", "Priority", "Owner", "Due", "Status"]
    columns += ["Factors"] if linked else []
    rows = [
        f"| {' | '.join(columns)} |",
        f"| {' | '.join('---' for _ in columns)} |",
    ]
    for item in pm.actions:
        cells = [
            escape_cell(
                item.text
                + (f" (done when: {item.done_when})" if item.done_when else "")
            )
            + steps_cell(item.steps),
            item.type.value,
            item.priority.value,
            escape_cell(person(item.owner)) if item.owner else "**none**",
            _due(item, today),
            _label(item.status.value)
            + (f" {escape_cell(item.tracker)}" if item.tracker else ""),
        ]
        if linked:
            cells.append(
                ", ".join(labels[f] for f in item.factor_ids if f in labels) or " "
            )
        rows.append(f"| {' | '.join(cells)} |")
    # A write-up published as it was written keeps its gaps in view: nothing
    # is invented to fill them. By number only: the row above has the text.
    gaps = [
        f"- Action {number}: {'; '.join(found)}"
        for number, item in enumerate(pm.actions, 1)
        if item.status is ActionStatus.open and (found := item_gaps(pm, item, today))
    ]
    if gaps:
        rows += ["", "SMART gaps, as written:", "", *gaps]
    return rows


def _due(item: ActionItem, today: date) -> str:
    if item.due is None:
        return escape_cell(item.due_text) if item.due_text else "**none**"
    text = item.due.isoformat()
    return f"**{text} OVERDUE**" if item.is_overdue(today) else text


def _conflicts(pm: Postmortem) -> list[str]:
    """Both versions of each field two writers changed, so neither is lost."""
    return [
        _item(f"{c.field}: kept “{c.mine}”; the other writer saved “{c.theirs}”")
        for c in pm.conflicts
    ]


def severity_text(pm: Postmortem) -> str:
    """``SEV2``; ``unknown (not recorded)`` for a write-up that gave none."""
    if pm.severity is Severity.unknown:
        return SEVERITY_UNKNOWN
    return pm.severity.value.upper()


def _timeline(pm: Postmortem) -> list[str]:
    if not pm.timeline and not pm.stated_minutes:
        return []
    if not pm.timeline:
        return [
            f"- Time to {DURATION_NAMES[m]}: {duration_text(None, pm.stated(m))}"
            for m in DURATION_NAMES
            if m in pm.stated_minutes
        ]
    # Events typed in other zones ("14:05 CET") are shown in the first
    # event's zone, so one "All times ..." line is true of every row.
    first = pm.sorted_timeline()[0].at
    zone = first.strftime("%Z") or "local time"
    lines = [
        f"All times {zone}.",
        "",
        "| Time | Event | Milestone |",
        "| --- | --- | --- |",
    ]
    for event in pm.sorted_timeline():
        milestone = f"**{event.milestone.value}**" if event.milestone else " "
        text = escape_cell(event.text)
        if event.link:
            text += f" ({escape_cell(event.link)})"
        assert first.tzinfo is not None
        at = when_text(event.at, event.precision, first.tzinfo, short=False)
        lines.append(f"| {at} | {text} | {milestone} |")
    lines.append("")
    lines += [
        f"- Time to {name}: {duration_text(pm.time_to(m), pm.stated(m))}"
        for m, name in DURATION_NAMES.items()
    ]
    if any(not e.exact for e in pm.timeline):
        lines.append(f"- {APPROXIMATE_NOTE}")
    lines += [f"- Warning: {escape_inline(w)}" for w in pm.milestone_warnings()]
    return lines
