"""Typing on Set the stage right after opening a postmortem, small store
beside large (issue 15: at 20,000 the first keys stalled 1-2 s while the
facilitator hint and "this happened before" read the store).

    .venv/bin/python benchmarks/stage_keys_bench.py SMALL_DB LARGE_DB [--runs 4]
        [--before DIR]

Each store needs its term index built (``python -m
retrotui.learning.index_build DB``; ``scale_bench.py`` or ``bulky_store.py``
make stores). A draft (``stgbch``, at Set the stage, with responders and a
facilitator to suggest) is put in each store, and removed at the end. Each
run is a fresh process: home is shown with its list, the draft is opened (as
``o`` on its row), and once Set the stage is drawn ``KEYS`` are typed into
the title one every ``GAP`` seconds, each sent as the terminal sends it (no
Pilot wait). Figures per store, the median over runs:

- stage drawn: seconds from the open until Set the stage is first drawn;
- key median / key max / key 1st: seconds from a key sent until the title holds it
  and the screen was refreshed after it, over the first keys (the window
  the panels' reads fall in); and the slowest of all keys in each run (a
  GC pass that walks a large store's objects stalls one key in some runs,
  not always in the first keys: a median over runs hides it);
- hint / panel shown: seconds from the open until the facilitator
  suggestion and the happened-before answer are on screen, and what they
  said once the typing settled (compared with ``--before``: the same);
- CPU s: the process's user+system time from the open until both
  are shown (wall time waits for a core on a busy machine).

With ``--before DIR`` (an older checkout) every run is made by that code
too, the two taking turns.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
KEYS = " checkout errors on web-3"
GAP = 0.06
DRAFT = "stgbch"

CHILD = r"""
import asyncio, json, os, sys, time
from pathlib import Path
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
from textual import events
from retrotui.app import RetroApp

KEYS, GAP = sys.argv[2], float(sys.argv[3])

def cpu():
    t = os.times()
    return t.user + t.system

async def main():
    app = RetroApp(Path(sys.argv[1]))
    lags = []
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(30000):
            if getattr(app.screen, "listed", False):
                break
            await asyncio.sleep(0.01)
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        opened, cpu0 = time.perf_counter(), cpu()
        # As ``o`` on its row does (``r`` resumes the latest draft, and a
        # store may hold drafts touched later).
        app.screen.post_message(type(app.screen).OpenPostmortem(sys.argv[4]))
        while type(app.screen).__name__ != "StageScreen" or app.focused is None:
            await asyncio.sleep(0.001)
        drawn = asyncio.Event()
        app.call_after_refresh(drawn.set)
        await drawn.wait()
        first_drawn = time.perf_counter() - opened
        title = app.screen.query_one("#title")
        hint = app.screen.query_one("#facilitator-hint")
        line = app.screen.query_one("#before-line")
        shown = {}

        def watch():
            for name, widget, waiting in (
                ("hint", hint, ("looking", "waiting")),
                ("panel", line, ("Looking", "Building")),
            ):
                text = str(widget.render())
                if name not in shown and not any(w in text for w in waiting):
                    shown[name] = (time.perf_counter() - opened, cpu() - cpu0, text)

        for key in KEYS:
            before = title.value
            painted = asyncio.Event()
            start = time.perf_counter()
            app._driver.send_message(events.Key("space" if key == " " else key, key))
            while title.value == before:
                await asyncio.sleep(0.001)
            app.call_after_refresh(painted.set)
            await painted.wait()
            lags.append(time.perf_counter() - start)
            watch()
            await asyncio.sleep(GAP)
        while len(shown) < 2:
            watch()
            await asyncio.sleep(0.005)
        # The answers once the typing settled: the same at every size and
        # with --before (the first shown may answer a title half typed).
        await asyncio.sleep(1.5)
        await app.workers.wait_for_complete()
        final = (str(hint.render()), str(line.render()))
        opened_id = app.pm.id
    print(json.dumps({
        "lags": lags,
        "hint": shown["hint"][0], "panel": shown["panel"][0],
        "cpu": max(shown["hint"][1], shown["panel"][1]),
        "opened": opened_id,
        "drawn": first_drawn,
        "hint text": final[0], "panel text": final[1],
    }))

