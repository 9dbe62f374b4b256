"""Home: drafts first, search, action items across postmortems, one-key open."""

from __future__ import annotations

import gc
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from factories import incident, notices, settle
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from retrotui.app import RetroApp
from retrotui.document.models import ActionItem, Postmortem, Status
from retrotui.document.schema import Kind
from retrotui.storage.listing import OpenRef, home_order, open_ref
from retrotui.storage.store import Store
from retrotui.storage.summary import summarize
from screens.home import HomeScreen
from screens.home_data import Found, Haystack, OpenActions
from screens.stage import StageScreen
from screens.stats import StatsScreen
from screens.timeline import TimelineScreen
from widgets.paged_table import PAGE

NOW = datetime(2026, 12, 30, 9, 0, tzinfo=timezone.utc)


def clock() -> datetime:
    return NOW


def fill(db_path: Path) -> None:
    published = incident("pub001", "Checkout down during promotion")
    published.status = Status.published
    published.tags = ["promo"]
    draft = incident("drf001", "Disk full on db-2")
    draft.services = ["postgres"]
    draft.phase = "timeline"
    draft.actions = [
        ActionItem(text="Alert at 80% disk", owner="Team Data", due=date(2027, 1, 15)),
        ActionItem(text="Runbook for disk full", owner="", due=None, due_text="soon"),
    ]
    store = Store(db_path)
    store.add(published)
    store.add(draft)


@asynccontextmanager
async def home(db_path: Path) -> AsyncIterator[tuple[RetroApp, Pilot[None]]]:
    """Home over ``fill``'s postmortems, shown and settled."""
    fill(db_path)
    app = RetroApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        yield app, pilot


def refs_of(pm: Postmortem) -> list[OpenRef]:
    items = pm.model_dump(mode="json")["actions"]
    return [open_ref(pm.id, item) for item in items]


def test_ordering_search_and_overdue() -> None:
    published = incident("pub001")
    published.status = Status.published
    draft = incident("drf001", "Disk full")
    draft.tags = ["storage"]
    refs = refs_of(published)
    published, draft = (
        summarize(pm.model_dump(mode="json")) for pm in (published, draft)
    )
    entries = {pm.id: {**pm.to_json(), "id": pm.id} for pm in (published, draft)}
    assert home_order(entries) == ["drf001", "pub001"]
    assert draft.matches("STOR")
    assert published.matches("checkout kafka") is False
    assert published.matches("checkout web")
    found = OpenActions(refs, date(2026, 12, 30))
    assert found.overdue == 1 and [found.at(0).overdue] == [True]
    assert OpenActions(refs, date(2026, 12, 1)).at(0).overdue is False


async def test_home_lists_drafts_first_and_counts_overdue(db_path: Path) -> None:
    fill(db_path)
    app = RetroApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        table = screen.query_one("#home-list", DataTable)
        assert [str(k.value) for k in table.rows] == ["drf001", "pub001"]
        title = str(screen.query_one("#home-actions-title").render())
        assert "Open action items: 3" in title
        assert "1 OVERDUE" in title
        await pilot.press("slash", *"disk full")
        await settle(pilot)
        assert [str(k.value) for k in table.rows] == ["drf001"]
        await pilot.press("ctrl+u", "enter")
        await pilot.pause()
        assert app.focused is table


async def test_resume_opens_the_draft_where_it_was_left(db_path: Path) -> None:
    fill(db_path)
    app = RetroApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, TimelineScreen)
        assert app.screen.pm.id == "drf001"
        await pilot.press("f5")
        await settle(pilot)
        assert isinstance(app.screen, StageScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.screen.pm.id == "pub001"
    assert Store(db_path).get("drf001").phase == "stage"


async def test_new_from_home_saves_a_draft_at_once(db_path: Path) -> None:
    app = RetroApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, StageScreen)
        stored = Store(db_path).all()
        assert [pm.title for pm in stored] == ["Incident on 2026-12-30"]
        assert stored[0].phase == "stage"
        assert stored[0].created == NOW


