"""What retro costs as the store grows: 100 to 20,000 realistic postmortems.

    .venv/bin/python benchmarks/scale_bench.py [--sizes 100,1000,5000,20000]

Each store holds postmortems of about 12 KB (20-80 timeline events, 2-8
action items, 2-5 factors), built once as a single-file store and cached under
``/tmp/retro-scale-bench`` (the 20,000 store takes a while). Every figure runs
against a fresh copy; the copy is opened once first (``retro list``), so a
layout that migrates on first write is measured after its migration (a
``retro note``), which is timed on its own line. Figures, each the median of ``--runs``:

- ``retro note``, ``retro list``, ``retro show ID``, ``retro actions --json``
  (the action board, every open item) and ``retro actions`` in a terminal
  (its first page): wall time of the command;
- peak RSS of ``retro note``, and its CPU time (user + system) beside that
  of ``import textual.app``: on a busy machine wall time mostly measures the
  wait for a core;
- home paint / list shown / whole list read: a fresh process until home is
  first drawn, until it shows its postmortems (the first page, from the
  newest entries kept per index shard), and until it has read the whole
  index (what scrolling and the filter use);
- warm save: ``Store.save`` of one edited postmortem in a long-lived Store;
  cold save: the same by a fresh Store (as each command does);
- home filter key: from a key sent to the app (as the terminal sends it)
  typed into the home filter (``/``) until the list is drawn with the
  title/id/service/tag matches (the keystroke), and until it is drawn with
  every word's matches (full text; the term index built beforehand, its
  build timed as "term index build"); the rows each showed for a word in
  every title ("inc") and one only in timelines ("panel"); and the
  keystroke while the term index is built from nothing in another process;
- ``import textual.app``, a bare Textual app, and what ``pilot.press``
  takes on a bare app with an Input (the overhead a Pilot-timed key would
  carry), in the same run, for scale.

``retro list`` is timed as a person runs it, its output a terminal (a
pseudo-terminal of 80x24), and piped (every row, as scripts read it).

With ``--before DIR`` (a checkout of older code, e.g. ``git worktree add
--detach /tmp/base <commit>``) every command-line figure and both saves run
with that code too, on its own copy of the same store (migrated by that
code) in the same run, side by side (the two take turns run by run).

Prints one table, sizes side by side, the ratio of the largest size to the
smallest and of ``retro note`` to ``import textual.app``, and one JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
sys.path.insert(0, str(HERE))

CACHE = Path("/tmp/retro-scale-bench")
RETRO = [sys.executable, "-m", "retrotui.cli"]


def variants(count: int = 40) -> list[dict]:
    """Distinct realistic documents; every stored one is a copy of one of them."""
    from datetime import timedelta

    from factories import T0, incident

    from retrotui.document.models import ActionItem, Factor, TimelineEvent

    rng = random.Random(15)
    docs = []
    for n in range(count):
        pm = incident(f"var{n:03d}")
        at = T0
        events = []
        for i in range(rng.randint(20, 80)):
            at += timedelta(minutes=rng.randint(1, 9))
            events.append(
                TimelineEvent(
                    at=at,
                    text=f"Checked dashboard panel {i}; 5xx still elevated on "
                    f"web-{i % 7}, p99 latency {rng.randint(200, 2000)} ms, "
                    "paged the database on-call for a second opinion",
                )
            )
        pm.timeline = events
        pm.factors = [
            Factor(
                id=f"f-{k}",
                text=f"Contributing factor {k}: the pool limit was sized for "
                "normal traffic and nobody revisited it after the migration",
                whys=["The database refused connections", "Workers held them"],
            )
            for k in range(rng.randint(2, 5))
        ]
        pm.actions = [
            ActionItem(
                text=f"Add an alert when pool {k} exceeds 80% of max_connections "
                "and link the runbook section on raising it",
                owner="Team Data",
                due=(T0 + timedelta(days=30 + k)).date(),
                factor_ids=[pm.factors[0].id],
            )
            for k in range(rng.randint(2, 8))
        ]
        docs.append(pm.model_dump(mode="json"))
    return docs


def legacy_store(size: int) -> Path:
    """The cached single-file store of ``size`` postmortems."""
    import orjson

    from retrotui.document.ids import doc_id_for

    path = CACHE / f"legacy-{size}.json"
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    templates = [orjson.dumps(doc) for doc in variants()]
    table = {}
    for n in range(size):
        doc = orjson.loads(templates[n % len(templates)])
        doc["id"] = f"b{n:05d}"
        doc["title"] = f"Incident {n}: checkout errors on web-{n % 13}"
        day = f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}"
        doc["created"] = doc["updated"] = f"{day}T10:{n % 60:02d}:00Z"
        table[str(doc_id_for(doc["id"]))] = doc
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(orjson.dumps({"postmortems": table}))
    tmp.rename(path)
    return path


def run(args: list[str], code: Path | None = None) -> tuple[float, int, float]:
    """Wall seconds, peak RSS (KB) and CPU seconds (user + system: on a busy
    machine, what the command costs apart from waiting for a core) of one
    command, run with the code in ``code`` (its working folder: ``-m
    retrotui.cli`` imports from there)."""
    start = time.perf_counter()
    # Through /usr/bin/time: a child forked from this (large) process would
    # report this process's memory as its own peak.
    proc = subprocess.run(
        ["/usr/bin/time", "-f", "%M %U %S", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=code or HERE.parent,
    )
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{args} failed: {proc.stderr[-500:]}")
    rss, user, system = proc.stderr.strip().splitlines()[-1].split()
    return elapsed, int(rss), float(user) + float(system)


def run_tty(args: list[str], code: Path | None = None) -> float:
    """Wall seconds of one command whose output is an 80x24 terminal."""
    import pty
    import threading

    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": "80", "LINES": "24"}

    def drain() -> None:
        while True:
            try:
                if not os.read(leader, 1 << 16):
                    return
            except OSError:  # the command closed the terminal
                return

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    start = time.perf_counter()
    proc = subprocess.run(
        args, stdout=follower, stderr=subprocess.PIPE, env=env, cwd=code or HERE.parent
    )
    elapsed = time.perf_counter() - start
    os.close(follower)
    reader.join()
    os.close(leader)
    if proc.returncode != 0:
        raise SystemExit(f"{args} failed: {proc.stderr[-500:]!r}")
    return elapsed


def median_of(runs: int, action: Callable[[], float]) -> float:
    return statistics.median(action() for _ in range(runs))


# argv: database, then "paint" (until home is first drawn), "list" (until
# its list, read in a worker, is drawn) or "whole" (until the whole index is
# read and drawn). Prints the wall clock at that moment: the process may take
# longer to end while a worker reads the action items.
HOME = """
import os, sys, time
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
from retrotui.app import RetroApp

