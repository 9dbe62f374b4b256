"""Set the stage: what happened, who was there, and the ground rules."""

from __future__ import annotations

import re

from pydantic import ValidationError
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, Label, Select, Static, TextArea

from retrotui.checks.completeness import facilitator_is_responder
from retrotui.document.models import Participant, Postmortem, Role, Severity
from retrotui.document.schema import MAX_LINE, MAX_NAME, MAX_TEXT, Kind
from retrotui.interview.script import GROUND_RULES, role_choices
from screens.base import PhaseScreen
from screens.participant_table import ParticipantTable
from widgets.facilitator_hint import FacilitatorHint
from widgets.happened_before import HappenedBefore
from widgets.more_below import MoreBelow
from widgets.refit import show
from widgets.text_entry import TextEntry

# Said in words: a checkbox's glyph read as "checked" when it was not, and
# everyone was stored by role only.
CONSENT_CHOICES = [("role only", False), ("named (agreed)", True)]
BELOW_THE_FOLD = [
    ("detection-field", "Detected"),
    ("resolution-field", "Resolved"),
    ("participants-heading", "Participants"),
    ("facilitator-field", "Facilitator"),
]
# A team retrospective has no incident facts: Detected and Resolved are not asked.
RETRO_BELOW_THE_FOLD = BELOW_THE_FOLD[2:]
SEVERITY_CHOICES = [(severity.value, severity.value) for severity in Severity]
# Two or more people by initials: "AN, EC, WC", "RF SC AN".
INITIALS_LIST = re.compile(r"^[A-ZÆØÅÄÖÜ]{2,4}(?:[\s,;]+[A-ZÆØÅÄÖÜ]{2,4})+$")
# Text inputs holding a list, typed comma separated.
LIST_FIELDS = {"services": "services", "tickets": "tickets", "changes": "changes"}


def ground_rules_line() -> str:
    """The ground rules' first sentence: one line even at 80 columns (F1 has all)."""
    first, _, rest = GROUND_RULES.partition(". ")
    return f"Ground rules: {first}." if rest else f"Ground rules: {GROUND_RULES}"


def split_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def validation_message(error: ValidationError) -> str:
    first = error.errors()[0]
    return str(first.get("msg", "not valid")).removeprefix("Value error, ")


