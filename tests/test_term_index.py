"""The term index kept beside the store: the same answers as reading every
document, kept in step by re-reading only what changed, rebuilt when damaged."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from retrotui.document.models import Factor, Postmortem, TimelineEvent
from retrotui.learning import similar_index
from retrotui.learning.documents import read_all
from retrotui.learning.similar import similar
from retrotui.learning.similar_index import similar_indexed
from retrotui.learning.term_index import FILE_NAME, open_index
from retrotui.storage.store import Store
from tests.factories import T0, incident
from tests.factories import run_cli as run


def outage(pm_id: str, days_ago: int, title: str) -> Postmortem:
    at = T0 - timedelta(days=days_ago)
    return Postmortem(
        id=pm_id,
        title=title,
        services=["ingress", "traefik"],
        timeline=[
            TimelineEvent(at=at, text="All services returned 503 behind the ingress"),
            TimelineEvent(
                at=at + timedelta(minutes=20),
                text="Traefik pods restarted and the 503s stopped",
            ),
        ],
        factors=[Factor(text="Traefik ran out of memory under the new rule set")],
    )


@pytest.fixture
def store(db_path: Path) -> Store:
    store = Store(db_path)
    store.add(incident("k7m2qx"))
    store.add(outage("out001", 40, "All services returning 503 in Kubernetes"))
    store.add(outage("out002", 20, "All services returning 503 in Kubernets"))
    store.add(outage("out003", 0, "Every service answered 503 from the ingress"))
    return store


def test_the_index_scores_as_reading_every_document(store: Store) -> None:
    index = open_index(store)
    assert index is not None
    everyone = read_all(store).postmortems
    for pm in everyone:
        assert similar_indexed(index, pm) == similar(pm, everyone)
    index.close()


def test_words_only_the_postmortem_asked_about_has_do_not_hide_the_others(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saved, a draft is in the index too: its own rare words (just typed)
    must not take the postings read for candidates, as they did at 20,000
    postmortems where every shared word was too common to be read after them."""
    pm = store.get("out003")
    pm.title = "Every service answered 503 from the ingress: zqxv wibble flarn"
    # (answered, service, zqxv, wibble and flarn are in no other document)
    store.save(pm)
    # Its five words of its own took 5 of 6 postings before: no room was
    # left for the words it shares with out001 and out002.
    monkeypatch.setattr(similar_index, "POSTINGS_BUDGET", 6)
    index = open_index(store)
    assert index is not None
    found = similar_indexed(index, pm)
    index.close()
    assert {m.id for m in found} == {"out001", "out002"}
    assert found == similar(pm, read_all(store).postmortems)