class Shown(RetroApp):
    def on_mount(self):
        super().on_mount()
        if sys.argv[2] == "paint":
            self.call_after_refresh(self.done)
        else:
            self.set_interval(0.002, self._shown)

    def _shown(self):
        screen = self.screen
        if getattr(screen, "listed", False) and (
            sys.argv[2] == "list" or screen.shelf.complete
        ):
            self.call_after_refresh(self.done)

    def done(self):
        os.write(1, f"shown {time.time()}\\n".encode())
        self.exit()

Shown(sys.argv[1]).run(headless=True, size=(80, 24))
"""


def until_shown(args: list[str], code: Path | None = None) -> float:
    """Seconds from starting ``args`` until it prints ``shown <time>`` (not
    until it ends: home's action items may still be read then)."""
    start = time.time()
    out = subprocess.run(
        args, capture_output=True, text=True, check=True, cwd=code or HERE.parent
    ).stdout
    shown = [line for line in out.splitlines() if line.startswith("shown ")]
    return float(shown[-1].split()[1]) - start


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


# argv: database, "warm" (one long-lived Store, as the app) or "cold" (a
# fresh Store per save, as each command), rounds. Prints the median seconds.
SAVE = """
import statistics, sys, time
from pathlib import Path
from retrotui.storage.store import Store

db, how, rounds = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
store = Store(db)
pm = store.get("b00007" if how == "warm" else "b00009")
times = []
for n in range(rounds):
    pm.went_well = [*pm.went_well[:3], f"{how} edit {n}"]
    start = time.perf_counter()
    pm = (store if how == "warm" else Store(db)).save(pm)
    times.append(time.perf_counter() - start)
print(statistics.median(times))
"""


def save(db: Path, how: str, rounds: int, code: Path | None = None) -> float:
    """Median seconds of one save (see SAVE), with the code in ``code``."""
    out = subprocess.run(
        [sys.executable, "-c", SAVE, str(db), how, str(rounds)],
        capture_output=True,
        text=True,
        check=True,
        cwd=code or HERE.parent,
    ).stdout
    return float(out.split()[-1])


class KeyStamps:
    """When home has drawn the rows for a query, and how many it drew:
    ``(query, False)`` the quick matches (titles, ids, services, tags),
    ``(query, True)`` every word's. Stamped inside the app, after the
    refresh that shows them."""

    def __init__(self) -> None:
        from textual.widgets import DataTable

        from screens.home import HomeScreen

        self.at: dict[tuple[str, bool], tuple[float, int]] = {}
        show = HomeScreen._show_lists

        def stamped(
            screen: HomeScreen, query: str, found: object = None, same: bool = False
        ) -> None:
            show(screen, query, found, same)  # type: ignore[arg-type]
            stamp = (query, found is not None)
            table = screen.query_one("#home-list", DataTable)
            screen.call_after_refresh(
                lambda: self.at.setdefault(
                    stamp, (time.perf_counter(), table.row_count)
                )
            )

        HomeScreen._show_lists = stamped  # type: ignore[method-assign]

    async def wait(self, stamp: tuple[str, bool], limit: float = 300) -> float:
        """The time of ``stamp``, once it is there."""
        give_up = time.perf_counter() + limit
        while stamp not in self.at:
            if time.perf_counter() > give_up:
                raise SystemExit(f"home never showed {stamp}")
            await asyncio.sleep(0.001)
        return self.at[stamp][0]


async def _home_ready(app: object, pilot: object) -> None:
    for _ in range(30000):
        if getattr(app.screen, "listed", False):  # type: ignore[attr-defined]
            break
        await asyncio.sleep(0.01)
    await app.workers.wait_for_complete()  # type: ignore[attr-defined]
    await pilot.press("slash")  # type: ignore[attr-defined]
    await pilot.pause(0.3)  # type: ignore[attr-defined]


async def filter_key(db: Path, words: tuple[str, ...]) -> dict[str, float]:
    """Per key typed into the home filter (``/``): seconds from the key event
    sent to the app until its rows are drawn, quick matches and every word's
    (median over the keys of ``words``, each typed after ctrl+u). The key is
    sent as the terminal would (no Pilot wait: Pilot's own cost is timed on
    a bare app apart). Also the matches the last key of each word found,
    quick and full, to show the two differ where they should."""
    from textual import events

    from retrotui.app import RetroApp

    stamps = KeyStamps()
    app = RetroApp(db)
    quick: list[float] = []
    full: list[float] = []
    counts: dict[str, float] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await _home_ready(app, pilot)
        for word in words:
            await pilot.press("ctrl+u")
            await pilot.pause(0.2)
            for n, key in enumerate(word):
                typed = word[: n + 1].strip()
                stamps.at.clear()
                start = time.perf_counter()
                name = "space" if key == " " else key
                app._driver.send_message(events.Key(name, key))  # type: ignore[union-attr]
                quick.append(await stamps.wait((typed, False)) - start)
                full.append(await stamps.wait((typed, True)) - start)
                await pilot.pause(0.05)
            for kind, stamp in (("quick", False), ("full", True)):
                rows = stamps.at[(word.strip(), stamp)][1]
                counts[f"'{word}' rows shown, {kind}"] = rows
    return {
        "home filter key s": statistics.median(quick),
        "home filter key, full text s": statistics.median(full),
        **counts,
    }


async def typing_while_building(db: Path, word: str) -> float:
    """Median seconds from a key to its quick rows drawn while the term
    index is built from nothing in another process (the first search)."""
    from textual import events

    from retrotui.app import RetroApp
    from retrotui.learning.index_build import build_apart

    stamps = KeyStamps()
    app = RetroApp(db)
    quick: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await _home_ready(app, pilot)
        building = build_apart(db)
        for _ in range(3):
            await pilot.press("ctrl+u")
            for n, key in enumerate(word):
                stamps.at.clear()
                start = time.perf_counter()
                app._driver.send_message(events.Key(key, key))  # type: ignore[union-attr]
                quick.append(await stamps.wait((word[: n + 1], False)) - start)
                await pilot.pause(0.1)
        if building.poll() is not None:
            print("note: the index build ended before the keys did", file=sys.stderr)
        building.terminate()
        building.wait()
    return statistics.median(quick)


BARE_INPUT = """
import asyncio, statistics, sys, time
from textual.app import App
from textual.widgets import Input

class Bare(App):
    def compose(self):
        yield Input()

async def main():
    app = Bare()
    async with app.run_test(size=(80, 24)) as pilot:
        times = []
        for key in "abcdefghij":
            start = time.perf_counter()
            await pilot.press(key)
            times.append(time.perf_counter() - start)
    print(statistics.median(times))

asyncio.run(main())
"""


def pilot_press() -> float:
    """Seconds ``pilot.press`` takes for one key on a bare app with an Input."""
    out = subprocess.run(
        [sys.executable, "-c", BARE_INPUT], capture_output=True, text=True, check=True
    )
    return float(out.stdout.split()[-1])


# "inc" is in every title ("Incident N: ..."); "panel" in no title, id,
# service or tag, only in the timeline: the quick matches show no row.
FILTER_WORDS = ("inc", "panel")


def command_figures(
    runs: int, versions: list[tuple[Path | None, str, Path]]
) -> dict[str, float]:
    """The command-line figures and saves, for each (code, tag, database) of
    ``versions``; the versions take turns run by run, so a change in the
    machine's load falls on each alike. Each version has its own copy of the
    store: an index another version wrote would be rebuilt on every turn."""
    samples: dict[str, list[float]] = {}

    def each(name: str, once: Callable[[Path | None, Path], float]) -> None:
        for _ in range(runs):
            for code, tag, db in versions:
                samples.setdefault(name + tag, []).append(once(code, db))

    def retro(db: Path, *words: str) -> list[str]:
        return [*RETRO, "--db", str(db), *words]

    each("retro list, terminal s", lambda code, db: run_tty(retro(db, "list"), code))
    each("retro list, piped s", lambda code, db: run(retro(db, "list"), code)[0])
    each("retro show s", lambda code, db: run(retro(db, "show", "b00011"), code)[0])
    each(
        "retro actions s",
        lambda code, db: run(retro(db, "actions", "--json"), code)[0],
    )
    each(
        "retro actions, terminal s",
        lambda code, db: run_tty(retro(db, "actions"), code),
    )
    for _ in range(runs):
        for code, tag, db in versions:
            elapsed, rss, cpu = run(retro(db, "note", "disk full on db-3"), code)
            samples.setdefault("retro note s" + tag, []).append(elapsed)
            samples.setdefault("retro note peak MB" + tag, []).append(rss / 1024)
            samples.setdefault("retro note CPU s" + tag, []).append(cpu)
    each("warm save s", lambda code, db: save(db, "warm", 7, code))
    each("cold save s", lambda code, db: save(db, "cold", 5, code))
    return {
        name: max(values) if " MB" in name else statistics.median(values)
        for name, values in samples.items()
    }


def measure(
    size: int, runs: int, skip: set[str], before: Path | None
) -> dict[str, float]:
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(dir="/tmp") as tmp:
        db = Path(tmp) / "postmortems.json"
        shutil.copyfile(legacy_store(size), db)
        os.chmod(db, 0o600)
        # The first write splits an older single-file store (see migration.py).
        first = [*RETRO, "--db", str(db), "note", "first use"]
        figures["first write (migration) s"] = run(first)[0]
        run([*RETRO, "--db", str(db), "list"])  # warm the file cache
        versions = [(None, "", db)]
        if before is not None:
            old = Path(tmp) / "before.json"
            shutil.copyfile(legacy_store(size), old)
            os.chmod(old, 0o600)
            run([*RETRO, "--db", str(old), "note", "first use"], before)
            versions.insert(0, (before, BEFORE, old))
        figures.update(command_figures(runs, versions))
        if "home" not in skip:
            for what in ("paint", "list", "whole"):
                figures[f"home {what} shown s"] = median_of(
                    runs,
                    lambda what=what: until_shown(
                        [sys.executable, "-c", HOME, str(db), what]
                    ),
                )
        if "filter" not in skip:
            from retrotui.learning.term_index import open_index
            from retrotui.storage.store import Store

            # Built beforehand, as after a first search; apart below.
            start = time.perf_counter()
            index = open_index(Store(db))
            figures["term index build s"] = time.perf_counter() - start
            if index is not None:
                index.close()
            figures.update(asyncio.run(filter_key(db, FILTER_WORDS)))
            (db.parent / f"{db.name}.d" / "learning.sqlite").unlink()
            figures["home filter key, index building s"] = asyncio.run(
                typing_while_building(db, "web")
            )
    return figures


# Suffix of a figure measured with the --before code.
BEFORE = " (before)"


def cell(name: str, value: float | None) -> str:
    if value is None:
        return f"{'-':>14}"
    if name.endswith((" MB", " rows shown, quick", " rows shown, full")):
        return f"{value:>14.0f}"
    return f"{value * 1000:>12.1f}ms"


def print_table(
    sizes: list[int], results: dict[int, dict[str, float]], base: dict[str, float]
) -> None:
    names = sorted({n.removesuffix(BEFORE) for r in results.values() for n in r})
    with_before = any(n.endswith(BEFORE) for r in results.values() for n in r)
    heads = [
        f"{size:,} {w}" if with_before else f"{size:,}"
        for size in sizes
        for w in (("before", "after") if with_before else ("",))
    ]
    last = f"{sizes[-1]:,}/{sizes[0]:,}" if len(sizes) > 1 else ""
    print(f"{'figure':<34}" + "".join(f"{h:>14}" for h in heads) + f"{last:>14}")
    for name in names:
        cells = []
        for size in sizes:
            if with_before:
                cells.append(cell(name, results[size].get(name + BEFORE)))
            cells.append(cell(name, results[size].get(name)))
        first, final = results[sizes[0]].get(name), results[sizes[-1]].get(name)
        ratio = f"{final / first:>13.2f}x" if last and first and final else ""
        print(f"{name:<34}" + "".join(cells) + ratio)
    textual = base["import textual.app s"]
    for name, value in base.items():
        print(f"{name:<34}{value * 1000:>12.1f}ms (every size)")
    textual_cpu = base["import textual.app CPU s"]
    for size in sizes:
        note, cpu = (
            results[size].get("retro note s"),
            results[size].get("retro note CPU s"),
        )
        if note and cpu:
            print(
                f"retro note / import textual.app at {size:,}: {note / textual:.2f} "
                f"(CPU {cpu / textual_cpu:.2f})"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000,20000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--skip", default="", help="comma-separated: home,filter (slow on old code)"
    )
    parser.add_argument(
        "--before",
        type=Path,
        metavar="DIR",
        help="a checkout of older code: its command-line figures side by side",
    )
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    sizes = [int(s) for s in args.sizes.split(",")]
    for size in sizes:
        legacy_store(size)

    base = {
        "import textual.app s": median_of(
            args.runs, lambda: run([sys.executable, "-c", "import textual.app"])[0]
        ),
        "bare Textual app s": median_of(
            args.runs, lambda: run([sys.executable, "-c", BARE])[0]
        ),
        "import textual.app CPU s": median_of(
            args.runs, lambda: run([sys.executable, "-c", "import textual.app"])[2]
        ),
    }
    results = {size: measure(size, args.runs, skip, args.before) for size in sizes}
    print_table(sizes, results, base)
    print(json.dumps({"base": base, "sizes": {str(k): v for k, v in results.items()}}))


if __name__ == "__main__":
    main()
