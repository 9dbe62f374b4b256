from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test ever touches the real user data folder or a shared database."""
    monkeypatch.setenv("RETROTUI_DB", str(tmp_path / "default-db.json"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("TZ", os.environ.get("RETRO_TEST_TZ", "UTC"))
    # No test reaches GitHub: a ``gh`` that refuses comes first on PATH (the
    # tracker tests put their recording stub before it).
    guard = tmp_path / "no-network-bin"
    guard.mkdir()
    gh = guard / "gh"
    gh.write_text("#!/bin/sh\necho 'gh: no network in tests' >&2\nexit 1\n")
    gh.chmod(0o755)
    monkeypatch.setenv("PATH", f"{guard}{os.pathsep}{os.environ.get('PATH', '')}")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "retro" / "db.json"


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Standard output taken for an 80x24 terminal (the commands that cut a
    table to a page ask ``retrotui.cli.common.to_terminal``)."""
    from retrotui.cli import common

    monkeypatch.setattr(common, "to_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LINES", "24")
