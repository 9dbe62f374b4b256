"""Review and close: checklist, blameless pass, takeaways, follow-up, status, export."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from factories import clock, incident, open_at, settle, stored, type_text
from textual.widgets import Input, OptionList, Static

from retrotui.app import RetroApp
from retrotui.document.models import Status
from retrotui.interview.script import field_phase
from retrotui.reports.markdown import to_markdown
from screens.insights import InsightsScreen
from screens.review import ReviewScreen


async def test_follow_up_date_refused_then_kept_then_takeaway_and_in_review(
    db_path: Path,
) -> None:
    """One postmortem without takeaways or follow-up, opened twice (each app
    start costs more than its keys). Behaviours, in order:
    1. the checklist lists a missing takeaway;
    2. the follow-up shows four weeks from today; reading order is the
       takeaway line, then the date; focus does not select the date;
    3. a sentence tabbed into the date is refused, kept as typed, stored as
       unsent, and shown again (with the checklist's note, focused) when
       reopened;
    4. a takeaway, 'in 6 weeks' as the date and ctrl+g are stored as typed,
       with the status in review."""
    pm = incident()
    pm.takeaways, pm.follow_up_on = [], None
    app = open_at(db_path, pm, "review")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        text = str(app.screen.query_one("#review-checklist", Static).render())
        assert "missing: at least one takeaway" in text
        follow = app.screen.query_one("#review-follow-up", Input)
        # Four weeks from today (2026-11-21; the incident was the day before).
        assert follow.value == "2026-12-19"
        # Reading order: the takeaway line, then the follow-up date.
        assert app.focused is app.screen.query_one("#review-takeaway", Input)
        await pilot.press("tab")
        assert app.focused is follow
        # Focus does not select the date: the first key cannot replace it.
        assert follow.selection.start == follow.selection.end
        await pilot.press("ctrl+u")
        await type_text(pilot, "Not all scenarios can be tested")
        await pilot.press("enter")
        await settle(pilot)
        note = str(app.screen.query_one("#review-follow-up-note", Static).render())
        assert "Not a date" in note
        assert follow.value == "Not all scenarios can be tested"
        assert follow.has_class("-invalid")
        saved = stored(app)
    # Not a date, but not lost: kept as typed, and the checklist says so.
    assert saved.follow_up_on is None
    assert saved.unsent == {
        "review:review-follow-up": "Not all scenarios can be tested"
    }
    app = RetroApp(db_path, pm_id=saved.id, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        follow = app.screen.query_one("#review-follow-up", Input)
        assert follow.value == "Not all scenarios can be tested"
        checklist = str(app.screen.query_one("#review-checklist", Static).render())
        assert "text typed on Review and close but not added" in checklist
        # Reopened where the kept text waits; back to the takeaway line.
        assert app.focused is follow
        await pilot.press("shift+tab")
        assert app.focused is app.screen.query_one("#review-takeaway", Input)
        await type_text(pilot, "Load-test promotions before sending the email")
        await pilot.press("enter")
        await pilot.press("tab")  # to the follow-up date
        assert app.focused is follow
        assert follow.selection.start == follow.selection.end
        await pilot.press("ctrl+u")
        await type_text(pilot, "in 6 weeks")
        await pilot.press("enter")
        assert follow.value == "2027-01-02"
        await pilot.press("ctrl+g")
        await settle(pilot)
        saved = stored(app)
    assert saved.takeaways == ["Load-test promotions before sending the email"]
    assert saved.follow_up_on == date(2027, 1, 2)
    assert saved.status is Status.in_review
    assert saved.unsent == {}


async def test_export_then_a_historical_incident_is_published_as_written(
    db_path: Path, tmp_path: Path
) -> None:
    """An incident 400 days old whose document named no owner, without a
    follow-up date, in one app. Behaviours, in order:
    1. export (ctrl+t) writes the Markdown report to the path typed;
    2. ctrl+g (in review) is refused: every item must be SMART;
    3. ctrl+y publishes as written: the owner stays empty (a gap in the
       report), and the follow-up defaults to four weeks from today, never
       from the incident's past."""
    target = tmp_path / "out" / "report.md"
    target.parent.mkdir()
    pm = incident()
    pm.follow_up_on = None
    for event in pm.timeline:
        event.at -= timedelta(days=400)
    pm.actions[0].owner = ""  # the original document named nobody
    app = open_at(db_path, pm, "review")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        box = app.screen.query_one("#review-export", Input)
        assert box.value == "./postmortem-k7m2qx.md"
        box.value = str(target)
        await pilot.press("ctrl+t")
        await settle(pilot)
        text = target.read_text(encoding="utf-8")
        assert text.startswith("# Checkout down during promotion")
        assert "connection pool limit" in text
        await pilot.press("ctrl+g")  # in review still needs every item SMART
        await settle(pilot)
        assert app.screen.pm.status is Status.draft
        await pilot.press("ctrl+y")
        await settle(pilot)
        saved = stored(app)
    assert saved.status is Status.published
    assert saved.follow_up_on == date(2026, 12, 19)
    assert saved.actions[0].owner == ""  # shown as a gap, not invented
    report = to_markdown(saved)
    gaps = report.split("SMART gaps, as written:")[1].split("##")[0]
    assert "- Action 1: has no owner" in gaps


async def test_findings_jump_to_their_field(db_path: Path) -> None:
    pm = incident()
    pm.went_wrong = ["Sam forgot to check the pool size"]
    app = open_at(db_path, pm, "review")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        options = app.screen.query_one("#review-findings", OptionList)
        # The verb, and Sam (a participant) named as its subject.
        assert options.option_count == 2
        assert "went_wrong[0]" in str(options.get_option_at_index(0).prompt)
        assert "names a person as a cause" in str(options.get_option_at_index(0).prompt)
        options.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, InsightsScreen)
        assert app.screen.current == "went_wrong"
        assert app.focused is app.screen.query_one("#insights-list")


def test_field_phases() -> None:
    assert field_phase("went_wrong[2]") == "insights"
    assert field_phase("factors[0].whys[1]") == "factors"
    assert field_phase("actions[1].text") == "actions"
    assert field_phase("timeline[3]") == "timeline"
    assert field_phase("summary") == "stage"
    assert field_phase("takeaways[0]") == "review"
