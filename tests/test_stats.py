"""``retro stats``: figures checked against ones worked out by hand."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from retrotui.document.models import ActionItem, Factor, Postmortem, TimelineEvent
from retrotui.storage.store import Store
from tests.factories import T0
from tests.factories import run_cli as run


def timed(
    pm_id: str,
    start: object,
    detect: int,
    resolve: int,
    service: str,
    kind: str = "incident",
    title: str | None = None,
    **fields: object,
) -> Postmortem:
    events = [
        TimelineEvent(at=start, text="Errors began", milestone="started"),
        TimelineEvent(
            at=start + timedelta(minutes=detect), text="Paged", milestone="detected"
        ),
        TimelineEvent(
            at=start + timedelta(minutes=resolve), text="Fixed", milestone="resolved"
        ),
    ]
    return Postmortem(
        id=pm_id,
        title=title or f"Outage {pm_id}",
        kind=kind,
        services=[service],
        timeline=events,
        **fields,
    )


@pytest.fixture
def store(db_path: Path) -> Store:
    store = Store(db_path)
    jan = T0.replace(month=1, day=10)
    feb = T0.replace(month=2, day=10)
    store.add(
        timed(
            "jan001",
            jan,
            10,
            60,
            "checkout",
            title="Checkout 503s",
            severity="sev1",
            factors=[Factor(text="Pool too small", category="technology")],
            actions=[
                # Done 5 days after its due day: 5 days late.
                ActionItem(
                    text="Alert on pool use",
                    status="done",
                    due=date(2026, 2, 1),
                    closed_on=date(2026, 2, 6),
                ),
                # Open, due 2026-03-01; as of 2026-03-11: overdue, 10 days late.
                ActionItem(text="Load test the pool", due=date(2026, 3, 1)),
            ],
        )
    )
    store.add(timed("jan002", jan + timedelta(days=3), 20, 120, "search"))
    store.add(
        timed(
            "feb001",
            feb,
            30,
            90,
            "checkout",
            title="checkout  503s",  # the same incident again
            factors=[
                Factor(text="No runbook", category="process"),
                Factor(text="Pool again", category="technology"),
            ],
            actions=[ActionItem(text="Write the runbook", status="not_doing")],
        )
    )
    store.add(timed("feb002", feb, 2, 4, "checkout", kind="minor"))
    store.add(
        Postmortem(
            id="ret001", title="Sprint 12 retrospective", kind="retro", created=feb
        )
    )
    return store


def stats(capsys: pytest.CaptureFixture[str], store: Store, *argv: str) -> dict:
    code, out, _ = run(
        capsys,
        "--db",
        str(store.path),
        "stats",
        "--json",
        "--as-of",
        "2026-03-11",
        *argv,
    )
    assert code == 0
    return json.loads(out)


def test_figures_match_the_ones_worked_out_by_hand(
    capsys: pytest.CaptureFixture[str], store: Store
) -> None:
    got = stats(capsys, store)
    assert (got["postmortems"], got["notes"], got["retrospectives"]) == (3, 1, 1)
    # Detect: 10, 20, 30, 2 -> median 15; resolve: 60, 120, 90, 4 -> 75.
    assert got["ttd_median_minutes"] == 15.0
    assert got["ttr_median_minutes"] == 75.0
    assert got["by_month"]["2026-01"]["postmortems"] == 2
    assert got["by_month"]["2026-01"]["ttd_median_minutes"] == 15.0
    assert got["by_month"]["2026-02"] == {
        "postmortems": 1,
        "notes": 1,
        "retrospectives": 1,
        "ttd_median_minutes": 16.0,
        "ttr_median_minutes": 47.0,
    }
    assert got["by_service"] == {"checkout": 3, "search": 1}
    assert got["by_severity"]["sev1"] == 1
    assert got["factor_categories"] == {"technology": 2, "process": 1}
    # The dropped item is not counted; the two late ones: 5 and 10 days.
    assert got["actions"] == {
        "open": 1,
        "done": 1,
        "overdue": 1,
        "median_days_late": 7.5,
        "done_percent": 50,
    }
    assert got["recurrences"] == [{"id": "feb001", "earlier": "jan001"}]


def test_service_and_since_narrow_the_figures(
    capsys: pytest.CaptureFixture[str], store: Store
) -> None:
    got = stats(capsys, store, "--service", "Checkout", "--since", "2026-02-01")
    assert (got["postmortems"], got["notes"]) == (1, 1)
    assert got["by_service"] == {"checkout": 2}
    code, _, err = run(capsys, "--db", str(store.path), "stats", "--since", "soon")
    assert code == 2 and len(err.splitlines()) == 1


def test_the_text_fits_80_columns_and_follows_a_change(
    capsys: pytest.CaptureFixture[str], store: Store
) -> None:
    code, out, _ = run(
        capsys, "--db", str(store.path), "stats", "--as-of", "2026-03-11"
    )
    assert code == 0
    assert all(len(line) <= 80 for line in out.splitlines())
    assert "3 postmortems, 1 quick note, 1 retrospective" in out
    assert "1 overdue" in out
    store.delete("jan002")
    assert stats(capsys, store)["postmortems"] == 2