class StageScreen(PhaseScreen):
    PHASE = "stage"
    HELP = (
        "Describe the incident and who took part. **Tab** moves between fields; "
        "everything is saved as you type.\n\n"
        "- Services, tickets and changes: comma separated.\n"
        "- Detected and Resolved: how the incident was noticed and what ended "
        "it (the report's Detection and Resolution).\n"
        "- Participants: type a name, pick the role and whether they agreed to be "
        "named (*role only* or *named (agreed)*), press **enter** to add. In the list: **space** toggles consent, "
        "**r** changes the role, **x** or **delete** removes.\n"
        "- The facilitator should not have been a responder: retro warns, but "
        "does not stop you. Under the field, retro suggests people from earlier "
        "postmortems who did not respond to this one, never or least recently "
        "facilitated first; **enter** in the empty field takes the first (again: "
        "the next).\n\n"
        f"Ground rules: {GROUND_RULES}"
    )
    RETRO_HELP = (
        "A team retrospective: no incident, so no severity, services, impact or "
        "timeline. **Tab** moves between fields; everything is saved as you type.\n\n"
        "- Scope: the period or focus it looks back on (the last sprint, "
        "November, the database migration).\n"
        "- Participants: type a name, pick the role and whether they agreed to be "
        "named, press **enter** to add. In the list: **space** toggles consent, "
        "**r** changes the role, **x** or **delete** removes.\n"
        "- Facilitator: let the role rotate. Under the field, retro suggests "
        "people who never or least recently facilitated; **enter** in the empty "
        "field takes the first (again: the next).\n\n"
        f"Ground rules: {GROUND_RULES}"
    )

    def __init__(self, pm: Postmortem) -> None:
        super().__init__(pm)
        self.roles = [Role(value) for value in role_choices(pm.kind.value)]
        if pm.kind is Kind.retro:
            self.HELP = self.RETRO_HELP

    def compose_body(self) -> ComposeResult:
        pm = self.pm
        with VerticalScroll(id="stage-body"):
            yield Static(
                Text(
                    ground_rules_line(),
                    style="italic",
                    no_wrap=True,
                    overflow="ellipsis",
                ),
                id="ground-rules",
            )
            with Horizontal(classes="field"):
                yield Label("Title", classes="label")
                # A generated title is typed over (ctrl+z brings it back);
                # a title someone wrote never is.
                yield TextEntry(
                    pm.title,
                    limit=MAX_LINE,
                    select_on_focus=pm.has_generated_title,
                    id="title",
                    compact=True,
                )
            if self.retro:
                yield from self._retro_scope()
            else:
                yield from self._incident_facts()
            yield Static(
                Text("Participants", style="bold"),
                classes="section",
                id="participants-heading",
            )
            with Horizontal(classes="field", id="participant-entry"):
                yield TextEntry(
                    limit=MAX_NAME,
                    placeholder="name, enter to add",
                    id="p-name",
                    compact=True,
                )
                yield Select(
                    [(role.value.replace("_", " "), role.value) for role in self.roles],
                    value=self.roles[0].value,
                    allow_blank=False,
                    id="p-role",
                    compact=True,
                )
                yield Select(
                    CONSENT_CHOICES,
                    value=False,
                    allow_blank=False,
                    id="p-consent",
                    compact=True,
                    tooltip="In the report: by role only, or by name (they agreed)",
                )
            yield ParticipantTable(id="participants", cursor_type="row")
            with Horizontal(classes="field", id="facilitator-field"):
                yield Label("Facilitator", classes="label")
                yield TextEntry(
                    pm.facilitator,
                    limit=MAX_LINE,
                    # Everyone took part in a retrospective: the role rotates.
                    placeholder="rotate: who facilitated least recently?"
                    if self.retro
                    else "someone who was not a responder",
                    id="facilitator",
                    compact=True,
                )
            yield FacilitatorHint(pm, id="facilitator-hint")
            yield Static("", id="stage-message")
        # At 80x24 the participants are below the fold: say so until seen.
        yield MoreBelow(
            "stage-body",
            RETRO_BELOW_THE_FOLD if self.retro else BELOW_THE_FOLD,
            id="stage-more",
        )

    def _retro_scope(self) -> ComposeResult:
        """What a retrospective looks back on, kept as its summary."""
        yield from self._long_text_field(
            "summary",
            "Scope",
            "the period or focus it looks back on: "
            "the last sprint, November, the database migration",
        )

    def _long_text_field(
        self, field: str, label: str, placeholder: str = ""
    ) -> ComposeResult:
        with Horizontal(classes="field tall"):
            yield Label(label, classes="label")
            yield TextArea(
                getattr(self.pm, field),
                id=field,
                soft_wrap=True,
                tab_behavior="focus",
                compact=True,
                placeholder=placeholder,
            )

    def _incident_facts(self) -> ComposeResult:
        """What happened: the incident's facts, before who took part."""
        pm = self.pm
        yield HappenedBefore(pm, id="happened-before")
        with Horizontal(classes="field"):
            yield Label("Severity", classes="label")
            yield Select(
                SEVERITY_CHOICES,
                value=pm.severity.value,
                allow_blank=False,
                id="severity",
                compact=True,
            )
        for field, label, hint in (
            ("services", "Services", "web, postgres"),
            ("category", "Category", ""),
            ("tickets", "Tickets", "INC-4211, JIRA-12"),
            ("changes", "Changes", "deploy #912, PR 3381"),
        ):
            with Horizontal(classes="field"):
                yield Label(label, classes="label")
                yield TextEntry(
                    pm.category
                    if field == "category"
                    else ", ".join(getattr(pm, field)),
                    limit=MAX_LINE if field == "category" else MAX_TEXT,
                    placeholder="what kind: Kubernetes, DNS, networking..."
                    if field == "category"
                    else f"comma separated: {hint}",
                    id=field,
                    compact=True,
                )
        yield from self._long_text_field("summary", "Summary")
        yield from self._long_text_field("impact", "Impact")
        # The report has these sections: each is asked for here.
        for field, label, hint in (
            ("detection", "Detected", "how it was noticed: alert, customer..."),
            ("resolution", "Resolved", "what ended it: rollback, fix, restart..."),
        ):
            with Horizontal(classes="field", id=f"{field}-field"):
                yield Label(label, classes="label")
                yield TextEntry(
                    getattr(pm, field),
                    limit=MAX_TEXT,
                    placeholder=hint,
                    id=field,
                    compact=True,
                )

    def on_resize(self) -> None:
        self.query_one(MoreBelow).refresh_hint()

    def on_mount(self) -> None:
        table = self.query_one(ParticipantTable)
        table.add_column("name", key="name")
        table.add_column("role", width=18, key="role")
        table.add_column("in report", width=15, key="named")
        self._fill_participants()
        self._show_warnings()
        self.query_one("#title", Input).focus()

    # -- editing ------------------------------------------------------------

    def _set(self, field: str, value: object) -> None:
        if getattr(self.pm, field) == value:
            return
        try:
            setattr(self.pm, field, value)
        except ValidationError as error:
            self._message(f"{field}: {validation_message(error)}", error=True)
            return
        self.changed(self.pm)
        self._show_warnings()

    @on(Input.Changed, "#title")
    def _title(self, event: Input.Changed) -> None:
        if not event.value.strip():
            self._message("The title cannot be empty; the last one is kept", error=True)
            return
        self._set("title", event.value)
        event.input.select_on_focus = self.pm.has_generated_title

    @on(Input.Changed, "#services, #tickets, #changes")
    def _list_field(self, event: Input.Changed) -> None:
        field = event.input.id or ""
        self._set(LIST_FIELDS[field], split_list(event.value))

    @on(Input.Changed, "#facilitator, #detection, #resolution, #category")
    def _line_field(self, event: Input.Changed) -> None:
        self._set(event.input.id or "", event.value)

    @on(Input.Submitted, "#facilitator")
    def _take_suggestion(self, event: Input.Submitted) -> None:
        name = self.query_one(FacilitatorHint).take(event.value)
        if name is not None:
            event.input.value = name
            event.input.cursor_position = len(name)
        elif event.value.strip() and not facilitator_is_responder(self.pm):
            # A responder's warning stays on screen instead.
            self._message(
                f"Kept {event.value.strip()} as the facilitator; clear the field "
                "and press enter for a suggestion"
            )

    @on(Select.Changed, "#severity")
    def _severity(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self._set("severity", Severity(event.value))

    @on(TextArea.Changed, "#summary, #impact")
    def _long_text(self, event: TextArea.Changed) -> None:
        self._set(event.text_area.id or "", event.text_area.text)

    @on(Input.Submitted, "#p-name")
    def _add_participant(self, event: Input.Submitted) -> None:
        name = event.value.strip()
        if not name:
            self._message("Type a name first, then press enter", error=True)
            return
        role = self.query_one("#p-role", Select).value
        consent = self.query_one("#p-consent", Select).value is True
        # Attendees by initials ("AN, EC, WC") are that many people.
        names = re.split(r"[\s,;]+", name) if INITIALS_LIST.match(name) else [name]
        people = [
            Participant(
                name=each,
                role=Role(role) if isinstance(role, str) else self.roles[0],
                consent_named=consent,
            )
            for each in names
        ]
        self._set("participants", [*self.pm.participants, *people])
        event.input.value = ""
        # Consent is asked of each person: it never carries over to the next.
        self.query_one("#p-consent", Select).value = False
        self._fill_participants()
        self._message(f"Added {', '.join(names)}")

    def edit_participant(self, row: int, change: str) -> None:
        people = list(self.pm.participants)
        if not 0 <= row < len(people):
            return
        person = people[row]
        if change == "remove":
            del people[row]
        elif change == "consent":
            people[row] = person.model_copy(
                update={"consent_named": not person.consent_named}
            )
        else:
            roles = self.roles
            # A role this kind does not offer (an import's) steps to the first.
            at = roles.index(person.role) if person.role in roles else -1
            following = roles[(at + 1) % len(roles)]
            people[row] = person.model_copy(update={"role": following})
        self._set("participants", people)
        self._fill_participants(row)

    def _fill_participants(self, row: int | None = None) -> None:
        table = self.query_one(ParticipantTable)
        table.clear()
        for person in self.pm.participants:
            table.add_row(
                Text(person.name),
                Text(person.role.value.replace("_", " ")),
                Text("named (agreed)" if person.consent_named else "role only"),
            )
        table.display = bool(self.pm.participants)
        if row is not None and self.pm.participants:
            table.move_cursor(row=min(row, len(self.pm.participants) - 1))

    # -- messages -------------------------------------------------------------

    def _show_warnings(self) -> None:
        if facilitator_is_responder(self.pm):
            self._message(
                f"Note: {self.pm.facilitator} was also a responder; a facilitator "
                "who was not involved sees more",
                warning=True,
            )
        else:
            self._message("")

    def _message(
        self,
        text: str,
        *,
        error: bool = False,
        warning: bool = False,
    ) -> None:
        style = "bold red" if error else "yellow" if warning else ""
        # Called on every key in a field: the same line again is no work.
        show(self.query_one("#stage-message", Static), Text(text, style=style))
