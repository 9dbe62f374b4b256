from __future__ import annotations

import gc
import os
import re
import tempfile
from pathlib import Path

import pytest

# Collections less often (Python's default is 700, 10, 10). A worker holds
# the whole suite's modules and Textual's classes, which every older-generation
# collection walks again, while a test's apps become garbage as a whole when
# it ends. With the default thresholds about a quarter of the suite's CPU
# went there.
gc.set_threshold(10_000, 20, 20)

_GH_REFUSES = "#!/bin/sh\necho 'gh: no network in tests' >&2\nexit 1\n"


@pytest.fixture
def tmp_path(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Path:
    """A new empty folder for each test, as pytest's own ``tmp_path`` gives,
    named after the test, under the session's base folder.

    Pytest numbers its folders by listing the base folder before each one;
    with a few thousand tests a worker that listing grew to a third of the
    suite's fixture time. ``mkdtemp`` makes a unique folder in one call.
    """
    name = re.sub(r"\W", "_", request.node.name)[:30]
    return Path(tempfile.mkdtemp(prefix=name, dir=tmp_path_factory.getbasetemp()))


@pytest.fixture(scope="session")
def _no_network_bin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder whose ``gh`` refuses: made once, read-only to every test."""
    guard = tmp_path_factory.mktemp("no-network-bin")
    gh = guard / "gh"
    gh.write_text(_GH_REFUSES)
    gh.chmod(0o755)
    return guard


@pytest.fixture(autouse=True)
def _isolated_data(
    tmp_path: Path, _no_network_bin: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test ever touches the real user data folder or a shared database."""
    monkeypatch.setenv("RETROTUI_DB", str(tmp_path / "default-db.json"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("TZ", os.environ.get("RETRO_TEST_TZ", "UTC"))
    # No test reaches GitHub: a ``gh`` that refuses comes first on PATH (the
    # tracker tests put their recording stub before it).
    monkeypatch.setenv(
        "PATH", f"{_no_network_bin}{os.pathsep}{os.environ.get('PATH', '')}"
    )


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "retro" / "db.json"


@pytest.fixture
def unwritable_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    """Readers cannot write what they keep beside the index (a read-only
    store): see ``retrotui.storage.kept``."""
    from retrotui.errors import StoreError
    from retrotui.storage import kept

    def refuse(*args: object, **kwargs: object) -> None:
        raise StoreError("read-only")

    monkeypatch.setattr(kept, "atomic_write", refuse)


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Standard output taken for an 80x24 terminal (the commands that cut a
    table to a page ask ``retrotui.cli.common.to_terminal``)."""
    from retrotui.cli import common

    monkeypatch.setattr(common, "to_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LINES", "24")
