"""Realistic postmortems for tests and benchmarks, and the app opened on them
and driven by keys as a user would."""

from __future__ import annotations

import asyncio
import random
import unicodedata
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from retrotui.cli import main
from retrotui.document.ids import doc_id_for
from retrotui.document.models import (
    ActionItem,
    Factor,
    Participant,
    Postmortem,
    TimelineEvent,
)
from retrotui.document.schema import ActionStatus

if TYPE_CHECKING:
    from collections.abc import Callable

    import pytest
    from textual.app import App
    from textual.pilot import Pilot

    from retrotui.app import RetroApp

T0 = datetime(2026, 11, 20, 14, 0, tzinfo=timezone.utc)


def incident(
    pm_id: str = "k7m2qx", title: str = "Checkout down during promotion"
) -> Postmortem:
    """The seeds' practice scenario: the database ran out of connections."""
    f1 = Factor(
        id="f-pool",
        text="The connection pool limit was sized for normal traffic, not a promotion",
        category="technology",
        kind="enabling",
        whys=[
            "The database refused new connections",
            "Every web worker held connections open",
            "The pool size was copied from the staging config",
            "No load test covers promotion traffic",
        ],
    )
    f2 = Factor(
        id="f-promo",
        text="The promotion email went to all customers at once",
        category="process",
        kind="trigger",
    )
    return Postmortem(
        id=pm_id,
        title=title,
        severity="sev2",
        services=["web", "postgres"],
        tickets=["INC-4211"],
        summary="The website returned errors for 42 minutes during the autumn promotion.",
        impact="About 18% of checkout requests failed between 14:05 and 14:47 UTC.",
        detection="The 5xx-rate alert paged the on-call.",
        resolution="Raised max_connections and restarted the web tier.",
        participants=[
            Participant(name="Maria Lopez", role="responder", consent_named=True),
            Participant(name="Sam Okafor", role="responder", consent_named=False),
            Participant(name="Lee Chen", role="facilitator", consent_named=True),
        ],
        facilitator="Lee Chen",
        timeline=[
            TimelineEvent(at=T0, text="Promotion email sent", milestone="started"),
            TimelineEvent(
                at=T0 + timedelta(minutes=5),
                text="5xx alert paged on-call",
                milestone="detected",
            ),
            TimelineEvent(
                at=T0 + timedelta(minutes=8),
                text="On-call acknowledged",
                milestone="acknowledged",
            ),
            TimelineEvent(
                at=T0 + timedelta(minutes=30),
                text="Raised max_connections",
                milestone="mitigated",
            ),
            TimelineEvent(
                at=T0 + timedelta(minutes=47),
                text="Error rate back to normal",
                milestone="resolved",
            ),
        ],
        went_well=["The 5xx alert fired within five minutes"],
        went_wrong=["The runbook did not mention connection limits"],
        lucky=["The promotion started outside peak hours"],
        confusing=["Database dashboards showed healthy CPU"],
        factors=[f1, f2],
        actions=[
            ActionItem(
                id="a-alrt",
                text="Add an alert when database connections exceed 80% of max_connections",
                owner="Team Data",
                due=date(2026, 12, 18),
                due_text="2026-12-18",
                type="detect",
                priority="P1",
                factor_ids=["f-pool"],
            ),
        ],
        takeaways=["Load-test promotions before sending the email"],
        created=T0 + timedelta(hours=3),
        updated=T0 + timedelta(hours=3),
    )


def team_retro(pm_id: str = "ret042") -> Postmortem:
    """A team retrospective (kind "retro") with every step answered."""
    return Postmortem(
        id=pm_id,
        kind="retro",
        title="Platform team retrospective, sprint 42",
        summary="Sprint 42: the database migration",
        participants=[
            Participant(name="Ana Silva", role="member", consent_named=True),
            Participant(name="Lee Chen", role="member"),
            Participant(name="Sam Okafor", role="manager"),
        ],
        facilitator="Ana Silva",
        went_well=["Pairing on the migration runbook"],
        went_wrong=["Reviews waited two days on average"],
        confusing=["Who owns the staging cluster?"],
        actions=[
            ActionItem(
                id="a-rota",
                text="Add a second reviewer to the platform rota so reviews start within 4 hours",
                owner="Team Platform",
                due=date(2026, 12, 18),
                due_text="2026-12-18",
                type="process",
                priority="P2",
            )
        ],
        takeaways=["Pair on risky changes"],
        follow_up_on=date(2027, 1, 15),
        created=T0,
        updated=T0,
    )


