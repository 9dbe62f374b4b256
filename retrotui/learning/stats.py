"""Figures over time: how many incidents, how fast they were detected and
resolved, whether action items get done, and what keeps coming back.

Computed from the facts the term index keeps (``retrotui.learning.facts``),
so ``retro stats`` and the stats screen read no document that has not
changed since the last time.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

# Durations are measured from the "started" milestone to each of these.
SPANS = {
    "ttd": "detected",
    "tta": "acknowledged",
    "ttm": "mitigated",
    "ttr": "resolved",
}
KIND_KEYS = {"incident": "postmortems", "minor": "notes", "retro": "retrospectives"}


@dataclass(frozen=True)
class Month:
    month: str
    postmortems: int = 0
    notes: int = 0
    retrospectives: int = 0
    ttd_median_minutes: float | None = None
    ttr_median_minutes: float | None = None


@dataclass(frozen=True)
class Stats:
    postmortems: int
    notes: int
    retrospectives: int
    medians: dict[str, float | None]
    by_month: list[Month]
    by_severity: dict[str, int]
    by_service: dict[str, int]
    factor_categories: dict[str, int]
    actions: dict[str, Any]
    recurrences: list[tuple[str, str]] = field(default_factory=list)
    # Per span: how many figures the median is over, and how many of them
    # are durations a write-up states (it has no milestones to derive them).
    figures: dict[str, dict[str, int]] = field(default_factory=dict)

    def trend(self, span: str) -> str:
        """How the monthly median of ``span`` moved: the last three months
        with a figure against the months before them."""
        key = f"{span}_median_minutes"
        figures = [
            getattr(m, key) for m in self.by_month if getattr(m, key) is not None
        ]
        if len(figures) < 4:
            return "not enough months yet"
        before = statistics.median(figures[:-3])
        recent = statistics.median(figures[-3:])
        if before == 0 or abs(recent - before) / before < 0.1:
            return "steady"
        change = round(100 * (recent - before) / before)
        word = "slower" if change > 0 else "faster"
        return f"{abs(change)}% {word} (last 3 months vs before)"

    def to_json(self) -> dict[str, Any]:
        return {
            "postmortems": self.postmortems,
            "notes": self.notes,
            "retrospectives": self.retrospectives,
            **{f"{span}_median_minutes": v for span, v in self.medians.items()},
            "figures": self.figures,
            "trend": {span: self.trend(span) for span in ("ttd", "ttr")},
            "by_month": {
                m.month: {
                    "postmortems": m.postmortems,
                    "notes": m.notes,
                    "retrospectives": m.retrospectives,
                    "ttd_median_minutes": m.ttd_median_minutes,
                    "ttr_median_minutes": m.ttr_median_minutes,
                }
                for m in self.by_month
            },
            "by_severity": self.by_severity,
            "by_service": self.by_service,
            "factor_categories": self.factor_categories,
            "actions": self.actions,
            "recurrences": [{"id": a, "earlier": b} for a, b in self.recurrences],
        }


def _span(fact: dict[str, Any], milestone: str) -> tuple[float, bool] | None:
    """Minutes from 'started' to ``milestone``, and whether they are the
    duration the write-up states (when its milestones do not give them)."""
    times = fact.get("milestones", {})
    if "started" in times and milestone in times:
        start = datetime.fromisoformat(times["started"])
        end = datetime.fromisoformat(times[milestone])
        return round((end - start).total_seconds() / 60, 1), False
    stated = fact.get("stated", {}).get(milestone)
    return None if stated is None else (float(stated), True)


def _minutes(fact: dict[str, Any], milestone: str) -> float | None:
    found = _span(fact, milestone)
    return None if found is None else found[0]


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def select(
    facts: list[dict[str, Any]], service: str | None = None, since: date | None = None
) -> list[dict[str, Any]]:
    """The postmortems of ``service`` (any case) from ``since`` on."""
    chosen = facts
    if service:
        wanted = service.casefold().strip()
        chosen = [
            f for f in chosen if wanted in (s.casefold().strip() for s in f["services"])
        ]
    if since:
        chosen = [f for f in chosen if f["date"] >= since.isoformat()]
    return chosen


def compute(facts: list[dict[str, Any]], today: date) -> Stats:
    """The figures over ``facts`` (already selected), as of ``today``."""
    kinds = Counter(f["kind"] for f in facts)
    timed = [f for f in facts if f["kind"] != "retro"]
    spans = {
        span: [found for f in timed if (found := _span(f, name)) is not None]
        for span, name in SPANS.items()
    }
    medians = {span: _median([m for m, _ in found]) for span, found in spans.items()}
    figures = {
        span: {"count": len(found), "stated": sum(stated for _, stated in found)}
        for span, found in spans.items()
    }
    return Stats(
        postmortems=kinds["incident"],
        notes=kinds["minor"],
        retrospectives=kinds["retro"],
        medians=medians,
        by_month=_months(facts),
        by_severity=dict(Counter(f["severity"] for f in timed).most_common()),
        by_service=dict(
            Counter(
                s for f in facts for s in dict.fromkeys(f["services"])
            ).most_common()
        ),
        factor_categories=dict(
            Counter(c for f in facts for c in f["categories"]).most_common()
        ),
        actions=_actions(facts, today),
        recurrences=_recurrences(facts),
        figures=figures,
    )


def _months(facts: list[dict[str, Any]]) -> list[Month]:
    by: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for fact in facts:
        by[fact["date"][:7]].append(fact)
    months = []
    for month in sorted(by):
        group = by[month]
        kinds = Counter(KIND_KEYS.get(f["kind"], "postmortems") for f in group)
        timed = [f for f in group if f["kind"] != "retro"]
        months.append(
            Month(
                month=month,
                postmortems=kinds["postmortems"],
                notes=kinds["notes"],
                retrospectives=kinds["retrospectives"],
                ttd_median_minutes=_median(
                    [m for f in timed if (m := _minutes(f, "detected")) is not None]
                ),
                ttr_median_minutes=_median(
                    [m for f in timed if (m := _minutes(f, "resolved")) is not None]
                ),
            )
        )
    return months


def _actions(facts: list[dict[str, Any]], today: date) -> dict[str, Any]:
    """Follow-through: open, done, overdue, and how late the late ones were
    (closed after their due day, or open past it: days until closed or today)."""
    items = [a for f in facts for a in f["actions"]]
    open_items = [a for a in items if a["status"] == "open"]
    done = [a for a in items if a["status"] == "done"]
    overdue = [a for a in open_items if a["due"] and a["due"] < today.isoformat()]
    late_days = []
    for a in items:
        if not a["due"]:
            continue
        end = a["closed_on"] if a["status"] == "done" and a["closed_on"] else None
        if a["status"] == "open":
            end = today.isoformat()
        if end and end > a["due"]:
            late_days.append(
                (date.fromisoformat(end) - date.fromisoformat(a["due"])).days
            )
    finished = len(done) + len(open_items)
    return {
        "open": len(open_items),
        "done": len(done),
        "overdue": len(overdue),
        "median_days_late": _median([float(d) for d in late_days]),
        "done_percent": round(100 * len(done) / finished) if finished else None,
    }


def _recurrences(facts: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(postmortem, the earlier one it repeats): linked as related, or under
    the same title."""
    ordered = sorted(facts, key=lambda f: (f["date"], f["created"]))
    known = {f["id"] for f in facts}
    first_by_title: dict[str, str] = {}
    found = []
    for fact in ordered:
        title = " ".join(fact["title"].casefold().split())
        earlier = next((r for r in fact.get("related", []) if r in known), None)
        if earlier is None and fact["kind"] != "retro":
            earlier = first_by_title.get(title)
        if earlier is not None:
            found.append((fact["id"], earlier))
        if fact["kind"] != "retro":
            first_by_title.setdefault(title, fact["id"])
    return found


def _month_number(month: str) -> int:
    year, number = month.split("-")
    return int(year) * 12 + int(number) - 1


def _month_name(number: int) -> str:
    return f"{number // 12:04d}-{number % 12 + 1:02d}"


def recent_months(by_month: list[Month], today: date, count: int = 12) -> list[Month]:
    """``count`` calendar months in a row, those without incidents as zero,
    for a chart that does not hide quiet months.

    They end this month when anything happened in the last ``count`` months
    (a quiet spell lately is news); else at the last month with incidents,
    so an archive of old postmortems still shows its last year.
    """
    if not by_month:
        return []
    known = {m.month: m for m in by_month}
    latest = _month_number(by_month[-1].month)
    now = _month_number(today.isoformat()[:7])
    end = now if latest > now - count else latest
    end = max(end, latest)
    return [
        known.get(name, Month(month=name))
        for name in map(_month_name, range(end - count + 1, end + 1))
    ]
