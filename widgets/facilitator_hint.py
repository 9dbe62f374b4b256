"""Who to ask to facilitate: one line under Set the stage's Facilitator field.

People the store knows who were not responders in this incident, never or
least recently facilitated first (``retrotui.learning.facilitators``). The
store's people are read once, in a thread worker, gathered by name inside the
term index (one row a spelling, not one a postmortem: at 20,000 reading
every postmortem's facts held up typing); each edit of the participants
ranks again from what was read (no store access while typing).
Enter in the Facilitator field takes a suggestion (the screen asks
``take_after``): the first when the field is empty, the next when it holds a
suggestion, never over a name someone typed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.widgets import Static
from textual.worker import get_current_worker

from retrotui.errors import RetroError

if TYPE_CHECKING:
    from retrotui.document.models import Postmortem
    from retrotui.learning.facilitators import Candidate, Rotation

SHOWN = 3


def people_key(pm: Postmortem) -> tuple[object, ...]:
    """What the suggestion depends on: ranking again only when it changes."""
    return (
        pm.facilitator,
        tuple((p.name, p.role) for p in pm.participants),
        pm.incident_date(),
    )


def suggestion_line(
    shown: list[Candidate], facilitator: str, taking: str | None
) -> Text:
    """``Suggested, enter takes: AF, EC (never facilitated), raj (last
    2026-09-12)``: the key first (a long name may clip the end), then names
    with one reason per run of equal reasons, so three fit in 80 columns."""
    line = Text(no_wrap=True, overflow="ellipsis")
    if taking is None:
        line.append("Suggested: ", style="bold")
    elif facilitator.strip():
        line.append("Suggested, enter for the next: ", style="bold")
    else:
        line.append("Suggested, enter takes: ", style="bold")
    runs: list[tuple[list[str], str]] = []
    for candidate in shown:
        if runs and runs[-1][1] == candidate.reason():
            runs[-1][0].append(candidate.name)
        else:
            runs.append(([candidate.name], candidate.reason()))
    for n, (names, reason) in enumerate(runs):
        line.append(", " if n else "")
        line.append(", ".join(names))
        line.append(f" ({reason})", style="dim")
    return line


class FacilitatorHint(Static):
    """The suggestion; ``pm`` is set by the screen on each edit."""

    def __init__(self, pm: Postmortem, *, id: str | None = None) -> None:
        super().__init__(Text("Suggested facilitator: looking…", style="dim"), id=id)
        self._pm = pm
        self._rotation: Rotation | None = None
        self._ranked_for: tuple[object, ...] | None = None
        self.suggested: list[Candidate] = []
        # The name Enter last put in the field: only that one is replaced.
        self.taken: str | None = None

    @property
    def pm(self) -> Postmortem:
        return self._pm

    @pm.setter
    def pm(self, pm: Postmortem) -> None:
        self._pm = pm
        if self._rotation is not None and people_key(pm) != self._ranked_for:
            self._rank()

    def on_mount(self) -> None:
        self._read(self._pm.id, Path(self.app.db_path))  # type: ignore[attr-defined]

    @work(thread=True, group="facilitator-hint", exclusive=True)
    def _read(self, pm_id: str, db_path: Path) -> None:
        from retrotui.learning.facilitators import Rotation
        from retrotui.learning.index_build import when_built
        from retrotui.learning.lookup import spellings_in_store
        from retrotui.learning.term_index import Behind
        from retrotui.storage.store import Store

        worker = get_current_worker()
        try:
            # As ``HappenedBefore``: a first build runs in another process.
            found = when_built(
                db_path,
                lambda most: spellings_in_store(Store(db_path), most, pm_id),
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
            rotation = Rotation(found[0])
            self.app.call_from_thread(self._read_done, rotation)

    def _building(self) -> None:
        self.update(
            Text(
                "Suggested facilitator: waiting for the search index (building)…",
                style="dim",
                no_wrap=True,
                overflow="ellipsis",
            )
        )

    def _failed(self, line: str) -> None:
        self.update(Text(f"No facilitator suggestion: {line}", style="red"))

    def _read_done(self, rotation: Rotation) -> None:
        self._rotation = rotation
        self._rank()

    def _rank(self) -> None:
        from retrotui.learning.facts import facts

        assert self._rotation is not None
        self._ranked_for = people_key(self._pm)
        self.suggested = self._rotation.rank(facts(self._pm))[:SHOWN]
        if not self.suggested:
            # Where suggestions come from, in the width under the field.
            self.update(
                Text(
                    "No one to suggest yet (from the people of earlier postmortems)",
                    style="dim",
                    no_wrap=True,
                    overflow="ellipsis",
                )
            )
            return
        self._show()

    def on_resize(self) -> None:
        if self.suggested:
            self._show()

    def _show(self) -> None:
        facilitator = self._pm.facilitator
        taking = self.take_after(facilitator)
        # As many as fit whole: a reason cut off would read as a wrong one.
        # Not laid out yet (width 0): the screen's width less the padding.
        width = self.content_size.width or self.app.size.width - 2
        for count in range(len(self.suggested), 0, -1):
            line = suggestion_line(self.suggested[:count], facilitator, taking)
            if line.cell_len <= width:
                break
        self.update(line)

    def take_after(self, value: str) -> str | None:
        """The name Enter puts in a Facilitator field holding ``value``: the
        first suggestion in an empty field, the next one after the one Enter
        took (round), None over anything else (a name typed stays, even
        one of the suggested)."""
        names = [c.name for c in self.suggested]
        if not names or (value.strip() and value != self.taken):
            return None
        if value in names:
            following = names[(names.index(value) + 1) % len(names)]
            return None if following == value else following
        return names[0]

    def take(self, value: str) -> str | None:
        """``take_after(value)``, remembered as taken (Enter pressed)."""
        name = self.take_after(value)
        if name is not None:
            self.taken = name
        return name
