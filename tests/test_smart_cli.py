from __future__ import annotations

import io
import json
import sys

import pytest

from retrotui.checks.smart import CRITERIA
from retrotui.cli import main

GOOD = (
    "Team Alpha will add a CI check that runs terraform plan on every PR by end of Q1"
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["smart", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_ok_item_exits_0_and_shows_resolved_due(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, GOOD, "--as-of", "2027-03-17")
    assert code == 0
    assert "by end of Q1" in out and "2027-03-31" in out
    assert "owner: Team Alpha" in out
    assert out.count("\n") >= len(CRITERIA)


def test_not_ok_item_exits_1_with_hints(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "Better monitoring of namespaces.", "--as-of", "2027-03-17"
    )
    assert code == 1
    assert "hint:" in out
    assert "Specific" in out and "Owner" in out


def test_json_is_exactly_one_object(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "Add an alert when disk usage exceeds 85%",
        "--owner",
        "@maria",
        "--due",
        "next Friday",
        "--factor",
        "The disk filled up",
        "--as-of",
        "2027-03-17",
        "--json",
    )
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"ok", "owner", "due", "due_choices", "criteria"}
    assert data == {**data, "ok": True, "owner": "@maria", "due": "2027-03-19"}
    assert list(data["criteria"]) == list(CRITERIA)
    for entry in data["criteria"].values():
        assert {"ok", "message"} <= set(entry)
    assert data["criteria"]["relevant"]["ok"] is True


def test_json_not_ok_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "Improve monitoring", "--due", "asap", "--json")
    assert code == 1
    data = json.loads(out)
    assert data["ok"] is False and data["due"] is None
    assert data["criteria"]["time_bound"]["ok"] is False
    assert data["criteria"]["relevant"]["ok"] is None


@pytest.mark.parametrize(
    "argv",
    [
        ["x", "--as-of", "2027-13-01"],
        ["x", "--as-of", "tomorrow"],
        ["   "],
        [],
        ["x", "--bogus"],
    ],
)
def test_usage_errors_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and "Traceback" not in err


def test_ascii_marks_when_stdout_is_not_utf8(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    stream = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    monkeypatch.setattr(sys, "stdout", stream)
    code = main(["smart", GOOD, "--as-of", "2027-03-17"])
    stream.flush()
    text = stream.buffer.getvalue().decode("ascii")
    assert code == 0
    assert "->" in text and "ok Specific" in text and "-- Relevant" in text


def test_user_text_is_not_markup(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "[bold]Add[/bold] an alert at 85% disk", "--as-of", "2027-03-17"
    )
    assert code == 1
    assert "[bold]Add[/bold]" in out


def test_help_has_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["smart", "--help"])
    assert exit_info.value.code == 0
    assert "Example" in capsys.readouterr().out
