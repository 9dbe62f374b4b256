"""GitHub issues for action items, through the ``gh`` command line.

The user's own ``gh`` and its login do the talking: retro keeps no token.
``push`` files one issue per open item that has none and keeps the issue's
URL on the item (``tracker``) as soon as it exists, so a second push, or one
after a failure half-way, files nothing twice. ``pull`` reads each issue's
state back: a closed issue marks its item done.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from datetime import date

from retrotui.document.models import ActionItem, Postmortem
from retrotui.document.schema import ActionStatus
from retrotui.errors import RetroError, UsageError
from retrotui.followup import describe, items
from retrotui.followup.board import Source
from retrotui.followup.board_item import BoardItem
from retrotui.reports.md_text import escape_block, escape_inline
from retrotui.storage.store import Store

REPO = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
ISSUE_URL = re.compile(r"https://\S+/issues/\d+")
TIMEOUT = 60


class Gh:
    """The ``gh`` program, run without prompts; failures become one line."""

    def __init__(self) -> None:
        path = shutil.which("gh")
        if path is None:
            raise RetroError(
                "gh (the GitHub command line) is not installed or not on PATH; "
                "install it from https://cli.github.com and run 'gh auth login'"
            )
        self.path = path

    def run(self, *args: str) -> str:
        env = {**os.environ, "GH_PROMPT_DISABLED": "1", "GH_NO_UPDATE_NOTIFIER": "1"}
        try:
            done = subprocess.run(
                [self.path, *args],
                capture_output=True,
                text=True,
                env=env,
                timeout=TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired as error:
            raise RetroError(
                f"gh {args[0]} {args[1]} gave no answer in {TIMEOUT}s; "
                "check the network and try again"
            ) from error
        except OSError as error:
            raise RetroError(f"cannot run {self.path}: {error.strerror}") from error
        if done.returncode != 0:
            said = _first_line(done.stderr) or _first_line(done.stdout) or "no message"
            raise RetroError(f"gh {args[0]} {args[1]} failed: {said}")
        return done.stdout

    def check_login(self) -> None:
        try:
            self.run("auth", "status")
        except RetroError as error:
            raise RetroError(
                f"gh is not logged in to GitHub ({error}); run 'gh auth login'"
            ) from None

    def create_issue(self, repo: str, title: str, body: str) -> str:
        out = self.run(
            "issue", "create", "--repo", repo, "--title", title, "--body", body
        )
        found = ISSUE_URL.findall(out)
        if not found:
            raise RetroError(f"gh issue create printed no issue URL: {out[:200]!r}")
        return found[-1]

    def issue_state(self, url: str) -> str:
        out = self.run("issue", "view", url, "--json", "state")
        try:
            return str(json.loads(out)["state"]).upper()
        except (ValueError, KeyError, TypeError) as error:
            raise RetroError(f"gh issue view {url}: unexpected answer") from error


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def check_repo(repo: str) -> str:
    repo = repo.strip()
    if not REPO.match(repo):
        raise UsageError(
            f"retro actions push: --github {repo!r} is not OWNER/REPO "
            "(such as acme/platform)"
        )
    return repo


def issue_body(pm: Postmortem, item: ActionItem, today: date) -> str:
    """The issue's Markdown: the item as typed, then its facts."""
    lines = [escape_block(item.text), ""]
    lines.extend(
        f"- **{label}:** {escape_inline(value)}"
        for label, value in describe.facts(pm, item, today)
    )
    lines += ["", "_Filed by retro from a blameless postmortem._"]
    return "\n".join(lines)


def push(
    store: Store,
    pm: Postmortem,
    repo: str,
    today: date,
    dry_run: bool,
    say: Callable[[str], None],
) -> int:
    """File an issue for each open item of ``pm`` without one; how many filed."""
    todo = [a for a in pm.actions if a.status is ActionStatus.open]
    if not todo:
        say(f"{pm.id} has no open action items")
        return 0
    gh = None if dry_run else Gh()
    if gh is not None:
        gh.check_login()
    filed = 0
    for item in todo:
        if item.tracker:
            say(f"{item.id} already filed: {item.tracker}")
            continue
        title = describe.title(item)
        if gh is None:
            say(f"{item.id} would be filed in {repo}: {title}")
            continue
        url = gh.create_issue(repo, title, issue_body(pm, item, today))
        # Kept at once: a failure on the next item must not lose this URL.
        items.change_item(
            store, pm.id, item.id, lambda i, u=url: items.with_tracker(i, u)
        )
        filed += 1
        say(f"{item.id} filed: {url}")
    return filed


def _tracked(pms: list[Source]) -> Iterator[tuple[Source, BoardItem]]:
    for pm in pms:
        for item in pm.actions:
            if item.status is ActionStatus.open and ISSUE_URL.fullmatch(item.tracker):
                yield pm, item


def pull(
    store: Store, pms: list[Source], today: date, say: Callable[[str], None]
) -> int:
    """Mark done each open item whose GitHub issue is closed; how many."""
    tracked = list(_tracked(pms))
    if not tracked:
        say("no open action items with a GitHub issue")
        return 0
    gh = Gh()
    gh.check_login()
    closed = 0
    for pm, item in tracked:
        state = gh.issue_state(item.tracker)
        if state != "CLOSED":
            say(f"{item.id} ({pm.id}) still {state.lower()}: {item.tracker}")
            continue
        items.change_item(
            store,
            pm.id,
            item.id,
            lambda i, u=item.tracker: items.mark_done(
                i, f"closed on GitHub: {u}", today
            ),
        )
        closed += 1
        say(f"{item.id} ({pm.id}) done: its issue is closed ({item.tracker})")
    return closed
