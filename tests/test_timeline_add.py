"""``retro timeline add``: evidence files read into timeline events that keep
their source; the same file twice adds nothing; hostile content is text."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
from factories import incident
from factories import run_cli as run

from retrotui.importing.evidence.reader import read_text
from retrotui.importing.zones import zone_named
from retrotui.storage.store import Store

UTC = timezone.utc
CET = zone_named("CET")
DAY = datetime(2026, 11, 20).date()


@pytest.fixture
def stored(db_path: Path) -> Path:
    Store(db_path).add(incident())
    return db_path


def _texts(text: str, zone=UTC) -> list[tuple[str, str, str]]:  # noqa: ANN001
    reading = read_text(text, "f", zone, DAY)
    return [(e.at.isoformat(), e.source, e.text) for e in reading.events]


def test_plain_lines_with_clock_times_iso_and_continuations() -> None:
    text = (
        "14:02 paged on-call\n"
        "14:05 - restarted pgbouncer\n"
        "  Traceback (most recent call last):\n"
        "2026-11-20T23:50:00+01:00 deploy started\n"
        "00:05 it crossed midnight\n"
    )
    assert _texts(text, CET) == [
        ("2026-11-20T14:02:00+01:00", "log", "paged on-call"),
        (
            "2026-11-20T14:05:00+01:00",
            "log",
            "restarted pgbouncer\n  Traceback (most recent call last):",
        ),
        ("2026-11-20T23:50:00+01:00", "log", "deploy started"),
        ("2026-11-21T00:05:00+01:00", "log", "it crossed midnight"),
    ]


def test_syslog_and_application_logs() -> None:
    text = (
        "Nov 20 14:02:01 db-2 postgres[812]: FATAL: too many connections\n"
        "[2026-11-20 14:03:07,123] ERROR pool exhausted\n"
    )
    assert _texts(text) == [
        (
            "2026-11-20T14:02:01+00:00",
            "log",
            "db-2 postgres[812]: FATAL: too many connections",
        ),
        ("2026-11-20T14:03:07+00:00", "log", "ERROR pool exhausted"),
    ]


def test_csv_with_a_time_column() -> None:
    text = "Time;Alert;Severity\n2026-11-20 14:02;5xx rate > 5%;page\n2026-11-20 14:09;resolved;info\n"
    assert _texts(text) == [
        ("2026-11-20T14:02:00+00:00", "csv", "Alert: 5xx rate > 5%\nSeverity: page"),
        ("2026-11-20T14:09:00+00:00", "csv", "Alert: resolved\nSeverity: info"),
    ]


def test_slack_export_day_file() -> None:
    messages = [
        {
            "type": "message",
            "user": "U1",
            "text": "<!channel> checkout is down &amp; paging",
            "ts": "1763647320.000100",
            "user_profile": {"real_name": "Maria Lopez"},
        },
        {
            "type": "message",
            "user": "U2",
            "text": "see <https://grafana/d/1|the dashboard>",
            "ts": "1763647380.000200",
        },
        {
            "type": "message",
            "subtype": "channel_join",
            "user": "U3",
            "text": "<@U3> has joined",
            "ts": "1763647390.1",
        },
    ]
    assert _texts(json.dumps(messages)) == [
        (
            "2025-11-20T14:02:00.000100+00:00",
            "slack",
            "Maria Lopez: @channel checkout is down & paging",
        ),
        (
            "2025-11-20T14:03:00.000200+00:00",
            "slack",
            "U2: see the dashboard (https://grafana/d/1)",
        ),
    ]


def test_bash_and_zsh_history() -> None:
    bash = "#1763647320\nkubectl get pods -n web\n#1763647380\nsystemctl restart pgbouncer\nls\n"
    assert _texts(bash) == [
        ("2025-11-20T14:02:00+00:00", "shell", "$ kubectl get pods -n web"),
        ("2025-11-20T14:03:00+00:00", "shell", "$ systemctl restart pgbouncer"),
    ]
    zsh = ": 1763647320:0;psql -c 'show max_connections'\n: 1763647400:12;helm upgrade web \\\n  --set pool=200\n"
    assert _texts(zsh) == [
        ("2025-11-20T14:02:00+00:00", "shell", "$ psql -c 'show max_connections'"),
        (
            "2025-11-20T14:03:20+00:00",
            "shell",
            "$ helm upgrade web \\\n  --set pool=200",
        ),
    ]


def test_git_log_and_kubectl_events() -> None:
    git = (
        "commit 3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39\n"
        "Author: Maria Lopez <maria@example.com>\n"
        "Date:   Thu Nov 20 14:20:00 2026 +0100\n\n"
        "    Raise max_connections to 400\n\n    Body text.\n"
    )
    assert _texts(git) == [
        (
            "2026-11-20T14:20:00+01:00",
            "git",
            "commit 3f2a9c1d8e (Maria Lopez): Raise max_connections to 400",
        )
    ]
    events = {
        "kind": "List",
        "items": [
            {
                "type": "Warning",
                "reason": "BackOff",
                "message": "Back-off restarting",
                "count": 7,
                "involvedObject": {"kind": "Pod", "name": "web-1", "namespace": "shop"},
                "lastTimestamp": "2026-11-20T13:05:00Z",
            },
            {
                "type": "Normal",
                "reason": "Scheduled",
                "message": "assigned",
                "eventTime": "2026-11-20T13:06:00.000001Z",
                "involvedObject": {"kind": "Pod", "name": "web-2"},
            },
        ],
    }
    assert _texts(json.dumps(events)) == [
        (
            "2026-11-20T13:05:00+00:00",
            "kubernetes",
            "Warning BackOff shop/Pod/web-1: Back-off restarting (x7)",
        ),
        (
            "2026-11-20T13:06:00.000001+00:00",
            "kubernetes",
            "Normal Scheduled Pod/web-2: assigned",
        ),
    ]


def test_adding_twice_adds_nothing_and_the_zone_is_named(
    capsys: pytest.CaptureFixture[str], stored: Path, tmp_path: Path
) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("14:12 checked pgbouncer\n14:13 raised pool size\nno time here\n")
    code, out, err = run(
        capsys, "--db", str(stored), "timeline", "add", "k7m2qx", str(path)
    )
    assert code == 0
    assert "times without a zone read in UTC (this machine's zone)" in out
    assert "added 2 events to k7m2qx; 1 line without a time left out" in err
    events = [e for e in Store(stored).get("k7m2qx").timeline if e.source == "log"]
    assert [e.at.isoformat() for e in events] == [
        "2026-11-20T14:12:00+00:00",
        "2026-11-20T14:13:00+00:00",
    ]
    code, out, err = run(
        capsys, "--db", str(stored), "timeline", "add", "k7m2qx", str(path)
    )
    assert "added 0 events to k7m2qx; 2 already in the timeline" in err
    assert len(Store(stored).get("k7m2qx").timeline) == 7


def test_dry_run_since_until_and_tz(
    capsys: pytest.CaptureFixture[str], stored: Path, tmp_path: Path
) -> None:
    path = tmp_path / "h"
    path.write_text("#1763643600\nls\n#1763650800\ndf -h\n#1763661600\nexit\n")
    code, out, err = run(
        capsys,
        "--db",
        str(stored),
        "timeline",
        "add",
        "k7m2qx",
        str(path),
        "--since",
        "2026-11-20 13:00",
        "--until",
        "2026-11-20 16:00",
        "--tz",
        "Europe/Copenhagen",
        "--dry-run",
    )
    assert code == 0 and "would add 0 events" in err and "3 outside" in err
    assert len(Store(stored).get("k7m2qx").timeline) == 5


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (bytes(range(256)) * 50, "binary data"),
        (b"14:02 caf\xe9\n", "not UTF-8 text"),
        (b'{"a": 1}', "neither a Slack export"),
        (b"[not json", "lines with times"),
    ],
)
def test_hostile_files_get_a_clear_line_and_change_nothing(
    capsys: pytest.CaptureFixture[str],
    stored: Path,
    tmp_path: Path,
    content: bytes,
    message: str,
) -> None:
    path = tmp_path / "evidence"
    path.write_bytes(content)
    code, out, err = run(
        capsys, "--db", str(stored), "timeline", "add", "k7m2qx", str(path)
    )
    assert message in out + err
    assert "\x1b" not in out + err
    assert len(Store(stored).get("k7m2qx").timeline) == 5


def test_escape_sequences_markup_and_huge_lines_are_kept_as_text(
    capsys: pytest.CaptureFixture[str], stored: Path, tmp_path: Path
) -> None:
    path = tmp_path / "log"
    path.write_text(
        "14:20 \x1b]0;owned\x07\x1b[2Jcleared [red]rich[/red] <b>html</b> **md**\n"
        "14:21 " + "y" * 50_000 + "\n"
    )
    code, out, err = run(
        capsys, "--db", str(stored), "timeline", "add", "k7m2qx", str(path)
    )
    assert code == 0 and "\x1b" not in out
    added = [e for e in Store(stored).get("k7m2qx").timeline if e.source == "log"]
    assert added[0].text == "cleared [red]rich[/red] <b>html</b> **md**"
    assert len(added[1].text) == 20_000


def test_a_slack_export_folder_names_people_from_users_json(
    capsys: pytest.CaptureFixture[str], stored: Path, tmp_path: Path
) -> None:
    channel = tmp_path / "export" / "inc-checkout"
    channel.mkdir(parents=True)
    (tmp_path / "export" / "users.json").write_text(
        json.dumps([{"id": "U1", "real_name": "Sam Okafor"}])
    )
    (channel / "2026-11-20.json").write_text(
        json.dumps(
            [{"user": "U1", "text": "raising <@U1>'s pool", "ts": "1763647920.5"}]
        )
    )
    code, out, err = run(
        capsys, "--db", str(stored), "timeline", "add", "k7m2qx", str(channel)
    )
    assert code == 0
    (event,) = [e for e in Store(stored).get("k7m2qx").timeline if e.source == "slack"]
    assert event.text == "Sam Okafor: raising @Sam Okafor's pool"
