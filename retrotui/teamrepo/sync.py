"""``retro sync``: export, commit, fetch, merge, import, push.

The store and the clone are kept in step through one recorded commit
(``retro.synced`` in the clone's git config): the store holds what the
repository held there. A sync first imports anything the clone gained since
(an interrupted sync), then commits this host's changes, merges what others
pushed, imports it, and pushes; a push refused because someone pushed first
is merged and pushed again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from filelock import FileLock, Timeout

from retrotui.document.schema import now
from retrotui.errors import RetroError
from retrotui.teamrepo import config, deleting, exporting, importing, merging
from retrotui.teamrepo.clone import check_usable
from retrotui.teamrepo.git import GitError, PushRejected, failure_line, git, rev

if TYPE_CHECKING:
    from retrotui.document.models import Postmortem
    from retrotui.storage.store import Store

ATTEMPTS = 3


@dataclass
class SyncResult:
    exported: list[str] = field(default_factory=list)
    committed: bool = False
    merged: list[str] = field(default_factory=list)
    imported: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    pushed: bool = False

    def take(self, imported: importing.Imported) -> None:
        self.imported += imported.ids
        self.deleted += imported.deleted
        self.kept += imported.kept


def sync(
    store: Store,
    db_path: Path,
    drafts: bool,
    say: Callable[[str], None],
    step: Callable[[str], None] | None = None,
) -> SyncResult:
    """Sync the store at ``db_path`` with its team repository.

    ``say`` gets what the user should read (a retried push, a lost store);
    ``step`` each step as it starts (``fetching``), for a progress line.
    """
    settings = config.load(db_path)
    if settings is None:
        raise RetroError(
            "no team repository is set: run retro repo init REMOTE_OR_PATH"
        )
    clone = settings.clone
    if not (clone / ".git").is_dir():
        check_usable(clone)  # names what is wrong with the clone
    # One sync per clone at a time: a second would fail on git's index lock
    # halfway through.
    lock = FileLock(clone / ".git" / "retro-sync.lock", timeout=0)
    try:
        lock.acquire()
    except Timeout as error:
        raise RetroError(
            "another retro sync is running on this store's team clone; "
            "try again when it is done"
        ) from error
    try:
        return _sync(store, db_path, settings, drafts, say, step or _quiet)
    finally:
        lock.release()


def _sync(
    store: Store,
    db_path: Path,
    settings: config.RepoConfig,
    drafts: bool,
    say: Callable[[str], None],
    step: Callable[[str], None],
) -> SyncResult:
    clone, remote = settings.clone, settings.remote
    # Read before anything writes to the store: a database that is not there
    # yet is new or lost, and has deleted nothing.
    lost = not store.path.exists()
    branch = check_usable(clone)
    merging.set_attributes(clone)
    result = SyncResult()
    if rev(clone, "HEAD") is None:
        # A fresh clone of an empty or other-branch remote: start from theirs.
        branch = _adopt_remote_branch(clone, branch, remote)
    head = rev(clone, "HEAD")
    if head is not None and head != _synced(clone):
        result.take(importing.import_changes(store, clone, _synced(clone), head))
        _set_synced(clone, head)
    step("reading postmortems")
    pms, bad = exporting.readable(store, db_path)
    result.skipped = [line for _, line in bad]
    result.exported = exporting.export(clone, pms, drafts)
    result.exported += _deletions(store, clone, pms, bad, lost, result, say)
    step(f"committing {len(result.exported)} change(s)")
    result.committed = exporting.commit(clone, result.exported)
    _set_synced(clone, rev(clone, "HEAD"))
    for _ in range(ATTEMPTS):
        step("fetching")
        _fetch(clone, remote)
        upstream = f"origin/{branch}"
        theirs = rev(clone, upstream)
        ours = rev(clone, "HEAD")
        if theirs is not None and theirs != ours:
            step("merging and importing what others pushed")
            _merge(clone, ours, theirs, upstream, result)
            head = rev(clone, "HEAD")
            assert head is not None
            result.take(importing.import_changes(store, clone, ours, head))
            _set_synced(clone, head)
        if rev(clone, "HEAD") in (None, theirs):
            break
        try:
            step("pushing")
            _push(clone, branch, remote)
        except PushRejected:
            say("someone pushed first: merging and pushing again")
            continue
        result.pushed = True
        break
    else:
        raise GitError(f"{remote} kept moving during {ATTEMPTS} attempts; sync again")
    config.save(db_path, config.RepoConfig(remote, clone, now().strftime(config.STAMP)))
    return result


def _merge(
    clone: Path, ours: str | None, theirs: str, upstream: str, result: SyncResult
) -> None:
    base = None
    if ours is not None:
        done = git(clone, "merge-base", ours, theirs, check=False)
        base = done.stdout.strip() or None
    importing.check_files(clone, theirs, importing.changed_files(clone, base, theirs))
    if base == ours or ours is None:
        git(clone, "merge", "-q", "--ff-only", upstream)
    elif base != theirs:
        merged, kept = merging.merge_upstream(clone, upstream)
        result.merged += merged
        result.kept += kept


def _deletions(
    store: Store,
    clone: Path,
    pms: list[Postmortem],
    bad: list[tuple[str | None, str]],
    lost: bool,
    result: SyncResult,
    say: Callable[[str], None],
) -> list[str]:
    """Remove from the clone what was deleted here since the last sync."""
    if any(pm_id is None for pm_id, _ in bad):
        return []  # a document with no readable id may be any of them
    gone = deleting.deleted_here(clone, {pm.id for pm in pms} | {i for i, _ in bad})
    if gone and lost:
        # A database that was not there beside a clone full of postmortems
        # is new or lost, not a decision to delete the team's postmortems.
        say(
            f"this store has none of the {len(gone)} postmortem(s) it synced; "
            "importing them rather than deleting them for everyone"
        )
        head = rev(clone, "HEAD")
        assert head is not None
        result.take(importing.import_changes(store, clone, None, head))
        return []
    return deleting.remove(clone, gone)


def _adopt_remote_branch(clone: Path, branch: str, remote: str) -> str:
    try:
        _fetch(clone, remote)
    except GitError:
        return branch  # offline: the first push will say so
    if rev(clone, f"origin/{branch}") is not None:
        git(clone, "reset", "-q", f"origin/{branch}")
        git(clone, "checkout", "-q", "--", ".")
        return branch
    refs = git(
        clone, "for-each-ref", "--format=%(refname:lstrip=3)", "refs/remotes/origin/"
    ).stdout.split()
    refs = [r for r in refs if r != "HEAD"]
    for name in ("main", "master", *refs):
        if name in refs:
            git(clone, "checkout", "-q", "-B", name, f"origin/{name}")
            return name
    return branch


def _fetch(clone: Path, remote: str) -> None:
    done = git(clone, "fetch", "-q", "origin", check=False)
    if done.returncode != 0:
        line = failure_line("fetch", done.stderr, remote)
        raise GitError(f"{line} (kept in the clone for the next sync)")


def _push(clone: Path, branch: str, remote: str) -> None:
    done = git(clone, "push", "-q", "origin", f"HEAD:refs/heads/{branch}", check=False)
    if done.returncode == 0:
        git(clone, "branch", "-q", f"--set-upstream-to=origin/{branch}", check=False)
        return
    err = done.stderr
    if "[remote rejected]" not in err and (
        "[rejected]" in err or "fetch first" in err or "non-fast-forward" in err
    ):
        raise PushRejected(failure_line("push", err, remote))
    lines = [line for line in err.splitlines() if line.strip()]
    detail = failure_line("push", err, remote).removeprefix("git push failed: ")
    if any(line.startswith("remote: ") for line in lines):
        detail = f"the remote refused the push: {detail}"
    raise GitError(f"{detail} (kept in the clone for the next sync)")


def skipped_line(skipped: list[str]) -> str:
    """One line naming the postmortems a sync could not read (and left alone)."""
    more = f" and {len(skipped) - 1} more" if len(skipped) > 1 else ""
    return f"synced the rest; could not read {skipped[0]}{more}"


def _quiet(line: str) -> None:
    """No progress line (the command line prints the outcome only)."""


def _synced(clone: Path) -> str | None:
    done = git(clone, "config", "--get", "retro.synced", check=False)
    return done.stdout.strip() or None


def _set_synced(clone: Path, commit: str | None) -> None:
    if commit is not None:
        git(clone, "config", "retro.synced", commit)
