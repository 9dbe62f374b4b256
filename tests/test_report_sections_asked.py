"""Every section of the report is asked for by the interview, and the review
checklist names the ones still empty."""

from __future__ import annotations

from factories import incident

from retrotui.checks.completeness import missing
from retrotui.document.models import FactorKind
from retrotui.reports.markdown import to_markdown


def test_the_checklist_names_empty_report_sections() -> None:
    pm = incident()
    assert missing(pm) == ["a follow-up review date"]
    pm.detection = pm.resolution = ""
    for factor in pm.factors:
        factor.kind = FactorKind.enabling
    gaps = missing(pm)
    assert "how it was detected" in gaps
    assert "how it was resolved" in gaps
    assert "a factor marked as the trigger (k on Factors)" in gaps
    report = to_markdown(pm)
    for section in ("## Trigger", "## Detection", "## Resolution"):
        assert f"{section}\n\n_None recorded._" in report
