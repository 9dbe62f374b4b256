"""retro's own Markdown report (``retro export ID --format md``) read back:
the exact inverse of ``reports/markdown.py``, with the identities comment it
ends with giving back item ids and exact times."""

from __future__ import annotations

import re
from typing import Any

import orjson

from retrotui.document.ids import new_item_id
from retrotui.document.schema import (
    ActionStatus,
    ActionType,
    FactorCategory,
    Priority,
    Role,
)
from retrotui.importing.blocks import Document, Section
from retrotui.importing.report import Report
from retrotui.reports.markdown import (
    FACTOR_KIND_LABELS,
    KIND_LABELS,
    OPEN_QUESTION,
    SEVERITY_UNKNOWN,
    role_noun,
    steps_cell,
)
from retrotui.reports.md_text import unescape

_META = re.compile(r"^\*\*(?P<key>[A-Za-z -]+):\*\* ?(?P<value>.*)$", re.S)
_FACTOR = re.compile(
    rf"^\*\*F(?P<n>\d+) (?P<kind>[A-Za-z ]+?)(?:{re.escape(OPEN_QUESTION)})?\*\* "
    r"\((?P<cat>\w+)\): ?(?P<text>.*)$",
    re.S,
)
_KINDS = {label: kind for kind, label in FACTOR_KIND_LABELS.items()}
_KIND_WORDS = {label: kind.value for kind, label in KIND_LABELS.items()}
_IDENTITIES = re.compile(r"^<!-- retro-identities (?P<json>\{.*\}) -->$", re.S)
_ROLE_LABELS = {role.value.replace("_", " "): role for role in Role}
_ROLE_NOUNS = {role_noun(role, n): role for role in Role for n in (1, 2)}
# "4 responders (EC, MM named with consent)", "1 observer".
_GROUP = re.compile(
    r"^(?P<count>\d{1,4}) (?P<noun>[a-z ]+?)"
    r"(?: \((?P<names>.+) named with consent\))?$",
    re.S,
)
# A name: escaped characters (a comma in a name is "\,") up to ", ".
_NAME = re.compile(r"(?:^|, )((?:\\.|[^\\,]|,(?! ))+)")
_NONE = "**none**"
_LISTS = {"Services", "Tags", "Tickets", "Changes", "Related"}
_FIELDS = {
    "Id": "id",
    "Kind": "kind",
    "Severity": "severity",
    "Status": "status",
    "Facilitator": "facilitator",
    "Category": "category",
    "Follow-up review": "follow_up_on",
    "Promoted from": "promoted_from",
    "Promoted to": "promoted_to",
}


def identities(doc: Document) -> dict[str, Any] | None:
    for comment in doc.comments:
        if (match := _IDENTITIES.match(comment)) is not None:
            try:
                data = orjson.loads(match["json"])
            except orjson.JSONDecodeError:
                return None
            return data if isinstance(data, dict) else None
    return None


def is_own_export(doc: Document, title: Section | None) -> bool:
    """A retro report: its identities comment, or its metadata list."""
    if identities(doc) is not None:
        return True
    items = title.items() if title is not None else doc.preamble.items()
    keys = {m["key"] for i in items if (m := _META.match(i.text))}
    return {"Id", "Kind", "Status"} <= keys


def meta(title: Section | None, doc: Document) -> dict[str, Any]:
    items = title.items() if title is not None else doc.preamble.items()
    data: dict[str, Any] = {}
    for item in items:
        match = _META.match(item.text)
        if match is None:
            continue
        key, value = match["key"], unescape(match["value"])
        if key in _LISTS:
            data[key.lower()] = [v.strip() for v in value.split(", ") if v.strip()]
        elif key == "Severity" and value == SEVERITY_UNKNOWN:
            data["severity"] = "unknown"
        elif key == "Kind" and value in _KIND_WORDS:
            data["kind"] = _KIND_WORDS[value]
        elif key in _FIELDS:
            word = value.replace(" ", "_") if key in ("Kind", "Status") else value
            data[_FIELDS[key]] = word
    return data


# "- Time to detect: 1h 05m (stated 1h)", "- Time to resolve: 30m (stated)".
_STATED = re.compile(
    r"^Time to (?P<name>[a-z]+): (?P<derived>.*?) ?"
    r"\((?:as )?stated(?: (?P<stated>[^)]+))?\)$"
)


def stated_minutes(section: Section) -> dict[str, int]:
    """The durations the report shows as stated, by milestone."""
    from retrotui.document.models import DURATION_NAMES
    from retrotui.document.stated import read_duration

    milestones = {name: m.value for m, name in DURATION_NAMES.items()}
    found = {}
    for item in section.items():
        match = _STATED.match(item.text)
        if match is None or match["name"] not in milestones:
            continue
        span = read_duration(match["stated"] or match["derived"])
        if span is not None:
            found[milestones[match["name"]]] = round(span.total_seconds() / 60)
    return found


def factors(section: Section) -> list[dict[str, Any]]:
    found = []
    for item in section.items():
        match = _FACTOR.match(item.text)
        if match is None:
            found.append({"text": unescape(item.text)})
            continue
        whys = [
            unescape(re.sub(r"^Why\? ?", "", child.text)) for child in item.children
        ]
        found.append(
            {
                "text": unescape(match["text"]),
                "kind": _KINDS.get(match["kind"], "enabling"),
                "category": FactorCategory(match["cat"])
                if match["cat"] in FactorCategory.__members__
                else FactorCategory.technology,
                "whys": whys,
            }
        )
    return found


def _due(cell: str) -> dict[str, Any]:
    if cell == _NONE:
        return {}
    match = re.match(r"^\*\*(\d{4}-\d{2}-\d{2}) OVERDUE\*\*$", cell)
    value = match[1] if match else cell
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return {"due": value}
    return {"due_text": unescape(value)}


