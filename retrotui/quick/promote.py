"""Promotion: a quick note grows into a full postmortem draft.

Everything the note holds is carried over (title, times as timeline
milestones, impact, fix, services, tags, action items); the two documents
point at each other, so ``retro list`` can say the note was promoted.
"""

from __future__ import annotations

from retrotui.document.models import Kind, Postmortem, Status
from retrotui.errors import RetroError
from retrotui.storage.store import Store

# Fields that belong to the note itself, not to what it says.
_NOT_CARRIED = {"id", "kind", "status", "promoted_to", "created", "updated", "phase"}


def promote(store: Store, note_id: str) -> Postmortem:
    """Create the full postmortem draft for ``note_id`` and return it."""
    # One lock over the check and the write: two promotions of the same note
    # at once cannot both pass the "already promoted" check.
    with store.transaction():
        note = store.get(note_id)
        if note.promoted_to:
            raise RetroError(
                f"note {note.id} was already promoted to {note.promoted_to}; "
                f"continue it with 'retro open {note.promoted_to}'"
            )
        if note.kind is not Kind.minor:
            raise RetroError(
                f"{note.id} is already a full postmortem ({note.kind.value}); "
                f"open it with 'retro open {note.id}'"
            )
        draft = Postmortem.model_validate(
            {
                **note.model_dump(exclude=_NOT_CARRIED),
                "kind": Kind.incident,
                "status": Status.draft,
                "promoted_from": note.id,
            }
        )
        note.promoted_to = draft.id
        # One write for both: never a draft without the note pointing at it.
        store.put_many([draft, note], replace=True)
    return draft