asyncio.run(main())
"""


def put_draft(db: Path) -> None:
    """The draft resumed by every run, as it was before the run's typing."""
    sys.path.insert(0, str(HERE.parent / "tests"))
    from factories import incident

    from retrotui.document.models import Participant
    from retrotui.document.schema import Status
    from retrotui.storage.store import Store

    pm = incident(DRAFT, "Checkout errors")
    pm.phase = "stage"
    pm.status = Status.draft
    pm.facilitator = ""
    pm.participants = [
        Participant(name="Ana Lopez", role="responder"),
        Participant(name="Raj", role="incident_commander"),
    ]
    Store(db).save(pm)


def remove_draft(db: Path) -> None:
    from retrotui.storage.store import Store

    Store(db).delete(DRAFT)


def one_run(db: Path, code: Path) -> dict[str, object]:
    put_draft(db)
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(db), KEYS, str(GAP), DRAFT],
        capture_output=True,
        text=True,
        check=True,
        cwd=code,
        env={**os.environ, "PYTHONPATH": str(code)},
    ).stdout
    return json.loads(out.splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("small", type=Path)
    parser.add_argument("large", type=Path)
    parser.add_argument("--runs", type=int, default=4)
    parser.add_argument("--first", type=int, default=12, help="keys counted")
    parser.add_argument("--before", type=Path, default=None)
    args = parser.parse_args()
    codes = [("after", HERE.parent)]
    if args.before is not None:
        codes.insert(0, ("before", args.before.resolve()))
    stores = [("small", args.small), ("large", args.large)]
    results: dict[tuple[str, str], list[dict[str, object]]] = {}
    try:
        for _ in range(args.runs):
            for code_name, code in codes:
                for store_name, db in stores:
                    run = one_run(db, code)
                    results.setdefault((code_name, store_name), []).append(run)
                    print(
                        f"  {code_name} {store_name}: keys ms "
                        + " ".join(f"{lag * 1000:.0f}" for lag in run["lags"]),  # type: ignore[union-attr]
                        f"load {os.getloadavg()[0]:.1f}",
                        file=sys.stderr,
                        flush=True,
                    )
    finally:
        for _, db in stores:
            remove_draft(db)
    columns = list(results)
    print(f"{'':18}" + "".join(f"{c} {s:>6}".rjust(16) for c, s in columns))
    rows = {
        "stage drawn s": lambda r: r["drawn"],
        "key median ms": lambda r: statistics.median(r["lags"][: args.first]) * 1000,
        "key max ms": lambda r: max(r["lags"][: args.first]) * 1000,
        "key 1st ms": lambda r: r["lags"][0] * 1000,
        "hint shown s": lambda r: r["hint"],
        "panel shown s": lambda r: r["panel"],
        "CPU s to both": lambda r: r["cpu"],
    }
    for name, figure in rows.items():
        cells = [statistics.median(figure(r) for r in results[c]) for c in columns]
        print(f"{name:18}" + "".join(f"{cell:16.2f}" for cell in cells))
    for code_name, _ in codes:
        small, large = (
            statistics.median(rows["key median ms"](r) for r in results[(code_name, s)])
            for s in ("small", "large")
        )
        print(f"key median large/small ({code_name}): {large / small:.2f}x")
    for (code_name, store_name), runs in results.items():
        slowest = " ".join(f"{max(r['lags']) * 1000:.0f}" for r in runs)  # type: ignore[call-overload]
        print(
            f"{code_name} {store_name}: slowest of all keys, each run (ms): {slowest}"
        )
    for (code_name, store_name), runs in results.items():
        if any(r["opened"] != DRAFT for r in runs):
            print(f"{code_name} {store_name}: opened another draft than {DRAFT}")
        texts = {(r["hint text"], r["panel text"]) for r in runs}
        for hint, panel in texts:
            print(f"{code_name} {store_name}: hint: {hint}\n{'':>14}panel: {panel}")


if __name__ == "__main__":
    main()
