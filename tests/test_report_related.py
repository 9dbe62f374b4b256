"""The report lists the postmortems linked as related: id, title and date
(``retro show`` and ``retro export``); one deleted since keeps its id."""

from __future__ import annotations

import pytest

from retrotui.storage.store import Store
from tests.factories import run_cli as run
from tests.test_similar_cli import store  # noqa: F401  (the fixture)


def test_show_and_export_list_related_with_title_and_date(
    capsys: pytest.CaptureFixture[str],
    store: Store,  # noqa: F811
) -> None:
    pm = store.get("lag003")
    pm.related = ["lag001", "gone01"]
    store.save(pm)
    db = str(store.path)
    for argv in (("show", "lag003", "--plain"), ("export", "lag003")):
        code, out, _ = run(capsys, "--db", db, *argv)
        assert code == 0
        section = out.split("## Related postmortems\n\n", 1)[1].split("\n\n")[0]
        assert section.splitlines() == [
            "- lag001: Billing databse replica lag served stale invoices (2026-10-21)",
            "- gone01",
        ]


def test_no_section_without_related(
    capsys: pytest.CaptureFixture[str],
    store: Store,  # noqa: F811
) -> None:
    code, out, _ = run(capsys, "--db", str(store.path), "show", "lag003", "--plain")
    assert code == 0 and "Related postmortems" not in out


def test_the_report_imports_back_with_its_links_and_no_extra_notes(
    capsys: pytest.CaptureFixture[str],
    store: Store,  # noqa: F811
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    pm = store.get("lag003")
    pm.related = ["lag001"]
    store.save(pm)
    report = tmp_path / "lag003.md"
    run(capsys, "--db", str(store.path), "export", "lag003", "-o", str(report))
    other = tmp_path / "other" / "db.json"
    code, _, err = run(capsys, "--db", str(other), "import", str(report))
    assert code == 0, err
    back = Store(other).get("lag003")
    assert back.related == ["lag001"]
    assert "Related postmortems" not in back.notes
