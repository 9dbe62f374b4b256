"""``retro stats`` with write-ups that state their durations ("the outage
lasted 2 hours") instead of marking milestones: those durations count where
milestones are missing, and the output says how many figures they are."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from retrotui.document.models import Postmortem, TimelineEvent
from retrotui.learning.facts import facts
from retrotui.learning.stats import compute
from retrotui.learning.stats_text import describe, summary
from retrotui.storage.store import Store
from tests.factories import T0
from tests.factories import run_cli as run
from tests.test_stats import stats, timed


def stated(pm_id: str, days: int, **minutes: int) -> Postmortem:
    """Imported from a write-up: a timeline without milestones, and the
    durations its text states."""
    at = T0.replace(month=1, day=10) + timedelta(days=days)
    return Postmortem(
        id=pm_id,
        title=f"Imported {pm_id}",
        timeline=[TimelineEvent(at=at, text="Errors on the ingress")],
        stated_minutes=minutes,
    )


@pytest.fixture
def store(db_path: Path) -> Store:
    store = Store(db_path)
    jan = T0.replace(month=1, day=10)
    # From milestones: detect 10 and 20, resolve 60 and 120.
    store.add(timed("mil001", jan, 10, 60, "checkout"))
    store.add(timed("mil002", jan + timedelta(days=1), 20, 120, "checkout"))
    # Stated only: resolve 240 ("lasted 4 hours"); detect 5, resolve 30.
    store.add(stated("sta001", 2, resolved=240))
    store.add(stated("sta002", 3, detected=5, resolved=30))
    # Both: the milestones (detect 30, resolve 90) win over what is stated.
    both = timed("both01", jan + timedelta(days=4), 30, 90, "search")
    both.stated_minutes = {"detected": 45, "resolved": 600}
    store.add(both)
    # Neither: not a figure.
    store.add(Postmortem(id="none01", title="No times at all"))
    return store


def test_stated_durations_fill_in_where_milestones_are_missing(
    capsys: pytest.CaptureFixture[str], store: Store
) -> None:
    got = stats(capsys, store)
    # Resolve: 60, 120, 240 (stated), 30 (stated), 90 -> 30 60 90 120 240: 90.
    assert got["ttr_median_minutes"] == 90.0
    # Detect: 10, 20, 5 (stated), 30 -> 5 10 20 30: 15.
    assert got["ttd_median_minutes"] == 15.0
    assert got["figures"]["ttr"] == {"count": 5, "stated": 2}
    assert got["figures"]["ttd"] == {"count": 4, "stated": 1}
    assert got["figures"]["ttm"] == {"count": 0, "stated": 0}
    # All in January: the month's medians are the same figures.
    january = got["by_month"]["2026-01"]
    assert (january["ttd_median_minutes"], january["ttr_median_minutes"]) == (15, 90)


def test_the_text_says_how_many_figures_were_stated(
    capsys: pytest.CaptureFixture[str], store: Store
) -> None:
    code, out, _ = run(
        capsys, "--db", str(store.path), "stats", "--as-of", "2026-03-11"
    )
    assert code == 0
    assert (
        "  stated in write-ups without milestones: detect 1 of 4, resolve 2 of 5"
        in out.splitlines()
    )
    assert all(len(line) <= 80 for line in out.splitlines())


def test_the_screen_summary_says_it_too(store: Store) -> None:
    pms = [store.get(i) for i in ("mil001", "mil002", "sta001", "sta002")]
    lines = summary(compute([facts(pm) for pm in pms], T0.date()))
    # Resolve: 60 120 240 30 -> (60 + 120) / 2 = 90; detect 10 20 5 -> 10.
    assert lines[0].startswith("Detect: median 10m (1 of 3 stated), ")
    assert lines[1].startswith("Resolve: median 1h 30m (2 of 4 stated), ")


def test_nothing_stated_says_nothing(store: Store) -> None:
    pms = [store.get(i) for i in ("mil001", "mil002")]
    result = compute([facts(pm) for pm in pms], T0.date())
    assert not any("stated" in line for line in describe(result))
    assert not any("stated" in line for line in summary(result))


def test_a_long_trend_still_fits_80_columns(db_path: Path) -> None:
    # Resolve 10 minutes for months, then 1000 (a 9900% slower trend): the
    # longest trend line there is.
    store = Store(db_path)
    for month in range(1, 8):
        at = T0.replace(month=month, day=5)
        minutes = 10 if month < 5 else 1000
        store.add(timed(f"tr{month:04d}", at, 5, minutes, "checkout"))
    lines = list(describe(compute([facts(pm) for pm in store.all()], T0.date())))
    assert any("9900% slower" in line for line in lines)
    assert all(len(line) <= 80 for line in lines)
