"""``retro export ID --format ics``: the review meeting and the open items'
due dates as an iCalendar file.

Every entry is a whole-day event: retro keeps dates, not times, and a day
means the same day in every time zone (a timed event at midnight UTC would
land on the day before in America).  UIDs are made from the postmortem's and
the item's ids, so importing a newer export updates the entries in place;
SEQUENCE and LAST-MODIFIED follow the postmortem's last save.

``icalendar`` costs about 45 ms to import, so this module is only imported
when an .ics is asked for.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from retrotui.document.models import Postmortem
from retrotui.document.schema import ActionStatus
from retrotui.followup import describe

PRODID = "-//retrotui//retro postmortems//EN"
# SEQUENCE counts seconds since this instant: it grows with every save and
# stays inside the 32-bit integers some calendars keep it in until 2092.
SEQUENCE_EPOCH = datetime(2024, 1, 1, tzinfo=timezone.utc)
UID_DOMAIN = "retrotui"


def review_uid(pm: Postmortem) -> str:
    return f"{pm.id}-review@{UID_DOMAIN}"


def item_uid(pm: Postmortem, item_id: str) -> str:
    return f"{pm.id}-{item_id}@{UID_DOMAIN}"


def _event(  # noqa: ANN202
    uid: str, day: date, summary: str, text: str, stamp: datetime, category: str
):
    from icalendar import Event

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    # A calendar that already has this UID takes the export with the higher
    # SEQUENCE as the update.
    event.add("sequence", max(0, int((stamp - SEQUENCE_EPOCH).total_seconds())))
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    event.add("summary", summary)
    event.add("description", text)
    event.add("categories", [category])
    return event


def to_ics(pm: Postmortem, today: date) -> tuple[str, list[str]]:
    """The calendar for ``pm``, and what was left out (one line each)."""
    from icalendar import Calendar

    stamp = pm.updated.astimezone(timezone.utc).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # A team retrospective's follow-up is the team's, not an incident's.
    noun = describe.record(pm).capitalize()
    calendar.add("x-wr-calname", f"{noun} {pm.id}: {pm.title}")
    left_out = []
    if pm.follow_up_on is None:
        left_out.append(
            "no follow-up review date yet (set it on the app's Review step)"
        )
    else:
        open_items = [a for a in pm.actions if a.status is ActionStatus.open]
        agenda = [f"Follow-up review of {noun.lower()} {pm.id}: {pm.title}", ""]
        agenda.append(f"{len(open_items)} open action item(s) to go through:")
        agenda.extend(
            f"- {describe.title(a)} ({a.owner or 'no owner'}, due "
            f"{a.due.isoformat() if a.due else 'none'})"
            for a in open_items
        )
        agenda.append(f"\nretro show {pm.id}")
        calendar.add_component(
            _event(
                review_uid(pm),
                pm.follow_up_on,
                f"{noun} follow-up review: {pm.title}",
                "\n".join(agenda),
                stamp,
                describe.record(pm),
            )
        )
    for item in pm.actions:
        if item.status is not ActionStatus.open:
            continue
        if item.due is None:
            left_out.append(f"action item {item.id} has no due date")
            continue
        owner = f" ({item.owner})" if item.owner else ""
        calendar.add_component(
            _event(
                item_uid(pm, item.id),
                item.due,
                f"Due: {describe.title(item)}{owner}",
                describe.plain_text(pm, item, today),
                stamp,
                describe.record(pm),
            )
        )
    return calendar.to_ical().decode("utf-8"), left_out
