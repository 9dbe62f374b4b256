"""Events typed in another zone ("14:05 CET") read right in the report."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from retrotui.document.models import Postmortem, TimelineEvent
from retrotui.importing.markdown import read_markdown
from retrotui.reports.markdown import to_markdown

UTC = timezone.utc
CET = timezone(timedelta(hours=1), "CET")


def test_every_row_is_in_the_zone_the_report_names() -> None:
    pm = Postmortem(
        title="Ingress down",
        timeline=[
            TimelineEvent(at=datetime(2026, 11, 20, 13, 0, tzinfo=UTC), text="alert"),
            TimelineEvent(at=datetime(2026, 11, 20, 14, 5, tzinfo=CET), text="deploy"),
        ],
    )
    report = to_markdown(pm)
    assert "All times UTC." in report
    assert "| 2026-11-20 13:05 | deploy |" in report
    assert "14:05" not in report.split("<!--")[0]
    back = Postmortem.model_validate(read_markdown(report).data)
    assert [e.at for e in back.sorted_timeline()] == [
        e.at for e in pm.sorted_timeline()
    ]
