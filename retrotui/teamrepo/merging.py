"""Merging what others pushed: postmortem files merged as documents.

``git merge`` runs with the postmortem files marked ``binary`` in the clone's
``.git/info/attributes``: git then never writes conflict markers into them,
it leaves this side's file and lists the path as unmerged. Each unmerged JSON
is merged here from git's three stages (base, ours, theirs) by item id with
the rules two local editors get (``retrotui.session``): both sides'
additions kept, a field both changed kept as a visible conflict in the
document. Each report (``.md``) is written again from its merged JSON.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from retrotui.session.documents import merge_postmortems
from retrotui.teamrepo import deleting, layout
from retrotui.teamrepo.git import GitError, failure_line, git, out

ATTRIBUTES = f"{layout.FOLDER}/**/*.json binary\n{layout.FOLDER}/**/*.md binary\n"


def set_attributes(clone: Path) -> None:
    """Mark postmortem files so git leaves their merge to retro."""
    info = Path(out(clone, "rev-parse", "--git-path", "info"))
    info = info if info.is_absolute() else clone / info
    info.mkdir(parents=True, exist_ok=True)
    (info / "attributes").write_text(ATTRIBUTES, encoding="utf-8")


def merge_upstream(clone: Path, upstream: str) -> tuple[list[str], list[str]]:
    """Merge ``upstream`` into the clone's branch and commit.

    Returns the postmortem JSON paths both sides had changed, and a line for
    each one deleted on one side and edited on the other (the edit is kept,
    ``deleting`` says why). A file retro
    cannot merge (damaged JSON, another file changed on both sides) aborts
    the merge: the clone is left as it was and GitError names the file.
    """
    marker = marker_path(clone)
    marker.touch()
    try:
        return _merge_upstream(clone, upstream)
    finally:
        marker.unlink(missing_ok=True)


def marker_path(clone: Path) -> Path:
    """A file that says a merge in the clone is retro's own, unfinished while
    it exists: a sync stopped halfway (the app quit, the session dropped)
    leaves it, and the next sync undoes that merge and does it again."""
    return clone / out(clone, "rev-parse", "--git-path", "retro-merging")


def _merge_upstream(clone: Path, upstream: str) -> tuple[list[str], list[str]]:
    done = git(
        clone,
        "merge",
        "--no-commit",
        "--no-ff",
        "--allow-unrelated-histories",
        upstream,
        check=False,
    )
    unmerged = sorted(set(out(clone, "diff", "--name-only", "--diff-filter=U").split()))
    if done.returncode != 0 and not unmerged:
        git(clone, "merge", "--abort", check=False)
        raise GitError(failure_line("merge", done.stderr, upstream))
    merged: list[str] = []
    kept: list[str] = []
    try:
        for path in unmerged:
            if path.startswith(f"{layout.FOLDER}/") and path.endswith(".json"):
                kept += _resolve_json(clone, path)
                merged.append(path)
            elif not (path.startswith(f"{layout.FOLDER}/") and path.endswith(".md")):
                raise GitError(
                    f"{path} in {clone} was changed on both sides; retro merges "
                    "only postmortem files: merge it with git, then sync again"
                )
        reports = {p for p in unmerged if p.endswith(".md")}
        for path in sorted(reports | {layout.md_path(p) for p in merged}):
            _rewrite_report(clone, path)
    except BaseException:
        git(clone, "merge", "--abort", check=False)
        raise
    if rev_exists(clone, "MERGE_HEAD"):
        names = ", ".join(Path(p).stem for p in merged) or "no postmortem both changed"
        git(
            clone,
            "commit",
            "--no-verify",
            "-q",
            "-m",
            f"retro sync: merge {upstream} ({names})",
        )
    return merged, kept


def rev_exists(clone: Path, name: str) -> bool:
    return git(clone, "rev-parse", "-q", "--verify", name, check=False).returncode == 0


def _stage(clone: Path, stage: int, path: str) -> bytes | None:
    done = git(clone, "show", f":{stage}:{path}", check=False)
    return done.stdout.encode() if done.returncode == 0 else None


def _resolve_json(clone: Path, path: str) -> list[str]:
    """Merge one unmerged file; a line if an edit outlived a deletion."""
    base, mine, theirs = (_stage(clone, n, path) for n in (1, 2, 3))
    said = []
    if mine is None or theirs is None:
        # Deleted on one side, changed on the other: the edit is kept.
        kept = mine if mine is not None else theirs
        assert kept is not None
        pm = layout.parse(kept, path)
        where = "here" if mine is None else "in the team repository"
        said.append(deleting.kept_line(pm.id, pm.title, where))
    else:
        docs = [
            _doc(raw, f"{path} ({side})")
            for raw, side in ((base, "merge base"), (mine, "ours"), (theirs, "theirs"))
        ]
        merged, _ = merge_postmortems(*docs)
        merged["updated"] = max(
            str(docs[1].get("updated", "")), str(docs[2].get("updated", ""))
        )
        pm = layout.parse(orjson.dumps(merged), path)
    (clone / path).write_bytes(layout.json_bytes(pm))
    git(clone, "add", "--", path)
    return said


def _doc(raw: bytes | None, where: str) -> dict[str, Any]:
    if raw is None:
        return {}
    layout.parse(raw, where)  # a damaged side stops the merge, naming it
    return orjson.loads(raw)


def _rewrite_report(clone: Path, md: str) -> None:
    json_path = md[: -len(".md")] + ".json"
    source = clone / json_path
    if source.exists():
        pm = layout.parse(source.read_bytes(), json_path)
        (clone / md).write_bytes(layout.markdown_bytes(pm))
    git(clone, "add", "--", md)
