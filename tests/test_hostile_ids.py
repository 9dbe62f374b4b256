"""Item ids have limits and are unique within their list, like everything else."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from factories import incident

from retrotui.cli import main
from retrotui.document.models import ActionItem, Postmortem
from retrotui.storage.store import Store


def export(pm_id: str = "ids001", **fields: object) -> dict:
    doc = incident(pm_id).model_dump(mode="json")
    doc.update(fields)
    return doc


def import_file(db_path: Path, tmp_path: Path, doc: dict) -> int:
    source = tmp_path / "in.json"
    source.write_text(json.dumps(doc))
    return main(["--db", str(db_path), "import", str(source)])


@pytest.mark.parametrize(
    "item_id",
    ["a" * 10_000, "x" * 41, "", "two words", "\x1b[2J", "-lead"],
    ids=["10k", "41", "empty", "space", "escape", "dash"],
)
def test_an_item_id_outside_the_limits_is_refused(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], item_id: str
) -> None:
    doc = export()
    doc["actions"][0]["id"] = item_id
    assert import_file(db_path, tmp_path, doc) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "actions.0.id" in err and "is not an id" in err
    assert len(err) < 300
    assert not db_path.exists()


def test_ten_thousand_long_factor_links_are_refused_in_one_short_line(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = export()
    # Long, but under the 8 MB a file may have: the links themselves are refused.
    doc["actions"][0]["factor_ids"] = ["f" * 700 + str(n) for n in range(10_000)]
    assert import_file(db_path, tmp_path, doc) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "and 9997 more" in err and len(err) < 400
    assert not db_path.exists()


def test_two_factors_with_one_id_are_renumbered_with_a_warning(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = export()
    doc["factors"][1]["id"] = doc["factors"][0]["id"]
    assert import_file(db_path, tmp_path, doc) == 0
    out, err = capsys.readouterr()
    assert out == "ids001\n"
    assert "factors: 'f-pool' is used twice" in err and err.count("\n") == 1
    pm = Store(db_path).get("ids001")
    first, second = pm.factors
    assert first.id == "f-pool" and second.id != "f-pool"
    assert second.id.startswith("f-") and second.text == doc["factors"][1]["text"]


def test_ids_stay_unique_in_the_model() -> None:
    pm = Postmortem(
        title="x",
        timeline=[{"id": "e-1", "at": "2026-01-01T10:00:00+00:00", "text": "a"}] * 3,
        actions=[ActionItem(id="a-1", text="t", factor_ids=["f-1", "f-1", "f-2"])] * 2,
    )
    assert len({event.id for event in pm.timeline}) == 3
    assert len({action.id for action in pm.actions}) == 2
    assert pm.actions[0].factor_ids == ["f-1", "f-2"]
