"""``retro similar`` through the real entry point on real stores."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from retrotui.document.ids import doc_id_for
from retrotui.document.models import ActionItem, Factor, Postmortem, TimelineEvent
from retrotui.storage.store import Store
from tests.factories import T0, incident
from tests.factories import run_cli as run

DFDS = Path(__file__).parent / "data" / "importing" / "dfds"


def replica_lag(pm_id: str, days_ago: int, title: str, **fields: object) -> Postmortem:
    at = T0 - timedelta(days=days_ago)
    return Postmortem(
        id=pm_id,
        title=title,
        services=["postgres", "billing"],
        timeline=[
            TimelineEvent(
                at=at, text="Replica lag alert fired for the billing database"
            ),
            TimelineEvent(
                at=at + timedelta(minutes=9),
                text="Failover to the replica served stale invoices",
            ),
        ],
        factors=[Factor(text="The replica lag alert threshold was 10 minutes")],
        **fields,
    )


@pytest.fixture
def store(db_path: Path) -> Store:
    store = Store(db_path)
    store.add(incident("k7m2qx"))  # web and postgres: shares a service, not the story
    store.add(
        replica_lag(
            "lag001",
            30,
            "Billing databse replica lag served stale invoices",  # a typo
            actions=[
                ActionItem(text="Alert on replica lag over 30s", status="done"),
                ActionItem(text="Block failover while lag is high"),
                ActionItem(text="Runbook for stale reads"),
            ],
        )
    )
    store.add(replica_lag("lag002", 10, "Replica lag on billing postgres again"))
    store.add(replica_lag("lag003", 0, "Stale invoices after replica failover"))
    store.add(replica_lag("later1", -5, "Replica lag served stale invoices once more"))
    return store


def test_near_duplicates_rank_above_an_unrelated_one_sharing_a_service(
    capsys: pytest.CaptureFixture[str], store: Store
) -> None:
    code, out, _ = run(capsys, "--db", str(store.path), "similar", "lag003", "--json")
    assert code == 0
    rows = json.loads(out)
    ids = [row["id"] for row in rows]
    # Best first; a later incident is not "before"; the checkout outage that
    # also hit postgres is below both repeats, if shown at all.
    assert ids[:2] in (["lag001", "lag002"], ["lag002", "lag001"])
    assert "later1" not in ids and "lag003" not in ids
    assert "k7m2qx" not in ids  # sharing postgres alone scores below the cut
    assert rows[0]["score"] >= rows[-1]["score"]
    assert {"id", "title", "score"} <= set(rows[0])
    lag001 = next(row for row in rows if row["id"] == "lag001")
    assert (lag001["open_actions"], lag001["actions"]) == (2, 3)


def test_text_output_names_the_state_of_their_action_items(
    capsys: pytest.CaptureFixture[str], store: Store
) -> None:
    code, out, _ = run(capsys, "--db", str(store.path), "similar", "lag0")
    assert code == 1  # an ambiguous prefix is refused
    code, out, _ = run(capsys, "--db", str(store.path), "similar", "lag003")
    assert code == 0
    assert "2 of 3 action items still open" in out
    assert "no action items" in out
    assert all(len(line) <= 80 for line in out.splitlines())


def test_nothing_earlier_says_so_in_one_line(
    capsys: pytest.CaptureFixture[str], store: Store
) -> None:
    code, out, err = run(capsys, "--db", str(store.path), "similar", "lag001")
    assert (code, out) == (1, "")
    assert err == "retro similar: no earlier postmortem resembles lag001\n"
    code, out, _ = run(capsys, "--db", str(store.path), "similar", "lag001", "--json")
    assert (code, json.loads(out)) == (1, [])
    code, _, err = run(capsys, "--db", str(store.path), "similar", "nosuch")
    assert code == 1
    assert len(err.splitlines()) == 1


def test_escape_sequences_in_stored_titles_are_cleaned(
    capsys: pytest.CaptureFixture[str], store: Store
) -> None:
    key = str(doc_id_for("lag001"))
    path = store.layout.doc_file(key)
    data = json.loads(path.read_text())
    [doc] = data["postmortems"].values()
    doc["title"] = "\x1b]0;PWNED\x07\x1b[2JBilling \x1b[31mlag\x9b2J"
    path.write_text(json.dumps(data))
    for argv in (["similar", "lag003"], ["similar", "lag003", "--json"]):
        code, out, err = run(capsys, "--db", str(store.path), *argv)
        assert code == 0
        assert not any(c in out + err for c in ("\x1b", "\x07", "\x9b"))
        assert "Billing lag" in out


def test_the_repeated_kubernetes_outages_of_a_real_archive_find_each_other(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "pm"
    folder.mkdir()
    for pattern in ("PM2021-00[579]*", "PM2019-009*", "PM2024-001*", "PM2022-006*"):
        for path in DFDS.glob(pattern):
            shutil.copy(path, folder)
    assert (
        run(capsys, "--db", str(db_path), "import", str(folder), "--tz", "UTC")[0] == 0
    )
    by_title = {pm.title: pm.id for pm in Store(db_path).all()}
    code, out, _ = run(
        capsys,
        "--db",
        str(db_path),
        "similar",
        by_title["All services returning 404 in Kubernetes"],
        "--json",
    )
    assert code == 0
    titles = [row["title"] for row in json.loads(out)]
    assert titles[:2] == ["All services returning 503 in Kubernetes"] * 2


def test_a_team_retrospective_is_no_earlier_incident_like_this_one(
    capsys: pytest.CaptureFixture[str], store: Store
) -> None:
    """A retro that talked about the replica lag outages is not one of them,
    and has no earlier incident like it."""
    from retrotui.learning.documents import read_all
    from retrotui.learning.similar import similar

    talk = replica_lag("ret001", 20, "Billing replica lag served stale invoices")
    talk.kind = "retro"
    store.add(talk)
    code, out, _ = run(capsys, "--db", str(store.path), "similar", "lag003", "--json")
    assert code == 0
    ids = [row["id"] for row in json.loads(out)]
    assert "lag001" in ids and "ret001" not in ids
    everyone = read_all(store).postmortems
    lag003 = store.get("lag003")
    assert "ret001" not in [m.id for m in similar(lag003, everyone)]
    assert similar(talk, everyone) == []
    code, out, err = run(capsys, "--db", str(store.path), "similar", "ret001")
    assert (code, out) == (1, "")
    assert "ret001 is a team retrospective" in err
    code, out, _ = run(capsys, "--db", str(store.path), "similar", "ret001", "--json")
    assert (code, json.loads(out)) == (1, [])
