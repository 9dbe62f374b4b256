""" "This happened before": earlier postmortems resembling the open one.

Shown on Set the stage and Actions. The search (``retro similar``, from the
term index) runs in a thread worker, a moment after the last edit that could
change its answer, so typing never waits for it. Enter on a row links that
postmortem (``related``) or unlinks it; the screen makes the edit, through
the session like any other.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from retrotui.errors import RetroError

if TYPE_CHECKING:
    from retrotui.document.models import Postmortem
    from retrotui.learning.similar import Match

SHOWN = 3
# Seconds after the last edit before searching again: a word typed in the
# title should not start a search per keystroke.
SETTLE = 0.8


def search_key(pm: Postmortem) -> tuple[object, ...]:
    """What ``similar`` compares: a search is run again only when it changes."""
    return (
        pm.id,
        pm.title,
        tuple(pm.services),
        tuple(f.text for f in pm.factors),
        tuple(e.text for e in pm.timeline),
    )


def match_line(match: Match, linked: bool) -> Text:
    """Two lines: the title, then id, date and how its action items stand."""
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append("[linked] " if linked else "", style="bold green")
    line.append(match.title, style="bold")
    line.append(f"\n  {match.id} · {match.date} · ", style="dim")
    state = match.actions_state()
    line.append(state, style="yellow" if match.open_actions else "dim")
    return line


class SimilarList(OptionList):
    BINDINGS = [
        Binding(
            "enter",
            "select",
            "Link",
            id="before-link",
            tooltip="Link this earlier postmortem to this one (again to unlink)",
        ),
    ]


class HappenedBefore(Vertical):
    """Earlier similar postmortems; ``pm`` is set by the screen on each edit."""

    class Link(Message):
        """Link (``linked``) or unlink the postmortem ``pm_id`` as related."""

        def __init__(self, pm_id: str, linked: bool) -> None:
            super().__init__()
            self.pm_id = pm_id
            self.linked = linked

    def __init__(self, pm: Postmortem, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._pm = pm
        self._searched: tuple[object, ...] | None = None
        self._timer = None
        self.matches: list[Match] = []
        # The index is being built apart: no answer yet, rather than none.
        self.waiting = False
        # What the panel shows (matches, links, waiting): None when a message
        # line stands in for them.
        self._shown: tuple[object, ...] | None = None

    @property
    def pm(self) -> Postmortem:
        return self._pm

    @pm.setter
    def pm(self, pm: Postmortem) -> None:
        self._pm = pm
        if search_key(pm) != self._searched and self.is_mounted:
            if self._timer is not None:
                self._timer.stop()
            self._timer = self.set_timer(SETTLE, self._search)
        else:
            self._show()

    def compose(self) -> ComposeResult:
        yield Static(
            Text("This happened before? Looking…", style="dim"), id="before-line"
        )
        yield SimilarList(id="before-list", compact=True)

    def on_mount(self) -> None:
        self.query_one(SimilarList).display = False
        self._search()

    def _search(self) -> None:
        self._searched = search_key(self._pm)
        self._find(self._pm.model_copy(deep=True), Path(self.app.db_path))  # type: ignore[attr-defined]

    @work(thread=True, group="happened-before", exclusive=True)
    def _find(self, pm: Postmortem, db_path: Path) -> None:
        from retrotui.learning.index_build import when_built
        from retrotui.learning.lookup import similar_in_store
        from retrotui.learning.term_index import Behind
        from retrotui.storage.store import Store

        worker = get_current_worker()
        try:
            # A first search of a large store builds the index in another
            # process (a minute at 20,000): in this one it held up typing.
            found = when_built(
                db_path,
                lambda most: similar_in_store(Store(db_path), pm, SHOWN, most),
                lambda: self.app.call_from_thread(self._building),
                lambda: worker.is_cancelled,
            )
        except Behind:
            self.app.call_from_thread(self._failed, "the search index is not built")
            return
        except (RetroError, OSError) as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        if found is not None:
            self.app.call_from_thread(self._found, found[0])

    def _building(self) -> None:
        self.waiting = True
        self._shown = None
        self.query_one("#before-line", Static).update(
            Text(
                "This happened before? Building the search index in the background…",
                style="dim",
            )
        )

    def _failed(self, line: str) -> None:
        self.waiting = False
        self._shown = None
        self.query_one("#before-line", Static).update(
            Text(f"Earlier postmortems could not be searched: {line}", style="red")
        )

    def _found(self, matches: list[Match]) -> None:
        self.waiting = False
        self.matches = matches
        self._show()

    def _show(self) -> None:
        # Called on every edit: drawing the same matches and links again
        # laid the whole screen out on each typed key.
        shown = (list(self.matches), tuple(self._pm.related), self.waiting)
        if shown == self._shown:
            return
        self._shown = shown
        box = self.query_one(SimilarList)
        line = self.query_one("#before-line", Static)
        if not self.matches:
            if self.waiting:
                return  # still says so
            line.update(Text("Nothing like this before in this store.", style="dim"))
            box.display = False
            return
        count = len(self.matches)
        head = Text(no_wrap=True, overflow="ellipsis")
        head.append("This happened before: ", style="bold yellow")
        head.append(
            f"{count} earlier postmortem{'s' if count > 1 else ''} like this one "
            "(enter links)"
        )
        line.update(head)
        highlighted = box.highlighted
        box.clear_options()
        box.add_options(
            Option(match_line(m, m.id in self._pm.related), id=m.id)
            for m in self.matches
        )
        box.highlighted = (
            highlighted if highlighted is not None and highlighted < count else 0
        )
        box.display = True

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        pm_id = event.option.id or ""
        self.post_message(self.Link(pm_id, pm_id not in self._pm.related))
