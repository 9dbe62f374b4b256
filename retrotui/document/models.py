"""The postmortem document: the one definition used by the store, CLI and TUI."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Annotated, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
)

from retrotui.document.ids import (
    ID_PATTERN,
    ITEM_ID_PATTERN,
    ITEM_LISTS,
    new_id,
    new_item_id,
)
from retrotui.document.schema import (  # noqa: F401 - re-exported: the models' vocabulary
    MAX_LINE,
    MAX_NAME,
    MAX_TEXT,
    MILESTONE_ORDER,
    SCHEMA_VERSION,
    ActionStatus,
    ActionType,
    FactorCategory,
    FactorKind,
    Kind,
    Milestone,
    Precision,
    Priority,
    Role,
    Severity,
    Status,
    normalize_severity,
    now,
)
from retrotui.document.text import clean_line, clean_text


def _text(value: object) -> object:
    return clean_text(value).strip() if isinstance(value, str) else value


def _line(value: object) -> object:
    return clean_line(value) if isinstance(value, str) else value


def _aware(value: datetime) -> datetime:
    # A naive time is taken as the machine's local time, never silently as UTC.
    return value if value.tzinfo else value.astimezone()


# A stated duration longer than ten years is a typing slip.
MAX_MINUTES = 10 * 366 * 24 * 60
Text = Annotated[str, BeforeValidator(_text), Field(max_length=MAX_TEXT)]
Line = Annotated[str, BeforeValidator(_line), Field(max_length=MAX_LINE)]
Name = Annotated[str, BeforeValidator(_line), Field(min_length=1, max_length=MAX_NAME)]
AwareDatetime = Annotated[datetime, AfterValidator(_aware)]
ItemId = Annotated[str, BeforeValidator(_line), Field(pattern=ITEM_ID_PATTERN)]


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="ignore", validate_assignment=True, defer_build=True
    )


class Participant(_Model):
    name: Name
    role: Role = Role.responder
    # Shared output (the report) names the person only with consent; the
    # others are counted by role (reports/markdown.participant_lines).
    consent_named: bool = False


class TimelineEvent(_Model):
    id: ItemId = Field(default_factory=lambda: new_item_id("e"))
    at: AwareDatetime
    text: Text = Field(min_length=1)
    milestone: Milestone | None = None
    # How much of the time the record gives ("2022-05-??" is a month): an
    # event known to less than the minute is only placed in order by ``at``.
    precision: Precision = Precision.minute
    source: Line = ""
    link: Line = ""

    @property
    def exact(self) -> bool:
        return self.precision is Precision.minute


class Factor(_Model):
    id: ItemId = Field(default_factory=lambda: new_item_id("f"))
    text: Text = Field(min_length=1)
    category: FactorCategory = FactorCategory.technology
    kind: FactorKind = FactorKind.enabling
    whys: list[Text] = Field(default_factory=list)


class ActionItem(_Model):
    id: ItemId = Field(default_factory=lambda: new_item_id("a"))
    text: Text = Field(min_length=1)
    owner: Line = ""
    due: date | None = None
    due_text: Line = ""
    done_when: Text = ""
    # Sub-steps, in order ("drain the node", "cordon it", "replace it"): real
    # action items often have them.
    steps: list[Text] = Field(default_factory=list)
    type: ActionType = ActionType.prevent
    priority: Priority = Priority.p1
    factor_ids: list[ItemId] = Field(default_factory=list)
    status: ActionStatus = ActionStatus.open
    tracker: Line = ""
    # When and why the item left "open": the evidence it was done (a note or
    # a URL) or the reason it was dropped; cleared when it is reopened.
    closed_on: date | None = None
    closing_note: Text = ""

    @field_validator("factor_ids")
    @classmethod
    def _once_each(cls, values: list[str]) -> list[str]:
        return list(dict.fromkeys(values))

    def is_overdue(self, today: date) -> bool:
        return (
            self.status is ActionStatus.open
            and self.due is not None
            and self.due < today
        )


class MergeConflict(_Model):
    """A field two writers changed differently; ``mine`` stayed in the field.

    Kept in the document (and shown by the app and the report) until someone
    edits the field: nothing typed on either side is dropped.
    """

    field: Line
    mine: Text = ""
    theirs: Text = ""
    at: AwareDatetime = Field(default_factory=now)


_Item = TypeVar("_Item", TimelineEvent, Factor, ActionItem)


class Postmortem(_Model):
    """One postmortem or quick note, as stored (one TinyDB document)."""

    schema_version: int = SCHEMA_VERSION
    # Counted up by the store on every write: a save that read revision N
    # finds out whether someone else wrote in between (see Store.save).
    revision: int = Field(default=0, ge=0)
    id: str = Field(default_factory=new_id)
    kind: Kind = Kind.incident
    title: Line = Field(min_length=1)
    severity: Annotated[Severity, BeforeValidator(normalize_severity)] = Severity.sev3
    status: Status = Status.draft
    services: list[Line] = Field(default_factory=list)
    # What kind of incident it was ("Kubernetes", "DNS"): one word teams
    # sort their postmortems by, beside the services and free tags.
    category: Line = ""
    tags: list[Line] = Field(default_factory=list)
    tickets: list[Line] = Field(default_factory=list)
    changes: list[Line] = Field(default_factory=list)
    summary: Text = ""
    impact: Text = ""
    detection: Text = ""
    resolution: Text = ""
    escalated: bool = False
    participants: list[Participant] = Field(default_factory=list)
    facilitator: Line = ""
    timeline: list[TimelineEvent] = Field(default_factory=list)
    went_well: list[Text] = Field(default_factory=list)
    went_wrong: list[Text] = Field(default_factory=list)
    lucky: list[Text] = Field(default_factory=list)
    confusing: list[Text] = Field(default_factory=list)
    factors: list[Factor] = Field(default_factory=list)
    actions: list[ActionItem] = Field(default_factory=list)
    takeaways: list[Text] = Field(default_factory=list)
    # Durations the record states (a write-up's "Time to detection: 30
    # minutes") by the milestone they lead to, in minutes: shown as stated
    # beside what the timeline gives, never mixed into it.
    stated_minutes: dict[Milestone, Annotated[int, Field(ge=0, le=MAX_MINUTES)]] = (
        Field(default_factory=dict)
    )
    # What an import did not understand, kept verbatim so nothing is dropped.
    notes: Text = ""
    follow_up_on: date | None = None
    related: list[Line] = Field(default_factory=list)
    promoted_from: Line = ""
    promoted_to: Line = ""
    phase: Line = ""
    # Text typed into an entry line and not added yet, by "<phase>:<entry>", so
    # a quit or a dropped connection gives it back instead of losing it.
    unsent: dict[Line, Text] = Field(default_factory=dict)
    conflicts: list[MergeConflict] = Field(default_factory=list)
    created: AwareDatetime = Field(default_factory=now)
    updated: AwareDatetime = Field(default_factory=now)

    @field_validator("id")
    @classmethod
    def _check_id(cls, value: str) -> str:
        value = value.strip().lower()
        if not ID_PATTERN.match(value):
            raise ValueError(
                "an id is 3-40 lowercase letters, digits or dashes, such as k7m2qx"
            )
        return value

    @field_validator("services", "tags", "tickets", "changes", "related")
    @classmethod
    def _drop_empty(cls, values: list[str]) -> list[str]:
        seen: list[str] = []
        for value in values:
            if value and value not in seen:
                seen.append(value)
        return seen

    @field_validator(*ITEM_LISTS)
    @classmethod
    def _unique_item_ids(cls, items: list[_Item]) -> list[_Item]:
        # Links (an action's factors) and merges go by item id: one id, one
        # item.  A later duplicate (a hand edit, another tool) gets a new id.
        seen: set[str] = set()
        unique = []
        for item in items:
            if item.id in seen:
                prefix = item.id.split("-")[0] if "-" in item.id else "x"
                new = new_item_id(prefix)
                while new in seen:
                    new = new_item_id(prefix)
                item = item.model_copy(update={"id": new})
            seen.add(item.id)
            unique.append(item)
        return unique

    def sorted_timeline(self) -> list[TimelineEvent]:
        return sorted(self.timeline, key=lambda event: event.at)

    def _milestone_event(self, milestone: Milestone) -> TimelineEvent | None:
        marked = [e for e in self.timeline if e.milestone is milestone]
        return min(marked, key=lambda e: e.at) if marked else None

    def milestone_time(self, milestone: Milestone) -> datetime | None:
        """The earliest event marked with ``milestone``, if any."""
        event = self._milestone_event(milestone)
        return event.at if event is not None else None

    def _since_start(self, milestone: Milestone) -> timedelta | None:
        # An end known only to the day (or not at all) gives no duration.
        start = self._milestone_event(Milestone.started)
        end = self._milestone_event(milestone)
        if start is None or end is None or not (start.exact and end.exact):
            return None
        return end.at - start.at

    def time_to(self, milestone: Milestone) -> timedelta | None:
        """From the 'started' milestone to ``milestone``, both exact."""
        return self._since_start(milestone)

    def stated(self, milestone: Milestone) -> timedelta | None:
        """The time to ``milestone`` as the record states it, if it does."""
        minutes = self.stated_minutes.get(milestone)
        return None if minutes is None else timedelta(minutes=minutes)

    @property
    def time_to_detect(self) -> timedelta | None:
        return self._since_start(Milestone.detected)

    @property
    def time_to_acknowledge(self) -> timedelta | None:
        return self._since_start(Milestone.acknowledged)

    @property
    def time_to_mitigate(self) -> timedelta | None:
        return self._since_start(Milestone.mitigated)

    @property
    def time_to_resolve(self) -> timedelta | None:
        return self._since_start(Milestone.resolved)

    @property
    def duration(self) -> timedelta | None:
        """How long the incident lasted: started to resolved (or mitigated)."""
        return self.time_to_resolve or self.time_to_mitigate

    def milestone_warnings(self) -> list[str]:
        """Milestones out of their natural order: a warning, never an error."""
        # An approximate time only places its event: no order to warn about.
        present = [
            (m, e.at)
            for m in MILESTONE_ORDER
            if (e := self._milestone_event(m)) is not None and e.exact
        ]
        warnings = []
        for index, (earlier, t_earlier) in enumerate(present):
            for later, t_later in present[index + 1 :]:
                if t_later < t_earlier:
                    warnings.append(
                        f"'{later.value}' ({t_later:%Y-%m-%d %H:%M}) comes before "
                        f"'{earlier.value}' ({t_earlier:%Y-%m-%d %H:%M})"
                    )
        return warnings

    def incident_date(self) -> date:
        """The day the incident started (first event), else the creation day."""
        start = self.milestone_time(Milestone.started)
        if start is None and self.timeline:
            start = min(e.at for e in self.timeline)
        return (start or self.created).date()

    def factor(self, factor_id: str) -> Factor | None:
        return next((f for f in self.factors if f.id == factor_id), None)

    @property
    def has_generated_title(self) -> bool:
        """Whether the title is still the one retro gave a draft started
        without one: a default to type over, not words anyone wrote."""
        return _GENERATED_TITLE.fullmatch(self.title) is not None


# Matched by shape, not against ``created``: a stored time may come back in
# another zone, on another day.
_GENERATED_TITLE = re.compile(r"Incident on \d{4}-\d{2}-\d{2}")


def generated_title(when: datetime) -> str:
    """The title of a draft started without one."""
    return f"Incident on {when:%Y-%m-%d}"


# Milestones a duration leads to, with the words the report and screens use.
DURATION_NAMES = {
    Milestone.detected: "detect",
    Milestone.acknowledged: "acknowledge",
    Milestone.mitigated: "mitigate",
    Milestone.resolved: "resolve",
}


def duration_text(derived: timedelta | None, stated: timedelta | None) -> str:
    """``1h 05m`` from the timeline, ``30m (stated)`` when only the record
    says, ``1h 05m (stated 1h)`` when both differ (``(as stated)`` when they
    agree); ``-`` when neither."""
    if stated is None:
        return format_duration(derived)
    if derived is None:
        return f"{format_duration(stated)} (stated)"
    if format_duration(derived) == format_duration(stated):
        return f"{format_duration(derived)} (as stated)"
    return f"{format_duration(derived)} (stated {format_duration(stated)})"


def format_duration(value: timedelta | None) -> str:
    """``1h 05m`` style; ``-`` when unknown."""
    if value is None:
        return "-"
    seconds = int(value.total_seconds())
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        return f"{sign}{days}d {hours:02d}h {minutes:02d}m"
    if hours:
        return f"{sign}{hours}h {minutes:02d}m"
    return f"{sign}{minutes}m"
