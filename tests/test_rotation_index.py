"""The facilitator rotation read from the term index (SQLite groups the kept
facts by spelling) ranks exactly as the same facts read one by one, on the
hand-worked store of test_facilitators and on many generated ones: spellings
of one person in case and spacing, ties of date, people kept by role only,
a name twice in one postmortem, no facilitator, the one being edited."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from retrotui.learning.facilitators import Rotation, rank_facilitators, spellings
from retrotui.learning.facts import facts
from retrotui.learning.lookup import spellings_in_store
from retrotui.learning.rotation_index import spellings_indexed
from retrotui.learning.term_index import Behind, open_index
from retrotui.storage.store import Store
from tests.test_facilitators import STORE, pm

ROLES = ("responder", "incident_commander", "observer", "manager")
# One person written several ways, others once; a role kept instead of a name.
NAMES = (
    "Ana Lopez",
    "ana  lopez",
    "ANA LOPEZ",
    "Raj",
    "raj",
    "Kim",
    "Zoë Müller",
    "zoë müller",
    "Bo",
    "unnamed responder 2",
    "responder",
    "",
)
DAYS = ("2026-01-10", "2026-03-05", "2026-03-05", "2026-06-20", "2026-07-01")


def generated(seed: int, count: int) -> list:
    rng = random.Random(seed)
    made = []
    for n in range(count):
        people = [
            (rng.choice(NAMES[:-1]), rng.choice(ROLES))
            for _ in range(rng.randrange(0, 4))
        ]
        if people and rng.random() < 0.2:
            people.append(people[0])  # the same name twice
        made.append(pm(f"g{n:03d}", rng.choice(DAYS), rng.choice(NAMES), tuple(people)))
    return made


def ranked_both_ways(db_path: Path, stored: list, current: dict | None) -> tuple:
    store = Store(db_path)
    index = open_index(store)
    assert index is not None
    try:
        skip = current["id"] if current else None
        from_index = Rotation(spellings_indexed(index, skip)).rank(current)
        one_by_one = rank_facilitators(index.facts(), current)
    finally:
        index.close()
    return from_index, one_by_one


def store_of(db_path: Path, postmortems: list) -> None:
    store = Store(db_path)
    for each in postmortems:
        store.add(each)


def test_the_hand_worked_store_ranks_the_same_from_the_index(db_path: Path) -> None:
    store_of(db_path, STORE)
    new = pm("new1", "2026-09-01", people=(("KIM", "responder"), ("Lee", "observer")))
    for current in [None, facts(new), *(facts(each) for each in STORE)]:
        from_index, one_by_one = ranked_both_ways(db_path, STORE, current)
        assert from_index == one_by_one
    # And as worked out by hand (test_facilitators).
    whole, _ = ranked_both_ways(db_path, STORE, None)
    assert [c.name for c in whole] == ["Kim", "Yan", "Zoe", "Bo", "raj", "ana LOPEZ"]


@pytest.mark.parametrize("seed", range(6))
def test_generated_stores_rank_the_same_from_the_index(
    db_path: Path, seed: int
) -> None:
    made = generated(seed, 40)
    store_of(db_path, made)
    extra = pm(
        "edit1", "2026-03-05", people=(("raj", "observer"), ("ana lopez", "responder"))
    )
    for current in [None, facts(extra), facts(made[0]), facts(made[-1])]:
        from_index, one_by_one = ranked_both_ways(db_path, made, current)
        assert from_index == one_by_one


def test_the_store_lookup_gives_the_index_answer_or_reads_the_documents(
    db_path: Path, tmp_path: Path
) -> None:
    made = generated(7, 30)
    store_of(db_path, made)
    written, skipped = spellings_in_store(Store(db_path), skip_id="g003")
    assert skipped == []
    expected = spellings([facts(each) for each in made], "g003")
    assert Rotation(written).rank() == Rotation(expected).rank()
    # An older retro's single-file database has no term index: read here.
    single = tmp_path / "single.json"
    single.write_text('{"_default": {}}')
    assert spellings_in_store(Store(single)) == ([], [])


def test_a_store_far_behind_the_index_is_left_to_a_build(db_path: Path) -> None:
    made = generated(8, 10)
    store_of(db_path, made)
    with pytest.raises(Behind):
        spellings_in_store(Store(db_path), most=3)
