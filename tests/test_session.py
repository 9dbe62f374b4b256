"""The headless session: revisions, merges with other writers, discard."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrotui.document.ids import doc_id_for
from retrotui.document.models import Postmortem, TimelineEvent
from retrotui.errors import RevisionConflict
from retrotui.session.session import Session
from retrotui.storage.layout import Layout
from retrotui.storage.store import Store
from tests.factories import T0, incident


@pytest.fixture
def store(db_path: Path) -> Store:
    return Store(db_path)


def event(event_id: str, text: str) -> TimelineEvent:
    return TimelineEvent(id=event_id, at=T0, text=text)


def opened(store: Store) -> Session:
    session = Session(store)
    session.open("k7m2qx")
    return session


def test_every_write_counts_the_revision_up(store: Store):
    pm = store.add(incident())
    assert pm.revision == 1
    assert store.save(pm).revision == 2
    assert store.update(pm.id, lambda p: p).revision == 3
    store.put_many([pm], replace=True)
    assert store.revision(pm.id) == 4
    assert store.get(pm.id).revision == 4


def test_a_save_based_on_an_old_revision_is_refused(store: Store):
    pm = store.add(incident())
    store.save(pm, expected_revision=1)
    with pytest.raises(RevisionConflict) as caught:
        store.save(pm, expected_revision=1)
    assert caught.value.current["revision"] == 2
    with pytest.raises(RevisionConflict):
        store.delete(pm.id, expected_revision=1)
    store.delete(pm.id, expected_revision=2)
    assert store.revision(pm.id) is None


def test_two_sessions_keep_each_others_additions(store: Store):
    store.add(incident())
    one, two = opened(store), opened(store)
    one.edit(
        one.pm.model_copy(
            update={"timeline": [*one.pm.timeline, event("e-one", "One")]}
        )
    )
    two.edit(
        two.pm.model_copy(
            update={"timeline": [*two.pm.timeline, event("e-two", "Two")]}
        )
    )
    assert one.save().saved
    outcome = two.save()
    assert outcome.merged and outcome.conflicts == []
    ids = {e.id for e in store.get("k7m2qx").timeline}
    assert {"e-one", "e-two"} <= ids
    assert {"e-one", "e-two"} <= {e.id for e in two.pm.timeline}
    # The first session takes the second's change in when it looks.
    assert one.refresh().merged
    assert "e-two" in {e.id for e in one.pm.timeline}
    assert not one.dirty


def test_a_field_changed_on_both_sides_is_kept_and_reported(store: Store):
    store.add(incident())
    one, two = opened(store), opened(store)
    one.edit(one.pm.model_copy(update={"summary": "One's summary"}))
    two.edit(two.pm.model_copy(update={"summary": "Two's summary"}))
    one.save()
    outcome = two.save()
    assert outcome.conflicts == ["summary"]
    stored = store.get("k7m2qx")
    assert stored.summary == "Two's summary"
    [conflict] = stored.conflicts
    assert (conflict.field, conflict.mine, conflict.theirs) == (
        "summary",
        "Two's summary",
        "One's summary",
    )
    # Editing the field reconciles it: the record goes with the next save.
    two.edit(two.pm.model_copy(update={"summary": "Both summaries, reconciled"}))
    two.save()
    assert store.get("k7m2qx").conflicts == []


def test_a_cli_write_while_open_is_merged_not_overwritten(store: Store):
    store.add(incident())
    session = opened(store)
    store.update("k7m2qx", lambda p: p.model_copy(update={"promoted_to": "abc123"}))
    session.edit(
        session.pm.model_copy(update={"impact": "Checkout failed for 40 minutes"})
    )
    session.save()
    stored = store.get("k7m2qx")
    assert stored.promoted_to == "abc123"
    assert stored.impact == "Checkout failed for 40 minutes"


def test_edits_made_while_a_merge_came_in_are_kept(store: Store):
    store.add(incident())
    session = opened(store)
    screen_copy = session.pm
    store.update(
        "k7m2qx", lambda p: p.model_copy(update={"went_well": ["From the CLI"]})
    )
    assert session.refresh().merged
    # The screen still shows its copy and edits it before it takes the merge.
    shown = session.edit(screen_copy.model_copy(update={"lucky": ["Low traffic"]}))
    assert shown.went_well == ["From the CLI"] and shown.lucky == ["Low traffic"]
    session.adopted()
    session.save()
    stored = store.get("k7m2qx")
    assert stored.went_well == ["From the CLI"] and stored.lucky == ["Low traffic"]


def test_a_document_deleted_meanwhile_is_stored_again(store: Store):
    store.add(incident())
    session = opened(store)
    store.delete("k7m2qx")
    session.edit(session.pm.model_copy(update={"summary": "Still typing"}))
    assert session.save().recreated
    assert store.get("k7m2qx").summary == "Still typing"


def test_an_untouched_new_draft_is_discarded(store: Store):
    session = Session(store)
    pm = session.create("")
    assert session.leave().discarded
    assert store.revision(pm.id) is None


def test_a_new_draft_saved_while_only_moving_between_steps_is_still_discarded(
    store: Store,
):
    # Paging through the steps is saved (where the user is), but it is not
    # an entry: the autosave of that move must not make the draft a keeper.
    session = Session(store)
    pm = session.create("")
    session.edit(session.pm.model_copy(update={"phase": "timeline"}))
    assert session.save().saved
    assert session.leave().discarded
    assert store.revision(pm.id) is None


def test_a_new_draft_with_an_entry_saved_is_kept(store: Store):
    session = Session(store)
    pm = session.create("")
    session.edit(session.pm.model_copy(update={"summary": "Checkout 502s"}))
    session.save()
    session.edit(session.pm.model_copy(update={"summary": ""}))
    session.save()
    # Entered, then cleared again: the draft was worked on, it stays.
    assert not session.leave().discarded
    assert store.get(pm.id).title == pm.title


def test_a_new_draft_someone_else_wrote_to_is_not_discarded(store: Store):
    session = Session(store)
    pm = session.create("")
    other = Session(store)
    other.open(pm.id)
    other.edit(other.pm.model_copy(update={"summary": "Written by the other app"}))
    other.save()
    assert not session.leave().discarded
    assert store.get(pm.id).summary == "Written by the other app"


def test_changes_since_load(store: Store):
    store.add(incident())
    session = opened(store)
    assert not session.dirty and session.changes() == []
    session.edit(session.pm.model_copy(update={"unsent": {"timeline:entry": "half"}}))
    assert session.dirty and session.changes() == ["unsent"]
    session.save()
    assert not session.dirty


def test_nothing_changed_writes_nothing(store: Store):
    store.add(incident())
    session = opened(store)
    assert not session.save().saved
    assert store.revision("k7m2qx") == 1


def test_an_old_document_without_revision_is_read_at_zero(store: Store, db_path: Path):
    pm = Postmortem(id="old123", title="Before revisions")
    store.add(pm)
    doc_file = Layout(db_path).doc_file(str(doc_id_for("old123")))
    doc_file.write_text(doc_file.read_text().replace('"revision":1,', ""))
    assert Store(db_path).get("old123").revision == 0
    session = Session(Store(db_path))
    session.open("old123")
    session.edit(session.pm.model_copy(update={"summary": "Now"}))
    assert session.save().saved and not session.save().merged


def test_a_write_that_changes_no_content_is_taken_in_silently(store: Store):
    # Another app opening the postmortem, or moving on in the interview,
    # stamps it: nothing the user would see changed, so nothing is announced.
    store.add(incident())
    session = opened(store)
    session.edit(session.pm.model_copy(update={"summary": "Typed here"}))
    elsewhere = store.get("k7m2qx")
    store.save(elsewhere.model_copy(update={"phase": "review"}))
    outcome = session.refresh()
    assert not outcome.merged and session.pm.summary == "Typed here"
    # Based on the new revision: the save needs no merge and keeps the edit.
    saved = session.save()
    assert saved.saved and not saved.merged
    assert store.get("k7m2qx").summary == "Typed here"
    # Only stamps moved on the other side while this one saved: still quiet.
    store.save(store.get("k7m2qx"))
    session.edit(session.pm.model_copy(update={"summary": "Typed again"}))
    assert not session.save().merged
    # A real change is announced.
    store.save(store.get("k7m2qx").model_copy(update={"title": "Renamed"}))
    assert session.refresh().merged


def test_the_writer_whose_version_left_the_field_is_told_too(store: Store):
    store.add(incident())
    one, two = opened(store), opened(store)
    one.edit(one.pm.model_copy(update={"summary": "One's summary"}))
    two.edit(two.pm.model_copy(update={"summary": "Two's summary"}))
    one.save()
    assert two.save().conflicts == ["summary"]
    # One's own text is now on the checklist, not in the field: one hears of it.
    outcome = one.refresh()
    assert outcome.merged and outcome.conflicts == ["summary"]
    assert one.pm.summary == "Two's summary"
    assert [c.theirs for c in one.pm.conflicts] == ["One's summary"]
    # Told once: the next look finds nothing new.
    assert one.refresh().conflicts == []
