"""Faults between the clone and the team repository, against real git (an
ssh stub only where the network itself is the fault): one clear line each,
nothing typed lost, and the next sync picks up where this one stopped."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from git_team import User, add_event, add_pm, git, make_team, repo_files

from retrotui.teamrepo import config

SSH_REMOTE = "git@git.example.com:sre/postmortems.git"


@pytest.fixture
def team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, User, User]:
    return make_team(tmp_path, monkeypatch, init=True)


def fake_ssh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, says: str) -> None:
    """ssh that fails the way a real one does, before any git is spoken."""
    script = tmp_path / "ssh"
    script.write_text(f"#!/bin/sh\necho '{says}' >&2\nexit 255\n")
    script.chmod(0o755)
    monkeypatch.setenv("GIT_SSH_COMMAND", str(script))


def point_at(user: User, remote: str) -> None:
    """The user's team repository is now ``remote`` (as ``repo init`` would set)."""
    clone = user.clone
    git("-C", str(clone), "remote", "set-url", "origin", remote)
    config.save(user.db, config.RepoConfig(remote, clone))


def assert_kept_for_later(user: User, pm_id: str) -> None:
    assert pm_id in git("-C", str(user.clone), "log", "--format=%s")
    assert user.store.get(pm_id).title


FAULTS = {
    "no network (connection refused)": ("http://127.0.0.1:9/team.git", None),
    "no network (ssh, unreachable)": (
        SSH_REMOTE,
        "ssh: connect to host git.example.com port 22: Network is unreachable",
    ),
    "no network (ssh, no DNS)": (
        SSH_REMOTE,
        "ssh: Could not resolve hostname git.example.com: "
        "Temporary failure in name resolution",
    ),
}


@pytest.mark.parametrize("remote,says", FAULTS.values(), ids=FAULTS.keys())
def test_no_network_is_one_line_and_the_sync_waits_for_later(
    capsys, team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, remote, says
) -> None:
    bare, ana, _ = team
    if says:
        fake_ssh(tmp_path, monkeypatch, says)
    pm = add_pm(ana, "Checkout 502s")
    point_at(ana, remote)
    code, _, err = ana.retro(capsys, "sync")
    assert code == 1 and err.count("\n") == 1
    assert err.startswith(f"retro: no network: {remote} cannot be reached (")
    assert "sync later" in err and "Could not read" not in err
    assert_kept_for_later(ana, pm.id)
    # A new user on the same host: init says the same, and creates nothing.
    code, _, err = User(tmp_path, "cy", monkeypatch).retro(
        capsys, "repo", "init", remote
    )
    assert code == 1 and err.count("\n") == 1 and "no network" in err


