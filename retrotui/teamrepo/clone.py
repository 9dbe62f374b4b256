"""Setting the team repository up (``retro repo init``) and reading its state."""

from __future__ import annotations

import os
import re
from pathlib import Path

from retrotui.errors import RetroError
from retrotui.teamrepo import config, merging
from retrotui.teamrepo.git import GitError, git, out, rev

_URL = re.compile(r"^[\w+.-]+://|^[\w.-]+@[\w.-]+:")


def normalize_remote(remote: str) -> str:
    """A URL or ``user@host:path`` as given; a local path made absolute."""
    remote = remote.strip()
    if not remote:
        raise RetroError("the team repository is empty: give a URL or a path")
    if _URL.match(remote):
        return remote
    return os.path.abspath(os.path.expanduser(remote))


def init(db_path: Path, remote: str) -> config.RepoConfig:
    """Clone ``remote`` for the store at ``db_path`` and remember it."""
    remote = normalize_remote(remote)
    clone = config.clone_dir(db_path)
    current = config.load(db_path)
    if clone.exists():
        if current is not None and current.remote == remote and is_clone(clone):
            return current
        raise RetroError(
            f"{clone} already exists (team repository "
            f"{current.remote if current else 'unknown'}); move it away to start again"
        )
    clone.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    git(None, "clone", "-q", "--", remote, str(clone), remote=remote)
    settings = config.RepoConfig(remote, clone)
    config.save(db_path, settings)
    return settings


def is_clone(clone: Path) -> bool:
    return (clone / ".git").exists()


def check_usable(clone: Path) -> str:
    """The clone's branch; GitError for a missing, detached or hand-edited clone."""
    if not is_clone(clone):
        raise GitError(
            f"{clone} is not a git clone any more; run retro repo init again"
        )
    # The problem first: on a narrow screen the line is cut at its end.
    if git(clone, "symbolic-ref", "-q", "HEAD", check=False).returncode != 0:
        raise GitError(
            f"detached HEAD in the team clone: run git -C {clone} "
            f"switch {_default_branch(clone)}, then sync again"
        )
    ours = merging.marker_path(clone)
    if ours.exists():
        # retro's own merge, stopped halfway: undone, this sync does it again.
        git(clone, "merge", "--abort", check=False)
        ours.unlink()
    for marker in ("MERGE_HEAD", "rebase-merge", "rebase-apply"):
        if (clone / out(clone, "rev-parse", "--git-path", marker)).exists():
            raise GitError(
                "a merge or rebase is unfinished in the team clone: finish or "
                f"abort it with git -C {clone}, then sync again"
            )
    dirty = out(clone, "status", "--porcelain")
    if dirty:
        count = len(dirty.splitlines())
        raise GitError(
            f"{count} file(s) changed by hand in the team clone; commit or "
            f"discard them, then sync again: git -C {clone} status"
        )
    return out(clone, "symbolic-ref", "--short", "HEAD")


def _default_branch(clone: Path) -> str:
    """The remote's default branch (``main`` when the clone does not know)."""
    done = git(
        clone, "symbolic-ref", "-q", "--short", "refs/remotes/origin/HEAD", check=False
    )
    return done.stdout.strip().removeprefix("origin/") or "main"


def status_lines(settings: config.RepoConfig) -> list[str]:
    """What ``retro repo`` prints."""
    clone = settings.clone
    lines = [f"team repository: {settings.remote}", f"clone: {clone}"]
    if not is_clone(clone):
        return [*lines, "state: the clone is missing; run retro repo init again"]
    branch = git(
        clone, "symbolic-ref", "-q", "--short", "HEAD", check=False
    ).stdout.strip()
    head = rev(clone, "HEAD")
    upstream = rev(clone, f"origin/{branch}") if branch else None
    if not branch:
        state = "detached HEAD"
    elif head is None:
        state = f"branch {branch}, nothing synced yet"
    elif upstream is None:
        state = f"branch {branch}, not pushed yet"
    else:
        ahead, behind = out(
            clone, "rev-list", "--left-right", "--count", f"HEAD...{upstream}"
        ).split()
        state = f"branch {branch}, {ahead} commit(s) to push, {behind} to merge (as of last fetch)"
    dirty = out(clone, "status", "--porcelain")
    lines.append(f"state: {state}")
    lines.append(
        f"changed by hand: {len(dirty.splitlines())} file(s)"
        if dirty
        else "working tree: clean"
    )
    count = len(list((clone / "postmortems").glob("*/*.json")))
    lines.append(f"postmortems in the repository: {count}")
    lines.append(f"last sync: {settings.last_sync or 'never'}")
    return lines
