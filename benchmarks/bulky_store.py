"""What the list and action-board benchmarks share: a store of bulky
postmortems in one file, and the median time of a step."""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import orjson  # noqa: E402
from factories import bulky  # noqa: E402

from retrotui.document.ids import doc_id_for  # noqa: E402


def median_ms(action: Callable[[], object], rounds: int) -> float:
    """The median wall time of ``action`` over ``rounds`` runs, in ms."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 1)


def write_bulky_store(path: Path, docs: int) -> None:
    """``docs`` copies of one bulky postmortem, as a single-file store."""
    template = bulky("tmpl00").model_dump(mode="json")
    table = {}
    for n in range(docs):
        doc = dict(template, id=f"bench{n:05d}", title=f"Incident {n}")
        table[str(doc_id_for(doc["id"]))] = doc
    path.write_bytes(orjson.dumps({"postmortems": table}))
