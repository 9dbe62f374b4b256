"""A field two writers changed differently stays visible until reconciled:
on the Review checklist and in the report, with both versions."""

from __future__ import annotations

from retrotui.checks.completeness import missing_by_phase
from retrotui.document.models import MergeConflict
from retrotui.reports.markdown import to_markdown
from tests.factories import incident


def _conflicted():
    pm = incident()
    pm.summary = "Checkout returned 502s for 40 minutes."
    pm.conflicts = [
        MergeConflict(
            field="summary",
            mine=pm.summary,
            theirs="Checkout and\ncart returned 502s after the ingress move " * 3,
        )
    ]
    return pm


def test_the_review_checklist_names_the_field_and_the_other_version() -> None:
    review = missing_by_phase(_conflicted())["review"]
    line = next(gap for gap in review if "reconcile" in gap)
    assert line.startswith("to reconcile summary: another writer saved 'Checkout")
    assert "\n" not in line and line.endswith("…'")


def test_the_report_keeps_both_versions() -> None:
    report = to_markdown(_conflicted())
    section = report.split("## Conflicting edits to reconcile", 1)[1]
    assert "kept “Checkout returned 502s for 40 minutes.”" in section
    assert "cart returned 502s after the ingress move" in section


def test_nothing_to_reconcile_says_nothing() -> None:
    pm = incident()
    assert "Conflicting edits" not in to_markdown(pm)
    assert not any("reconcile" in gap for gap in missing_by_phase(pm)["review"])
