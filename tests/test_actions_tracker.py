"""GitHub issues through ``gh`` (a stub on PATH that records its arguments)
and the Jira CSV, end to end on a real store."""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import date
from pathlib import Path

import pytest
from factories import incident

from retrotui.cli import main
from retrotui.document.models import ActionItem
from retrotui.storage.store import Store

# Records each call as a JSON list of its arguments; "issue create" answers
# with the next issue URL; "issue view URL" answers the state written in
# states/<number>; GH_STUB_LOGGED_OUT makes "auth status" fail as gh does.
STUB = """#!{python}
import json, os, sys
from pathlib import Path
here = Path(os.environ["GH_STUB_DIR"])
with open(here / "calls.jsonl", "a") as log:
    log.write(json.dumps(sys.argv[1:]) + "\\n")
args = sys.argv[1:]
if args[:2] == ["auth", "status"]:
    if os.environ.get("GH_STUB_LOGGED_OUT"):
        print("You are not logged into any GitHub hosts. To log in, run: gh auth login", file=sys.stderr)
        sys.exit(1)
    sys.exit(0)
if args[:2] == ["issue", "create"]:
    count = len(list((here / "issues").iterdir())) + 1
    (here / "issues" / str(count)).write_text(json.dumps(args))
    print("Creating issue in acme/db\\n")
    print(f"https://github.com/acme/db/issues/{{count}}")
    sys.exit(0)
if args[:2] == ["issue", "view"]:
    number = args[2].rsplit("/", 1)[-1]
    state = here / "states" / number
    print(json.dumps({{"state": state.read_text() if state.exists() else "OPEN"}}))
    sys.exit(0)
print("unknown command", file=sys.stderr)
sys.exit(1)
"""


@pytest.fixture
def gh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    import sys

    folder = tmp_path / "gh-stub"
    (folder / "issues").mkdir(parents=True)
    (folder / "states").mkdir()
    script = folder / "gh"
    script.write_text(STUB.format(python=sys.executable))
    script.chmod(0o755)
    monkeypatch.setenv("GH_STUB_DIR", str(folder))
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return folder


def calls(gh: Path) -> list[list[str]]:
    log = gh / "calls.jsonl"
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text().splitlines()]


@pytest.fixture
def db(db_path: Path) -> Path:
    pm = incident()
    pm.actions += [
        ActionItem(
            id="a-load",
            text="Load-test checkout at 3x promotion traffic",
            owner="@maria",
            due=date(2027, 1, 15),
            priority="P0",
        ),
        ActionItem(id="a-gone", text="Old idea", status="not_doing"),
    ]
    Store(db_path).add(pm)
    return db_path


def run(capsys, db: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_push_files_one_issue_per_open_item_and_a_second_push_none(
    capsys, db: Path, gh: Path
) -> None:
    code, out, err = run(capsys, db, "actions", "push", "k7m2qx", "--github", "acme/db")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "a-alrt filed: https://github.com/acme/db/issues/1",
        "a-load filed: https://github.com/acme/db/issues/2",
    ]
    created = [c for c in calls(gh) if c[:2] == ["issue", "create"]]
    assert len(created) == 2
    args = created[1]
    assert args[args.index("--repo") + 1] == "acme/db"
    assert (
        args[args.index("--title") + 1] == "Load-test checkout at 3x promotion traffic"
    )
    body = args[args.index("--body") + 1]
    for fact in (
        "**Owner:** @maria",
        "**Due:** 2027-01-15",
        "**SMART:** ",
        "**Postmortem:** k7m2qx: Checkout down during promotion",
        "retro show k7m2qx",
    ):
        assert fact in body
    trackers = [a.tracker for a in Store(db).get("k7m2qx").actions]
    assert trackers == [
        "https://github.com/acme/db/issues/1",
        "https://github.com/acme/db/issues/2",
        "",
    ]

    code, out, _ = run(capsys, db, "actions", "push", "k7m2qx", "--github", "acme/db")
    assert code == 0 and "already filed" in out
    assert len([c for c in calls(gh) if c[:2] == ["issue", "create"]]) == 2


