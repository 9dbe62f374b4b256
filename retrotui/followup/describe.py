"""One action item told in words, for a calendar entry or a tracker issue.

The same facts wherever the item goes: its text, owner, due date, SMART
state and the way back to the postmortem it came from.
"""

from __future__ import annotations

from datetime import date

from retrotui.checks.readiness import check_item
from retrotui.checks.smart import LABELS
from retrotui.document.models import ActionItem, Postmortem
from retrotui.document.schema import Kind

TITLE_LIMIT = 200


def smart_state(pm: Postmortem, item: ActionItem, today: date) -> str:
    """``yes``, or ``not yet (Measurable, Owner)``: what the app's panel shows."""
    result = check_item(pm, item, today)
    if result.ok:
        return "yes"
    failing = [LABELS.get(name, name) for name, _ in result.problems()]
    return f"not yet ({', '.join(failing)})" if failing else "not yet"


def record(pm: Postmortem) -> str:
    """What the item came from, in a tracker's words: a team retrospective
    is not an incident, and its items should not be filed as one's."""
    return "retrospective" if pm.kind is Kind.retro else "postmortem"


def title(item: ActionItem) -> str:
    """The item's text on one line, short enough for an issue or event title."""
    line = " ".join(item.text.split())
    return line if len(line) <= TITLE_LIMIT else line[: TITLE_LIMIT - 1] + "…"


def facts(pm: Postmortem, item: ActionItem, today: date) -> list[tuple[str, str]]:
    """Label and value, in the order a reader wants them."""
    due = item.due.isoformat() if item.due else "none"
    if item.due_text and item.due_text != due:
        due += f" ({item.due_text})"
    factors = [f.text for f in (pm.factor(fid) for fid in item.factor_ids) if f]
    rows = [
        ("Owner", item.owner or "none"),
        ("Due", due),
        ("Priority", item.priority.value),
        ("Type", item.type.value),
        ("SMART", smart_state(pm, item, today)),
    ]
    if item.done_when:
        rows.append(("Done when", item.done_when))
    rows.extend(("Addresses", text) for text in factors)
    rows.append((record(pm).capitalize(), f"{pm.id}: {pm.title} (retro show {pm.id})"))
    rows.append(("Retro item", f"{pm.id}/{item.id}"))
    return rows


def plain_text(pm: Postmortem, item: ActionItem, today: date) -> str:
    """The item as plain text: its full text, then one fact per line."""
    lines = [item.text, ""]
    lines.extend(f"{label}: {value}" for label, value in facts(pm, item, today))
    return "\n".join(lines)
