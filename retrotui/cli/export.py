"""``retro export ID --format md|json|ics|jira-csv``: the report, the full
document, the review meeting and due dates for a calendar, or the open action
items for Jira's importer."""

from __future__ import annotations

import argparse
import os
import sys

from retrotui.cli.common import add_command, store_for
from retrotui.errors import RetroError


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = add_command(
        sub,
        "export",
        "export a postmortem as Markdown, JSON, iCalendar (.ics) or Jira CSV",
        "retro export k7m2qx --format md -o postmortem.md\n"
        "  retro export k7m2qx --format ics -o review.ics",
    )
    parser.add_argument(
        "id", metavar="ID", help="postmortem id (a unique prefix is enough)"
    )
    parser.add_argument(
        "--format",
        choices=("md", "json", "ics", "jira-csv"),
        default="md",
        help="md: the report; json: the whole document; ics: the follow-up "
        "review and each open action item on its due date, as whole-day events; "
        "jira-csv: open action items for Jira's CSV importer (date format "
        "yyyy-MM-dd)",
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write here instead of stdout"
    )
    parser.set_defaults(run=run)


def render(
    pm: object, fmt: str, related: dict[str, tuple[str, str]] | None = None
) -> str:
    """The export text of ``pm`` in ``fmt`` (``md``, ``json`` or ``ics``)."""
    import orjson

    from retrotui.document.models import Postmortem
    from retrotui.reports.markdown import to_markdown

    assert isinstance(pm, Postmortem)
    if fmt in ("ics", "jira-csv"):
        from datetime import date

        from retrotui.followup.ical import to_ics
        from retrotui.followup.jira import to_jira_csv

        text, left_out = (
            to_ics(pm, date.today()) if fmt == "ics" else to_jira_csv(pm, date.today())
        )
        for line in left_out:
            print(f"retro export: left out: {line}", file=sys.stderr)
        return text
    if fmt == "json":
        return (
            orjson.dumps(
                pm.model_dump(mode="json"), option=orjson.OPT_INDENT_2
            ).decode()
            + "\n"
        )
    return to_markdown(pm, related=related)


def run(args: argparse.Namespace) -> int:
    from retrotui.reports.related import related_titles

    store = store_for(args)
    pm = store.get(args.id)
    text = render(pm, args.format, related_titles(store, pm))
    if args.output in (None, "-"):
        sys.stdout.write(text)
        return 0
    try:
        # A new file is private, like the database (a postmortem may name
        # customers and people); an existing one keeps its mode.
        fd = os.open(args.output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        # newline="": an .ics keeps the CRLF line ends RFC 5545 asks for.
        with open(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as error:
        raise RetroError(f"cannot write {args.output}: {error.strerror}") from error
    print(f"wrote {args.output}", file=sys.stderr)
    return 0