def test_pull_marks_done_the_items_whose_issue_is_closed(
    capsys, db: Path, gh: Path
) -> None:
    run(capsys, db, "actions", "push", "k7m2qx", "--github", "acme/db")
    (gh / "states" / "2").write_text("CLOSED")
    code, out, _ = run(capsys, db, "actions", "pull", "--as-of", "2026-12-03")
    assert code == 0
    assert "a-load (k7m2qx) done: its issue is closed" in out
    assert "a-alrt (k7m2qx) still open" in out
    items = {a.id: a for a in Store(db).get("k7m2qx").actions}
    assert items["a-load"].status.value == "done"
    assert items["a-load"].closed_on == date(2026, 12, 3)
    assert "issues/2" in items["a-load"].closing_note
    assert items["a-alrt"].status.value == "open"
    # Done items are not asked about again.
    before = len(calls(gh))
    run(capsys, db, "actions", "pull")
    views = [c for c in calls(gh)[before:] if c[:2] == ["issue", "view"]]
    assert [v[2] for v in views] == ["https://github.com/acme/db/issues/1"]


def test_dry_run_runs_nothing_and_changes_nothing(capsys, db: Path, gh: Path) -> None:
    before = db.read_bytes()
    code, out, _ = run(
        capsys, db, "actions", "push", "k7", "--github", "acme/db", "--dry-run"
    )
    assert code == 0
    assert out.count("would be filed in acme/db") == 2
    assert calls(gh) == [] and db.read_bytes() == before


def test_gh_missing_is_one_clear_line(
    capsys, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(db)
    pm = store.get("k7m2qx")
    pm.actions[0].tracker = "https://github.com/acme/db/issues/7"
    store.save(pm)
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    for argv in (("push", "k7m2qx", "--github", "acme/db"), ("pull",)):
        code, out, err = run(capsys, db, "actions", *argv)
        assert code == 1 and out == ""
        assert err.startswith("retro: gh (the GitHub command line) is not installed")
        assert len(err.splitlines()) == 1


def test_gh_logged_out_is_one_clear_line_and_files_nothing(
    capsys, db: Path, gh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GH_STUB_LOGGED_OUT", "1")
    code, out, err = run(capsys, db, "actions", "push", "k7m2qx", "--github", "acme/db")
    assert code == 1 and out == ""
    assert "gh is not logged in" in err and "gh auth login" in err
    assert len(err.splitlines()) == 1
    assert [c[:2] for c in calls(gh)] == [["auth", "status"]]


def test_a_repo_that_is_not_owner_slash_name_is_a_usage_error(
    capsys, db: Path, gh: Path
) -> None:
    code, _, err = run(capsys, db, "actions", "push", "k7m2qx", "--github", "acme")
    assert code == 2 and "OWNER/REPO" in err
    assert calls(gh) == []


def test_jira_csv_has_one_row_per_open_item_not_filed_yet(
    capsys, db: Path, gh: Path
) -> None:
    code, out, _ = run(capsys, db, "export", "k7m2qx", "--format", "jira-csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [row["External ID"] for row in rows] == ["k7m2qx/a-alrt", "k7m2qx/a-load"]
    load = rows[1]
    assert load["Summary"] == "Load-test checkout at 3x promotion traffic"
    assert (load["Issue Type"], load["Priority"], load["Due Date"]) == (
        "Task",
        "Highest",
        "2027-01-15",
    )
    assert load["Owner"] == "@maria"
    assert "Owner: @maria" in load["Description"]
    raw = list(csv.reader(io.StringIO(out)))
    assert raw[0].count("Labels") == 2 and raw[2][4:6] == [
        "postmortem",
        "postmortem-k7m2qx",
    ]
    # Once filed on GitHub, an item is left out and named.
    run(capsys, db, "actions", "push", "k7m2qx", "--github", "acme/db")
    code, out, err = run(capsys, db, "export", "k7m2qx", "--format", "jira-csv")
    assert len(out.splitlines()) == 1
    assert "a-alrt is filed already" in err