async def test_palette_offers_every_footer_action(db_path: Path) -> None:
    fill(db_path)
    app = RetroApp(db_path, pm_id="drf001", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("up")
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for expected in (
            "Next",
            "Prev",
            "Save",
            "Help",
            "Quit",
            "Home",
            "Edit",
            "Delete",
        ):
            assert any(title.startswith(expected) for title in titles), expected
        assert any(title.startswith("started") for title in titles)


def test_overdue_is_relative_to_the_app_clock() -> None:
    pm = incident()
    item = pm.actions[0]
    assert item.due is not None
    assert OpenActions(refs_of(pm), item.due + timedelta(days=1)).at(0).overdue


async def test_filter_finds_any_word_and_typos_through_the_term_index(
    db_path: Path,
) -> None:
    fill(db_path)
    pm = incident("oth001", "Queue backlog")
    pm.timeline[0].text = "Consumer lag alarm on the billing queue"
    Store(db_path).add(pm)
    app = RetroApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#home-list", DataTable)
        # 'biling' is in no title, service or tag: a timeline word, mistyped.
        await pilot.press("slash", *"biling")
        await settle(pilot)
        assert [str(k.value) for k in table.rows] == ["oth001"]
        header = str(app.screen.query_one("#home-header").render())
        assert "3 in all, 2 draft(s) · 1 match" in header
        await pilot.press("ctrl+u")
        await settle(pilot)
        assert len(table.rows) == 3


async def test_escape_leaves_the_filter_for_the_list_and_keeps_what_it_matches(
    db_path: Path,
) -> None:
    async with home(db_path) as (app, pilot):
        table = app.screen.query_one("#home-list", DataTable)
        await pilot.press("slash", *"zzz", "escape")
        await settle(pilot)
        assert app.focused is table
        assert app.screen.query_one("#home-filter", Input).value == "zzz"
        # The keys are the list's again: s opens the stats, not the filter.
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, StatsScreen)


async def test_down_leaves_the_filter_for_its_matches_and_enter_opens_one(
    db_path: Path,
) -> None:
    async with home(db_path) as (app, pilot):
        table = app.screen.query_one("#home-list", DataTable)
        await pilot.press("slash", *"disk")
        await settle(pilot)
        await pilot.press("down")
        await settle(pilot)
        assert app.focused is table
        assert table.cursor_row == 0
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        await pilot.press("enter")
        await settle(pilot)
        assert app.session.pm is not None
        assert app.session.pm.id == row_key.value


async def test_the_list_loads_more_as_the_cursor_reaches_its_end(
    db_path: Path,
) -> None:
    Store(db_path).put_many(
        incident(f"p{n:05d}", f"Incident {n}") for n in range(PAGE * 2 + 5)
    )
    app = RetroApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#home-list", DataTable)
        assert table.row_count == PAGE
        await pilot.press("ctrl+end")
        await settle(pilot)
        assert table.row_count == PAGE * 2
        table.scroll_end(animate=False, immediate=True)
        await settle(pilot)
        assert table.row_count == PAGE * 2 + 5
        header = str(app.screen.query_one("#home-header").render())
        assert f"{PAGE * 2 + 5} in all" in header


