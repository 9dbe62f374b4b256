"""``retro lint``: output formats, exit codes, stdin, files and stored postmortems."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from retrotui.cli import main
from retrotui.document.models import Participant, Postmortem
from retrotui.storage.store import Store

BLAMING = "All systems nominal.\nBob forgot to run the migration.\n"


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode())))


def test_plain_output_names_file_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "notes.md"
    path.write_text(BLAMING)
    assert main(["lint", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{path}:2:5: blame-forgot-to: 'forgot to' points at a person's memory "
        "rather than the process (The migration was not run; what in the process "
        "allowed that?)"
    ]


def test_clean_file_exits_zero_silently(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "notes.md"
    path.write_text("The job failed to start.\n")
    assert main(["lint", str(path)]) == 0
    assert capsys.readouterr().out == ""


def test_json_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "notes.md"
    path.write_text(BLAMING)
    assert main(["lint", str(path), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data == {
        "findings": [
            {
                "line": 2,
                "col": 5,
                "end_col": 14,
                "rule": "blame-forgot-to",
                "category": "blame",
                "message": "'forgot to' points at a person's memory rather than "
                "the process",
                "suggestion": "The migration was not run; what in the process "
                "allowed that?",
            }
        ]
    }


def test_json_when_clean(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    _stdin(monkeypatch, "We rolled back at 14:20.\n")
    assert main(["lint", "-", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"findings": []}


def test_stdin_dash(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    _stdin(monkeypatch, BLAMING)
    assert main(["lint", "-"]) == 1
    assert capsys.readouterr().out.startswith("<stdin>:2:5: blame-forgot-to: ")


def test_piped_stdin_without_argument(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    _stdin(monkeypatch, "It was human error.")
    assert main(["lint"]) == 1
    assert "human-error" in capsys.readouterr().out


def test_names_option(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    _stdin(monkeypatch, "Xiomara failed to rotate the key.")
    assert main(["lint", "-"]) == 0
    _stdin(monkeypatch, "Xiomara failed to rotate the key.")
    assert main(["lint", "-", "--names", "Xiomara, Bob"]) == 1
    assert "blame-failed-to" in capsys.readouterr().out


def test_missing_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["lint", str(tmp_path / "nope.md")]) == 2
    err = capsys.readouterr().err
    assert err.strip() == f"retro lint: no such file: {tmp_path / 'nope.md'}"
    assert "Traceback" not in err


def test_binary_and_undecodable_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    binary = tmp_path / "a.bin"
    binary.write_bytes(b"\x7fELF\x00\x01\x02")
    assert main(["lint", str(binary)]) == 2
    assert "binary" in capsys.readouterr().err
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Bob forgot the caf\xe9 order".encode("latin-1"))
    assert main(["lint", str(latin)]) == 2
    assert "not UTF-8" in capsys.readouterr().err


def test_folder_is_a_usage_error(tmp_path: Path, capsys) -> None:
    assert main(["lint", str(tmp_path)]) == 2
    assert "folder" in capsys.readouterr().err


def test_unknown_option_is_a_usage_error(capsys) -> None:
    assert main(["lint", "--bogus"]) == 2


def _stored(db: Path) -> Postmortem:
    pm = Postmortem(
        id="k7m2qx",
        title="Checkout down",
        participants=[Participant(name="Zbigniew")],
        went_wrong=["The job failed to start.", "Zbigniew failed to rotate the key."],
    )
    Store(db).add(pm)
    return pm


def test_postmortem_by_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "db.json"
    _stored(db)
    assert main(["--db", str(db), "lint", "--id", "k7m2"]) == 1
    named, verb = capsys.readouterr().out.splitlines()
    # The participant as subject is its own finding, besides the verb.
    assert named.startswith("k7m2qx:went_wrong[1]:1:1: person-named-subject: ")
    assert verb.startswith("k7m2qx:went_wrong[1]:1:10: blame-failed-to: ")


def test_postmortem_by_id_as_json(tmp_path: Path, capsys) -> None:
    db = tmp_path / "db.json"
    _stored(db)
    assert main(["--db", str(db), "lint", "--id", "k7m2qx", "--json"]) == 1
    named, finding = json.loads(capsys.readouterr().out)["findings"]
    assert named["rule"] == "person-named-subject"
    assert finding["field"] == "went_wrong[1]"
    assert (finding["line"], finding["col"], finding["rule"]) == (
        1,
        10,
        "blame-failed-to",
    )


def test_unknown_id_and_file_with_id(tmp_path: Path, capsys) -> None:
    db = tmp_path / "db.json"
    _stored(db)
    assert main(["--db", str(db), "lint", "--id", "zzzzzz"]) == 1
    assert capsys.readouterr().err.startswith("retro: ")
    assert main(["--db", str(db), "lint", "x.md", "--id", "k7m2qx"]) == 2
