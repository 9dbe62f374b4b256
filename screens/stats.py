"""The stats screen: what ``retro stats`` says, with charts, reached from home.

Incidents per month as bars and the monthly medians of time to detect and to
resolve as lines (textual-plotext), then the figures in words. The figures
are read in a worker from the term index, so the screen opens at once.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker
from textual_plotext import PlotextPlot

from retrotui.errors import RetroError
from retrotui.learning.stats import Stats, recent_months
from widgets.keys_footer import KeysFooter

MONTHS_SHOWN = 12
BUILDING = "Reading the postmortems: building the search index in the background…"


class StatsScreen(Screen[None]):
    """Figures over every postmortem; ``s`` on home opens it."""

    HELP = (
        "Incidents per month, and the monthly medians of time to detect and "
        "to resolve (from the 'started' milestone), for 12 months in a row "
        "(quiet months at zero) to this month, or to the last month with "
        "incidents when none were this year; below, action follow-through, the contributing-"
        "factor categories met most and the incidents that repeat an earlier "
        "one. 'retro stats --json' has every figure. Esc goes back home."
    )
    help_title: ClassVar[str] = "Stats"

    BINDINGS = [
        Binding("escape", "back", "Home", id="stats-back", tooltip="Back home"),
    ]

    class Loaded(Message):
        def __init__(self, stats: Stats) -> None:
            super().__init__()
            self.stats = stats

    def __init__(self, db_path: Path, clock: Callable[[], datetime]) -> None:
        super().__init__(id="stats")
        self.db_path = db_path
        self.clock = clock

    def compose(self) -> ComposeResult:
        yield Static("Reading the postmortems…", id="stats-header")
        # The charts are mounted once their data is in: a plot drawn empty
        # and then again at another size keeps ticks of the first drawing.
        yield Horizontal(id="stats-charts")
        yield Static("", id="stats-words")
        yield KeysFooter()

    def on_mount(self) -> None:
        self._load()

    @work(thread=True, group="stats", exclusive=True)
    def _load(self) -> None:
        from retrotui.learning.index_build import when_built
        from retrotui.learning.lookup import facts_in_store
        from retrotui.learning.stats import compute
        from retrotui.learning.term_index import Behind
        from retrotui.storage.store import Store

        worker = get_current_worker()
        try:
            # A first build runs in another process, not in this one's lock.
            found = when_built(
                self.db_path,
                lambda most: facts_in_store(Store(self.db_path), most),
                lambda: self.app.call_from_thread(self._failed, BUILDING),
                lambda: worker.is_cancelled,
            )
        except Behind:
            self.app.call_from_thread(self._failed, "The search index is not built.")
            return
        except RetroError as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        if found is not None:
            self.post_message(self.Loaded(compute(found[0], self.clock().date())))

    def _failed(self, line: str) -> None:
        self.query_one("#stats-header", Static).update(line)

    def on_stats_screen_loaded(self, message: Loaded) -> None:
        from retrotui.learning.stats_text import describe, summary

        stats = message.stats
        self.query_one("#stats-header", Static).update(next(describe(stats)))
        months = recent_months(stats.by_month, self.clock().date(), MONTHS_SHOWN)
        labels = [m.month[2:] for m in months]  # 26-03: fits 12 bars in 40 columns
        positions = list(range(1, len(months) + 1))
        count = PlotextPlot(id="stats-count")
        plt = count.plt
        if months:
            counts = [m.postmortems + m.notes for m in months]
            plt.title(f"Incidents per month, {labels[0]} to {labels[-1]}")
            # Narrow enough to leave a gap: side by side they read as one block.
            plt.bar(positions, counts, width=0.3)
            # Whole incidents on the scale (0, 1, 2, not 0.50, 1.50), from 0.
            step = max(1, math.ceil(max(counts) / 4))
            ticks = list(range(0, max(counts) + step, step))
            plt.yticks(ticks, [str(tick) for tick in ticks])
            plt.ylim(0, ticks[-1])
            plt.xticks(positions[::3], labels[::3])
        else:
            plt.title("Incidents per month")
        times = PlotextPlot(id="stats-times")
        plt = times.plt
        plt.title("Median minutes: detect, resolve")
        for span, marker in (("ttd", "dot"), ("ttr", "hd")):
            values = [getattr(m, f"{span}_median_minutes") for m in months]
            pairs = zip(positions, values, strict=True)
            points = [(x, v) for x, v in pairs if v is not None]
            if points:
                xs, ys = zip(*points, strict=True)
                plt.plot(list(xs), list(ys), marker=marker, label=span.upper())
        if months:
            plt.xlim(1, len(months))
            plt.xticks(positions[::3], labels[::3])
        self.query_one("#stats-charts", Horizontal).remove_children()
        self.query_one("#stats-charts", Horizontal).mount(count, times)
        self.query_one("#stats-words", Static).update("\n".join(summary(stats)))

    def action_back(self) -> None:
        self.dismiss(None)
