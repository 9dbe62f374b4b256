"""Review and close: the report, what is missing, blameless pass, publish."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import (
    Input,
    Label,
    ListItem,
    ListView,
    Markdown,
    OptionList,
    Static,
)
from textual.widgets.option_list import Option

from retrotui.checks.blameless import Finding, lint_postmortem
from retrotui.checks.completeness import missing
from retrotui.checks.readiness import review_blockers
from retrotui.document.models import Postmortem, Status
from retrotui.document.schema import MAX_LINE
from retrotui.interview.review_date import default_follow_up, read_follow_up
from retrotui.interview.script import field_phase
from retrotui.reports.markdown import to_markdown
from screens.base import PhaseScreen
from screens.insights import participant_names
from widgets.findings import FindingsPanel
from widgets.item_list import ItemList
from widgets.text_entry import EntryLine, TextEntry

# Older than this, a postmortem is a record of what was decided then.
HISTORICAL_AFTER = timedelta(days=30)


def is_historical(pm: Postmortem, today: date) -> bool:
    """An incident written up (or imported) long after it happened."""
    return pm.incident_date() < today - HISTORICAL_AFTER


def finding_prompt(field: str, finding: Finding) -> Text:
    line = Text()
    line.append(f"{field}: ", style="bold")
    line.append(finding.message)
    if finding.suggestion:
        line.append("  try ", style="dim")
        line.append(repr(finding.suggestion), style="italic")
    return line


class ReviewScreen(PhaseScreen):
    """Checklist, findings, takeaways, follow-up, status, export, report."""

    PHASE = "review"
    HELP = (
        "Close the postmortem. The checklist lists what is still missing and what "
        "blocks moving to review: an open action item that fails its SMART check "
        "or has no owner. The blameless pass lists every finding across the "
        "document; **Enter** on one opens the screen where that field is edited.\n\n"
        "Add takeaways, set the follow-up review date (four weeks after the "
        "incident by default; a date or 'in 6 weeks'), then move the postmortem "
        "to in review (**ctrl+g**) or publish it (**ctrl+y**). An incident more "
        "than 30 days old is published as it was written, its gaps listed, none "
        "invented. **ctrl+t** writes "
        "the Markdown report to the file named under Export."
    )

    BINDINGS = [
        Binding(
            "ctrl+g",
            "move('in_review')",
            "In review",
            id="review.in_review",
            tooltip="Move the postmortem to in review (needs every item SMART)",
        ),
        Binding(
            "ctrl+y",
            "move('published')",
            "Publish",
            id="review.publish",
            tooltip="Publish (needs every item SMART, except for an incident over 30 days old, published as written)",
        ),
        Binding(
            "ctrl+t",
            "export",
            "Export",
            id="review.export",
            tooltip="Write the Markdown report to the export path",
        ),
        Binding(
            "ctrl+r",
            "rewrite",
            "Rewrite",
            id="review.rewrite",
            tooltip="Replace the flagged words in the takeaway with the rewrite",
        ),
        Binding(
            "ctrl+l",
            "focus_report",
            "Report",
            id="review.report",
            tooltip="Move to the rendered report to scroll it",
        ),
    ]

    RETRO_HELP = (
        "Close the team retrospective. The checklist lists what is still "
        "missing and what blocks moving to review: an open action item that "
        "fails its SMART check or has no owner. The blameless pass lists every "
        "finding; **Enter** on one opens the screen where it is edited.\n\n"
        "Add takeaways, set the follow-up review date (four weeks on by default: "
        "often the next retrospective; a date or 'in 6 weeks'), then move it to "
        "in review (**ctrl+g**) or publish it (**ctrl+y**). **ctrl+t** writes "
        "the Markdown report to the file named under Export."
    )

    def __init__(self, pm: Postmortem) -> None:
        super().__init__(pm)
        if self.retro:
            self.HELP = self.RETRO_HELP
        self.findings: list[tuple[str, Finding]] = []

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="review-body"):
            yield Static(id="review-status")
            yield Static(id="review-checklist")
            yield Label(
                "Blameless pass (Enter opens the field):", id="review-findings-title"
            )
            yield OptionList(id="review-findings", compact=True)
            # The report shows them under "Lessons learned", where a
            # write-up's own "Lessons Learned" list is read in.
            yield Label("Takeaways (lessons learned):", id="review-takeaways-title")
            yield TakeawayList(id="review-takeaways")
            yield EntryLine(
                placeholder="A takeaway, Enter to add",
                id="review-takeaway",
                compact=True,
            )
            yield FindingsPanel(id="review-takeaway-findings")
            with Horizontal(classes="review-row"):
                yield Label("Follow-up review", classes="review-label")
                yield EntryLine(
                    id="review-follow-up",
                    compact=True,
                    placeholder="2027-01-15 or in 6 weeks",
                )
            yield Static(id="review-follow-up-note")
            with Horizontal(classes="review-row"):
                yield Label("Export to", classes="review-label")
                yield TextEntry(limit=MAX_LINE, id="review-export", compact=True)
            yield Markdown(id="review-report")

    def on_mount(self) -> None:
        self.query_one(FindingsPanel).names = participant_names(self.pm)
        box = self.query_one("#review-follow-up", Input)
        kept = self.pm.unsent.get(self.unsent_key("review-follow-up"))
        with self.prevent(Input.Changed):
            box.value = kept or self._follow_up_shown()
            self.query_one(
                "#review-export", Input
            ).value = f"./{'retro' if self.retro else 'postmortem'}-{self.pm.id}.md"
        self._refresh()
        self._note_follow_up(box.value)
        if self.restore_unsent() is None:
            self.query_one("#review-takeaway", Input).focus()

    def _follow_up_shown(self) -> str:
        """The date the follow-up field holds when nothing else was typed."""
        return (
            self.pm.follow_up_on or default_follow_up(self.pm, self.today())
        ).isoformat()

    def entry_key(self, box: Input) -> str | None:
        # The follow-up date shown as it was set is not "typed and not added".
        if (
            box.id == "review-follow-up"
            and box.value.strip() == self._follow_up_shown()
        ):
            return None
        return super().entry_key(box)

    # -- drawing ----------------------------------------------------------

    def _refresh(self) -> None:
        self._show_status()
        self._show_findings()
        self._show_takeaways()
        self.query_one("#review-report", Markdown).update(
            to_markdown(self.pm, self.today())
        )

    def _show_status(self) -> None:
        status = Text()
        status.append("Status: ", style="bold")
        status.append(self.pm.status.value.replace("_", " "))
        status.append("   Follow-up: ", style="bold")
        if self.pm.follow_up_on:
            status.append(self.pm.follow_up_on.isoformat())
        else:
            status.append(
                f"{default_follow_up(self.pm, self.today()).isoformat()} (default, "
                "Enter on the date keeps it)",
                style="dim",
            )
        self.query_one("#review-status", Static).update(status)
        checklist = Text()
        blockers = review_blockers(self.pm, self.today())
        gaps = missing(self.pm)
        if not blockers and not gaps:
            checklist.append("✓ Nothing missing, nothing blocks review.", style="green")
        for line in blockers:
            checklist.append("✗ blocks review: ", style="red bold")
            checklist.append(line + "\n")
        for gap in gaps:
            checklist.append("☐ missing: ", style="yellow")
            checklist.append(gap + "\n")
        checklist.rstrip()
        self.query_one("#review-checklist", Static).update(checklist)

    def _show_findings(self) -> None:
        self.findings = lint_postmortem(self.pm)
        options = self.query_one("#review-findings", OptionList)
        options.clear_options()
        if not self.findings:
            options.add_option(
                Option(
                    Text("✓ No blameless-language findings.", style="green"),
                    disabled=True,
                )
            )
            return
        options.add_options(
            Option(finding_prompt(field, finding)) for field, finding in self.findings
        )
        options.highlighted = 0

    def _show_takeaways(self) -> None:
        view = self.query_one("#review-takeaways", ListView)
        view.clear()
        for takeaway in self.pm.takeaways:
            view.append(ListItem(Label(Text("• " + takeaway))))
        view.display = bool(self.pm.takeaways)

    # -- editing ----------------------------------------------------------

    def _store(self, pm: Postmortem) -> None:
        self.changed(pm)
        self._refresh()

    @on(OptionList.OptionSelected, "#review-findings")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        if not self.findings:
            return
        field, _finding = self.findings[event.option_index]
        phase = field_phase(field)
        self.notify(f"Look at {field}", markup=False)
        if phase == "review":
            self.query_one("#review-takeaways", ListView).focus()
            return
        self.post_message(self.OpenPhase(phase, field))

    @on(Input.Changed, "#review-takeaway")
    def _lint(self, event: Input.Changed) -> None:
        self.query_one(FindingsPanel).text = event.value

    @on(Input.Submitted, "#review-takeaway")
    def _add_takeaway(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            return
        event.input.value = ""
        pm = self.pm.model_copy(deep=True)
        pm.takeaways = [*pm.takeaways, text]
        self._store(pm)

    def action_delete_takeaway(self) -> None:
        index = self.query_one("#review-takeaways", ListView).index
        if index is None or index >= len(self.pm.takeaways):
            return
        pm = self.pm.model_copy(deep=True)
        del pm.takeaways[index]
        self._store(pm)

    def _note_follow_up(self, text: str) -> date | None:
        """Say under the field what ``text`` reads as; the date, or None."""
        when, note = read_follow_up(text, self.today())
        if text.strip() == self._follow_up_shown() and self.pm.follow_up_on is None:
            note = f"{note} (default: Enter keeps it)"
        self.query_one("#review-follow-up-note", Static).update(
            Text(note, style="green" if when else "bold red")
        )
        self.query_one("#review-follow-up", Input).set_class(when is None, "-invalid")
        return when

    @on(Input.Changed, "#review-follow-up")
    def _follow_up_typed(self, event: Input.Changed) -> None:
        self._note_follow_up(event.value)
        # Kept at once: a sentence typed here is never lost, even on quit.
        self.changed(self.pm.model_copy(deep=True))

    @on(Input.Submitted, "#review-follow-up")
    def _set_follow_up(self, event: Input.Submitted) -> None:
        when = self._note_follow_up(event.value)
        if when is None:
            # Refused in place: the text stays in the field, red, and is kept.
            self.app.bell()
            return
        pm = self.pm.model_copy(deep=True)
        pm.follow_up_on = when
        self.pm = pm
        with self.prevent(Input.Changed):
            event.input.value = when.isoformat()
        self._store(pm)
        self._note_follow_up(event.input.value)

    def action_move(self, status: str) -> None:
        target = Status(status)
        blockers = review_blockers(self.pm, self.today())
        # A write-up of an incident long past records what the team decided
        # then: it is published as written, its gaps listed, none invented.
        as_written = target is Status.published and is_historical(self.pm, self.today())
        if blockers and not as_written:
            self.notify(
                "\n".join(
                    [f"Cannot move to {target.value.replace('_', ' ')}:", *blockers[:4]]
                ),
                severity="error",
                markup=False,
            )
            self._show_status()
            return
        pm = self.pm.model_copy(deep=True)
        pm.status = target
        if pm.follow_up_on is None:
            pm.follow_up_on = default_follow_up(pm, self.today())
        self._store(pm)
        if blockers:
            self.notify(
                "\n".join(["Published as written; still open:", *blockers[:4]]),
                severity="warning",
                markup=False,
            )
            return
        self.notify(f"Status: {target.value.replace('_', ' ')}")

    def action_export(self) -> None:
        raw = self.query_one("#review-export", Input).value.strip()
        if not raw:
            self.notify("Type a file name to export to.", severity="warning")
            return
        self._export(Path(raw).expanduser(), to_markdown(self.pm, self.today()))

    @work(thread=True, exclusive=True, group="export")
    def _export(self, path: Path, text: str) -> None:
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as error:
            message, severity = f"Cannot write {path}: {error.strerror}", "error"
        else:
            message, severity = f"Report written to {path}", "information"
        self.app.call_from_thread(self.notify, message, severity=severity, markup=False)

    def action_rewrite(self) -> None:
        self.query_one(FindingsPanel).apply_to(
            self.query_one("#review-takeaway", Input)
        )

    def action_focus_report(self) -> None:
        report = self.query_one("#review-report", Markdown)
        report.scroll_visible(top=True)
        self.query_one("#review-body", VerticalScroll).focus()


class TakeawayList(ItemList):
    BINDINGS = [
        Binding(
            "d,delete",
            "screen.delete_takeaway",
            "Delete",
            id="review.delete",
            tooltip="Delete the highlighted takeaway",
        ),
    ]