def bulky(pm_id: str, size: int = 10_000) -> Postmortem:
    """An incident padded to about ``size`` bytes of JSON, for benchmarks."""
    pm = incident(pm_id, title=f"Incident {pm_id}")
    events = []
    at = T0
    while len(pm.model_dump_json()) + sum(len(e.text) + 120 for e in events) < size:
        at += timedelta(minutes=1)
        events.append(
            TimelineEvent(
                at=at,
                text=f"Checked dashboard panel {len(events)}; error rate still elevated on web-{len(events) % 7}",
            )
        )
    pm.timeline = pm.timeline + events
    return pm


def over_days(count: int, days: int) -> list[Postmortem]:
    """``count`` incidents p00000... titled "Outage N", on ``days`` days in
    turn: many share a day, so a listing's order of equal dates shows."""
    pms = []
    for n in range(count):
        pm = incident(f"p{n:05d}", f"Outage {n}")
        shift = timedelta(days=n % days)
        pm.timeline = [e.model_copy(update={"at": e.at + shift}) for e in pm.timeline]
        pms.append(pm)
    return pms


def single_file(db_path: Path, count: int) -> bytes:
    """A database as an older retro wrote it: every postmortem in one file."""
    table = {}
    for n in range(count):
        doc = incident(f"old{n:03d}", f"Old incident {n}").model_dump(mode="json")
        table[str(doc_id_for(doc["id"]))] = doc
    db_path.parent.mkdir(parents=True, exist_ok=True)
    raw = orjson.dumps({"postmortems": table})
    db_path.write_bytes(raw)
    return raw


def varied_actions(today: date, count: int = 150) -> list[Postmortem]:
    """``count`` postmortems' items open, done and dropped, due on few days
    around ``today`` (ties) or none, item ids that repeat across
    postmortems (references name their postmortem)."""
    rng = random.Random(15)
    pms = []
    for n in range(count):
        pm = incident(f"pm{n:04d}", f"Incident {n}")
        pm.actions = [
            ActionItem(
                id=f"a-{rng.randint(0, 40)}" if k % 2 else f"a-{n}-{k}",
                text=f"Item {n}.{k}",
                owner=rng.choice(["Team Data", "kim", ""]),
                due=rng.choice([None, today + timedelta(days=rng.randint(-9, 9))]),
                status=rng.choice([ActionStatus.open] * 3 + list(ActionStatus)),
            )
            for k in range(rng.randint(0, 4))
        ]
        pms.append(pm)
    return pms


# -- the app, opened on a stored postmortem and driven by keys -----------------

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=timezone.utc)


def clock() -> datetime:
    return NOW


def open_at(db_path: Path, pm: Postmortem, phase: str) -> RetroApp:
    """The app opened on ``pm`` (stored first) at ``phase``."""
    from retrotui.app import RetroApp
    from retrotui.storage.store import Store

    pm.phase = phase
    Store(db_path).add(pm)
    return RetroApp(db_path, pm_id=pm.id, clock=clock)


def stored(app: RetroApp) -> Postmortem:
    """What the database holds after the app saved its pending edits."""
    from retrotui.storage.store import Store

    assert app.save_sync()
    return Store(app.db_path).get(app.session.last_id)


async def settle(pilot: Pilot[int]) -> None:
    """Until the app is idle: workers done, keys handed on, messages handled,
    and no worker started after that (home reads its list after its first
    paint and its action items once the list is drawn: a worker, a refresh,
    then another worker). Done when two pauses in a row found none."""
    while True:
        await workers_done(pilot.app)
        await keys_done(pilot)
        await pilot.pause()
        if not _working(pilot.app):
            await pilot.pause()
            if not _working(pilot.app):
                return


def _working(app: App) -> bool:  # type: ignore[type-arg]
    from textual.worker import WorkerState

    return any(
        worker.state in (WorkerState.PENDING, WorkerState.RUNNING)
        for worker in app.workers
    )


async def workers_done(app: App) -> None:  # type: ignore[type-arg]
    """Until every worker has ended. A worker replaced by a newer one of its
    exclusive group (a hint recomputed as the user types) ends cancelled;
    waiting for it raises, so it is waited for again until it has left."""
    from textual.worker import WorkerCancelled

    while True:
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:
            await asyncio.sleep(0.01)
            continue
        return


