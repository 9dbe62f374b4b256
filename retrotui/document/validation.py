"""Pydantic validation errors as one friendly line."""

from __future__ import annotations

from pydantic import ValidationError

SHOWN = 3


def describe(error: ValidationError) -> str:
    """``title: must not be empty; timeline.0.at: not a date and time``."""
    parts = []
    for item in error.errors():
        where = ".".join(str(part) for part in item["loc"]) or "document"
        message = item["msg"]
        if (
            item["type"] == "string_too_short"
            and item.get("ctx", {}).get("min_length") == 1
        ):
            message = "must not be empty"
        elif item["type"] == "missing":
            message = "is missing"
        elif item["type"] == "string_pattern_mismatch":
            # Only ids have a pattern: say what one looks like, not the regex.
            message = "is not an id (1-40 letters, digits, '.', '_' or '-')"
        parts.append(f"{where}: {message.removeprefix('Value error, ')}")
    # A huge document can fail in thousands of places: the first few say what.
    more = f"; and {len(parts) - SHOWN} more" if len(parts) > SHOWN else ""
    return "; ".join(parts[:SHOWN]) + more
