"""``retro stats`` as lines of text that fit 80 columns."""

from __future__ import annotations

from collections.abc import Iterator

from retrotui.document.text import clean_line
from retrotui.learning.stats import Stats

_SPAN_NAMES = {
    "ttd": "time to detect",
    "tta": "time to acknowledge",
    "ttm": "time to mitigate",
    "ttr": "time to resolve",
}
_SHORT = {"ttd": "detect", "tta": "acknowledge", "ttm": "mitigate", "ttr": "resolve"}


def minutes(value: float | None) -> str:
    """``1h 05m`` style; ``-`` when unknown."""
    if value is None:
        return "-"
    whole = round(value)
    hours, rest = divmod(whole, 60)
    days, hours = divmod(hours, 24)
    if days:
        return f"{days}d {hours:02d}h"
    return f"{hours}h {rest:02d}m" if hours else f"{rest}m"


def _top(counts: dict[str, int], limit: int = 6) -> str:
    shown = [f"{clean_line(name)[:24]} {n}" for name, n in list(counts.items())[:limit]]
    more = len(counts) - limit
    return ", ".join(shown) + (f", {more} more" if more > 0 else "") or "-"


def counted(number: int, noun: str) -> str:
    """``1 retrospective``, ``3 retrospectives``."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def describe(stats: Stats) -> Iterator[str]:
    yield (
        f"{counted(stats.postmortems, 'postmortem')}, "
        f"{counted(stats.notes, 'quick note')}, "
        f"{counted(stats.retrospectives, 'retrospective')}"
    )
    yield ""
    yield "Medians (from the 'started' milestone)"
    for span, name in _SPAN_NAMES.items():
        trend = f"  trend: {stats.trend(span)}" if span in ("ttd", "ttr") else ""
        yield f"  {name:<20} {minutes(stats.medians[span]):>8}{trend}"
    stated = stated_figures(stats)
    if stated:
        yield f"  stated in write-ups without milestones: {stated}"
    yield ""
    a = stats.actions
    done = "-" if a["done_percent"] is None else f"{a['done_percent']}%"
    yield (
        f"Action items: {a['open']} open, {a['done']} done ({done}), "
        f"{a['overdue']} overdue"
    )
    if a["median_days_late"] is not None:
        yield f"  late ones: median {a['median_days_late']:g} days late"
    yield ""
    yield f"By severity: {_top(stats.by_severity)}"
    yield f"By service: {_top(stats.by_service)}"
    yield f"Contributing factors: {_top(stats.factor_categories)}"
    yield ""
    yield f"Recurrences: {len(stats.recurrences)}"
    for pm_id, earlier in stats.recurrences[:5]:
        yield f"  {pm_id} repeats {earlier}"
    yield ""
    yield "Month     incidents notes retros  detect  resolve"
    for month in stats.by_month[-12:]:
        yield (
            f"{month.month}  {month.postmortems:>9} {month.notes:>5} "
            f"{month.retrospectives:>6} {minutes(month.ttd_median_minutes):>7} "
            f"{minutes(month.ttr_median_minutes):>8}"
        )
    if len(stats.by_month) > 12:
        yield f"(the last 12 of {len(stats.by_month)} months; --json has all)"


def stated_figures(stats: Stats) -> str:
    """How many figures of each median are durations a write-up states
    ("resolve 2 of 15"); empty when none are."""
    return ", ".join(
        f"{_SHORT[span]} {counts['stated']} of {counts['count']}"
        for span, counts in stats.figures.items()
        if counts["stated"]
    )


def _from(stats: Stats, span: str) -> str:
    counts = stats.figures.get(span, {})
    if not counts.get("stated"):
        return ""
    return f" ({counts['stated']} of {counts['count']} stated)"


def summary(stats: Stats, width: int = 78) -> list[str]:
    """The figures the stats screen shows under its charts, one per line."""
    a = stats.actions
    done = "-" if a["done_percent"] is None else f"{a['done_percent']}%"
    late = (
        f"; late ones {a['median_days_late']:g} days (median)"
        if a["median_days_late"] is not None
        else ""
    )
    repeats = ", ".join(f"{one} repeats {before}" for one, before in stats.recurrences)
    lines = [
        f"Detect: median {minutes(stats.medians['ttd'])}{_from(stats, 'ttd')}, "
        f"{stats.trend('ttd')}",
        f"Resolve: median {minutes(stats.medians['ttr'])}{_from(stats, 'ttr')}, "
        f"{stats.trend('ttr')}",
        f"Actions: {a['open']} open, {a['done']} done ({done}), "
        f"{a['overdue']} overdue{late}",
        f"Factors: {_top(stats.factor_categories)}",
        f"Services: {_top(stats.by_service)}",
        f"Recurrences: {len(stats.recurrences)}" + (f": {repeats}" if repeats else ""),
    ]
    return [line if len(line) <= width else line[: width - 1] + "…" for line in lines]