async def test_team_retrospectives_are_listed_apart(db_path: Path) -> None:
    fill(db_path)
    retro = incident("ret001", "Q3 platform team retrospective")
    retro.kind = Kind.retro
    Store(db_path).add(retro)
    app = RetroApp(db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        listed = screen.query_one("#home-list", DataTable)
        retros = screen.query_one("#home-retros", DataTable)
        assert [str(k.value) for k in listed.rows] == ["drf001", "pub001"]
        assert [str(k.value) for k in retros.rows] == ["ret001"]
        title = str(screen.query_one("#home-retros-title").render())
        assert title == "Team retrospectives: 1"
        retros.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.pm.id == "ret001"


def test_quick_matches_are_found_in_order_as_asked_for() -> None:
    entries = {
        f"k{n}": {"id": f"p{n:03d}", "title": f"Disk full on db-{n % 3}", "tags": []}
        for n in range(9)
    }
    entries["k4"]["services"] = ["Postgres"]
    entries["k5"]["title"] = "Line\nbreak in a title"
    haystack = Haystack(list(entries), entries)
    assert list(haystack.matching("db-1")) == ["k1", "k4", "k7"]
    assert list(haystack.matching("DB-1 postgres")) == ["k4"]
    assert list(haystack.matching("line break")) == ["k5"]
    # One line per key: words of two keys never make one match.
    assert list(haystack.matching("p003disk")) == []
    assert list(haystack.matching("")) == list(entries)
    lazily = haystack.matching("disk")
    assert next(lazily) == "k0"
    assert haystack.found("zeppelin", {"k3", "k8"}) == ["k3", "k8"]
    assert haystack.found("db-2", {"k0"}) == ["k0", "k2", "k8"]


async def test_a_late_answer_for_an_older_filter_is_not_shown(db_path: Path) -> None:
    async with home(db_path) as (app, pilot):
        screen = app.screen
        table = screen.query_one("#home-list", DataTable)
        await pilot.press("slash", *"disk")
        await settle(pilot)
        assert [str(k.value) for k in table.rows] == ["drf001"]
        everything = Found(["drf001", "pub001"], [], every_word=True)
        screen.post_message(HomeScreen.Filtered("dis", everything))
        await settle(pilot)
        assert [str(k.value) for k in table.rows] == ["drf001"]
        assert "· 1 match" in str(screen.query_one("#home-header").render())


async def test_typing_shows_the_quick_matches_before_the_search_answers(
    db_path: Path,
) -> None:
    from screens.home_data import _SEARCHING

    async with home(db_path) as (app, pilot):
        screen = app.screen
        header = screen.query_one("#home-header")
        table = screen.query_one("#home-list", DataTable)
        with _SEARCHING:  # the full-text search cannot answer yet
            await pilot.press("slash", *"promotion")
            await pilot.pause()
            assert screen.query_one("#home-filter", Input).value == "promotion"
            assert [str(k.value) for k in table.rows] == ["pub001"]
            assert "counting matches" in str(header.render())
        await settle(pilot)
        # The draft's factors speak of the promotion too.
        assert [str(k.value) for k in table.rows] == ["drf001", "pub001"]
        assert "· 2 match" in str(header.render())


async def test_a_first_search_index_is_built_apart_and_then_searched(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import screens.home_data

    fill(db_path)
    pm = incident("oth001", "Queue backlog")
    pm.timeline[0].text = "Consumer lag alarm on the billing queue"
    Store(db_path).add(pm)
    # As a large store: more documents to read than the app reads itself.
    monkeypatch.setattr(screens.home_data, "READ_HERE", 0)
    app = RetroApp(db_path, clock=clock)
    said = notices(app, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#home-list", DataTable)
        await pilot.press("slash", *"billing")
        # Titles, ids, services and tags meanwhile; then every word, once
        # the build's process (waited for in a worker) has ended.
        await settle(pilot)
        await settle(pilot)
        assert [str(k.value) for k in table.rows] == ["oth001"]
        assert any("search index" in message for message in said)


class Cycle:
    """An object that refers to itself: only the cyclic GC frees it."""

    def __init__(self) -> None:
        self.me = self


async def test_home_keeps_its_entries_out_of_garbage_collection(db_path: Path) -> None:
    # At 20,000 postmortems every full pass walked home's entries and open
    # items (0.2 s on a key): in their shape the GC leaves them alone.
    async with home(db_path) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        gc.collect()
        entries = list(screen.shelf.entries.by_key.values())
        refs = screen.found.refs
        assert len(entries) == 2 and len(refs) == 3
        assert not any(map(gc.is_tracked, entries + refs))


async def test_garbage_made_around_home_is_collected(db_path: Path) -> None:
    # Not frozen out of collection while home is shown, as it once was: a
    # cycle alive as home loads and dropped while it is shown, and one made
    # while another screen is on top, are both freed by a pass.
    alive_at_load = Cycle()
    dropped = weakref.ref(alive_at_load)
    async with home(db_path) as (app, pilot):
        del alive_at_load
        gc.collect()
        assert dropped() is None
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, StatsScreen)
        made = weakref.ref(Cycle())
        gc.collect()
        assert made() is None
