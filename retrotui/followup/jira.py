"""``retro export ID --format jira-csv``: the open action items as the CSV
Jira's importer reads (Issues > Import issues from CSV).

One row per open item that is not in a tracker yet. Columns carry Jira's own
field names, so the importer maps most of them by itself: Summary, Issue
Type (Task), Priority (P0 Highest, P1 High, P2 Medium), Due Date (choose the
date format ``yyyy-MM-dd`` on the importer's settings page), Labels (two
columns, as Jira takes several labels), Description. Owner is a team or a
person's name rather than a Jira account, so it has its own column to map to
Assignee or leave in the description, where it is too.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from retrotui.document.models import Postmortem
from retrotui.document.schema import ActionStatus, Priority
from retrotui.followup import describe

COLUMNS = (
    "Summary",
    "Issue Type",
    "Priority",
    "Due Date",
    "Labels",
    "Labels",
    "Description",
    "Owner",
    "External ID",
)
PRIORITIES = {Priority.p0: "Highest", Priority.p1: "High", Priority.p2: "Medium"}


def to_jira_csv(pm: Postmortem, today: date) -> tuple[str, list[str]]:
    """The CSV text, and the open items left out because they are filed already."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    left_out = []
    for item in pm.actions:
        if item.status is not ActionStatus.open:
            continue
        if item.tracker:
            left_out.append(f"action item {item.id} is filed already: {item.tracker}")
            continue
        writer.writerow(
            (
                describe.title(item),
                "Task",
                PRIORITIES[item.priority],
                item.due.isoformat() if item.due else "",
                describe.record(pm),
                f"{describe.record(pm)}-{pm.id}",
                describe.plain_text(pm, item, today),
                item.owner,
                f"{pm.id}/{item.id}",
            )
        )
    return out.getvalue(), left_out
