"""A big postmortem stays as quick as a small one (issue 15).

    .venv/bin/python benchmarks/big_postmortem_bench.py

Opens the action-items screen of a small postmortem (the test factory's) and
of a big one (1,000 timeline events, 100 action items, 50 factors) and prints,
side by side, the time to open the screen and the median time per key typed
into the first item's text (each key re-checks the item and hands the changed
postmortem to the session).
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from factories import T0, incident, open_at, settle  # noqa: E402

from retrotui.document.models import ActionItem, Factor, TimelineEvent  # noqa: E402


def big():  # type: ignore[no-untyped-def]
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


async def measure(pm) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        app = open_at(Path(tmp) / "db.json", pm, "actions")
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            opened = time.perf_counter() - start
            await pilot.press("enter")  # the first item into the form
            await settle(pilot)
            keys = []
            for key in "abcdefghij":
                start = time.perf_counter()
                await pilot.press(key)
                await settle(pilot)
                keys.append(time.perf_counter() - start)
        return opened, statistics.median(keys)


def main() -> None:
    # Once first: the first opening imports the screens, and would make the
    # small one (measured first) look slower to open than the big one.
    asyncio.run(measure(incident("wrm001")))
    small_open, small_key = asyncio.run(measure(incident("sml001")))
    big_open, big_key = asyncio.run(measure(big()))
    print(f"{'':<22}{'small':>10}{'big':>10}{'big/small':>10}")
    print(
        f"{'open actions screen':<22}{small_open * 1000:>8.0f}ms{big_open * 1000:>8.0f}ms{big_open / small_open:>10.2f}"
    )
    print(
        f"{'one key in item text':<22}{small_key * 1000:>8.1f}ms{big_key * 1000:>8.1f}ms{big_key / small_key:>10.2f}"
    )


if __name__ == "__main__":
    main()
