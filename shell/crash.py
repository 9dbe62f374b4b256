"""An unexpected error: logged with its traceback, said in one line.

Textual has no public hook for an unhandled exception (textual#5931): it ends
the app with return code 1 and prints its traceback to ``error_console`` once
the terminal is restored. The traceback comes here instead, for the error
log; the terminal gets one line (``report_crash``), never a traceback.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from textual.app import App

from retrotui.storage import error_log

if TYPE_CHECKING:
    from retrotui.document.models import Postmortem


def log_error(db_path: Path, text: str) -> None:
    """Append ``text`` with a timestamp to the error log, if it can be written."""
    error_log.record(db_path, text)


class CrashReports(App):  # type: ignore[type-arg]
    """Mixin for the App: the one error line, and a crash's report."""

    db_path: Path
    pm: Postmortem | None

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        # The one line printed on stderr when the app ends (None: all well).
        self.error_line: str | None = None
        self._traceback = io.StringIO()
        self.error_console = Console(file=self._traceback, width=100, color_system=None)
        # The draft was saved (or copied) while the app went down.
        self.kept_on_crash = False

    def fail(self, line: str) -> None:
        """Stop with one line on stderr and exit status 1."""
        self.error_line = line
        self.exit(return_code=1)

    @property
    def crashed(self) -> bool:
        """Ended by an unhandled exception: return code 1 (Textual's, documented
        on ``App.return_code``) without a failure of ours to explain it."""
        return self.return_code == 1 and self.error_line is None

    def report_crash(self) -> None:
        """After the app ended: log the traceback of a crash and say it in one
        line (``error_line``); never a traceback on the terminal."""
        if not self.crashed:
            return
        report, last = error_log.rendered_crash_report(self._traceback.getvalue())
        where = error_log.record(
            self.db_path, report or "unexpected error, no traceback"
        )
        kept = (
            "; your draft was saved"
            if self.pm is not None and self.kept_on_crash
            else ""
        )
        self.error_line = f"unexpected error: {last or 'no details'} ({where}){kept}"
