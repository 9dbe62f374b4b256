"""Time retro sync against a real bare repository, for a store of N postmortems.

    python benchmarks/sync_bench.py --docs 1000

Two users with their own store, config and data folders. ana's first sync
exports N bulky postmortems (JSON + report) and pushes; then a sync with
nothing new, one with one postmortem changed, one with one deleted. bo's
first sync imports all of them; then bo's sync with nothing new. Each line:
the step, its wall time, what it did, and the commits in the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import orjson  # noqa: E402
from bulky_store import write_bulky_store  # noqa: E402

from retrotui.storage.store import Store  # noqa: E402
from retrotui.teamrepo import clone  # noqa: E402
from retrotui.teamrepo.sync import SyncResult, sync  # noqa: E402


def as_user(root: Path, name: str) -> Path:
    """Point config and data folders at ``name``'s; its database path."""
    os.environ["XDG_CONFIG_HOME"] = str(root / name / "config")
    os.environ["XDG_DATA_HOME"] = str(root / name / "data")
    return root / name / "db.json"


def commits(bare: Path) -> int:
    done = subprocess.run(
        ["git", "-C", str(bare), "rev-list", "--count", "--all"],
        capture_output=True,
        text=True,
    )
    return int(done.stdout.strip() or 0)


def timed(db: Path) -> tuple[float, SyncResult]:
    start = time.perf_counter()
    result = sync(Store(db), db, False, lambda line: None)
    return time.perf_counter() - start, result


def did(result: SyncResult) -> str:
    return (
        f"{len(result.exported)} committed, {len(set(result.imported))} imported, "
        f"{len(result.deleted)} deleted, {'pushed' if result.pushed else 'no push'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="retro-sync-bench-") as tmp:
        root = Path(tmp)
        os.environ["HOME"] = str(root / "home")
        os.environ["GIT_CONFIG_NOSYSTEM"] = "1"
        for role in ("AUTHOR", "COMMITTER"):
            os.environ[f"GIT_{role}_NAME"] = "Bench SRE"
            os.environ[f"GIT_{role}_EMAIL"] = "bench@example.com"
        bare = root / "team.git"
        subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(bare)])
        ana = as_user(root, "ana")
        ana.parent.mkdir(parents=True)
        write_bulky_store(ana, args.docs)
        # Published, so every one is shared (a draft stays local).
        data = orjson.loads(ana.read_bytes())
        for doc in next(iter(data.values())).values():
            doc["status"] = "published"
        ana.write_bytes(orjson.dumps(data))
        store = Store(ana)
        ids = [pm.id for pm in store.all()]
        clone.init(ana, str(bare))

        def step(name: str, db: Path) -> None:
            seconds, result = timed(db)
            rows.append(
                {
                    "step": name,
                    "seconds": round(seconds, 2),
                    "did": did(result),
                    "commits": commits(bare),
                }
            )

        step(f"ana first sync ({args.docs} to share)", ana)
        step("ana sync, nothing new", ana)
        store.update(ids[0], lambda pm: pm.model_copy(update={"summary": "Edited."}))
        step("ana sync, 1 changed", ana)
        store.delete(ids[1])
        step("ana sync, 1 deleted", ana)
        bo = as_user(root, "bo")
        clone.init(bo, str(bare))
        step(f"bo first sync ({args.docs - 1} to import)", bo)
        step("bo sync, nothing new", bo)
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print(f"retro sync, {args.docs} bulky postmortems, local bare repository")
    print(f"{'step':<36} {'seconds':>8}  {'commits':>7}  what it did")
    for row in rows:
        print(
            f"{row['step']:<36} {row['seconds']:>8.2f}  {row['commits']:>7}  {row['did']}"
        )


if __name__ == "__main__":
    main()
