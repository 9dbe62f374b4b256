""" "This happened before" on Set the stage and Actions: the earlier similar
postmortems with their action items, found in a worker; enter links one
(``related``, saved like any edit) and the report lists it."""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import as_a_large_store, held_builds, seen_on_screen, settle
from textual.widgets import Input, Static

from retrotui.app import RetroApp
from retrotui.storage.store import Store
from tests.test_similar_cli import store  # noqa: F401  (the fixture)
from widgets.happened_before import HappenedBefore, SimilarList


def open_at(db_path: Path, pm_id: str, phase: str) -> RetroApp:
    st = Store(db_path)
    pm = st.get(pm_id)
    pm.phase = phase
    st.save(pm)
    return RetroApp(db_path, pm_id=pm_id)


def line_of(app: RetroApp) -> str:
    return str(app.screen.query_one("#before-line", Static).render())


@pytest.mark.parametrize("phase", ["stage", "actions"])
async def test_shows_the_earlier_near_duplicates_with_their_actions(
    db_path: Path,
    store: Store,  # noqa: F811
    phase: str,
) -> None:
    app = open_at(db_path, "lag003", phase)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(HappenedBefore)
        assert sorted(m.id for m in panel.matches) == ["lag001", "lag002"]
        assert "2 earlier postmortems like this one" in line_of(app)
        prompts = {
            o.id: str(o.prompt) for o in app.screen.query_one(SimilarList).options
        }
        assert (
            "lag001 · 2026-10-21 · 2 of 3 action items still open" in prompts["lag001"]
        )
        assert "no action items" in prompts["lag002"]
        assert (
            "later1" not in prompts
        )  # a later incident is not "before"  # later incidents are not "before"


async def test_enter_links_and_again_unlinks_through_the_session(
    db_path: Path,
    store: Store,  # noqa: F811
) -> None:
    app = open_at(db_path, "lag003", "stage")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        box = app.screen.query_one(SimilarList)
        box.focus()
        row = [o.id for o in box.options].index("lag001")
        await pilot.press(*["down"] * row, "enter")
        await settle(pilot)
        assert app.pm is not None and app.pm.related == ["lag001"]
        assert "[linked]" in str(box.get_option("lag001").prompt)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert Store(db_path).get("lag003").related == ["lag001"]
        await pilot.press("enter")
        await settle(pilot)
        assert app.pm.related == []


async def test_one_line_when_nothing_similar_and_typing_searches_again(
    db_path: Path,
    store: Store,  # noqa: F811
) -> None:
    app = open_at(db_path, "k7m2qx", "stage")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert line_of(app) == "Nothing like this before in this store."
        assert not app.screen.query_one(SimilarList).display
        title = app.screen.query_one("#title")
        title.focus()
        title.value = ""  # type: ignore[attr-defined]
        await pilot.press(*"Billing replica lag stale invoices")
        # The typing is in at once; the search follows once it settles.
        assert app.pm is not None and app.pm.title.startswith("Billing replica")
        await pilot.pause(1.0)
        await settle(pilot)
        assert "This happened before" in line_of(app)


def test_snapshot_stage_with_earlier_postmortems(  # type: ignore[no-untyped-def]
    snap_compare,
    db_path: Path,
    store: Store,  # noqa: F811
) -> None:
    app = open_at(db_path, "lag003", "stage")
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)


def test_snapshot_actions_with_earlier_postmortems(  # type: ignore[no-untyped-def]
    snap_compare,
    db_path: Path,
    store: Store,  # noqa: F811
) -> None:
    app = open_at(db_path, "lag003", "actions")
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)


async def test_a_first_search_of_a_large_store_builds_the_index_apart(
    db_path: Path,
    store: Store,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    # At 20,000 a build in the app's process held up typing for a minute.
    index = as_a_large_store(monkeypatch, db_path)
    held_builds(monkeypatch, tmp_path / "go")
    app = open_at(db_path, "lag003", "stage")
    async with app.run_test(size=(80, 24)) as pilot:
        assert await seen_on_screen(pilot, lambda: line_of(app), "Building the search")
        # Typing goes on meanwhile.
        title = app.screen.query_one("#title", Input)
        title.focus()
        await pilot.press(*" x")
        assert title.value.endswith(" x")
        assert "Building the search" in line_of(app)
        (tmp_path / "go").touch()
        # The build's end, then a search (and the one typing asked for): the
        # line says which state it reached if it never gets there.
        found = await seen_on_screen(pilot, lambda: line_of(app), "happened before")
        assert found, line_of(app)
        await settle(pilot)
        panel = app.screen.query_one(HappenedBefore)
        assert index.exists()
        assert "lag001" in [m.id for m in panel.matches], line_of(app)
        assert "This happened before" in line_of(app)


async def test_says_so_when_the_index_could_not_be_built(
    db_path: Path,
    store: Store,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import subprocess
    import sys

    import retrotui.learning.index_build as index_build

    as_a_large_store(monkeypatch, db_path)
    # A build that ends without building (killed, a full disk).
    monkeypatch.setattr(
        index_build,
        "build_apart",
        lambda db: subprocess.Popen([sys.executable, "-c", "pass"]),
    )
    app = open_at(db_path, "lag003", "actions")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert line_of(app) == (
            "Earlier postmortems could not be searched: the search index is not built"
        )