def test_auth_refused_is_one_line_and_loses_nothing(
    capsys, team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bare, ana, _ = team
    fake_ssh(
        tmp_path, monkeypatch, "git@git.example.com: Permission denied (publickey)."
    )
    pm = add_pm(ana, "Checkout 502s")
    point_at(ana, SSH_REMOTE)
    code, _, err = ana.retro(capsys, "sync")
    assert code == 1 and err.count("\n") == 1
    assert f"{SSH_REMOTE} refused access (check your SSH key)" in err
    assert "Permission denied (publickey)" in err
    assert_kept_for_later(ana, pm.id)
    # The key is fixed (here: the team moved back to the path): it all goes out.
    monkeypatch.delenv("GIT_SSH_COMMAND")
    point_at(ana, str(bare))
    assert ana.retro(capsys, "sync")[0] == 0
    assert any(pm.id in f for f in repo_files(bare))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_a_remote_without_permission_is_one_line(capsys, team) -> None:
    bare, ana, _ = team
    add_pm(ana, "Checkout 502s")
    (bare / "objects").chmod(0o500)
    try:
        code, _, err = ana.retro(capsys, "sync")
    finally:
        (bare / "objects").chmod(0o755)
    assert code == 1 and err.count("\n") == 1 and "next sync" in err


def test_a_detached_head_is_refused_untouched(capsys, team) -> None:
    bare, ana, _ = team
    first = add_pm(ana, "Checkout 502s")
    ana.retro(capsys, "sync")
    git("-C", str(ana.clone), "checkout", "-q", "--detach", "HEAD")
    add_event(ana, first.id, "paged", 2)
    head = git("-C", str(bare), "rev-parse", "main")
    code, _, err = ana.retro(capsys, "sync")
    assert code == 1 and err.count("\n") == 1
    assert (
        err.startswith("retro: detached HEAD in the team clone")
        and "switch main" in err
    )
    assert git("-C", str(bare), "rev-parse", "main") == head
    assert [e.text for e in ana.store.get(first.id).timeline] == ["paged"]
    git("-C", str(ana.clone), "switch", "-q", "main")
    assert ana.retro(capsys, "sync")[0] == 0
    assert git("-C", str(bare), "rev-parse", "main") != head


def test_an_unfinished_merge_in_the_clone_is_refused_untouched(capsys, team) -> None:
    bare, ana, _ = team
    pm = add_pm(ana, "Checkout 502s")
    ana.retro(capsys, "sync")
    clone = str(ana.clone)
    # Someone merged by hand in the clone and stopped at a conflict.
    git("-C", clone, "switch", "-q", "-c", "notes")
    (ana.clone / "NOTES").write_text("theirs\n")
    git("-C", clone, "add", "NOTES")
    git("-C", clone, "commit", "-qm", "notes")
    git("-C", clone, "switch", "-q", "main")
    (ana.clone / "NOTES").write_text("ours\n")
    git("-C", clone, "add", "NOTES")
    git("-C", clone, "commit", "-qm", "notes here")
    subprocess.run(["git", "-C", clone, "merge", "-q", "notes"], capture_output=True)
    add_event(ana, pm.id, "paged", 2)
    head = git("-C", str(bare), "rev-parse", "main")
    code, _, err = ana.retro(capsys, "sync")
    assert code == 1 and err.count("\n") == 1
    assert err.startswith("retro: a merge or rebase is unfinished in the team clone")
    assert git("-C", str(bare), "rev-parse", "main") == head
    assert "<<<<<<<" in (ana.clone / "NOTES").read_text()  # left as it was
    assert [e.text for e in ana.store.get(pm.id).timeline] == ["paged"]


def test_a_sync_stopped_in_its_merge_is_finished_by_the_next(capsys, team) -> None:
    bare, ana, bo = team
    first = add_pm(ana, "Checkout 502s")
    ana.retro(capsys, "sync")
    bo.retro(capsys, "sync")
    add_event(bo, first.id, "rolled back", 9)
    bo.retro(capsys, "sync")
    mine = add_pm(ana, "Queue backlog")
    add_event(ana, first.id, "paged", 2)
    clone = ana.clone
    # The app quit while its sync was merging: git is halfway, retro's
    # marker says the merge is its own.
    git("-C", str(clone), "fetch", "-q")
    git("-C", str(clone), "commit", "-qm", "local", "--allow-empty")
    (clone / ".git" / "retro-merging").touch()
    subprocess.run(
        ["git", "-C", str(clone), "merge", "--no-commit", "--no-ff", "origin/main"],
        capture_output=True,
    )
    assert (clone / ".git" / "MERGE_HEAD").exists()
    code, _, err = ana.retro(capsys, "sync")
    assert code == 0, err
    assert not (clone / ".git" / "retro-merging").exists()
    assert bo.retro(capsys, "sync")[0] == 0
    for user in (ana, bo):
        assert {pm.id for pm in user.store.all()} == {first.id, mine.id}
        texts = {e.text for e in user.store.get(first.id).timeline}
        assert texts == {"paged", "rolled back"}


def test_a_rewritten_team_history_is_merged_and_nothing_is_lost(
    capsys, team, tmp_path: Path
) -> None:
    """Someone re-created the repository (or force-pushed): the clone and the
    remote share no history; both sides' postmortems survive the sync."""
    bare, ana, bo = team
    mine = add_pm(ana, "Checkout 502s")
    ana.retro(capsys, "sync")
    shutil.rmtree(bare)
    git("init", "-q", "--bare", "-b", "main", str(bare))
    theirs = add_pm(bo, "Queue backlog")
    assert bo.retro(capsys, "sync")[0] == 0
    add_event(ana, mine.id, "paged", 2)
    code, out, err = ana.retro(capsys, "sync")
    assert code == 0, err
    assert "pushed" in out
    for user in (ana, bo):
        assert user.retro(capsys, "sync")[0] == 0
        assert {pm.id for pm in user.store.all()} == {mine.id, theirs.id}
        assert [e.text for e in user.store.get(mine.id).timeline] == ["paged"]
    files = repo_files(bare)
    assert len([f for f in files if f.endswith(".json")]) == 2
