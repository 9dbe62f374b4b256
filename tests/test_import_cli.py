"""``retro import`` of Markdown files, folders and standard input."""

from __future__ import annotations

import io
import json
import shutil
import sys
from pathlib import Path

import pytest
from factories import run_cli as run

from retrotui.reports.markdown import to_markdown
from retrotui.storage.store import Store

DFDS = Path(__file__).parent / "data" / "importing" / "dfds"
KIAM = next(DFDS.glob("PM2020-002*"))


def test_a_folder_imports_every_postmortem_with_a_summary(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "pm"
    shutil.copytree(DFDS, folder)
    (folder / "PMyyyy-nnn - Postmortem template.md").write_text(
        "# Incident Title\n\n## Summary\n\n## Timeline\n\nAll times in UTC.\n\n"
        "| Time | Event |\n| --- | --- |\n| 20xx-MM-DD HH:mm | Short event |\n"
    )
    code, out, err = run(capsys, "--db", str(db_path), "import", str(folder))
    assert code == 0
    assert len(out.splitlines()) == 20
    assert "imported 20 postmortems" in err.splitlines()[-1]
    assert "1 skipped" in err.splitlines()[-1]
    assert "not read (LICENSE, README.md)" in err.splitlines()[-1]
    stored = Store(db_path).all()
    assert len(stored) == 20
    assert all(pm.status.value == "published" for pm in stored)
    # The same folder again adds nothing.
    code, out, err = run(capsys, "--db", str(db_path), "import", str(folder))
    assert out == ""
    assert "imported 0 postmortems" in err
    assert len(Store(db_path).all()) == 20


def test_json_output_and_replace(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    code, out, _ = run(capsys, "--db", str(db_path), "import", "--json", str(KIAM))
    assert code == 0
    first = json.loads(out)
    assert set(first) == {"id", "title", "warnings"}
    assert first["title"] == "KIAM Service disruption"
    code, out, _ = run(
        capsys, "--db", str(db_path), "import", "--json", "--replace", str(KIAM)
    )
    assert json.loads(out)["id"] == first["id"]
    assert len(Store(db_path).all()) == 1


def test_standard_input_needs_a_zone_when_the_document_names_none(
    capsys: pytest.CaptureFixture[str],
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "# Paged\n\n## Timeline\n\n| Time | Event |\n| --- | --- |\n| 2026-07-01 14:02 | paged |\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    code, _, err = run(capsys, "--db", str(db_path), "import", "-", "--format", "md")
    assert code == 1
    assert "--tz" in err and len(err.splitlines()) == 1
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    code, out, _ = run(
        capsys, "--db", str(db_path), "import", "-", "--format", "md", "--tz", "CET"
    )
    assert code == 0
    (pm,) = Store(db_path).all()
    assert pm.timeline[0].at.isoformat() == "2026-07-01T14:02:00+02:00"


def test_export_then_import_is_the_same_document(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    run(capsys, "--db", str(db_path), "import", str(KIAM))
    (pm,) = Store(db_path).all()
    report = tmp_path / "kiam.md"
    report.write_text(to_markdown(pm))
    other = tmp_path / "other.json"
    code, out, _ = run(capsys, "--db", str(other), "import", str(report))
    assert code == 0 and out.split()[0] == pm.id
    (back,) = Store(other).all()
    assert back.model_dump(exclude={"updated"}) == pm.model_dump(exclude={"updated"})
    # Into the first store again: the id is there already.
    code, _, err = run(capsys, "--db", str(db_path), "import", str(report))
    assert "already imported" in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (bytes(range(256)) * 20, "binary data"),
        (b"# Caf\xe9\n\n## Summary\n\nx\n", "not UTF-8 text (byte 0xe9 at offset 5)"),
        (b"", "blank template or not a postmortem"),
        (b"\x1b]0;pwned\x07# Title\n", "blank template or not a postmortem"),
    ],
)
def test_hostile_files_get_one_clear_line(
    capsys: pytest.CaptureFixture[str],
    db_path: Path,
    tmp_path: Path,
    content: bytes,
    message: str,
) -> None:
    path = tmp_path / "bad.md"
    path.write_bytes(content)
    code, out, err = run(capsys, "--db", str(db_path), "import", str(path))
    assert code == 1 and out == ""
    assert message in err
    assert len(err.splitlines()) == 1 and "\x1b" not in err


def test_escape_sequences_and_markup_are_cleaned_like_stored_text(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "x.md"
    path.write_text(
        "# Title \x1b[2J\x1b]0;evil\x07ok\n\n## Summary\n\nred \x1b[31mtext\x1b[0m\r\n"
        "and \x9b31m8-bit\n\n## Timeline\n\nAll times in UTC.\n\n"
        "- 2026-01-01 10:00 <img src=x onerror=alert(1)> [click](javascript:x)\n"
    )
    code, _, err = run(capsys, "--db", str(db_path), "import", str(path))
    assert code == 0, err
    (pm,) = Store(db_path).all()
    assert pm.title == "Title ok"
    assert pm.summary == "red text\nand 8-bit"
    # A javascript: link is not a link: kept as the characters written.
    assert pm.timeline[0].text == "<img src=x onerror=alert(1)> [click](javascript:x)"
    assert "<img" not in to_markdown(pm).replace("\\<img", "")


def test_hostile_shapes_stay_fast_and_never_crash(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    """Bullets nested 1,500 deep, 200,000 spaces in a line, a heading of
    hashes: linear patterns, no recursion."""
    path = tmp_path / "deep.md"
    path.write_text(
        "# Deep\n\n## Contributing Factors\n\n"
        + "".join("  " * i + f"- level {i}\n" for i in range(1500))
        + "\n## Timeline\n\nAll times in UTC.\n\n"
        + "- 2020-01-21 14:02"
        + " " * 200_000
        + "x\n\n# Title"
        + " #" * 100_000
        + "\n"
    )
    code, out, err = run(capsys, "--db", str(db_path), "import", str(path))
    assert code == 0, err
    (pm,) = Store(db_path).all()
    assert len(pm.factors) == 1 and len(pm.factors[0].whys) == 1499
    assert pm.timeline[0].text == "x"


def test_replace_goes_through_the_revision_checked_save(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    run(capsys, "--db", str(db_path), "import", str(KIAM))
    store = Store(db_path)
    (pm,) = store.all()

    def edit(doc):  # type: ignore[no-untyped-def]
        doc.summary = "edited in the app"
        return doc

    store.update(pm.id, edit)
    before = store.revision(pm.id)
    code, out, _ = run(capsys, "--db", str(db_path), "import", "--replace", str(KIAM))
    assert code == 0 and out.split()[0] == pm.id
    assert store.revision(pm.id) == before + 1
    assert store.get(pm.id).summary.startswith("In the afternoon of January 21st")


def test_several_files_and_folders_in_one_command(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    # 'retro import a.md b.md' is what a newcomer types first.
    files = sorted(DFDS.glob("PM2021-00*"))[:2]
    folder = tmp_path / "more"
    folder.mkdir()
    shutil.copy(next(DFDS.glob("PM2019-009*")), folder)
    args = [str(f) for f in files]
    code, out, err = run(capsys, "--db", str(db_path), "import", *args, str(folder))
    assert code == 0
    assert len(out.splitlines()) == 3
    assert "imported 1 postmortem" in err
    assert len(Store(db_path).all()) == 3
    # Again: a list, one object a file, each already there.
    code, out, _ = run(capsys, "--db", str(db_path), "import", "--json", *args)
    again = json.loads(out)
    assert code == 0
    assert [o["skipped"].startswith("already imported") for o in again] == [True] * 2
    code, _, err = run(capsys, "--db", str(db_path), "import", "-", "-")
    assert code == 2
    assert "only once" in err
