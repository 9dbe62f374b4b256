"""TUI figures: time to first screen against a bare Textual app, and per-key time.

Time to first screen: each run is a fresh Python process that imports its app,
runs it headless at 80x24 and exits once the first screen is drawn (for retro:
the home screen with its postmortems loaded). retro and the bare app (Header,
Static, Footer) alternate, so machine noise hits both alike.

Per key: one process drives the app through Textual's pilot with a postmortem
of 300 timeline events and 20 action items, and reports the mean time per key
for typing an event, moving through the list and marking milestones.

    .venv/bin/python benchmarks/tui_bench.py [--runs 10]

Prints one JSON object per line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

BARE = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Static("hello")
        yield Footer()

    def on_mount(self):
        self.call_after_refresh(self.exit)

Bare().run(headless=True, size=(80, 24))
"""

# argv: database, then "paint" (exit once home is drawn, as the bare app
# does) or "data" (exit once its postmortems, read in a worker, are drawn).
RETRO = """
import os
import sys
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")  # as retro's main()
from retrotui.cli import build_parser, command_module
from retrotui.app import RetroApp

build_parser(command_module([]))  # what bare `retro` pays before its app starts

class FirstScreen(RetroApp):
    def on_mount(self):
        super().on_mount()
        if sys.argv[2] == "paint":
            self.call_after_refresh(self.exit)
        else:
            self.set_interval(0.001, self._shown)

    def _shown(self):
        if getattr(self.screen, "listed", False):
            self.call_after_refresh(self.exit)

FirstScreen(sys.argv[1]).run(headless=True, size=(80, 24))
"""


def seed(db: Path, count: int = 20) -> None:
    from factories import incident

    from retrotui.storage.store import Store

    Store(db).put_many(incident(f"pm{i:04d}", f"Incident {i}") for i in range(count))


def time_process(code: str, *args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True)
    return time.perf_counter() - start


def first_screen(runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "db.json"
        seed(db)
        time_process(BARE)  # warm the file cache for all three
        time_process(RETRO, str(db), "paint")
        time_process(RETRO, str(db), "data")
        bare: list[float] = []
        paint: list[float] = []
        data: list[float] = []
        for _ in range(runs):
            bare.append(time_process(BARE))
            paint.append(time_process(RETRO, str(db), "paint"))
            data.append(time_process(RETRO, str(db), "data"))
    b, p, d = (statistics.median(x) for x in (bare, paint, data))
    print(
        json.dumps(
            {
                "figure": "time_to_first_screen",
                "runs": runs,
                "bare_textual_ms_median": round(b * 1000, 1),
                "retro_home_ms_median": round(p * 1000, 1),
                "ratio": round(p / b, 2),
                "retro_home_with_20_postmortems_ms_median": round(d * 1000, 1),
                "ratio_with_data": round(d / b, 2),
            }
        )
    )


def big_postmortem():  # type: ignore[no-untyped-def]
    from factories import T0, incident

    from retrotui.document.models import ActionItem, TimelineEvent

    pm = incident("bench1")
    pm.phase = "timeline"
    pm.timeline = [
        TimelineEvent(
            at=T0 + timedelta(minutes=i), text=f"Checked panel {i} on web-{i % 7}"
        )
        for i in range(300)
    ]
    pm.actions = [
        ActionItem(
            text=f"Add an alert when pool {i} exceeds 80% of max_connections",
            owner="Team Data",
            due=date(2027, 1, 15),
            factor_ids=["f-pool"],
        )
        for i in range(20)
    ]
    return pm


async def pilot_baseline() -> None:
    """The pilot's own cost per key: the same typing into a bare app's Input."""
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Input

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Input()
            yield Footer()

    app = Bare()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        keys = list("15:10 status page updated for customers")
        start = time.perf_counter()
        await pilot.press(*keys)
        elapsed = time.perf_counter() - start
    print(
        json.dumps(
            {
                "figure": "per_key_ms",
                "screen": "bare textual Input (pilot overhead)",
                "case": "type_event_line",
                "keys": len(keys),
                "mean_ms": round(elapsed / len(keys) * 1000, 2),
            }
        )
    )


async def per_key() -> None:
    from retrotui.app import RetroApp
    from retrotui.storage.store import Store

    await pilot_baseline()

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "db.json"
        Store(db).add(big_postmortem())
        app = RetroApp(db, pm_id="bench1")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            typing = list("15:10 status page updated for customers") + ["enter"]
            cases = {
                "type_event_line": typing,
                "move_in_list": ["up"] * 40,
                "mark_milestone": ["s", "s"] * 10,
            }
            for name, keys in cases.items():
                start = time.perf_counter()
                await pilot.press(*keys)
                elapsed = time.perf_counter() - start
                print(
                    json.dumps(
                        {
                            "figure": "per_key_ms",
                            "screen": "timeline",
                            "case": name,
                            "events": len(app.pm.timeline) if app.pm else 0,
                            "actions": len(app.pm.actions) if app.pm else 0,
                            "keys": len(keys),
                            "mean_ms": round(elapsed / len(keys) * 1000, 2),
                        }
                    )
                )
            for phase in ("actions", "stage"):
                app.open_phase(phase)
                await pilot.pause()
                keys = ["tab"] * 10
                start = time.perf_counter()
                await pilot.press(*keys)
                elapsed = time.perf_counter() - start
                print(
                    json.dumps(
                        {
                            "figure": "per_key_ms",
                            "screen": phase,
                            "case": "tab_between_fields",
                            "keys": len(keys),
                            "mean_ms": round(elapsed / len(keys) * 1000, 2),
                        }
                    )
                )
            await pilot.press("ctrl+q")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    first_screen(args.runs)
    asyncio.run(per_key())


if __name__ == "__main__":
    main()
