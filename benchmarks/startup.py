"""Wall time of a ``retro`` command next to ``python -c "import textual.app"``.

Shared by smart_bench.py and lint_bench.py. The commands run alternately, so
both see the same machine load, and the medians are compared: a command that
never shows the app should start in under half the time Textual takes to
import. Both run with their bytecode cached (in a temporary folder, so an
environment that sets PYTHONDONTWRITEBYTECODE measures what an installed
``retro`` does, and the source tree stays clean), and ``retro`` with its own
cache folder, where it keeps its compiled rules between runs: the first,
untimed round fills both, and its time is printed as the cold start.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOAL_RATIO = 0.5


def retro(*args: str) -> list[str]:
    """The ``retro`` console script of this Python's environment, with ``args``."""
    return [str(Path(sys.executable).with_name("retro")), *args]


def _wall_ms(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, env=env)
    if done.returncode not in (0, 1):  # 1: lint found something
        raise SystemExit(f"{command[0]} exited with {done.returncode}")
    return (time.perf_counter() - start) * 1000


def compare(command: list[str], runs: int) -> dict[str, float]:
    """Medians of ``command`` and of importing Textual's App, and their ratio."""
    textual = [sys.executable, "-c", "import textual.app"]
    timings: dict[str, list[float]] = {"command": [], "textual": []}
    with tempfile.TemporaryDirectory() as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(Path(cache) / "bytecode")
        env["XDG_CACHE_HOME"] = str(Path(cache) / "user")
        cold_ms = _wall_ms(command, env)
        _wall_ms(textual, env)
        for _ in range(runs):
            timings["command"].append(_wall_ms(command, env))
            timings["textual"].append(_wall_ms(textual, env))
    command_ms = statistics.median(timings["command"])
    textual_ms = statistics.median(timings["textual"])
    return {
        "cold_start_ms": round(cold_ms, 1),
        "start_ms_median": round(command_ms, 1),
        "import_textual_app_ms_median": round(textual_ms, 1),
        "ratio": round(command_ms / textual_ms, 3),
        "goal_ratio": GOAL_RATIO,
    }
