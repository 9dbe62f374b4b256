"""Lists of a postmortem read from their sections: contributing factors,
action items, lessons, attendees and stats."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from retrotui.document.schema import MAX_NAME, ActionStatus, ActionType, Priority
from retrotui.importing import own_export
from retrotui.importing.blocks import Item, Paragraph, Section
from retrotui.importing.report import Report

TextOf = Callable[[str], str]
_DONE = re.compile(
    r"^\s*\[[xX]\]\s*|\s*(?:\((?:done|completed|fixed)\)|✅|✔️?)\s*$", re.IGNORECASE
)
_OPEN_BOX = re.compile(r"^\s*\[ \]\s*")
_INITIALS = re.compile(r"^[A-ZÆØÅÄÖÜ]{2,4}$")
_SPLIT_PEOPLE = re.compile(r"\s*(?:,|;|\band\b|&)\s*")


def _entries(section: Section, text_of: TextOf) -> list[tuple[str, list[str]]]:
    """Each bullet (with the text of the bullets under it) or paragraph of a
    section and its subsections, in order."""
    found: list[tuple[str, list[str]]] = []
    for block in section.blocks:
        if isinstance(block, Item):
            children = [
                text_of(line.strip().lstrip("- "))
                for c in block.children
                for line in c.flat()
            ]
            found.append((text_of(block.text), [c for c in children if c]))
        elif hasattr(block, "text"):
            found.append((text_of(block.text), []))
    return [(text, children) for text, children in found if text or children]


def factors(section: Section, text_of: TextOf, kind: str) -> list[dict[str, Any]]:
    """Contributing factors: one per bullet or paragraph; bullets nested under
    one are its whys (the details of why it happened)."""
    result = []
    for text, children in _entries(section, text_of):
        result.append({"text": text or children.pop(0), "whys": children, "kind": kind})
    for table in section.tables():
        for row in table.rows:
            text = " — ".join(text_of(c) for c in row if c.strip())
            if text:
                result.append({"text": text, "whys": [], "kind": kind})
    return result


def why_chain(section: Section, text_of: TextOf) -> list[dict[str, Any]]:
    """A "Five whys" list: the first answer is the factor, the rest its whys."""
    answers = [
        re.sub(r"^(?:\d+[.)]\s*)?(?:why\?\s*)?", "", line, flags=re.I).strip()
        for entry in lines(section, text_of)
        for line in entry.split("\n")
    ]
    answers = [a.lstrip("- ") for a in answers if a.strip("- ")]
    if not answers:
        return []
    return [{"text": answers[0], "whys": answers[1:], "kind": "enabling"}]


def _enum(value: str, enum: type, default: Any) -> Any:
    word = value.strip(" *").lower().replace(" ", "_")
    for member in enum:
        if word in (member.value.lower(), member.name):
            return member
    return default


def _action(
    text: str,
    as_of: date,
    owner: str | None = None,
    due: str | None = None,
) -> dict[str, Any]:
    from retrotui.checks.smart.check import parse

    status = ActionStatus.open
    if _DONE.search(text):
        text, status = _DONE.sub("", text).strip(), ActionStatus.done
    text = _OPEN_BOX.sub("", text)
    parsed = parse(text, owner or None, due or None, as_of)
    return {
        "text": text,
        "owner": (parsed.owner or "").strip(),
        "due": parsed.due,
        "due_text": "" if parsed.due else (parsed.due_text or ""),
        "status": status,
    }


_COLUMNS = {
    "owner": re.compile(r"owner|assignee|who|responsible", re.I),
    "due": re.compile(r"due|deadline|when|date|by", re.I),
    "type": re.compile(r"type|kind|category", re.I),
    "priority": re.compile(r"priority|prio", re.I),
    "status": re.compile(r"status|state|done", re.I),
    "tracker": re.compile(r"bug|ticket|issue|tracker|jira|link", re.I),
}


def actions(
    section: Section, text_of: TextOf, as_of: date, report: Report
) -> list[dict[str, Any]]:
    """Action items from bullets or a table; the owner and due date are read as
    the SMART check reads them, a column naming them wins."""
    result = []
    for block in section.blocks:
        if isinstance(block, Item):
            full = text_of(block.text.strip())
            if full:
                item = _action(full, as_of)
                # Bullets under an item are its sub-steps (deeper ones kept
                # as indented lines of their step).
                item["steps"] = [
                    "\n".join(text_of(line.strip()) for line in child.flat())
                    for child in block.children
                ]
                result.append(item)
        elif isinstance(block, Paragraph) and block.text.strip():
            # Action items are a list; a sentence beside it is not one.
            report.keep(
                f"action items: {block.text[:50]!r} is not a list item; "
                "kept in the notes",
                block.text,
            )
    for table in section.tables():
        header = table.header
        roles: dict[str, int] = {}
        for index, title in enumerate(header):
            for role, pattern in _COLUMNS.items():
                if role not in roles and pattern.search(title):
                    roles[role] = index
                    break
        used = set(roles.values())
        text_col = next((i for i in range(len(header)) if i not in used), 0)
        for row in table.rows:
            row = row + [""] * (len(header) - len(row))
            cell = {role: text_of(row[i]).strip() for role, i in roles.items()}
            text = text_of(row[text_col])
            if not text.strip():
                continue
            item = _action(text, as_of, cell.get("owner"), cell.get("due"))
            item["type"] = _enum(cell.get("type", ""), ActionType, ActionType.prevent)
            item["priority"] = _enum(cell.get("priority", ""), Priority, Priority.p1)
            if cell.get("status"):
                status = cell["status"].split()[0]
                item["status"] = _enum(status, ActionStatus, item["status"])
                if item["status"] is ActionStatus.done or status.lower() in (
                    "closed",
                    "fixed",
                    "complete",
                    "completed",
                    "resolved",
                ):
                    item["status"] = ActionStatus.done
            if cell.get("tracker"):
                item["tracker"] = cell["tracker"]
            result.append(item)
    return result


def lines(section: Section, text_of: TextOf) -> list[str]:
    """One entry per bullet (its nested bullets kept as indented lines) or
    paragraph: lessons, what went well..."""
    result = []
    for block in section.blocks:
        if isinstance(block, Item):
            flat = block.flat()
            result.append("\n".join(text_of(line) for line in flat))
        elif hasattr(block, "text"):
            result.append(text_of(block.text))
    for table in section.tables():
        for row in table.rows:
            result.append(" — ".join(text_of(c) for c in row if c.strip()))
    return [entry for entry in result if entry.strip()]


def attendees(section: Section, text_of: TextOf, report: Report) -> list[dict]:
    """People from a list of names or initials ("AN, JS", "RF SC AN"): not
    named in reports until they agree."""
    names: list[str] = []
    grouped: list[dict] = []
    for entry in lines(section, text_of):
        for line in entry.split("\n"):
            # A retro report's line pasted into another document.
            group = own_export.role_group(line.strip(" -*"), report)
            if group is not None:
                grouped += group
                continue
            parts = [p.strip(" -*") for p in _SPLIT_PEOPLE.split(line)]
            for part in parts:
                words = part.split()
                if len(words) > 1 and all(_INITIALS.match(w) for w in words):
                    names += words
                elif part:
                    names.append(" ".join(words))
    people = []
    for name in dict.fromkeys(names):
        if len(name) > MAX_NAME:
            report.keep(f"attendees: {name[:40]!r}... is too long for a name", name)
            continue
        people.append({"name": name, "consent_named": False})
    return grouped + people