def actions(
    section: Section, factor_ids: list[str], listed: list[list[Any]]
) -> list[dict[str, Any]]:
    """The action table's rows; ``listed`` is the identities comment's
    [id, done when, due text, steps] per row, which the cells end with."""
    found = []
    labels = {f"F{n}": fid for n, fid in enumerate(factor_ids, 1)}
    for table in section.tables():
        for number, row in enumerate(table.rows):
            row = row + [""] * (7 - len(row))
            text = row[0]
            known = listed[number] if number < len(listed) else []
            condition = known[1] if len(known) > 1 else ""
            steps = known[3] if len(known) > 3 and isinstance(known[3], list) else []
            if steps and text.endswith(steps_cell(steps)):
                text = text.removesuffix(steps_cell(steps))
            else:
                steps = []
            if condition:
                text = text.removesuffix(f" (done when: {_cell(condition)})")
            status, _, tracker = row[5].partition(" ")
            found.append(
                {
                    "text": unescape(text),
                    "done_when": condition,
                    "steps": steps,
                    "type": ActionType(row[1])
                    if row[1] in ActionType.__members__
                    else ActionType.prevent,
                    "priority": row[2]
                    if row[2] in {p.value for p in Priority}
                    else Priority.p1,
                    "owner": "" if row[3] == _NONE else unescape(row[3]),
                    **_due(row[4]),
                    "status": status.replace(" ", "_")
                    if status.replace(" ", "_") in ActionStatus.__members__
                    else ActionStatus.open,
                    "tracker": unescape(tracker),
                    "factor_ids": [
                        labels[label.strip()]
                        for label in row[6].split(",")
                        if label.strip() in labels
                    ],
                }
            )
    return found


def _cell(text: str) -> str:
    from retrotui.reports.md_text import escape_cell

    return escape_cell(text)


def _group(match: re.Match[str], role: Role, report: Report) -> list[dict[str, Any]]:
    """The people of one role line: those named, then the rest counted, kept
    as "unnamed responder 1"... so the count survives a re-export."""
    names = _NAME.findall(match["names"]) if match["names"] else []
    found = [
        {"name": unescape(name), "role": role, "consent_named": True}
        for name in names
        if name.strip()
    ]
    unnamed = int(match["count"]) - len(found)
    label = role.value.replace("_", " ")
    found += [
        {"name": f"unnamed {label} {n}", "role": role, "consent_named": False}
        for n in range(1, unnamed + 1)
    ]
    if unnamed > 0:
        report.warnings.append(
            f"participants: {unnamed} {role_noun(role, unnamed)} not named (no "
            f"consent) kept as 'unnamed {label} 1'"
            + (f" to {unnamed}" if unnamed > 1 else "")
        )
    return found


def role_group(text: str, report: Report) -> list[dict[str, Any]] | None:
    """The people of a report's role line ("4 responders (EC, MM named with
    consent)"), or None when ``text`` is not one."""
    group = _GROUP.match(text)
    if group is None or group["noun"] not in _ROLE_NOUNS:
        return None
    return _group(group, _ROLE_NOUNS[group["noun"]], report)


def participants(section: Section, report: Report) -> list[dict[str, Any]]:
    found = []
    for item in section.items():
        group = role_group(item.text, report)
        if group is not None:
            found += group
            continue
        # Reports before roles were grouped: "Maria Lopez (responder)".
        text = unescape(item.text)
        match = re.match(r"^(?P<name>.+) \((?P<role>[a-z ]+)\)$", text)
        if match and match["role"] in _ROLE_LABELS:
            found.append(
                {
                    "name": match["name"],
                    "role": _ROLE_LABELS[match["role"]],
                    "consent_named": True,
                }
            )
        elif text in _ROLE_LABELS:
            report.warnings.append(
                f"participants: a {text} is shown by role only (not named without "
                "consent), so cannot be imported by name"
            )
        else:
            found.append({"name": text, "consent_named": False})
    return found


def place(data: dict[str, Any], ids: dict[str, Any] | None, report: Report) -> None:
    """Give the items back their ids, exact times, links and done-when
    conditions from the identities comment, list by list, when the list was
    not edited since the export (same length)."""
    if not ids:
        return
    for key in ("created", "updated"):
        if isinstance(ids.get(key), str):
            data[key] = ids[key]
    events = ids.get("timeline") or []
    if len(events) == len(data.get("timeline", [])):
        ordered = sorted(data["timeline"], key=lambda e: e["at"])
        for event, (item_id, at, link, source) in zip(ordered, events, strict=False):
            if link:
                event["text"] = event["text"].removesuffix(f" ({link})")
            event.update(id=item_id, at=at, link=link, source=source)
    elif events:
        report.warnings.append("timeline: rows were added or removed; new ids given")
    listed = ids.get("actions") or []
    if len(listed) == len(data.get("actions", [])):
        for item, identity in zip(data["actions"], listed, strict=False):
            item["id"] = identity[0]
            if len(identity) > 2 and identity[2]:
                item["due_text"] = identity[2]
    elif listed:
        report.warnings.append("actions: items were added or removed; new ids given")


def give_factor_ids(
    found: list[dict[str, Any]], ids: dict[str, Any] | None, report: Report
) -> None:
    """Factor ids before the actions are read: actions name factors by them."""
    listed = (ids or {}).get("factors") or []
    if listed and len(listed) != len(found):
        report.warnings.append("factors: items were added or removed; new ids given")
        listed = []
    for number, factor in enumerate(found):
        factor["id"] = listed[number] if listed else new_item_id("f")
