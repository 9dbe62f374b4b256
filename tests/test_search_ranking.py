"""``retro search`` from the term index on a store of many postmortems where
the query's words are common: the best are ranked first although only the
shown documents are read, and the answer is the one reading every document
gives."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from retrotui.document.models import Postmortem, TimelineEvent
from retrotui.learning.documents import read_all
from retrotui.learning.lookup import search_in_store
from retrotui.learning.quick_search import QuickSearch
from retrotui.learning.search import SearchIndex
from retrotui.learning.term_index import open_index
from retrotui.storage.store import Store
from tests.factories import T0


def pm(pm_id: str, title: str, *events: str, summary: str = "") -> Postmortem:
    return Postmortem(
        id=pm_id,
        title=title,
        summary=summary,
        timeline=[
            TimelineEvent(at=T0 + timedelta(minutes=n), text=text)
            for n, text in enumerate(events)
        ],
    )


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """90 postmortems naming Kubernetes in their timeline only, 30 in their
    title with 'nodes' in the timeline, 3 with both words in the title, 25
    with 'disk' in the title and 'full' in the timeline, one with 'disk full'
    in its summary, and some unrelated."""
    store = Store(tmp_path_factory.mktemp("many") / "db.json")
    docs = [
        pm(f"tl{n:04d}", f"Checkout latency {n}", "Pods on kubernetes restarted")
        for n in range(90)
    ]
    docs += [
        pm(f"kt{n:04d}", f"Kubernetes upgrade {n}", "Two nodes went NotReady")
        for n in range(30)
    ]
    docs += [
        pm(f"kn{n:04d}", f"Kubernetes nodes NotReady {n}", "Paged") for n in range(3)
    ]
    docs += [
        pm(f"dk{n:04d}", f"Disk pressure {n}", "The volume was full at 09:00")
        for n in range(25)
    ]
    docs.append(pm("df0001", "Database slow", summary="The disk full alert fired"))
    docs += [
        pm(f"un{n:04d}", f"Payment refunds {n}", "Refunds failed") for n in range(20)
    ]
    store.put_many(docs)
    return store


@pytest.fixture
def quick(store: Store):  # type: ignore[no-untyped-def]
    index = open_index(store)
    assert index is not None
    yield QuickSearch(index)
    index.close()


def test_a_common_word_ranks_the_titles_first(quick: QuickSearch) -> None:
    hits = quick.hits("kubernetes", 10)
    assert len(hits) == 10
    assert all(hit.field == "title" and hit.score == 100 for hit in hits)
    assert {hit.id[:2] for hit in hits} <= {"kt", "kn"}
    # Past the 33 titles come the timelines.
    rest = quick.hits("kubernetes", 40)
    assert [hit.field for hit in rest[33:]] == ["timeline"] * 7


def test_a_typo_in_common_words_finds_them_together_first(quick: QuickSearch) -> None:
    hits = quick.hits("kuberntes nodes", 5)
    # Both words in one title, then in two fields (scored less).
    assert {hit.id for hit in hits[:3]} == {"kn0000", "kn0001", "kn0002"}
    assert all(hit.field == "title" for hit in hits[:3])
    assert hits[0].score > hits[3].score
    assert {hit.id[:2] for hit in hits[3:]} == {"kt"}
    # The postmortems naming kubernetes without nodes are not found.
    assert not any(hit.id.startswith("tl") for hit in quick.hits("kuberntes nodes", 40))


def test_words_together_outrank_a_title_holding_one_of_them(
    quick: QuickSearch,
) -> None:
    # 25 titles hold 'disk' (with 'full' in their timeline): they rank first
    # by the index, but the words together in one summary score higher, so
    # reading goes on past them.
    hits = quick.hits("disk ful", 5)
    assert hits[0].id == "df0001" and hits[0].field == "summary"
    assert hits[0].score > hits[1].score
    assert "disk full" in hits[0].snippet.casefold()


@pytest.mark.parametrize(
    "query", ["kubernetes", "kuberntes nodes", "disk ful", "refunds", "zeppelin"]
)
def test_the_same_hits_as_reading_every_document(
    store: Store, quick: QuickSearch, query: str
) -> None:
    everyone = SearchIndex(read_all(store).postmortems)
    expected = everyone.search(query, 1000)
    found = quick.hits(query, 1000)
    key = sorted((hit.id, hit.score, hit.field, hit.snippet) for hit in expected)
    assert sorted((hit.id, hit.score, hit.field, hit.snippet) for hit in found) == key
    assert [hit.score for hit in found] == [hit.score for hit in expected]


def test_retro_search_reads_the_index(store: Store) -> None:
    hits, skipped = search_in_store(store, "kuberntes", 3)
    assert [hit.field for hit in hits] == ["title"] * 3 and skipped == []


def test_without_an_index_every_document_is_read(tmp_path: Path) -> None:
    import orjson

    from retrotui.document.ids import doc_id_for

    # An older retro's single file: no term index beside it.
    path = tmp_path / "old.json"
    docs = [pm("old001", "Kubernetes nodes down"), pm("old002", "Disk full")]
    table = {str(doc_id_for(d.id)): d.model_dump(mode="json") for d in docs}
    path.write_bytes(orjson.dumps({"postmortems": table}))
    assert open_index(Store(path)) is None
    hits, _ = search_in_store(Store(path), "kubernets", 5)
    assert [hit.id for hit in hits] == ["old001"]
