"""Home's team repository line and sync (y), with real git and a real store.

What the user sees: whether a team repository is set, when the store last
synced, what changed here since; y syncs in a worker (keys typed meanwhile
land), the list then shows what others pushed, and a failure is one line.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from factories import incident, notices, settle
from git_team import User, add_pm, make_team

from retrotui.app import RetroApp
from retrotui.document.ids import doc_id_for
from retrotui.document.models import Status
from retrotui.storage.store import Store
from retrotui.teamrepo import config
from widgets.team_sync import TeamSyncStatus

NOW = datetime(2026, 12, 30, 9, 0, tzinfo=timezone.utc)


def clock() -> datetime:
    return NOW


def line(app: RetroApp) -> str:
    return str(app.screen.query_one(TeamSyncStatus).render())


def listed(app: RetroApp) -> list[str]:
    table = app.screen.query_one("#home-list")
    return [str(key.value) for key in table.rows]  # type: ignore[attr-defined]


def fill(db_path: Path) -> None:
    published = incident("pub001", "Checkout down during promotion")
    published.status = Status.published
    Store(db_path).add(published)


def set_team(db_path: Path, synced: datetime | None) -> None:
    """A team repository as ``retro repo init`` and a sync leave it (no git
    runs before y is pressed)."""
    stamp = synced.strftime(config.STAMP) if synced else ""
    remote = "git@github.com:acme/postmortems.git"
    config.save(db_path, config.RepoConfig(remote, db_path.parent / "clone", stamp))


async def test_not_set_says_so_and_y_says_how(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(db_path)
    app = RetroApp(db_path, clock=clock)
    said = notices(app, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert line(app).startswith("Team repo: not set")
        await pilot.press("y")
        await settle(pilot)
        assert "retro repo init" in " ".join(said)
        assert line(app).startswith("Team repo: not set")


async def test_set_says_when_and_what_changed_here(db_path: Path) -> None:
    fill(db_path)
    set_team(db_path, datetime.now(timezone.utc) - timedelta(days=2))
    Store(db_path).update("pub001", lambda pm: pm)  # saved after that sync
    app = RetroApp(db_path, clock=lambda: datetime.now(timezone.utc))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert line(app) == (
            "Team repo acme/postmortems.git · synced 2 days ago · 1 changed here"
            " · y sync"
        )


@pytest.fixture
def team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, User, User]:
    return make_team(tmp_path, monkeypatch, init=True)


async def test_y_syncs_in_a_worker_and_lists_what_others_pushed(
    capsys, team, tmp_path: Path
) -> None:
    bare, ana, bo = team
    theirs = add_pm(bo, "Queue backlog on orders")
    assert bo.retro(capsys, "sync")[0] == 0
    mine = add_pm(ana, "Checkout 502s")
    ana.env()
    app = RetroApp(ana.db, clock=lambda: datetime.now(timezone.utc))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "never synced" in line(app) and listed(app) == [mine.id]
        # A filter typed before the sync is applied to the list it brings in.
        await pilot.press("slash", *"que", "enter")
        await settle(pilot)
        assert listed(app) == []
        await pilot.press("y", "slash", "end", *"ue")
        await settle(pilot)
        # Typed while git ran: every key landed in the filter.
        assert app.screen.query_one("#home-filter").value == "queue"  # type: ignore[attr-defined]
        assert "synced just now: 1 shared, 1 imported" in line(app)
        assert listed(app) == [theirs.id]
        # Synced again with the same filter: the list it reloads stays filtered.
        await pilot.press("enter", "y")
        await settle(pilot)
        assert "up to date" in line(app) and listed(app) == [theirs.id]
        await pilot.press("slash", "ctrl+u", "enter")
        await settle(pilot)
        assert set(listed(app)) == {mine.id, theirs.id}
    assert bo.retro(capsys, "sync")[0] == 0
    assert {pm.id for pm in bo.store.all()} == {mine.id, theirs.id}


async def test_a_failed_sync_is_one_line_and_keeps_everything(
    capsys, team, tmp_path: Path
) -> None:
    bare, ana, _ = team
    mine = add_pm(ana, "Checkout 502s")
    bare.rename(tmp_path / "moved.git")
    ana.env()
    app = RetroApp(ana.db, clock=lambda: datetime.now(timezone.utc))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        status = app.screen.query_one(TeamSyncStatus)
        assert line(app).startswith("Sync failed: ") and "\n" not in line(app)
        assert status.has_class("-failed")
        assert listed(app) == [mine.id]
        # Tried again once the remote is back: it goes out.
        (tmp_path / "moved.git").rename(bare)
        await pilot.press("y")
        await settle(pilot)
        assert "synced just now: pushed what the last sync kept" in line(app)
        assert not status.has_class("-failed")


async def test_an_unreadable_postmortem_is_named_and_the_rest_synced(
    capsys, team, monkeypatch: pytest.MonkeyPatch
) -> None:
    bare, ana, bo = team
    good, bad = add_pm(ana, "DNS outage"), add_pm(ana, "Disk full")
    doc = ana.store.layout.doc_file(str(doc_id_for(bad.id)))
    doc.write_bytes(doc.read_bytes()[:40])
    ana.env()
    app = RetroApp(ana.db, clock=lambda: datetime.now(timezone.utc))
    said = notices(app, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert line(app).startswith(f"synced the rest; could not read {bad.id}")
        assert app.screen.query_one(TeamSyncStatus).has_class("-failed")
        assert any(m.startswith("Synced, but not everything: ") for m in said)
    assert bo.retro(capsys, "sync")[0] == 0
    assert {pm.id for pm in bo.store.all()} == {good.id}


@pytest.mark.parametrize("synced", [True, False], ids=["set", "not-set"])
def test_home_team_line_snapshot(snap_compare, db_path: Path, synced: bool) -> None:  # type: ignore[no-untyped-def]
    fill(db_path)
    if synced:
        set_team(db_path, NOW - timedelta(hours=3))
    app = RetroApp(db_path, clock=clock)
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)
