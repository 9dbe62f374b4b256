"""The board reads action items from the index without the model: it must
accept, clean and refuse what ``ActionItem`` does, and name what is wrong."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from retrotui.document.models import ActionItem
from retrotui.errors import BadDocument
from retrotui.followup.board_item import BoardItem, board_items
from retrotui.storage.layout import ACTION_KEYS

FIELDS = [name for name in BoardItem.__dataclass_fields__]

GOOD = [
    {"id": "a-1", "text": "Add an alert on replica lag"},
    {
        "id": "a-4kq9",
        "text": "Rotate the db password\n\tand the replica's",
        "owner": "  Team   Data ",
        "due": "2026-12-18",
        "due_text": "end of\tQ4",
        "type": "detect",
        "priority": "P0",
        "status": "done",
        "tracker": "https://github.com/acme/db/issues/7",
        "closed_on": "2026-12-01",
        "closing_note": "  https://github.com/acme/db/pull/88 \r\n merged ",
    },
    {
        "id": "a.b_c-9",
        "text": "\x1b[31mRed\x1b[0m text\x07 stays readable",
        "owner": "\x1b]0;title\x07@maria",
        "status": "not_doing",
        "due": None,
        "closed_on": None,
        "priority": "P2",
    },
]

BAD = [
    ({"text": "no id"}, "actions.0.id"),
    ({"id": "", "text": "x"}, "actions.0.id"),
    ({"id": "a 1", "text": "x"}, "actions.0.id: not an id"),
    ({"id": "a-1"}, "actions.0.text: must not be empty"),
    ({"id": "a-1", "text": "  \n "}, "actions.0.text: must not be empty"),
    ({"id": "a-1", "text": 7}, "actions.0.text: not text"),
    ({"id": "a-1", "text": "x", "owner": ["a"]}, "actions.0.owner: not text"),
    ({"id": "a-1", "text": "x", "owner": "o" * 301}, "actions.0.owner: longer"),
    ({"id": "a-1", "text": "x" * 20_001}, "actions.0.text: longer"),
    ({"id": "a-1", "text": "x", "due": "not a date"}, "actions.0.due: not a date"),
    ({"id": "a-1", "text": "x", "due": 20261218}, "actions.0.due: not a date"),
    ({"id": "a-1", "text": "x", "closed_on": "2026-02-30"}, "actions.0.closed_on"),
    ({"id": "a-1", "text": "x", "status": "finished"}, "actions.0.status: not one of"),
    ({"id": "a-1", "text": "x", "status": ["open"]}, "actions.0.status: not one of"),
    ({"id": "a-1", "text": "x", "priority": "P9"}, "actions.0.priority: not one of"),
    ("a-1", "actions.0: not an object"),
]


@pytest.mark.parametrize("raw", GOOD)
def test_an_item_reads_as_the_model_reads_it(raw: dict) -> None:
    [item] = board_items("k7m2qx", [raw])
    model = ActionItem.model_validate(raw)
    assert {f: getattr(item, f) for f in FIELDS} == {
        f: getattr(model, f) for f in FIELDS
    }
    assert item.is_overdue(date(2027, 1, 1)) == model.is_overdue(date(2027, 1, 1))


def test_every_field_the_board_reads_is_kept_by_the_index() -> None:
    assert set(FIELDS) <= set(ACTION_KEYS)


@pytest.mark.parametrize("raw, says", BAD)
def test_a_wrong_field_is_named_where_the_model_refuses_it_too(
    raw: object, says: str
) -> None:
    with pytest.raises(BadDocument) as caught:
        board_items("k7m2qx", [raw])
    assert says in str(caught.value) and "postmortem 'k7m2qx'" in str(caught.value)
    # The model gives an item without an id a new one each time it is read:
    # no reference on the board could name it.
    if not (isinstance(raw, dict) and "id" not in raw):
        with pytest.raises(ValidationError):
            ActionItem.model_validate(raw)


def test_the_second_item_is_named_by_its_place_and_no_items_is_an_empty_list() -> None:
    good = {"id": "a-1", "text": "x"}
    with pytest.raises(BadDocument, match=r"actions\.1\.due"):
        board_items("k7m2qx", [good, {**good, "due": "soon"}])
    assert board_items("k7m2qx", None) == []
    with pytest.raises(BadDocument, match="actions: not a list"):
        board_items("k7m2qx", {"a-1": good})