async def keys_done(pilot: Pilot[int]) -> None:
    """Until every key the app received has been handed on and handled."""
    app = pilot.app
    await pilot.pause()
    # The key queue's own state (ours, not Textual's): keys waiting, and the
    # last one still being carried through the widgets.
    while app.keys_waiting or app._key_in_flight:  # type: ignore[attr-defined]
        await pilot.pause()


# Unicode names Textual shortens for its key names.
_KEY_NAMES = {
    "solidus": "slash",
    "reverse_solidus": "backslash",
    "commercial_at": "at",
    "hyphen_minus": "minus",
    "plus_sign": "plus",
    "low_line": "underscore",
}


# Enter and Tab inside a typed burst ("first\rsecond\r").
_CONTROL_KEYS = {"\r": "enter", "\t": "tab"}


def key_name(character: str) -> str:
    """The name the terminal driver gives the key that types ``character``."""
    if character.isalnum():
        return character
    if character in _CONTROL_KEYS:
        return _CONTROL_KEYS[character]
    name = unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")
    return _KEY_NAMES.get(name, name)


async def type_text(pilot: Pilot[int], text: str) -> None:
    """Type ``text`` the way a terminal delivers a fast typist's keys or tmux
    send-keys: all at once, each key handed on by the app in its turn.

    ``pilot.press`` instead sleeps until the app is idle after every key
    (40 ms or more a key), which made long flows take over a minute.
    """
    from textual import events

    for character in text:
        pilot.app.post_message(events.Key(key_name(character), character))
    await keys_done(pilot)


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``retro ARGV`` in-process through the real entry point: (exit, out, err)."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


async def seen_on_screen(pilot: Pilot[int], read: Callable[[], str], part: str) -> bool:
    """Whether ``read()`` (a widget's text) holds ``part`` at some moment in
    the next 30 seconds: a passing state, such as a line shown while a
    process runs, that ``settle`` would wait past."""
    from textual.css.query import NoMatches

    for _ in range(3000):
        try:
            if part in read():
                return True
        except NoMatches:  # not mounted yet
            pass
        await pilot.pause(0.01)
    return False


def as_a_large_store(monkeypatch: pytest.MonkeyPatch, db_path: Path) -> Path:
    """The app's term index lookups treated as at 20,000 postmortems: a
    store of a few documents holds more than the app reads itself (one), so
    a first build runs in another process; one edit since is read in the
    app, as a few are at any size. The index file (none yet) is returned."""
    import retrotui.learning.index_build as index_build
    from retrotui.storage.layout import Layout

    monkeypatch.setattr(index_build, "READ_HERE", 1)
    index = Layout(db_path).folder / "learning.sqlite"
    index.unlink(missing_ok=True)
    return index


# A build of the term index in a process of its own (index_build), started
# only once the file argv[1] exists: what is on screen while it runs can be
# looked at for as long as a test needs.
_HELD_BUILD = """
import pathlib, runpy, sys, time
for _ in range(6000):  # not left behind by a test that failed first
    if pathlib.Path(sys.argv[1]).exists():
        break
    time.sleep(0.01)
else:
    sys.exit(1)
sys.argv = sys.argv[1:]
runpy.run_module("retrotui.learning.index_build", run_name="__main__")
"""


def held_builds(monkeypatch: pytest.MonkeyPatch, gate: Path) -> None:
    """Builds apart (``index_build.build_apart``) wait until ``gate`` exists."""
    import subprocess
    import sys

    import retrotui.learning.index_build as index_build

    started: dict[Path, subprocess.Popen[bytes]] = {}

    def build_apart(db_path: Path) -> subprocess.Popen[bytes]:
        if db_path not in started or started[db_path].poll() is not None:
            started[db_path] = subprocess.Popen(
                [sys.executable, "-c", _HELD_BUILD, str(gate), str(db_path)]
            )
        return started[db_path]

    monkeypatch.setattr(index_build, "build_apart", build_apart)


def notices(app: App, monkeypatch: pytest.MonkeyPatch) -> list[str]:  # type: ignore[type-arg]
    """Every message ``app`` notifies, kept. Textual drops a notification
    from ``app._notifications`` once its timeout has passed in wall time:
    under load a settle outlasted the 3 s of 'not kept' and the test failed
    with the toast shown. One with a title is kept as 'Title: message'."""
    said: list[str] = []
    notify = app.notify

    def keep(message: str, *args: object, **kwargs: object) -> None:
        title = kwargs.get("title", "")
        said.append(f"{title}: {message}" if title else message)
        notify(message, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(app, "notify", keep)
    return said
