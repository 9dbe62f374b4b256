"""A big postmortem stays as quick as a small one (issues 11 and 15).

    .venv/bin/python benchmarks/big_postmortem_bench.py [--rounds N]

Opens the phase screens of a small postmortem (the test factory's) and of a
big one (1,000 timeline events, 100 action items, 50 factors) and prints,
side by side:

- the time to open the action-items screen;
- the median wall time of one key typed into the first item's text (each key
  re-checks the item and hands the changed postmortem to the session);
- the CPU (user+sys of this process, the autosave's thread included) one key
  costs on each phase screen, typed one at a time, each waited for; and typed
  as a burst of 30 keys at once, as a fast typist sends them.

CPU is the figure to compare on a shared machine: wall time follows the load.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from factories import T0, incident, open_at, settle  # noqa: E402

from retrotui.document.models import (  # noqa: E402
    ActionItem,
    Factor,
    Postmortem,
    TimelineEvent,
)

KEYS = "abcdefghij"
BURST = "Add an alert on pool size ab"  # 28 keys: letters and spaces
# The screens with a field a user types into on arrival.
PHASES = ("actions", "timeline", "insights", "factors", "stage")


def big() -> Postmortem:
    pm = incident("big001")
    pm.timeline = [
        TimelineEvent(
            at=T0 + timedelta(minutes=n), text=f"Event {n}: checked web-{n % 7}"
        )
        for n in range(1000)
    ]
    pm.factors = [
        Factor(id=f"f-{n}", text=f"Contributing factor {n}", whys=["because", "and"])
        for n in range(50)
    ]
    pm.actions = [
        ActionItem(
            text=f"Add an alert when pool {n} exceeds 80% of max_connections",
            owner="Team Data",
            due=(T0 + timedelta(days=30)).date(),
            factor_ids=["f-0"],
        )
        for n in range(100)
    ]
    return pm


async def measure(pm: Postmortem, phase: str = "actions") -> dict[str, float]:
    """Opening, wall and CPU a key (one at a time), CPU a key in a burst."""
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        app = open_at(Path(tmp) / "db.json", pm, phase)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            opened = time.perf_counter() - start
            if phase == "actions":
                # The first item into the form, the cursor at the end of its text.
                await pilot.press("ctrl+l", "home", "enter")
                await settle(pilot)
            walls, cpus = [], []
            for key in KEYS:
                start, cpu = time.perf_counter(), time.process_time()
                await pilot.press(key)
                await settle(pilot)
                walls.append(time.perf_counter() - start)
                cpus.append(time.process_time() - cpu)
            keys = ["space" if c == " " else c for c in BURST]
            cpu = time.process_time()
            await pilot.press(*keys)
            await settle(pilot)
            burst = (time.process_time() - cpu) / len(keys)
    return {
        "open": opened,
        "key": statistics.median(walls),
        "cpu": statistics.median(cpus),
        "burst": burst,
    }


def row(label: str, small: float, big: float, unit: str = "ms") -> str:
    return f"{label:<30}{small * 1000:>8.1f}{unit}{big * 1000:>8.1f}{unit}{big / small:>10.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--phases", default=",".join(PHASES))
    args = parser.parse_args()
    # Once first: the first opening imports the screens, and would make the
    # small one (measured first) look slower to open than the big one.
    asyncio.run(measure(incident("wrm001")))
    print(f"{'':<30}{'small':>10}{'big':>10}{'big/small':>10}")
    for _ in range(args.rounds):
        for phase in args.phases.split(","):
            small = asyncio.run(measure(incident("sml001"), phase))
            large = asyncio.run(measure(big(), phase))
            if phase == "actions":
                print(row("open actions screen", small["open"], large["open"]))
                print(row("one key in item text (wall)", small["key"], large["key"]))
            print(row(f"CPU a key, {phase}", small["cpu"], large["cpu"]))
            print(row(f"CPU a key in a burst, {phase}", small["burst"], large["burst"]))


if __name__ == "__main__":
    main()
