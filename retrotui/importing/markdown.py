"""A Markdown postmortem read into a document: retro's own report, Google's
SRE template, and the headings teams use (Summary, Timeline, Contributing
Factors, Action Items, Lessons Learned, Attendees, Stats)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, tzinfo
from typing import Any

from retrotui.document.schema import (
    MAX_TEXT,
    FactorKind,
    Severity,
    Status,
    normalize_severity,
)
from retrotui.document.text import clean_text
from retrotui.importing import own_export, parts
from retrotui.importing.blocks import Document, Section, parse
from retrotui.importing.inline import plain, reader
from retrotui.importing.report import Report
from retrotui.importing.sections import LABEL_LINE, PLACEHOLDER_TITLE, role_of
from retrotui.importing.stats import read_stats
from retrotui.importing.timeline import read_timeline
from retrotui.importing.zones import declared_zone

_LESSON_LISTS = ("went_well", "went_wrong", "lucky", "confusing", "takeaways")
_TEXT_FIELDS = ("summary", "impact", "detection", "resolution")
# "**Authors:** ..." lines under the title (Google's template).
_LIST_META = {
    "services": "services",
    "service": "services",
    "systems": "services",
    "tags": "tags",
    "labels": "tags",
    "tickets": "tickets",
    "ticket": "tickets",
    "jira": "tickets",
    "incident": "tickets",
    "incident id": "tickets",
}
_KEPT_META = {
    "date",
    "status",
    "authors",
    "author",
    "owner",
    "duration",
    "document status",
}


@dataclass
class Imported:
    data: dict[str, Any]  # the document, ready for the model
    report: Report


def _labels_as_headings(text: str) -> str:
    """``**Impact**: text`` lines (Google's template) as ``## Impact`` + text."""
    out = []
    for line in text.split("\n"):
        match = LABEL_LINE.match(line)
        if match is not None and role_of(match["label"]) is not None:
            out += [f"## {match['label'].strip()}", "", match["rest"]]
        else:
            out.append(line)
    return "\n".join(out)


_DEFINITION = re.compile(
    r"^ {0,3}\[(?P<label>[^\]]+)\]:[ \t]*<?(?P<url>\S+?)>?[ \t]*$", re.M
)


def _references(text: str) -> str:
    """Reference links (``[PM2019-009]`` with a ``[PM2019-009]: url`` line)
    written inline, their definition lines gone."""
    urls = {m["label"].lower(): m["url"] for m in _DEFINITION.finditer(text)}
    if not urls:
        return text
    text = _DEFINITION.sub("", text)
    return re.sub(
        r"\[([^\[\]]+)\](?:\[([^\[\]]*)\])?(?![(:])",
        lambda m: (
            f"[{m[1]}]({urls[key]})"
            if (key := (m[2] or m[1]).lower()) in urls
            else m[0]
        ),
        text,
    )


def _title(doc: Document, fallback: str) -> tuple[str, Section | None]:
    for section in doc.sections:
        if section.level == 1 and role_of(section.title) is None:
            first = section.paragraphs()[:1]
            if PLACEHOLDER_TITLE.match(section.title.strip()) and first:
                # "# Incident Title" left from the template, "ADFS Outage" below.
                return first[0].split("\n")[0].strip(), section
            return section.title, section
    for section in doc.sections:
        if role_of(section.title) is None:
            return section.title, section
    for line in doc.preamble.text().split("\n"):
        if line.strip():
            return line.strip(), None
    return fallback, None


def _owned(section: Section, roles: dict[int, str | None]) -> list[Section]:
    """``section`` and the subsections under it that have no role of their own."""
    found = [section]
    for child in section.children:
        if roles[id(child)] is None:
            found += _owned(child, roles)
    return found


def read_markdown(
    text: str, zone: tzinfo | None = None, fallback_title: str = "Imported postmortem"
) -> Imported:
    """Read the postmortem in ``text``; ``zone`` is for times when the document
    declares none (without either, ``ZoneNeeded`` is raised)."""
    report = Report()
    text = clean_text(text.lstrip("\ufeff"))
    first = parse(text)
    title, title_section = _title(first, fallback_title)
    own = own_export.is_own_export(first, title_section)
    if own:
        # The report's placeholder for an empty part (user text cannot write
        # it: its underscores would be escaped).
        doc = parse(re.sub(r"(?m)^_None recorded\._$", "", text))
    else:
        doc = parse(_labels_as_headings(_references(text)))
    title, title_section = _title(doc, fallback_title)
    text_of = reader(own)
    roles = {id(s): role_of(s.title) for s in doc.sections}
    if title_section is not None:
        roles[id(title_section)] = "title"
    by_role: dict[str, list[Section]] = {}
    kept: list[Section] = []
    for section in doc.sections:
        role = roles[id(section)]
        if role is not None:
            by_role.setdefault(role, []).extend(_owned(section, roles))
        elif _parent_role(doc, section, roles) in (None, "title"):
            kept.append(section)
    data: dict[str, Any] = {"title": plain(title) if not own else text_of(title)}
    data["status"] = Status.published
    ids = own_export.identities(doc) if own else None
    if own:
        data.update(own_export.meta(title_section, doc))
        stated = [own_export.stated_minutes(s) for s in by_role.get("timeline", [])]
        data["stated_minutes"] = {k: v for found in stated for k, v in found.items()}
    else:
        _intro(title_section, doc, data, text_of, report)
        # A write-up that gives no severity keeps none: retro does not guess.
        data.setdefault("severity", Severity.unknown)
    for field in _TEXT_FIELDS:
        body = "\n\n".join(s.text() for s in by_role.get(field, []) if s.text().strip())
        if body:
            data[field] = text_of(body)
    intro = data.pop("intro", "")
    if intro:
        data["summary"] = "\n\n".join(p for p in (intro, data.get("summary")) if p)
    timeline_sections = by_role.get("timeline", [])
    declared = _declared(timeline_sections, doc)
    if declared is not None and zone is not None and declared[0] != zone:
        report.warnings.append(
            f"the document says {declared[1]!r}: that zone is used, not --tz"
        )
    events = read_timeline(
        timeline_sections, text_of, declared[0] if declared else zone, report
    )
    data["timeline"] = events
    if events:
        # `retro list` dates and orders postmortems by this: an imported one
        # belongs with its incident, not with the day it was imported.
        data["created"] = min(e["at"] for e in events)
    as_of = min((e["at"] for e in events), default=None)
    as_of_day = as_of.date() if as_of else date.today()
    if own:
        data["factors"] = [
            f for s in by_role.get("factors", []) for f in own_export.factors(s)
        ]
        own_export.give_factor_ids(data["factors"], ids, report)
        listed = [a for a in (ids or {}).get("actions", []) if isinstance(a, list)]
        data["actions"] = [
            a
            for s in by_role.get("actions", [])
            for a in own_export.actions(s, [f["id"] for f in data["factors"]], listed)
        ]
        data["participants"] = [
            p
            for s in by_role.get("attendees", [])
            for p in own_export.participants(s, report)
        ]
    else:
        data["factors"] = (
            [
                f
                for s in by_role.get("factors", [])
                for f in parts.factors(s, text_of, FactorKind.enabling)
            ]
            + [
                f
                for s in by_role.get("trigger", [])
                for f in parts.factors(s, text_of, FactorKind.trigger)
            ]
            + [f for s in by_role.get("whys", []) for f in parts.why_chain(s, text_of)]
        )
        data["services"] = [
            name.strip()
            for s in by_role.get("services", [])
            for entry in parts.lines(s, text_of)
            for name in re.split(r"[,;\n]", entry)
            if name.strip(" -*")
        ]
        data["actions"] = [
            a
            for s in by_role.get("actions", [])
            for a in parts.actions(s, text_of, as_of_day, report)
        ]
        data["participants"] = [
            p
            for s in by_role.get("attendees", [])
            for p in parts.attendees(s, text_of, report)
        ]
    _lessons(by_role, text_of, data)
    if not own:
        read_stats(by_role.get("stats", []), text_of, data, report)
        kept = [*kept, *by_role.get("related", [])]
    for section in kept:
        report.keep(
            f"section {section.title!r} is not one retro knows; kept in the notes",
            f"## {section.title}\n\n{section.text()}",
        )
    notes = [text_of(s.text()) for s in by_role.get("notes", []) if s.text().strip()]
    if report.kept:
        notes.append("Kept as written (retro has no field for it):")
        notes += report.kept
    if notes:
        data["notes"] = "\n\n".join(notes)
    if own:
        own_export.place(data, ids, report)
    _fit(data, report)
    return Imported(data, report)


def _parent_role(
    doc: Document, section: Section, roles: dict[int, str | None]
) -> str | None:
    for candidate in doc.sections:
        if any(child is section for child in candidate.children):
            return roles[id(candidate)] or _parent_role(doc, candidate, roles)
    return None


def _declared(timeline: list[Section], doc: Document) -> tuple[tzinfo, str] | None:
    for section in timeline:
        found = declared_zone(section.text())
        if found is not None:
            return found
    return declared_zone(
        doc.preamble.text()
        + "\n"
        + "\n".join(
            s.text() for s in doc.sections if role_of(s.title) in (None, "summary")
        )
    )


def _intro(
    title: Section | None, doc: Document, data: dict, text_of: Any, report: Report
) -> None:
    """Text between the title and the first section: a summary when nothing
    else is called one."""
    intro = (title.text() if title is not None else doc.preamble.text()).strip()
    first, _, rest = intro.partition("\n")
    if text_of(first).strip() == data["title"]:
        intro = rest.strip()  # the title, under a template's placeholder
    lines = []
    for line in intro.split("\n"):
        match = LABEL_LINE.match(line)
        key = match["label"].strip().lower() if match else ""
        value = text_of(match["rest"]).strip() if match else ""
        if key in _LIST_META and value:
            field = _LIST_META[key]
            data.setdefault(field, []).extend(
                v.strip() for v in re.split(r"[,;]", value) if v.strip()
            )
        elif key == "category" and value and not data.get("category"):
            data["category"] = value
        elif key in ("severity", "sev", "priority") and normalize_severity(value) in {
            s.value for s in Severity
        }:
            data["severity"] = normalize_severity(value)
        elif key in _KEPT_META:
            report.kept.append(text_of(line))  # understood, no field for it
        else:
            lines.append(line)
    intro = "\n".join(lines).strip()
    if intro:
        data["intro"] = text_of(intro)


def _lessons(by_role: dict[str, list[Section]], text_of: Any, data: dict) -> None:
    for role in _LESSON_LISTS:
        data[role] = [
            entry for s in by_role.get(role, []) for entry in parts.lines(s, text_of)
        ]
    for number, section in enumerate(by_role.get("lessons", [])):
        entries = parts.lines(section, text_of)
        if number and section.title:
            # A subsection of the lessons ("General"): its heading leads.
            entries = [f"{text_of(section.title)}: {entry}" for entry in entries]
        data["takeaways"] += entries


def _fit(data: dict[str, Any], report: Report) -> None:
    """Text longer than a field holds is cut, with a warning naming it."""
    for key, value in list(data.items()):
        if isinstance(value, str) and len(value) > MAX_TEXT:
            report.warnings.append(
                f"{key}: {len(value):,} characters, more than {MAX_TEXT:,}; cut"
            )
            data[key] = value[:MAX_TEXT]
