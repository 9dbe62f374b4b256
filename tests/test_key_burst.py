"""Keys sent in one burst (a paste into tmux, send-keys, a fast typist on a
slow link) all arrive, each in the field focused when it is its turn.

``pilot.press`` waits for the app to go idle after every key, which hides the
bug; the terminal driver posts every key it read at once, and so does
``burst`` here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import pytest
from factories import incident, open_at, settle
from textual import events
from textual.app import App
from textual.widgets import Input, Select

from retrotui.app import RetroApp
from retrotui.document.models import Postmortem
from retrotui.storage.store import Store
from screens.stage import StageScreen

NOW = datetime(2026, 11, 20, 18, 0, tzinfo=timezone.utc)
KEY_NAMES = {" ": "space", ",": "comma", "-": "minus", ":": "colon", ".": "full_stop"}
SPECIAL = {"enter": "\r", "tab": "\t", "up": None, "down": None, "f6": None}


def keys(*parts: str) -> list[events.Key]:
    """Key events for ``parts``: a special key by name, anything else typed."""
    out: list[events.Key] = []
    for part in parts:
        if part in SPECIAL or "+" in part[1:]:
            out.append(events.Key(part, SPECIAL.get(part)))
        else:
            out.extend(events.Key(KEY_NAMES.get(ch, ch), ch) for ch in part)
    return out


def burst(app: App, *parts: str) -> None:  # type: ignore[type-arg]
    """Post every key at once, as the terminal driver does with one read."""
    for key in keys(*parts):
        app.post_message(key)


async def test_a_burst_reaches_every_field_of_every_screen(db_path: Path) -> None:
    app = RetroApp(db_path, clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # "n" opens a draft in a worker: what follows is for its first field.
        burst(app, "n", "ctrl+u", "Disk full on db-2", "tab")
        # Severity: open the list, move up twice, choose, then the next fields.
        burst(app, "enter", "up", "up", "enter", "tab", "web, postgres", "tab")
        burst(
            app,
            "Storage",
            "tab",
            "INC-1",
            "tab",
            "deploy 5",
            "tab",
            "Disk filled up",
            "tab",
        )
        burst(app, "Checkout down", "tab", "Disk alert", "tab", "Logs rotated", "tab")
        burst(app, "Ana Ng", "enter")
        await settle(pilot)
        assert isinstance(app.screen, StageScreen)
        stage = app.screen
        assert stage.query_one("#severity", Select).value == "sev1"
        assert app.pm is not None
        assert app.pm.title == "Disk full on db-2"
        assert app.pm.services == ["web", "postgres"]
        assert app.pm.category == "Storage"
        assert app.pm.tickets == ["INC-1"]
        assert app.pm.changes == ["deploy 5"]
        assert app.pm.summary == "Disk filled up"
        assert app.pm.impact == "Checkout down"
        assert (app.pm.detection, app.pm.resolution) == ("Disk alert", "Logs rotated")
        assert [p.name for p in app.pm.participants] == ["Ana Ng"]

        # Next step and its entries in the same burst as the key that opens it.
        burst(app, "f6", "09:00 disk alert fired", "enter", "09:20 logs rotated")
        burst(app, "enter", "f6", "Alerts were early", "enter", "f6")
        burst(app, "Log volume grew without limit", "enter", "f6", "f6")
        burst(app, "A takeaway typed at speed", "enter")
        await settle(pilot)
        pm = app.pm
        assert [e.text for e in pm.timeline] == ["disk alert fired", "logs rotated"]
        assert pm.went_well == ["Alerts were early"]
        assert [f.text for f in pm.factors] == ["Log volume grew without limit"]
        assert pm.takeaways == ["A takeaway typed at speed"]
        assert app.focused is not None
        assert isinstance(app.focused, Input)
        await pilot.press("ctrl+s")
        await settle(pilot)
    stored = Store(db_path).all()[0]
    assert stored.takeaways == ["A takeaway typed at speed"]
    assert stored.severity.value == "sev1"


async def test_typing_on_a_list_goes_into_the_entry_line(db_path: Path) -> None:
    app = RetroApp(db_path, clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "n", "f6", "f6", "f6")  # Factors: one entry line
        await settle(pilot)
        app.screen.query_one("#factors-body").focus()
        await settle(pilot)
        burst(app, "Config drift", "enter")
        await settle(pilot)
        assert app.pm is not None
        assert [f.text for f in app.pm.factors] == ["Config drift"]


# One burst per screen, everything the screen asks for in it, typed with the
# characters a real postmortem has (quotes, slashes, #, >, parentheses), and
# what the document must hold afterwards: every character, in its field.
SCREEN_BURSTS: dict[str, tuple[list[str], Callable[[Postmortem], object]]] = {
    "stage": (
        [
            "ctrl+u",
            "Kafka metrics missing (#1237)",
            "tab",
            "tab",
            "kafka-exporter, prometheus",
            "tab",
            "Observability",
            "tab",
            "INC-7",
            "tab",
            "PR #1237",
            "tab",
            "/metrics took >10s",
            "tab",
            "No Kafka graphs for 20h",
            "tab",
            "A developer asked",
            "tab",
            "Timeout raised to 30s",
            "tab",
            "AN, EC",
            "enter",
        ],
        lambda pm: (
            pm.title,
            pm.services,
            pm.category,
            pm.tickets,
            pm.changes,
            pm.summary,
            pm.impact,
            pm.detection,
            pm.resolution,
            [p.name for p in pm.participants],
        ),
    ),
    "timeline": (
        [
            "12:20 exporter's /metrics slower than 10s",
            "enter",
            "12:43 noticed",
            "enter",
        ],
        lambda pm: [(f"{e.at:%H:%M}", e.text) for e in pm.sorted_timeline()],
    ),
    "insights": (
        ["The fix took 13 minutes", "enter", "ctrl+l", "Alerts: none?", "enter"],
        lambda pm: (pm.went_well, pm.went_wrong),
    ),
    "factors": (
        ["No alert on /metrics time", "enter", "tab", "Nobody set one", "enter"],
        lambda pm: [(f.text, f.whys) for f in pm.factors],
    ),
    "actions": (
        ["Alert when /metrics > 8s", "tab", "@ana", "tab", "2027-01-15", "tab"],
        lambda pm: [(a.text, a.owner, a.due_text) for a in pm.actions[-1:]],
    ),
    "review": (
        [
            "Scrapes can time out quietly",
            "enter",
            "tab",
            "ctrl+u",
            "2027-02-01",
            "enter",
        ],
        lambda pm: (pm.takeaways, str(pm.follow_up_on)),
    ),
}
EXPECTED = {
    "stage": (
        "Kafka metrics missing (#1237)",
        ["kafka-exporter", "prometheus"],
        "Observability",
        ["INC-7"],
        ["PR #1237"],
        "/metrics took >10s",
        "No Kafka graphs for 20h",
        "A developer asked",
        "Timeout raised to 30s",
        ["AN", "EC"],
    ),
    "timeline": [
        ("12:20", "exporter's /metrics slower than 10s"),
        ("12:43", "noticed"),
    ],
    "insights": (["The fix took 13 minutes"], ["Alerts: none?"]),
    "factors": [("No alert on /metrics time", ["Nobody set one"])],
    "actions": [("Alert when /metrics > 8s", "@ana", "2027-01-15")],
    "review": (["Scrapes can time out quietly"], "2027-02-01"),
}


@pytest.mark.parametrize("phase", list(SCREEN_BURSTS))
async def test_every_screen_takes_one_burst_and_every_character_arrives(
    db_path: Path, phase: str
) -> None:
    parts, read = SCREEN_BURSTS[phase]
    pm = incident(pm_id=f"burst-{phase}")
    pm.participants, pm.timeline, pm.went_well, pm.went_wrong = [], [], [], []
    pm.takeaways, pm.follow_up_on, pm.actions = [], None, []
    if phase != "actions":
        pm.factors = []
    if phase == "stage":  # typing goes where the cursor is: start from empty
        pm.services, pm.tickets, pm.changes = [], [], []
        pm.summary = pm.impact = pm.detection = pm.resolution = ""
    app = open_at(db_path, pm, phase)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, *parts)  # one read of the terminal: all at once
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
    got = Store(db_path).get(pm.id)
    assert read(got) == EXPECTED[phase]
    assert got.unsent == {}  # nothing left half-typed in an entry line
