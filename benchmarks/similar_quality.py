"""How well ``retro similar`` finds recurrences, on labelled postmortems, side
by side with a plain substring scan.

Usage: python benchmarks/similar_quality.py [--part dev|holdout|both]

The store: the 32 real DFDS postmortems of tests/data/importing (dfds and
heldout) and the on-call notes of tests/data/similar_labels.json and
similar_extra.json (near duplicates typed in a hurry, and unrelated
incidents sharing a service or words; two labellers). Each labelled query names the earlier postmortems an SRE would want
shown. Printed per part:

- precision@1: of the queries with something to find, the share whose first
  result is one of them;
- recall@3: of what there is to find (at most 3 per query), the share in the
  first three results;
- false alarms: of the queries with nothing to find, the share shown anything.

The substring scan is what grep gives: earlier postmortems ranked by how many
of the query title's words (3 letters or more) occur in their text, the most
recent first on a tie. Tune on dev only; the holdout part is for reporting.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from retrotui.document.models import Factor, Postmortem, TimelineEvent
from retrotui.importing.markdown import read_markdown
from retrotui.learning.fields import searchable, words
from retrotui.learning.similar import similar

DATA = Path(__file__).parent.parent / "tests" / "data"
LABELS = DATA / "similar_labels.json"
# More cases from another labeller (unrelated incidents sharing a service or
# words, and recurrences typed in a hurry), all dated after the first set's.
EXTRA = DATA / "similar_extra.json"
FOLDERS = (DATA / "importing" / "dfds", DATA / "importing" / "heldout")

Ranker = Callable[[Postmortem, list[Postmortem]], list[str]]


def written(entry: dict[str, Any]) -> Postmortem:
    start = datetime.combine(
        date.fromisoformat(entry["date"]), datetime.min.time(), timezone.utc
    ) + timedelta(hours=9)
    return Postmortem(
        id=entry["key"],
        title=entry["title"],
        services=entry["services"],
        summary=entry["summary"],
        timeline=[
            TimelineEvent(at=start + timedelta(minutes=10 * n), text=text)
            for n, text in enumerate(entry["timeline"])
        ],
        factors=[Factor(text=text) for text in entry["factors"]],
        created=start,
    )


def store() -> tuple[list[Postmortem], list[dict[str, Any]]]:
    """Every labelled postmortem (real ones keyed by their file's first 10
    characters, lowercased) and the labelled queries."""
    labels = json.loads(LABELS.read_text("utf-8"))
    extra = json.loads(EXTRA.read_text("utf-8"))
    entries = labels["written"] + extra["written"]
    postmortems = [written(entry) for entry in entries]
    for folder in FOLDERS:
        for path in sorted(folder.glob("PM*")):
            if path.name.startswith("PMyyyy"):
                continue
            data = read_markdown(path.read_text("utf-8")).data
            data["id"] = path.name[:10].lower()
            postmortems.append(Postmortem.model_validate(data))
    return postmortems, labels["queries"] + extra["queries"]


def by_similar(pm: Postmortem, everyone: list[Postmortem]) -> list[str]:
    return [match.id for match in similar(pm, everyone, limit=3)]


def by_substring(pm: Postmortem, everyone: list[Postmortem]) -> list[str]:
    terms = {w for w in words(pm.title) if len(w) >= 3}
    day = pm.incident_date()
    scored = []
    for other in everyone:
        if other.id == pm.id or other.incident_date() > day:
            continue
        text = " ".join(t for _, t in searchable(other)).casefold()
        hits = sum(term in text for term in terms)
        if hits:
            scored.append((-hits, -other.incident_date().toordinal(), other.id))
    return [pm_id for _, _, pm_id in sorted(scored)[:3]]


def measure(
    rank: Ranker, everyone: list[Postmortem], queries: list[dict[str, Any]]
) -> dict[str, float]:
    by_id = {pm.id: pm for pm in everyone}
    firsts = found = findable = alarms = nothing = 0
    to_find = 0
    for query in queries:
        shown = rank(by_id[query["query"].lower()], everyone)
        relevant = {key.lower() for key in query["relevant"]}
        if not relevant:
            nothing += 1
            alarms += bool(shown)
            continue
        to_find += 1
        firsts += bool(shown) and shown[0] in relevant
        found += len(relevant & set(shown[:3]))
        findable += min(len(relevant), 3)
    return {
        "queries": len(queries),
        "precision_at_1": firsts / to_find if to_find else 0.0,
        "recall_at_3": found / findable if findable else 0.0,
        "false_alarms": alarms / nothing if nothing else 0.0,
        "nothing_to_find": nothing,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--part", choices=("dev", "holdout", "both"), default="both")
    args = parser.parse_args()
    everyone, queries = store()
    parts = ("dev", "holdout") if args.part == "both" else (args.part,)
    print(f"{len(everyone)} postmortems, {len(queries)} labelled queries")
    print(
        f"{'part':<8} {'ranking':<16} {'queries':>7} {'precision@1':>12} "
        f"{'recall@3':>9} {'false alarms':>13}"
    )
    for part in parts:
        chosen = [q for q in queries if q["part"] == part]
        for name, rank in (
            ("retro similar", by_similar),
            ("substring scan", by_substring),
        ):
            m = measure(rank, everyone, chosen)
            alarms = f"{m['false_alarms']:.2f} of {m['nothing_to_find']}"
            print(
                f"{part:<8} {name:<16} {m['queries']:>7} {m['precision_at_1']:>12.2f} "
                f"{m['recall_at_3']:>9.2f} {alarms:>13}"
            )


if __name__ == "__main__":
    main()
