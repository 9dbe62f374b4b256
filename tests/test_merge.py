"""The three-way merge rules (retrotui.session.merge), on plain JSON data."""

from __future__ import annotations

import copy

from retrotui.session.merge import merge

BASE = {
    "title": "Checkout down",
    "summary": "The pool ran out.",
    "severity": "sev2",
    "timeline": [
        {"id": "e-1", "at": "14:00", "text": "Alerts fire"},
        {"id": "e-2", "at": "14:05", "text": "Paged"},
    ],
    "went_well": ["Fast page", "Runbook"],
    "participants": [{"name": "Mia", "role": "responder"}],
    "unsent": {"timeline:entry": "half a li"},
}


def sides():
    return copy.deepcopy(BASE), copy.deepcopy(BASE)


def test_unchanged_sides_give_the_base():
    assert merge(BASE, BASE, BASE) == (BASE, [])


def test_a_change_on_one_side_is_taken():
    mine, theirs = sides()
    theirs["summary"] = "The pool ran out at 14:00."
    mine["severity"] = "sev1"
    merged, conflicts = merge(BASE, mine, theirs)
    assert merged["summary"] == "The pool ran out at 14:00."
    assert merged["severity"] == "sev1"
    assert conflicts == []


def test_additions_on_both_sides_are_all_kept():
    mine, theirs = sides()
    mine["timeline"].append({"id": "e-3", "at": "14:10", "text": "Rolled back"})
    theirs["timeline"].append({"id": "e-4", "at": "14:20", "text": "Recovered"})
    mine["went_well"].append("Clear comms")
    theirs["went_well"].append("Good dashboards")
    theirs["participants"].append({"name": "Raj", "role": "support"})
    merged, conflicts = merge(BASE, mine, theirs)
    assert [e["id"] for e in merged["timeline"]] == ["e-1", "e-2", "e-3", "e-4"]
    assert merged["went_well"] == [
        "Fast page",
        "Runbook",
        "Clear comms",
        "Good dashboards",
    ]
    assert [p["name"] for p in merged["participants"]] == ["Mia", "Raj"]
    assert conflicts == []


def test_their_new_item_follows_the_item_it_follows_in_theirs():
    mine, theirs = sides()
    theirs["timeline"].insert(1, {"id": "e-9", "at": "14:02", "text": "Ack"})
    mine["timeline"].append({"id": "e-3", "at": "14:10", "text": "Rolled back"})
    merged, _ = merge(BASE, mine, theirs)
    assert [e["id"] for e in merged["timeline"]] == ["e-1", "e-9", "e-2", "e-3"]


def test_deletions_on_either_side_are_kept():
    mine, theirs = sides()
    del mine["timeline"][0]
    theirs["went_well"].remove("Runbook")
    merged, conflicts = merge(BASE, mine, theirs)
    assert [e["id"] for e in merged["timeline"]] == ["e-2"]
    assert merged["went_well"] == ["Fast page"]
    assert conflicts == []


def test_edits_of_different_fields_of_one_item_both_land():
    mine, theirs = sides()
    mine["timeline"][1]["text"] = "Paged the DB team"
    theirs["timeline"][1]["at"] = "14:06"
    merged, conflicts = merge(BASE, mine, theirs)
    assert merged["timeline"][1] == {
        "id": "e-2",
        "at": "14:06",
        "text": "Paged the DB team",
    }
    assert conflicts == []


def test_the_same_text_changed_on_both_sides_keeps_mine_and_reports_both():
    mine, theirs = sides()
    mine["summary"] = "Mine."
    theirs["summary"] = "Theirs."
    mine["timeline"][0]["text"] = "Alerts fire (mine)"
    theirs["timeline"][0]["text"] = "Alerts fire (theirs)"
    merged, conflicts = merge(BASE, mine, theirs)
    assert merged["summary"] == "Mine."
    assert [(c.path, c.base, c.mine, c.theirs) for c in conflicts] == [
        ("summary", "The pool ran out.", "Mine.", "Theirs."),
        (
            "timeline[e-1].text",
            "Alerts fire",
            "Alerts fire (mine)",
            "Alerts fire (theirs)",
        ),
    ]


