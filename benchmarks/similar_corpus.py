"""How ``retro similar`` ranks the repeated incidents of a real archive.

Usage: python benchmarks/similar_corpus.py DB [ID ...]

For each postmortem named (default: those whose title starts "All services
returning"), every other postmortem is scored regardless of date, and the
ranks of the named ones are printed next to the best unrelated score.
"""

from __future__ import annotations

import sys

from retrotui.learning.documents import read_all
from retrotui.learning.similar import Vectors
from retrotui.storage.store import Store


def main(db: str, ids: list[str]) -> None:
    postmortems = read_all(Store(db)).postmortems
    if not ids:
        ids = [
            pm.id for pm in postmortems if pm.title.startswith("All services returning")
        ]
    vectors = Vectors(postmortems)
    titles = {pm.id: pm.title for pm in postmortems}
    print(f"{len(postmortems)} postmortems; the group: {', '.join(ids)}")
    for one in ids:
        ranked = sorted(
            ((vectors.score(one, pm.id), pm.id) for pm in postmortems if pm.id != one),
            reverse=True,
        )
        group = [
            (rank, score, pm_id)
            for rank, (score, pm_id) in enumerate(ranked, 1)
            if pm_id in ids
        ]
        unrelated = next((score, pm_id) for score, pm_id in ranked if pm_id not in ids)
        shown = "  ".join(
            f"{pm_id} #{rank} {score:.0f}" for rank, score, pm_id in group
        )
        print(
            f"{one} {titles[one][:40]:<40}  group: {shown}  "
            f"best other: {unrelated[1]} {unrelated[0]:.0f} ({titles[unrelated[1]][:30]})"
        )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
