"""How many hand-written expectations the Markdown importer meets on postmortems
it was not built on: title, timeline rows, factors, actions, first event,
attendees, time to detect/resolve.

    python benchmarks/import_heldout.py [FOLDER]

FOLDER holds the documents and ``expected.json`` (default: the held-out set in
tests/data/importing/heldout).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from retrotui.document.models import Postmortem
from retrotui.importing.markdown import read_markdown

DEFAULT = Path(__file__).parent.parent / "tests" / "data" / "importing" / "heldout"


def measured(path: Path) -> dict[str, object]:
    pm = Postmortem.model_validate(read_markdown(path.read_text("utf-8")).data)

    def minutes(value: object) -> int | None:
        return int(value.total_seconds() // 60) if value is not None else None  # type: ignore[attr-defined]

    return {
        "title": pm.title,
        "events": len(pm.timeline),
        "factors": len(pm.factors),
        "actions": len(pm.actions),
        "first": pm.timeline[0].at.isoformat(timespec="minutes")
        if pm.timeline
        else None,
        "participants": len(pm.participants),
        "ttd": minutes(pm.time_to_detect),
        "ttr": minutes(pm.time_to_resolve),
    }


def score(folder: Path) -> tuple[int, int, list[str]]:
    expected = json.loads((folder / "expected.json").read_text("utf-8"))
    right = total = 0
    misses = []
    for path in sorted(folder.iterdir()):
        want = expected.get(path.name[:10])
        if want is None or path.suffix == ".json":
            continue
        got = measured(path)
        for key, value in want.items():
            if value is None and key in ("ttd", "ttr"):
                continue  # not derivable from the rows: not checked
            total += 1
            if got[key] == value:
                right += 1
            else:
                misses.append(
                    f"{path.name[:10]} {key}: want {value!r}, got {got[key]!r}"
                )
    return right, total, misses


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    right, total, misses = score(folder)
    print("\n".join(misses))
    print(f"{folder.name}: {right}/{total} expectations met")
