"""User text in the Markdown report renders as typed, never as structure.

The report is parsed with a CommonMark parser (markdown-it-py, with GitHub's
tables and strikethrough): a document whose fields hold nasty text must give
the same tree as one whose fields hold plain text of the same line shape, and
the text in that tree must be the user's, character for character.
"""

from __future__ import annotations

import re
from itertools import cycle
from typing import Any

import pytest
from factories import incident
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from pydantic import ValidationError

from retrotui.document.models import Participant, Postmortem
from retrotui.reports.markdown import OPEN_QUESTION, to_markdown
from retrotui.reports.md_text import (
    escape_block,
    escape_cell,
    escape_inline,
    unescape,
)

PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
# Stands for one character of user text in the reference document.
MARK = "\u2588"


def put(pm: Postmortem, field: str, text: str) -> None:
    """Set one user-text field of ``pm`` (validated as the app would)."""
    if field == "went_well":
        pm.went_well = [text]
    elif field in ("factor", "why"):
        factor = pm.factors[1].model_dump()
        factor.update({"text": text} if field == "factor" else {"whys": [text]})
        pm.factors = [pm.factors[0], factor]
    elif field in ("action", "owner"):
        action = pm.actions[0].model_dump()
        action["text" if field == "action" else "owner"] = text
        pm.actions = [action]
    elif field == "event":
        event = pm.timeline[0].model_dump()
        event["text"] = text
        pm.timeline = [event, *pm.timeline[1:]]
    elif field == "participant":
        pm.participants = [Participant(name=text, consent_named=True)]
    elif field == "service":
        pm.services = [text]
    else:
        setattr(pm, field, text)


def stored(pm: Postmortem, field: str) -> str:
    """What the model kept of the text (cleaned as the app cleans it)."""
    return {
        "went_well": lambda: pm.went_well[0],
        "factor": lambda: pm.factors[1].text,
        "why": lambda: pm.factors[1].whys[0],
        "action": lambda: pm.actions[0].text,
        "owner": lambda: pm.actions[0].owner,
        "event": lambda: pm.timeline[0].text,
        "participant": lambda: pm.participants[0].name,
        "service": lambda: pm.services[0],
    }.get(field, lambda: getattr(pm, field))()


def inline_text(token: Any) -> str:
    parts = []
    for child in token.children or []:
        line_break = child.type in ("hardbreak", "softbreak") or (
            child.type == "html_inline" and child.content == "<br>"
        )
        if line_break:
            parts.append("\n")
        else:
            parts.append(child.content)
    return "".join(parts)


def shape(tokens: list[Any]) -> list[tuple[Any, ...]]:
    """The tree without its text: block tokens and inline kinds."""
    out = []
    for token in tokens:
        kinds = []
        for child in token.children or []:
            kind = "text" if child.type == "text" else (child.type, child.content)
            if not (kind == "text" and kinds and kinds[-1] == "text"):
                kinds.append(kind)
        out.append((token.type, token.tag, token.nesting, token.level, tuple(kinds)))
    return out


def texts(tokens: list[Any]) -> list[str]:
    return [inline_text(t) for t in tokens if t.type == "inline"]


FIELDS = [
    "title",
    "summary",
    "impact",
    "went_well",
    "factor",
    "why",
    "action",
    "owner",
    "event",
    "participant",
    "service",
]
LINE_FIELDS = {"title", "owner", "participant", "service"}

NASTY = st.lists(
    st.sampled_from(
        list("#*_-+=>`~<>|[]()!\\&$.:;19 \t\nax") + ["---", "===", "1)", "    "]
    ),
    min_size=1,
    max_size=30,
).map("".join)


def check(field: str, raw: str) -> bool:
    """Render ``raw`` in ``field``; False when the model refuses or drops it."""
    pm = incident()
    try:
        put(pm, field, raw)
        text = stored(pm, field)
    except (ValidationError, IndexError):
        return False
    reference = incident()
    put(reference, field, re.sub(r"[^\n]", MARK, text))
    # The SMART gaps under the actions and a factor's "open question" depend
    # on what the text says, not on how it is escaped (never quoting it).
    nasty_md, reference_md = (
        re.sub(
            r"\nSMART gaps, as written:\n\n(?:- Action \d+: .*\n)+", "\n", md
        ).replace(OPEN_QUESTION, "")
        for md in (to_markdown(pm), to_markdown(reference))
    )
    # Each document parsed once: its shape and its texts come from one tree.
    nasty, reference_tree = PARSER.parse(nasty_md), PARSER.parse(reference_md)
    assert shape(nasty) == shape(reference_tree), nasty_md
    # Each run of marks in the reference is one line of the user's text.
    lines = cycle([line for line in text.split("\n") if line])
    expected = [
        re.sub(f"{MARK}+", lambda _: next(lines), line)
        for line in texts(reference_tree)
    ]
    assert texts(nasty) == expected
    return True


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(FIELDS), raw=NASTY)
def test_user_text_never_becomes_structure(field: str, raw: str) -> None:
    assume(check(field, raw))


# The cases of the report (issue 17), each at every position.
@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize(
    "raw",
    [
        "Intro\n---\nafter",
        "Intro\n===",
        "Intro\n\n    indented code?",
        "first\n---\nsecond",
        "1) one",
        "2. two\n- three\n> four\n# five",
        "***\n___\n- - -",
        "```\nfenced\n```",
        "<div>html</div> &amp; [link](x) ![img](y) <http://x>",
        "a | b\n--- | ---\nc | d",
        "[ref]: http://example.com",
        "trailing  \nspaces\\",
        "~~strike~~ $math$ *em* _em_ `code`",
    ],
)
def test_known_injections_render_as_typed(field: str, raw: str) -> None:
    if field in LINE_FIELDS:
        raw = raw.replace("\n", " ")
    assert check(field, raw)


@given(text=st.text(max_size=60), indent=st.sampled_from(["", "  ", "     "]))
def test_escaping_is_reversible(text: str, indent: str) -> None:
    assert unescape(escape_block(text, indent), indent) == text
    assert unescape(escape_cell(text)) == text
    line = text.replace("\n", " ")
    assert unescape(escape_inline(line)) == line


def test_a_numbered_line_keeps_no_stray_backslash() -> None:
    pm = incident()
    pm.summary = "1) one\n2. two"
    md = to_markdown(pm)
    assert "1\\) one" in md and "\\1" not in md
    assert "<p>1) one<br />\n2. two</p>" in PARSER.render(md)
