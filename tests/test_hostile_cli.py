"""Broken environments and odd arguments: one line, the documented exit code."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from retrotui.cli import main
from retrotui.storage.paths import log_path


def retro(db_path: Path, *args: str) -> int:
    return main(["--db", str(db_path), *args])


def one_line(err: str) -> str:
    assert err.count("\n") == 1, err
    assert "Traceback" not in err and "unexpected" not in err
    return err


@pytest.mark.parametrize("args", [["--db", "", "list"], ["--db=", "note", "x"]])
def test_an_empty_db_option_is_a_usage_error(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    default = Path(os.environ["RETROTUI_DB"])
    assert main(args) == 2
    assert "--db is empty" in one_line(capsys.readouterr().err)
    assert not default.exists()


def test_an_empty_db_variable_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("RETROTUI_DB", "")
    assert main(["note", "Disk full"]) == 2
    assert "RETROTUI_DB is set but empty" in one_line(capsys.readouterr().err)
    assert not list(Path(os.environ["XDG_DATA_HOME"]).parent.glob("**/*.json"))


# What Python makes of bytes that are not UTF-8 in argv (PEP 383).
NOT_UTF8 = os.fsdecode(b"bin\xff")


@pytest.mark.parametrize(
    "args",
    [
        ["note", NOT_UTF8],
        ["show", os.fsdecode(b"\xff")],
        ["note", "ok", "--tag", NOT_UTF8],
        ["smart", NOT_UTF8],
    ],
)
def test_text_that_is_not_utf8_is_a_usage_error(
    db_path: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert retro(db_path, *args) == 2
    assert "not UTF-8 text" in one_line(capsys.readouterr().err)
    assert not db_path.exists()


def test_a_path_may_hold_any_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path = tmp_path / os.fsdecode(b"caf\xe9.json")
    assert retro(db_path, "note", "Disk full") == 0
    assert retro(db_path, "list") == 0
    assert "Disk full" in capsys.readouterr().out


def _fail_with(code: int):  # type: ignore[no-untyped-def]
    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    return fail


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "No space left on device"),
        (errno.EROFS, "Read-only file system"),
        (errno.EDQUOT, "quota"),
    ],
)
def test_a_failed_write_is_one_line_and_keeps_the_file(
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    code: int,
    words: str,
) -> None:
    assert retro(db_path, "note", "First") == 0
    before = db_path.read_bytes()
    capsys.readouterr()
    monkeypatch.setattr("retrotui.storage.store.os.fsync", _fail_with(code))
    assert retro(db_path, "note", "Second") == 1
    err = one_line(capsys.readouterr().err)
    assert words in err and str(db_path) in err and "unchanged" in err
    assert db_path.read_bytes() == before
    assert not [p for p in db_path.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_read_only_file_system_before_the_first_byte(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("tempfile.mkstemp", _fail_with(errno.EROFS))
    assert retro(db_path, "note", "First") == 1
    assert "Read-only file system" in one_line(capsys.readouterr().err)


def test_a_lock_path_that_is_a_folder(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Path(f"{db_path}.lock").mkdir(parents=True)
    assert retro(db_path, "note", "First") == 1
    err = one_line(capsys.readouterr().err)
    assert "cannot lock" in err and "Is a directory" in err


# Document text in an exception message (as pydantic and KeyError quote it).
QUOTED = "customer 4711 lost card data"


def _crash(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(args: object) -> int:
        raise ValueError(QUOTED)

    monkeypatch.setattr("retrotui.cli.listing.run", explode)


def test_the_error_log_is_private_and_holds_no_document_text(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _crash(monkeypatch)
    db_path.parent.mkdir(parents=True)
    old_umask = os.umask(0)
    try:
        assert retro(db_path, "list") == 1
    finally:
        os.umask(old_umask)
    err = one_line(capsys.readouterr().err.replace("unexpected", "surprise"))
    log = log_path(db_path)
    assert f"details in {log}" in err
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    text = log.read_text()
    assert "Traceback" in text and "ValueError" in text
    assert QUOTED not in text


def test_an_existing_log_is_made_private(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _crash(monkeypatch)
    log = log_path(db_path)
    log.parent.mkdir(parents=True)
    log.write_text("older entry\n")
    log.chmod(0o644)
    assert retro(db_path, "list") == 1
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert log.read_text().startswith("older entry\n")


def test_a_symlink_at_the_log_path_is_not_followed(
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _crash(monkeypatch)
    target = tmp_path / "victim"
    target.write_text("keep me\n")
    log = log_path(db_path)
    log.parent.mkdir(parents=True)
    log.symlink_to(target)
    assert retro(db_path, "list") == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "could not be written" in err
    assert target.read_text() == "keep me\n"


def test_an_export_file_is_private_whatever_the_umask(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert retro(db_path, "note", "Disk full") == 0
    pm_id = capsys.readouterr().out.strip()
    target = tmp_path / "report.md"
    old_umask = os.umask(0)
    try:
        assert retro(db_path, "export", pm_id, "-o", str(target)) == 0
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text().startswith("# Disk full")
