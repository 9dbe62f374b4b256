"""What an import could not take as it was: warnings for the user, and the
verbatim text kept with the document so nothing is dropped."""

from __future__ import annotations

from dataclasses import dataclass, field

from retrotui.errors import RetroError


class ZoneNeeded(RetroError):
    """Times without a declared zone: the caller must name one (``--tz``)."""


@dataclass
class Report:
    warnings: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # verbatim, for the notes

    def keep(self, warning: str, verbatim: str) -> None:
        self.warnings.append(warning)
        if verbatim.strip():
            self.kept.append(verbatim.strip("\n"))
