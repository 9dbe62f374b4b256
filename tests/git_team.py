"""Real git for team repository tests: a bare repository and users, each
with their own store, config folder and data folder."""

from __future__ import annotations

import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pytest

from retrotui.cli.entry import main
from retrotui.document.models import Postmortem, TimelineEvent
from retrotui.document.schema import Status
from retrotui.storage.store import Store
from retrotui.teamrepo import config


def git(*args: str) -> str:
    done = subprocess.run(["git", *args], capture_output=True, text=True, check=True)
    return done.stdout.strip()


class User:
    def __init__(self, root: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
        self.root = root / name
        self.db = self.root / "db.json"
        self.monkeypatch = monkeypatch

    def env(self) -> None:
        self.monkeypatch.setenv("XDG_CONFIG_HOME", str(self.root / "config"))
        self.monkeypatch.setenv("XDG_DATA_HOME", str(self.root / "data"))

    def retro(
        self, capsys: pytest.CaptureFixture[str], *argv: str
    ) -> tuple[int, str, str]:
        self.env()
        capsys.readouterr()
        code = main(["--db", str(self.db), *argv])
        out, err = capsys.readouterr()
        return code, out, err

    def retro_quiet(self, *argv: str) -> int:
        """Run retro as this user, its output left to pytest."""
        self.env()
        return main(["--db", str(self.db), *argv])

    @property
    def store(self) -> Store:
        return Store(self.db)

    @property
    def clone(self) -> Path:
        self.env()
        settings = config.load(self.db)
        assert settings is not None
        return settings.clone


def make_team(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, init: bool = False
) -> tuple[Path, User, User]:
    """A bare repository and two users, ana and bo (each test module's
    ``team`` fixture); with ``init`` both have run ``retro repo init``."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_NAME", "Test SRE")
        monkeypatch.setenv(f"GIT_{role}_EMAIL", "sre@example.com")
    bare = tmp_path / "team.git"
    git("init", "-q", "--bare", "-b", "main", str(bare))
    users = User(tmp_path, "ana", monkeypatch), User(tmp_path, "bo", monkeypatch)
    for user in users if init else ():
        assert user.retro_quiet("repo", "init", str(bare)) == 0
    return bare, *users


def add_pm(user: User, title: str, status: Status = Status.published) -> Postmortem:
    pm = Postmortem(title=title, status=status, summary="Checkout returned 502s.")
    return user.store.add(pm)


def add_event(user: User, pm_id: str, text: str, minute: int) -> None:
    at = datetime(2026, 11, 20, 14, minute, tzinfo=timezone.utc)

    def change(pm: Postmortem) -> Postmortem:
        pm.timeline.append(TimelineEvent(at=at, text=text))
        return pm

    user.store.update(pm_id, change)


def commits(bare: Path) -> int:
    return int(git("-C", str(bare), "rev-list", "--count", "--all") or 0)


def repo_files(bare: Path) -> list[str]:
    return git("-C", str(bare), "ls-tree", "-r", "--name-only", "main").splitlines()
