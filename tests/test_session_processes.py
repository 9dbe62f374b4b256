"""Two real processes editing one postmortem through sessions: nothing lost."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from retrotui.storage.store import Store
from tests.factories import incident

WRITER = """
import sys
from datetime import datetime, timezone
from retrotui.document.models import TimelineEvent
from retrotui.session.session import Session
from retrotui.storage.store import Store

db, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
session = Session(Store(db))
session.open("k7m2qx")
for n in range(count):
    pm = session.pm
    event = TimelineEvent(
        id=f"e-{name}{n}", at=datetime(2026, 11, 20, 14, n, tzinfo=timezone.utc),
        text=f"{name} event {n}",
    )
    session.edit(pm.model_copy(update={
        "timeline": [*pm.timeline, event],
        "went_well": [*pm.went_well, f"{name} went well {n}"],
        "summary": f"{name}'s summary {n}",
    }))
    outcome = session.save()
    if outcome.conflicts:
        print(",".join(outcome.conflicts), file=sys.stderr)
"""


def test_two_processes_adding_to_one_postmortem_keep_every_addition(db_path: Path):
    Store(db_path).add(incident())
    count = 25
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db_path), name, str(count)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("ann", "bob")
    ]
    reports = [w.communicate(timeout=120)[1] for w in writers]
    assert [w.returncode for w in writers] == [0, 0], reports
    pm = Store(db_path).get("k7m2qx")
    ids = {e.id for e in pm.timeline}
    for name in ("ann", "bob"):
        assert {f"e-{name}{n}" for n in range(count)} <= ids
        assert {f"{name} went well {n}" for n in range(count)} <= set(pm.went_well)
    assert pm.summary in (f"ann's summary {count - 1}", f"bob's summary {count - 1}")


SLOW_WRITER = """
import sys
from retrotui.session.session import Session
from retrotui.storage.store import Store

session = Session(Store(sys.argv[1]))
session.open("k7m2qx")
session.edit(session.pm.model_copy(update={"summary": sys.argv[2]}))
print("open", flush=True)
sys.stdin.readline()
print(",".join(session.save().conflicts), file=sys.stderr)
"""


def test_a_real_conflict_between_two_processes_is_reported_and_kept(db_path: Path):
    Store(db_path).add(incident())
    slow = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITER, str(db_path), "Slow summary"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert slow.stdout.readline() == "open\n"
    fast = subprocess.run(
        [sys.executable, "-c", SLOW_WRITER, str(db_path), "Fast summary"],
        input="\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert fast.returncode == 0 and fast.stderr.strip() == ""
    _, said = slow.communicate("\n", timeout=60)
    assert said.strip() == "summary"
    pm = Store(db_path).get("k7m2qx")
    assert pm.summary == "Slow summary"
    assert [(c.field, c.theirs) for c in pm.conflicts] == [("summary", "Fast summary")]