def test_words_the_others_have_elsewhere_do_not_end_the_search(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rarest words of a title may be in the others' timelines only,
    which the scores do not compare: reading on past the budget until
    candidates are found, as at 20,000 postmortems whose every word was
    in every document."""
    event = TimelineEvent(at=T0, text="All services returned 503 behind the ingress")
    for n in range(3):
        store.add(Postmortem(id=f"fil00{n}", title=f"Filler {n}", timeline=[event]))
    pm = Postmortem(id="out004", title="Pods restarted", timeline=[event])
    store.add(pm)
    # Rarest, "pods" and "restarted" are in the outages' timelines only;
    # the budget covers one of them.
    monkeypatch.setattr(similar_index, "POSTINGS_BUDGET", 3)
    monkeypatch.setattr(similar_index, "CANDIDATES", 2)
    index = open_index(store)
    assert index is not None
    found = similar_indexed(index, pm)
    index.close()
    assert found
    # Scored as reading every document scores them.
    everyone = similar(pm, read_all(store).postmortems)
    assert found == [m for m in everyone if m in found]


def test_only_changed_documents_are_read_again(store: Store) -> None:
    index = open_index(store)
    assert index is not None
    assert (index.sync().read, index.sync().removed) == (0, 0)
    pm = store.get("out001")
    pm.title = "All services returning 503 in Kubernetes (ingress)"
    store.save(pm)
    store.delete("k7m2qx")
    synced = index.sync()
    assert (synced.read, synced.removed) == (1, 1)
    assert index.count() == 3
    found = similar_indexed(index, store.get("out003"))
    assert [m.id for m in found][:2] in (["out001", "out002"], ["out002", "out001"])
    index.close()


def test_a_damaged_index_file_is_rebuilt(store: Store) -> None:
    open_index(store).close()
    path = store.layout.folder / FILE_NAME
    path.write_bytes(b"not a database at all" * 100)
    index = open_index(store)
    assert index is not None and index.count() == 4
    index.close()


def test_a_damaged_document_is_named_on_every_run(
    capsys: pytest.CaptureFixture[str], store: Store
) -> None:
    from retrotui.document.ids import doc_id_for

    store.layout.doc_file(str(doc_id_for("out002"))).write_bytes(b"{not json")
    for _ in range(2):  # built, then answered from the index
        code, out, err = run(capsys, "--db", str(store.path), "similar", "out003")
        assert code == 0
        assert "out001" in out and "out002" not in out
        assert err.startswith("retro: skipped ") and len(err.splitlines()) == 1


def test_an_older_single_file_database_is_read_whole(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import orjson

    from retrotui.document.ids import doc_id_for

    path = tmp_path / "old.json"
    docs = [outage("old001", 10, "Ingress 503s"), outage("old002", 0, "Ingress 503")]
    table = {str(doc_id_for(pm.id)): pm.model_dump(mode="json") for pm in docs}
    path.write_bytes(orjson.dumps({"postmortems": table}))
    assert open_index(Store(path)) is None
    code, out, _ = run(capsys, "--db", str(path), "similar", "old002")
    assert code == 0 and "old001" in out


def test_quick_search_finds_by_any_field_with_a_typo(store: Store) -> None:
    from retrotui.learning.quick_search import QuickSearch

    index = open_index(store)
    assert index is not None
    quick = QuickSearch(index)
    # Title, with a typo; timeline; factor; a word's start; nothing.
    assert {i for i, _ in quick.ids("kubernets")} == {"out001", "out002"}
    assert {i for i, _ in quick.ids("traefk pods")} == {"out001", "out002", "out003"}
    assert [i for i, _ in quick.ids("connection pool")] == ["k7m2qx"]
    assert {i for i, _ in quick.ids("ingr")} >= {"out003"}
    assert quick.ids("zeppelin") == [] and quick.ids("  ") == []
    # A title hit ranks above the same word elsewhere.
    ranked = quick.ids("ingress")
    assert ranked[0][0] == "out003" and ranked[0][1] > ranked[-1][1]
    index.close()


def test_two_openers_of_a_new_index_reset_it_once(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The app's two panels (and a command beside the app) open a new index
    # at the same moment. Both once found no version, so the second reset
    # (dropped) the tables the first had just filled and was reading. A
    # pause in the reset holds that interleaving open.
    import threading
    import time

    from retrotui.learning import term_index

    reset = term_index._reset
    resets: list[int] = []

    def slow_reset(connection: object) -> None:
        resets.append(1)
        time.sleep(0.2)
        reset(connection)  # type: ignore[arg-type]

    monkeypatch.setattr(term_index, "_reset", slow_reset)
    counts: list[int] = []

    def count() -> None:
        index = open_index(store)
        counts.append(-1 if index is None else index.count())
        if index is not None:
            index.close()

    threads = [threading.Thread(target=count) for _ in range(2)]
    for thread in threads:
        thread.start()
        time.sleep(0.05)
    for thread in threads:
        thread.join()
    assert (len(resets), counts) == (1, [4, 4])


def test_quick_search_keys_are_the_documents_holding_every_word(store: Store) -> None:
    from retrotui.learning.quick_search import QuickSearch

    index = open_index(store)
    assert index is not None
    quick = QuickSearch(index)
    key_of = {pm_id: key for key, pm_id in index.db.execute("SELECT key, id FROM docs")}
    for query in ("kubernets", "traefk pods", "connection pool", "ingr", "zeppelin"):
        assert quick.keys(query) == {key_of[i] for i, _ in quick.ids(query)}
    assert quick.keys("  ") == set()
    index.close()


def test_a_caller_that_will_not_wait_gets_none_and_nothing_is_read(
    store: Store,
) -> None:
    import sqlite3

    from retrotui.learning.quick_search import QuickSearch

    # Four documents to read: more than the caller waits for.
    assert open_index(store, most=3) is None
    raw = sqlite3.connect(store.layout.folder / FILE_NAME)
    assert raw.execute("SELECT COUNT(*) FROM docs").fetchone() == (0,)
    raw.close()
    index = open_index(store)
    assert index is not None and index.count() == 4
    index.close()
    pm = store.get("out001")
    pm.title = "All services returning 503 (ingress)"
    store.save(pm)
    index = open_index(store, most=1)  # one changed: read while it waits
    assert index is not None
    assert "out001" in {i for i, _ in QuickSearch(index).ids("(ingress)")}
    index.close()


def test_the_index_is_built_in_another_process(store: Store) -> None:
    from retrotui.learning.index_build import build_apart

    assert build_apart(store.path).wait() == 0
    # In step: nothing left to read, so a caller that will not wait has it.
    index = open_index(store, most=0)
    assert index is not None and index.count() == 4
    index.close()