def test_the_same_change_on_both_sides_is_no_conflict():
    mine, theirs = sides()
    mine["summary"] = theirs["summary"] = "Same."
    mine["went_well"].append("Same entry")
    theirs["went_well"].append("Same entry")
    merged, conflicts = merge(BASE, mine, theirs)
    assert merged["summary"] == "Same."
    assert merged["went_well"].count("Same entry") == 1
    assert conflicts == []


def test_a_list_entry_edited_on_both_sides_keeps_both_new_texts():
    mine, theirs = sides()
    mine["went_well"][1] = "Runbook was current"
    theirs["went_well"][1] = "Runbook step 3 worked"
    merged, conflicts = merge(BASE, mine, theirs)
    assert merged["went_well"] == [
        "Fast page",
        "Runbook was current",
        "Runbook step 3 worked",
    ]
    assert conflicts == []


def test_an_item_deleted_on_one_side_and_changed_on_the_other_is_kept():
    mine, theirs = sides()
    del theirs["timeline"][1]
    mine["timeline"][1]["text"] = "Paged, and answered"
    merged, conflicts = merge(BASE, mine, theirs)
    assert merged["timeline"][1]["text"] == "Paged, and answered"
    assert [(c.path, c.theirs) for c in conflicts] == [("timeline[e-2]", None)]

    merged, conflicts = merge(BASE, theirs, mine)
    assert [e["id"] for e in merged["timeline"]] == ["e-1", "e-2"]
    assert [(c.path, c.mine) for c in conflicts] == [("timeline[e-2]", None)]


def test_keys_added_and_removed():
    mine, theirs = sides()
    mine["tickets"] = ["INC-1"]
    del theirs["unsent"]["timeline:entry"]
    merged, conflicts = merge(BASE, mine, theirs)
    assert merged["tickets"] == ["INC-1"]
    assert merged["unsent"] == {}
    assert conflicts == []


def test_different_values_for_a_key_both_added_conflict():
    mine, theirs = sides()
    mine["owner"] = "mia"
    theirs["owner"] = "raj"
    merged, conflicts = merge(BASE, mine, theirs)
    assert merged["owner"] == "mia"
    assert [(c.path, c.base, c.theirs) for c in conflicts] == [("owner", None, "raj")]


def test_nested_lists_inside_items_merge_as_lists():
    base = {"factors": [{"id": "f-1", "text": "Pool", "whys": ["a"]}]}
    mine = {"factors": [{"id": "f-1", "text": "Pool", "whys": ["a", "b"]}]}
    theirs = {"factors": [{"id": "f-1", "text": "Pool", "whys": ["a", "c"]}]}
    merged, conflicts = merge(base, mine, theirs)
    assert merged["factors"][0]["whys"] == ["a", "b", "c"]
    assert conflicts == []


def test_types_that_differ_are_a_conflict_not_a_crash():
    merged, conflicts = merge({"x": 1}, {"x": "one"}, {"x": [1]})
    assert merged == {"x": "one"}
    assert conflicts[0].path == "x"
    assert merge(1, True, 1) == (True, [])


def test_arguments_are_not_changed():
    mine, theirs = sides()
    mine["timeline"].append({"id": "e-3", "at": "1", "text": "x"})
    theirs["went_well"].append("y")
    frozen = [copy.deepcopy(x) for x in (BASE, mine, theirs)]
    merge(BASE, mine, theirs)
    assert [BASE, mine, theirs] == frozen


def test_duplicate_entries_count():
    merged, _ = merge(["a", "a"], ["a", "a", "a"], ["a"])
    assert merged == ["a", "a"]
