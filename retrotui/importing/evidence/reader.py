"""Which kind of evidence a file is, and its events: the reader for each
kind lives in its own module."""

from __future__ import annotations

import re
from datetime import date, tzinfo
from pathlib import Path

import orjson

from retrotui.errors import RetroError
from retrotui.importing import files
from retrotui.importing.evidence import lines, shell, slack, tools
from retrotui.importing.evidence.found import Reading

KINDS = ("auto", "lines", "csv", "slack", "bash", "zsh", "git", "kubectl")


def read_text(
    text: str, name: str, zone: tzinfo, day: date, kind: str = "auto"
) -> Reading:
    """The events in ``text``; ``kind`` forces a reader (``auto`` guesses)."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    stripped = text.lstrip()
    if kind in ("slack", "kubectl") or (kind == "auto" and stripped[:1] in "[{"):
        try:
            data = orjson.loads(text)
        except orjson.JSONDecodeError as error:
            if kind != "auto":
                raise RetroError(f"{name} is not valid JSON ({error})") from error
            data = None
        if slack.looks_like(data) and kind in ("auto", "slack"):
            return slack.read_slack(data, zone)
        if tools.looks_like_kubectl(data) and kind in ("auto", "kubectl"):
            return tools.read_kubectl(data, zone)
        if data is not None or kind != "auto":
            raise RetroError(
                f"{name} is JSON but neither a Slack export (messages with ts and "
                "text) nor kubectl events (-o json)"
            )
    head = text[:4000].split("\n")
    if kind == "zsh" or (
        kind == "auto"
        and sum(bool(shell.ZSH_LINE.match(x)) for x in head)
        >= len([x for x in head if x.strip()]) // 2
        > 0
    ):
        return shell.read_zsh(text, zone)
    if kind == "bash" or (
        kind == "auto" and any(shell.BASH_STAMP.match(x) for x in head)
    ):
        return shell.read_bash(text, zone)
    if kind == "git" or (kind == "auto" and tools.looks_like_git(text)):
        return tools.read_git(text, zone)
    if kind == "csv" or (kind == "auto" and lines.looks_like_csv(text)):
        return lines.read_csv(text, zone, day)
    return lines.read_lines(text, zone, day)


def read_source(source: str, zone: tzinfo, day: date, kind: str = "auto") -> Reading:
    """A file, standard input (``-``) or a Slack export folder (its day files,
    with ``users.json`` beside or above them naming people)."""
    path = Path(source)
    if source != "-" and path.is_dir():
        return _slack_folder(path, zone)
    return read_text(files.read_text(source), files.shown(source), zone, day, kind)


def _slack_folder(folder: Path, zone: tzinfo) -> Reading:
    days = sorted(
        p for p in folder.glob("*.json") if re.match(r"\d{4}-\d{2}-\d{2}", p.name)
    )
    if not days:
        raise RetroError(
            f"{files.shown(str(folder))} holds no Slack day files (2026-11-20.json)"
        )
    names = _slack_users(folder)
    reading = Reading("Slack export")
    for day_file in days:
        try:
            data = orjson.loads(files.read_text(str(day_file)) or "[]")
        except orjson.JSONDecodeError as error:
            raise RetroError(
                f"{files.shown(str(day_file))} is not valid JSON ({error})"
            ) from error
        if not slack.looks_like(data):
            continue
        part = slack.read_slack(data, zone, names)
        reading.events += part.events
        reading.skipped += part.skipped
    return reading


def _slack_users(folder: Path) -> dict[str, str]:
    for candidate in (folder / "users.json", folder.parent / "users.json"):
        if candidate.is_file():
            try:
                users = orjson.loads(files.read_text(str(candidate)))
            except (RetroError, orjson.JSONDecodeError):
                return {}
            return {
                u["id"]: (u.get("real_name") or u.get("name") or u["id"])
                for u in users
                if isinstance(u, dict) and isinstance(u.get("id"), str)
            }
    return {}
