"""``retro list``: a page in a terminal, everything in a pipe, filters on the index."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from factories import T0, incident
from factories import run_cli as run

from retrotui.cli.common import PAGE
from retrotui.storage.store import Store

COUNT = 30


def _day(n: int) -> str:
    return (T0 + timedelta(days=n)).date().isoformat()


@pytest.fixture
def many(db_path: Path) -> Path:
    """COUNT postmortems, incident ``n`` on day ``n`` after T0; every third
    about service 'payments' and tagged 'promo'."""
    pms = []
    for n in range(COUNT):
        pm = incident(f"p{n:05d}", f"Outage {n} on the checkout path")
        pm.timeline = [
            e.model_copy(update={"at": e.at + timedelta(days=n)}) for e in pm.timeline
        ]
        if n % 3 == 0:
            pm.services = ["Payments"]
            pm.tags = ["promo"]
        pms.append(pm)
    Store(db_path).put_many(pms)
    return db_path


def ids(out: str) -> list[str]:
    return [line.split()[0] for line in out.splitlines()[1:] if line[:1] == "p"]


def test_a_pipe_gets_every_postmortem_newest_first_and_no_last_line(
    capsys, many: Path
) -> None:
    code, out, err = run(capsys, "--db", str(many), "list")
    assert code == 0 and err == ""
    assert ids(out) == [f"p{n:05d}" for n in reversed(range(COUNT))]
    assert "more:" not in out


def test_a_terminal_gets_a_screenful_of_the_newest_and_how_to_see_more(
    capsys, many: Path, terminal: None
) -> None:
    code, out, _ = run(capsys, "--db", str(many), "list")
    lines = out.splitlines()
    # Header, 21 rows and the last line: with the prompt, 24 lines.
    assert code == 0 and len(lines) == 23
    assert ids(out) == [f"p{n:05d}" for n in reversed(range(COUNT - 21, COUNT))]
    assert (
        lines[-1] == "9 more: --all, --limit N, --grep TEXT, --service S, --since DATE"
    )
    assert all(len(line) <= 80 for line in lines)


def test_a_narrow_terminal_clips_titles_and_a_short_one_still_gets_a_page(
    capsys, many: Path, terminal: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    monkeypatch.setenv("LINES", "5")
    out = run(capsys, "--db", str(many), "list")[1]
    rows = out.splitlines()[1:-1]
    assert len(rows) == PAGE
    assert rows[0].endswith("…") and all(len(row) <= 60 for row in rows)


def test_all_and_limit_choose_how_many_wherever_the_output_goes(
    capsys, many: Path, terminal: None
) -> None:
    out = run(capsys, "--db", str(many), "list", "--all")[1]
    assert len(ids(out)) == COUNT and "more:" not in out
    out = run(capsys, "--db", str(many), "list", "--limit", "3")[1]
    assert ids(out) == ["p00029", "p00028", "p00027"]
    assert out.splitlines()[-1].startswith("27 more:")


def test_limit_in_a_pipe_prints_only_rows(capsys, many: Path) -> None:
    out = run(capsys, "--db", str(many), "list", "--limit", "2")[1]
    assert ids(out) == ["p00029", "p00028"] and len(out.splitlines()) == 3


def test_json_is_every_match_in_a_terminal_too_unless_limited(
    capsys, many: Path, terminal: None
) -> None:
    rows = json.loads(run(capsys, "--db", str(many), "list", "--json")[1])
    assert len(rows) == COUNT and rows[0]["id"] == "p00029"
    out = run(capsys, "--db", str(many), "list", "--json", "--limit", "1")[1]
    assert [row["id"] for row in json.loads(out)] == ["p00029"]


def test_grep_needs_every_word_in_title_id_services_or_tags_any_case(
    capsys, many: Path
) -> None:
    out = run(capsys, "--db", str(many), "list", "--grep", "OUTAGE 7")[1]
    assert ids(out) == ["p00027", "p00017", "p00007"]
    out = run(capsys, "--db", str(many), "list", "--grep", "promo p0002")[1]
    assert ids(out) == ["p00027", "p00024", "p00021"]
    out = run(capsys, "--db", str(many), "list", "--grep", "payments outage 3")[1]
    assert ids(out) == ["p00003"]


def test_service_is_one_whole_name_and_since_is_the_incidents_day(
    capsys, many: Path
) -> None:
    out = run(capsys, "--db", str(many), "list", "--service", "payments")[1]
    assert ids(out) == [f"p{n:05d}" for n in reversed(range(0, COUNT, 3))]
    assert ids(run(capsys, "--db", str(many), "list", "--service", "pay")[1]) == []
    since = ["list", "--since", _day(26), "--service", "PAYMENTS"]
    out = run(capsys, "--db", str(many), *since)[1]
    assert ids(out) == ["p00027"]


def test_filters_and_limit_together_count_what_is_left_out(
    capsys, many: Path, terminal: None
) -> None:
    out = run(capsys, "--db", str(many), "list", "--grep", "promo", "--limit", "4")[1]
    assert ids(out) == ["p00027", "p00024", "p00021", "p00018"]
    assert out.splitlines()[-1].startswith("6 more:")


def test_nothing_matching_says_so_and_an_empty_store_says_how_to_start(
    capsys, many: Path, db_path: Path, tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "--db", str(many), "list", "--grep", "nowhere")
    assert (code, out) == (0, "No postmortems match.\n")
    code, out, _ = run(capsys, "--db", str(tmp_path / "new.json"), "list")
    assert code == 0 and "retro new" in out


@pytest.mark.parametrize(
    "args, says",
    [
        (["--limit", "0"], "--limit: '0' is not a count"),
        (["--limit", "ten"], "--limit: 'ten' is not a count"),
        (["--since", "2026-13-01"], "'2026-13-01' is not a date (use YYYY-MM-DD)"),
        (["--all", "--limit", "3"], "not allowed with argument --all"),
    ],
)
def test_bad_arguments_are_usage_errors(capsys, many: Path, args, says) -> None:
    code, out, err = run(capsys, "--db", str(many), "list", *args)
    assert code == 2 and out == "" and says in err


def test_a_real_terminal_gets_the_page(many: Path) -> None:
    """The command as a person runs it: standard output a pseudo-terminal."""
    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": "80", "LINES": "24"}
    with subprocess.Popen(
        [sys.executable, "-m", "retrotui.cli", "--db", str(many), "list"],
        stdout=follower,
        stderr=subprocess.PIPE,
        env=env,
    ) as proc:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert proc.wait() == 0
    os.close(leader)
    lines = b"".join(chunks).decode().splitlines()
    assert len(lines) == 23 and lines[-1].startswith("9 more:")
