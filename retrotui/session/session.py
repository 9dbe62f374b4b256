"""The one open postmortem: load or create, edits, save, discard, merges.

Headless (no Textual): the app holds one ``Session``; its screens send edits
here and never write the store. Every save says which revision it was based
on; when another writer (a second app, ``retro note``, ``promote``,
``import --replace``) saved in between, the two versions are merged
(``retrotui.session.documents``) and the merge is saved: nothing either side
added is lost, and a field both changed keeps both versions and is reported.

Thread use: ``edit`` runs on the UI thread and never waits for the store;
``save``/``refresh``/``leave`` may run in a worker (one at a time).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from retrotui.document.schema import now as wall_clock
from retrotui.errors import NotFound, RevisionConflict
from retrotui.session.documents import merge_postmortems, open_conflicts
from retrotui.session.merge import merge

if TYPE_CHECKING:
    from retrotui.document.models import Postmortem
    from retrotui.storage.store import Store

# A save that keeps meeting newer versions gives up after this many merges.
MAX_MERGES = 20


def _content(doc: dict[str, Any]) -> dict[str, Any]:
    """What a save would change: the document less its stamps."""
    return {k: v for k, v in doc.items() if k not in ("revision", "updated")}


def _their_conflicts(base: dict[str, Any], theirs: dict[str, Any]) -> list[str]:
    """Fields the other writer's save found changed on both sides (its merge
    with what this one saved), new since ``base``."""
    known = {(c.get("field"), c.get("theirs")) for c in base.get("conflicts", [])}
    return [
        c.get("field", "")
        for c in theirs.get("conflicts", [])
        if (c.get("field"), c.get("theirs")) not in known
    ]


def _entered(doc: dict[str, Any]) -> dict[str, Any]:
    """What the user entered: less where they were in the interview too."""
    return {k: v for k, v in _content(doc).items() if k != "phase"}


@dataclass
class Outcome:
    """What a save or refresh did besides writing."""

    saved: bool = False
    # Another writer's changes came in: the document on screen is stale.
    # Not for a write that changed no content (stamps, where they are in the
    # interview): nothing to show or announce.
    merged: bool = False
    # Fields changed on both sides ("summary", "timeline[e-1].text").
    conflicts: list[str] = field(default_factory=list)
    # The stored postmortem was deleted by someone else (and saved again).
    recreated: bool = False
    # A new, untouched draft was removed.
    discarded: bool = False


class Session:
    """Owns the open postmortem and its relation to the stored one."""

    def __init__(self, store: Store, clock: Callable[[], datetime] | None = None):
        self.store = store
        self.clock = clock or wall_clock
        self.pm: Postmortem | None = None
        # The id of the postmortem open last (it stays after ``close``).
        self.last_id = ""
        # The stored version this one is based on (JSON data) and its revision.
        self._base: dict[str, Any] | None = None
        self._revision = 0
        # The draft as "new" made it: left untouched, it is removed again.
        self._as_created: dict[str, Any] | None = None
        # After a merge, the version the screen's copy derived from, until the
        # screen takes the merged one (``adopted``): its edits are merged in.
        self._stale_from: dict[str, Any] | None = None
        self._state = threading.Lock()
        self._io = threading.Lock()

    # -- opening ---------------------------------------------------------------

    def open(self, pm_id: str) -> Postmortem:
        with self._io:
            pm = self.store.get(pm_id)
            self._start(pm, new=False)
        return pm

    def create(self, title: str, phase: str = "", kind: str = "incident") -> Postmortem:
        from retrotui.document.models import Postmortem, generated_title

        when = self.clock()
        generated = (
            f"Team retrospective on {when:%Y-%m-%d}"
            if kind == "retro"
            else generated_title(when)
        )
        draft = Postmortem(
            title=title.strip() or generated,
            kind=kind,
            phase=phase,
            created=when,
            updated=when,
        )
        with self._io:
            pm = self.store.save(draft, expected_revision=0)
            # A title typed on the command line is an entry already.
            self._start(pm, new=not title.strip())
        return pm

    def _start(self, pm: Postmortem, new: bool) -> None:
        with self._state:
            self.pm = pm
            self.last_id = pm.id
            self._base = pm.model_dump(mode="json")
            self._revision = pm.revision
            self._as_created = self._base if new else None
            self._stale_from = None

    def close(self) -> None:
        with self._state:
            self.pm = self._base = self._as_created = self._stale_from = None
            self._revision = 0

    # -- editing ---------------------------------------------------------------

    def edit(self, pm: Postmortem) -> Postmortem:
        """Take ``pm`` as the current version; the one to show is returned
        (``pm`` itself unless a merge came in that the screen has not shown)."""
        with self._state:
            if self._stale_from is not None and self.pm is not None:
                pm = self._merged_into(pm, self.pm, self._stale_from)
            self.pm = pm
        return pm

    def adopted(self) -> None:
        """The screen now shows ``self.pm`` (after a merge)."""
        with self._state:
            self._stale_from = None

    @property
    def revision(self) -> int:
        """The stored revision the open postmortem is based on (0: none)."""
        return self._revision

    @property
    def dirty(self) -> bool:
        """Changed since the stored version it is based on."""
        pm, base = self.pm, self._base
        if pm is None or base is None:
            return False
        return _content(pm.model_dump(mode="json")) != _content(base)

    def changes(self) -> list[str]:
        """The top-level fields changed since the stored version."""
        pm, base = self.pm, self._base
        if pm is None or base is None:
            return []
        mine = _content(pm.model_dump(mode="json"))
        old = _content(base)
        return [key for key in mine if mine[key] != old.get(key)]

    @property
    def untouched_draft(self) -> bool:
        pm, created = self.pm, self._as_created
        if pm is None or created is None:
            return False
        return _entered(pm.model_dump(mode="json")) == _entered(created)

    # -- saving ----------------------------------------------------------------

    def save(self) -> Outcome:
        """Write the current version (merged with any newer stored one).

        Raises ``RetroError`` when the store cannot be written (disk full,
        lock busy...): the document stays here, dirty, to be saved again.
        """
        from retrotui.document.models import Postmortem

        with self._io:
            outcome = Outcome()
            with self._state:
                pm, base, revision = self.pm, self._base, self._revision
            if pm is None or base is None:
                return outcome
            snapshot = pm.model_dump(mode="json")
            mine = snapshot
            if _content(mine) == _content(base):
                return outcome
            mine["conflicts"] = open_conflicts(mine)
            for _ in range(MAX_MERGES):
                try:
                    stored = self.store.save(
                        Postmortem.model_validate(mine), expected_revision=revision
                    )
                    break
                except RevisionConflict as conflict:
                    if conflict.current is None:
                        # Deleted meanwhile: what is typed here is kept, stored again.
                        outcome.recreated = True
                        revision = 0
                        continue
                    mine, found = merge_postmortems(base, mine, conflict.current)
                    outcome.merged |= _entered(conflict.current) != _entered(base)
                    outcome.conflicts += [c.path for c in found]
                    base = conflict.current
                    revision = int(base.get("revision", 0))
            else:
                raise RevisionConflict(pm.id, revision, None)
            outcome.saved = True
            written = stored.model_dump(mode="json")
            with self._state:
                if outcome.merged or outcome.recreated:
                    if self.pm is pm:
                        self.pm = stored
                    else:
                        self.pm = self._merged_into(self.pm, stored, snapshot)
                    self._stale_from = snapshot
                elif self.pm is pm:
                    self.pm = stored
                self._base = written
                self._revision = stored.revision
                # Only an entry makes a new draft a keeper: a save of where
                # the user is in the interview (paging through steps) is not one.
                created = self._as_created
                if created is not None and _entered(written) != _entered(created):
                    self._as_created = None
            return outcome

    def refresh(self) -> Outcome:
        """Take in another writer's change, if the stored revision moved.

        Cheap when nothing changed (the store looks at the file's stamp).
        What is typed here stays: a change here and there is merged in memory
        and saved by the next ``save``.
        """
        from retrotui.document.models import Postmortem

        outcome = Outcome()
        with self._io:
            with self._state:
                pm, base, revision = self.pm, self._base, self._revision
            if pm is None or base is None:
                return outcome
            if self.store.revision(pm.id) in (revision, None):
                return outcome
            theirs = self.store.stored(pm.id)
            if theirs is None:
                return outcome
            if _entered(theirs) == _entered(base):
                # Only stamps moved (another app opened it, or moved on in
                # the interview): based on theirs now, nothing to show.
                with self._state:
                    if self.pm is not None and self.pm.id == pm.id:
                        self._base = {**theirs, "phase": base.get("phase")}
                        self._revision = int(theirs.get("revision", 0))
                        self._as_created = None
                return outcome
            snapshot = pm.model_dump(mode="json")
            merged, found = merge_postmortems(base, snapshot, theirs)
            merged_pm = Postmortem.model_validate(merged)
            with self._state:
                current = self.pm
                if current is None or current.id != pm.id:
                    return outcome
                if current is not pm:
                    merged_pm = self._merged_into(current, merged_pm, snapshot)
                self.pm = merged_pm
                self._stale_from = snapshot
                self._base = theirs
                self._revision = int(theirs.get("revision", 0))
                self._as_created = None
            outcome.merged = True
            # Told here too when the other side met this one's change: its
            # version is in the field now, this one's on the checklist.
            outcome.conflicts = list(
                dict.fromkeys(
                    [*(c.path for c in found), *_their_conflicts(base, theirs)]
                )
            )
            return outcome

    def leave(self) -> Outcome:
        """Done with the document: saved, or removed when it is a new draft
        nobody entered anything in (and nobody else wrote to since)."""
        if not self.untouched_draft or self.pm is None:
            outcome = self.save()
            self.close()
            return outcome
        try:
            with self._io:
                self.store.delete(self.pm.id, expected_revision=self._revision)
        except (RevisionConflict, NotFound):
            # Someone else wrote to it (or removed it): it is theirs now.
            self.close()
            return Outcome()
        self.close()
        return Outcome(discarded=True)

    @staticmethod
    def _merged_into(
        pm: Postmortem, merged: Postmortem, derived_from: dict[str, Any]
    ) -> Postmortem:
        """``pm`` (edited from ``derived_from``) with ``merged``'s changes in."""
        from retrotui.document.models import Postmortem

        data, _ = merge(
            derived_from, pm.model_dump(mode="json"), merged.model_dump(mode="json")
        )
        return Postmortem.model_validate(data)
