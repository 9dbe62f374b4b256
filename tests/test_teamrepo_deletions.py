"""Deletions and damaged documents in retro sync, against real git.

A deletion is a change: it reaches the other side, is named, and never
undoes an edit made meanwhile (the edit is kept, and the sync says so).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from git_team import User, add_event, add_pm, commits, git, make_team, repo_files

from retrotui.document.ids import doc_id_for


@pytest.fixture
def team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, User, User]:
    return make_team(tmp_path, monkeypatch, init=True)


def ids_in(bare: Path) -> set[str]:
    return {
        f.rsplit("-", 1)[-1].split(".")[0]
        for f in repo_files(bare)
        if f.startswith("postmortems/")
    }


def stored_ids(user: User) -> set[str]:
    return {pm.id for pm in user.store.all()}


def test_a_deletion_reaches_the_other_side_either_way(capsys, team, tmp_path) -> None:
    bare, ana, bo = team
    first, second, third = (add_pm(ana, t) for t in ("DNS outage", "Disk full", "TLS"))
    ana.retro(capsys, "sync")
    bo.retro(capsys, "sync")
    assert stored_ids(bo) == {first.id, second.id, third.id}

    # Deleted with retro on one host: gone from the repository, then the other.
    code, out, _ = ana.retro(capsys, "delete", first.id)
    assert code == 2 and stored_ids(ana) == {first.id, second.id, third.id}
    code, out, _ = ana.retro(capsys, "delete", first.id, "--yes")
    assert code == 0 and "next retro sync deletes it" in out
    code, out, _ = ana.retro(capsys, "sync")
    assert code == 0 and f"exported: delete {first.id} 'DNS outage'" in out
    assert ids_in(bare) == {second.id, third.id}
    assert "delete" in git("-C", str(bare), "log", "-1", "--format=%s", "main")
    code, out, _ = bo.retro(capsys, "sync")
    assert code == 0 and f"deleted here, as in the team repository: {first.id}" in out
    assert stored_ids(bo) == {second.id, third.id}

    # Deleted with plain git in the repository: gone from both stores.
    other = tmp_path / "other"
    git("clone", "-q", str(bare), str(other))
    for path in other.glob(f"postmortems/*/*-{second.id}.*"):
        git("-C", str(other), "rm", "-q", str(path.relative_to(other)))
    git("-C", str(other), "commit", "-qm", "drop a duplicate")
    git("-C", str(other), "push", "-q", "origin", "main")
    for user in (ana, bo):
        code, out, _ = user.retro(capsys, "sync")
        assert code == 0 and second.id in out
        assert stored_ids(user) == {third.id}

    # Nothing comes back, and a repeated sync commits nothing.
    before = commits(bare)
    for user in (ana, bo):
        code, out, _ = user.retro(capsys, "sync")
        assert code == 0 and "up to date" in out
        assert stored_ids(user) == {third.id}
    assert commits(bare) == before and ids_in(bare) == {third.id}


@pytest.mark.parametrize(
    "editor_first", [True, False], ids=["edit-first", "delete-first"]
)
def test_a_deletion_and_an_edit_at_once_keep_the_edit_and_say_so(
    capsys, team, editor_first: bool
) -> None:
    bare, ana, bo = team
    pm = add_pm(ana, "Checkout 502s")
    ana.retro(capsys, "sync")
    bo.retro(capsys, "sync")
    ana.retro(capsys, "delete", pm.id, "--yes")
    add_event(bo, pm.id, "rolled back the deploy", 9)
    order = [(bo, "in the team repository"), (ana, "here")]
    if not editor_first:
        order.reverse()
    (first, _), (second, where) = order
    assert first.retro(capsys, "sync")[0] == 0
    code, out, err = second.retro(capsys, "sync")
    assert code == 0, err
    assert f"kept: {pm.id} 'Checkout 502s': deleted {where} but edited" in out
    ana.retro(capsys, "sync")
    for user in (ana, bo):
        texts = [e.text for e in user.store.get(pm.id).timeline]
        assert texts == ["rolled back the deploy"]
    assert ids_in(bare) == {pm.id}
    assert len([f for f in repo_files(bare) if f.endswith(".md")]) == 1


def test_a_lost_store_does_not_delete_the_team_s_postmortems(capsys, team) -> None:
    bare, ana, _ = team
    pms = {add_pm(ana, t).id for t in ("DNS outage", "Disk full")}
    ana.retro(capsys, "sync")
    # The database is gone (a new disk, a wiped home): the clone is still there.
    ana.db.unlink()
    shutil.rmtree(ana.db.with_name(f"{ana.db.name}.d"))
    code, out, err = ana.retro(capsys, "sync")
    assert code == 0 and "rather than deleting them" in err
    assert stored_ids(ana) == pms and ids_in(bare) == pms


def test_one_damaged_postmortem_is_named_and_the_rest_synced(capsys, team) -> None:
    bare, ana, bo = team
    good, bad = add_pm(ana, "DNS outage"), add_pm(ana, "Disk full")
    ana.retro(capsys, "sync")
    in_repo = git("-C", str(bare), "show", f"main:{_path_of(bare, bad.id)}")
    add_event(ana, good.id, "paged", 2)
    late = add_pm(ana, "Queue backlog")
    doc = ana.store.layout.doc_file(str(doc_id_for(bad.id)))
    doc.write_bytes(b'{"postmortems": {"1": {"id": "' + bad.id.encode() + b'",')
    damaged = doc.read_bytes()

    code, out, err = ana.retro(capsys, "sync")
    assert code == 1 and err.count("\n") == 1
    assert "synced the rest" in err and bad.id in err
    assert "pushed" in out and ids_in(bare) == {good.id, bad.id, late.id}
    # The damaged one is neither updated nor deleted, here or in the repository.
    assert git("-C", str(bare), "show", f"main:{_path_of(bare, bad.id)}") == in_repo
    assert doc.read_bytes() == damaged
    assert bo.retro(capsys, "sync")[0] == 0
    assert [e.text for e in bo.store.get(good.id).timeline] == ["paged"]


def _path_of(bare: Path, pm_id: str) -> str:
    return next(f for f in repo_files(bare) if f.endswith(f"-{pm_id}.json"))
