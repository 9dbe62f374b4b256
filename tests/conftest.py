from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test ever touches the real user data folder or a shared database."""
    monkeypatch.setenv("RETROTUI_DB", str(tmp_path / "default-db.json"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("TZ", os.environ.get("RETRO_TEST_TZ", "UTC"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "retro" / "db.json"
