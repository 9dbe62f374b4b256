"""retro repo init / retro sync against real git: a bare repository and two
users, each with their own store, config folder and data folder."""

from __future__ import annotations

import subprocess
from pathlib import Path

import orjson
import pytest
from git_team import User, add_event, add_pm, commits, git, make_team, repo_files

from retrotui.document.schema import Status
from retrotui.teamrepo import config
from retrotui.teamrepo import sync as sync_module


@pytest.fixture
def team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, User, User]:
    return make_team(tmp_path, monkeypatch)


def test_two_users_edit_one_postmortem_and_both_keep_every_change(capsys, team) -> None:
    bare, ana, bo = team
    for user in (ana, bo):
        assert user.retro(capsys, "repo", "init", str(bare))[0] == 0
    pm = add_pm(ana, "Checkout 502s")
    code, out, _ = ana.retro(capsys, "sync")
    assert code == 0 and "pushed" in out
    assert bo.retro(capsys, "sync")[0] == 0
    assert bo.store.get(pm.id).title == "Checkout 502s"

    add_event(ana, pm.id, "paged for 502s", 2)
    add_event(bo, pm.id, "rolled back the deploy", 9)
    own = add_pm(bo, "Queue backlog")
    # Both orders: ana first, then bo merges, then ana picks bo's merge up.
    assert ana.retro(capsys, "sync")[0] == 0
    code, out, _ = bo.retro(capsys, "sync")
    assert code == 0 and "merged edits from both sides" in out
    assert ana.retro(capsys, "sync")[0] == 0

    for user in (ana, bo):
        texts = {e.text for e in user.store.get(pm.id).timeline}
        assert texts == {"paged for 502s", "rolled back the deploy"}
        assert user.store.get(own.id).title == "Queue backlog"
    files = repo_files(bare)
    assert len([f for f in files if f.endswith(".json")]) == 2
    assert len([f for f in files if f.endswith(".md")]) == 2
    assert any(
        f.startswith("postmortems/") and f.endswith(f"-{pm.id}.json") for f in files
    )
    for path in files:
        text = git("-C", str(bare), "show", f"main:{path}")
        assert "<<<<<<<" not in text and ">>>>>>>" not in text
    # Nothing new: neither sync commits.
    before = commits(bare)
    for user in (ana, bo):
        code, out, _ = user.retro(capsys, "sync")
        assert code == 0 and "up to date" in out
    assert commits(bare) == before


def test_the_same_field_changed_on_both_sides_is_kept_as_a_visible_conflict(
    capsys, team
) -> None:
    bare, ana, bo = team
    for user in (ana, bo):
        user.retro(capsys, "repo", "init", str(bare))
    pm = add_pm(ana, "Checkout 502s")
    ana.retro(capsys, "sync")
    bo.retro(capsys, "sync")
    for user, summary in ((ana, "A bad config push."), (bo, "An expired certificate.")):
        user.store.update(
            pm.id, lambda p, s=summary: p.model_copy(update={"summary": s})
        )
    ana.retro(capsys, "sync")
    assert bo.retro(capsys, "sync")[0] == 0
    ana.retro(capsys, "sync")
    for user in (ana, bo):
        got = user.store.get(pm.id)
        kept = (
            {got.summary}
            | {c.mine for c in got.conflicts}
            | {c.theirs for c in got.conflicts}
        )
        assert {"A bad config push.", "An expired certificate."} <= kept
        assert [c.field for c in got.conflicts] == ["summary"]


def test_drafts_stay_local_unless_asked_or_in_review(capsys, team) -> None:
    bare, ana, _ = team
    ana.retro(capsys, "repo", "init", str(bare))
    draft = add_pm(ana, "Half written", Status.draft)
    review = add_pm(ana, "Ready for review", Status.in_review)
    ana.retro(capsys, "sync")
    names = " ".join(repo_files(bare))
    assert review.id in names and draft.id not in names
    ana.retro(capsys, "sync", "--drafts")
    assert draft.id in " ".join(repo_files(bare))


def test_a_push_rejected_mid_sync_is_merged_and_pushed_again(
    capsys, team, monkeypatch: pytest.MonkeyPatch
) -> None:
    bare, ana, bo = team
    for user in (ana, bo):
        user.retro(capsys, "repo", "init", str(bare))
    add_pm(ana, "First incident")
    ana.retro(capsys, "sync")
    bo.retro(capsys, "sync")
    add_pm(ana, "Ana's incident")
    add_pm(bo, "Bo's incident")
    fetch = sync_module._fetch
    raced = []

    def fetch_then_ana_pushes(clone: Path, remote: str) -> None:
        fetch(clone, remote)
        if not raced:
            raced.append(True)
            ana.env()
            sync_module.sync(ana.store, ana.db, False, lambda line: None)
            bo.env()

    monkeypatch.setattr(sync_module, "_fetch", fetch_then_ana_pushes)
    code, _, err = bo.retro(capsys, "sync")
    assert code == 0 and "someone pushed first" in err
    titles = {
        orjson.loads(git("-C", str(bare), "show", f"main:{f}"))["title"]
        for f in repo_files(bare)
        if f.endswith(".json")
    }
    assert titles == {"First incident", "Ana's incident", "Bo's incident"}


