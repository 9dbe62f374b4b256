"""``retro export ID --format ics``, read back with icalendar."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest
from factories import incident
from icalendar import Calendar

from retrotui.cli import main
from retrotui.document.models import ActionItem
from retrotui.storage.store import Store


@pytest.fixture
def db(db_path: Path) -> Path:
    pm = incident()
    pm.follow_up_on = date(2026, 12, 18)
    pm.actions += [
        ActionItem(id="a-nodue", text="Write the pooler runbook", owner="@lee"),
        ActionItem(
            id="a-done",
            text="Raise max_connections to 400",
            owner="Team Data",
            due=date(2026, 11, 21),
            status="done",
        ),
        ActionItem(
            id="a-load",
            text="Load-test checkout at 3x promotion traffic",
            owner="@maria",
            due=date(2027, 1, 15),
            due_text="Jan 15",
        ),
    ]
    Store(db_path).add(pm)
    return db_path


def export(capsys, db: Path, *extra: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), "export", "k7m2qx", "--format", "ics", *extra])
    out, err = capsys.readouterr()
    return code, out, err


def events(text: str | bytes) -> dict[str, object]:
    calendar = Calendar.from_ical(text)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_review_and_open_items_with_due_dates_as_whole_days(capsys, db: Path) -> None:
    code, out, err = export(capsys, db)
    assert code == 0
    found = events(out)
    assert set(found) == {
        "k7m2qx-review@retrotui",
        "k7m2qx-a-alrt@retrotui",
        "k7m2qx-a-load@retrotui",
    }
    review = found["k7m2qx-review@retrotui"]
    assert review.decoded("DTSTART") == date(2026, 12, 18)
    assert review.decoded("DTEND") == date(2026, 12, 19)
    assert "follow-up review" in str(review["SUMMARY"]).lower()
    assert "Load-test checkout" in str(review["DESCRIPTION"])
    item = found["k7m2qx-a-load@retrotui"]
    assert item.decoded("DTSTART") == date(2027, 1, 15)
    description = str(item["DESCRIPTION"])
    assert "Owner: @maria" in description
    assert "Due: 2027-01-15 (Jan 15)" in description
    assert "retro show k7m2qx" in description
    assert "SMART: " in description
    # The item without a due date is named, not dropped silently.
    assert "a-nodue has no due date" in err


def test_same_dates_in_every_time_zone(
    capsys, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outputs = []
    for zone in ("UTC", "Pacific/Auckland", "America/Los_Angeles"):
        monkeypatch.setenv("TZ", zone)
        time.tzset()
        outputs.append(export(capsys, db)[1])
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    assert outputs[0] == outputs[1] == outputs[2]
    assert "DTSTART;VALUE=DATE:20261218" in outputs[0]


def test_uids_stay_and_sequence_grows_when_the_postmortem_changes(
    capsys, db: Path
) -> None:
    first = events(export(capsys, db)[1])
    store = Store(db)
    pm = store.get("k7m2qx")
    pm.actions[0].due = date(2027, 2, 1)
    store.save(pm)  # stamped now, after the factory's time
    second = events(export(capsys, db)[1])
    assert set(first) == set(second)
    uid = "k7m2qx-a-alrt@retrotui"
    assert second[uid].decoded("DTSTART") == date(2027, 2, 1)
    assert int(second[uid]["SEQUENCE"]) > int(first[uid]["SEQUENCE"])


def test_written_to_a_file_with_crlf_line_ends(
    capsys, db: Path, tmp_path: Path
) -> None:
    target = tmp_path / "review.ics"
    code, out, err = export(capsys, db, "-o", str(target))
    assert (code, out) == (0, "")
    data = target.read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert len(events(data)) == 3


def test_without_a_review_date_it_says_so(capsys, db_path: Path) -> None:
    Store(db_path).add(incident())
    code, out, err = export(capsys, db_path)
    assert code == 0
    assert list(events(out)) == ["k7m2qx-a-alrt@retrotui"]
    assert "no follow-up review date" in err


def test_icalendar_is_imported_only_for_an_ics(capsys, db: Path) -> None:
    import sys

    sys.modules.pop("icalendar", None)
    main(["--db", str(db), "export", "k7m2qx", "--format", "md"])
    main(["--db", str(db), "actions", "--json"])
    capsys.readouterr()
    assert "icalendar" not in sys.modules