def test_a_remote_that_refuses_gets_one_line_and_loses_nothing(capsys, team) -> None:
    bare, ana, _ = team
    ana.retro(capsys, "repo", "init", str(bare))
    hook = bare / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'pushes are frozen for the audit' >&2\nexit 1\n")
    hook.chmod(0o755)
    pm = add_pm(ana, "Checkout 502s")
    code, _, err = ana.retro(capsys, "sync")
    assert code == 1
    assert err.count("\n") == 1 and "refused" in err and "frozen for the audit" in err
    assert repo_files_or_none(bare) is None
    log = git("-C", str(ana.clone), "log", "--format=%s")
    assert pm.id in log  # committed in the clone, goes out with the next sync
    hook.unlink()
    assert ana.retro(capsys, "sync")[0] == 0
    assert any(pm.id in f for f in repo_files(bare))


def repo_files_or_none(bare: Path) -> list[str] | None:
    try:
        return repo_files(bare)
    except subprocess.CalledProcessError:
        return None


def test_a_missing_remote_is_one_line(capsys, team, tmp_path: Path) -> None:
    _, ana, _ = team
    code, _, err = ana.retro(capsys, "repo", "init", str(tmp_path / "nowhere.git"))
    assert code == 1 and err.count("\n") == 1 and "nowhere.git" in err
    code, _, err = ana.retro(capsys, "sync")
    assert code == 1 and "retro repo init" in err


def test_a_clone_edited_by_hand_is_refused_untouched(capsys, team) -> None:
    bare, ana, _ = team
    ana.retro(capsys, "repo", "init", str(bare))
    add_pm(ana, "Checkout 502s")
    ana.retro(capsys, "sync")
    md = next(ana.clone.glob("postmortems/*/*.md"))
    md.write_text("edited by hand\n")
    before = commits(bare)
    code, _, err = ana.retro(capsys, "sync")
    assert code == 1 and "changed by hand" in err and err.count("\n") == 1
    assert md.read_text() == "edited by hand\n" and commits(bare) == before


def test_a_damaged_json_in_the_repository_stops_the_sync_naming_it(
    capsys, team, tmp_path: Path
) -> None:
    bare, ana, bo = team
    for user in (ana, bo):
        user.retro(capsys, "repo", "init", str(bare))
    pm = add_pm(ana, "Checkout 502s")
    ana.retro(capsys, "sync")
    bo.retro(capsys, "sync")
    # Someone pushes a broken file with plain git.
    other = tmp_path / "other"
    git("clone", "-q", str(bare), str(other))
    path = next(other.glob("postmortems/*/*.json"))
    path.write_text('{"title": "Checkout 502s",')
    git("-C", str(other), "commit", "-qam", "broken")
    git("-C", str(other), "push", "-q", "origin", "main")
    add_event(bo, pm.id, "rolled back", 9)
    code, _, err = bo.retro(capsys, "sync")
    assert code == 1 and path.name in err and "damaged" in err
    assert {e.text for e in bo.store.get(pm.id).timeline} == {"rolled back"}
    assert "<<<<<<<" not in (bo.clone / path.relative_to(other)).read_text()


def test_retro_repo_says_where_and_in_what_state(capsys, team) -> None:
    bare, ana, _ = team
    code, out, _ = ana.retro(capsys, "repo")
    assert code == 1 and "retro repo init" in out
    ana.retro(capsys, "repo", "init", str(bare))
    add_pm(ana, "Checkout 502s")
    ana.retro(capsys, "sync")
    code, out, _ = ana.retro(capsys, "repo")
    assert code == 0
    assert f"team repository: {bare}" in out and "working tree: clean" in out
    assert "postmortems in the repository: 1" in out and "last sync: never" not in out
    assert str(ana.clone).startswith(str(ana.root / "data"))
    assert config.config_file().is_relative_to(ana.root / "config")


def test_a_remote_gone_after_init_keeps_the_commit_for_later(
    capsys, team, tmp_path: Path
) -> None:
    bare, ana, _ = team
    ana.retro(capsys, "repo", "init", str(bare))
    bare.rename(tmp_path / "moved.git")
    pm = add_pm(ana, "Checkout 502s")
    code, _, err = ana.retro(capsys, "sync")
    assert code == 1 and err.count("\n") == 1 and "next sync" in err
    assert pm.id in git("-C", str(ana.clone), "log", "--format=%s")
    (tmp_path / "moved.git").rename(bare)
    assert ana.retro(capsys, "sync")[0] == 0
    assert any(pm.id in f for f in repo_files(bare))


def test_no_git_on_path_is_one_line(
    capsys, team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bare, ana, _ = team
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    code, _, err = ana.retro(capsys, "repo", "init", str(bare))
    assert (
        code == 1
        and err == "retro: git is not installed (or not on PATH); install git to sync\n"
    )


def test_a_second_sync_at_once_is_refused_in_one_line(capsys, team) -> None:
    from filelock import FileLock

    bare, ana, _ = team
    ana.retro(capsys, "repo", "init", str(bare))
    add_pm(ana, "Checkout 502s")
    with FileLock(ana.clone / ".git" / "retro-sync.lock"):
        code, _, err = ana.retro(capsys, "sync")
    assert code == 1 and "another retro sync is running" in err
    assert repo_files_or_none(bare) is None
    assert ana.retro(capsys, "sync")[0] == 0
