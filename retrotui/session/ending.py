"""Making sure a process whose terminal is gone ends once its work is saved."""

from __future__ import annotations

import os
import threading


def end_process_soon(code: int, grace: float) -> None:
    """End the process with ``code`` after ``grace`` seconds unless it has ended.

    When the terminal itself is gone (a dropped SSH session), the UI's
    orderly shutdown can block for good on it; called once the work is saved,
    this keeps a shared host free of one orphan per dropped session.
    """
    timer = threading.Timer(grace, os._exit, (code,))
    timer.daemon = True
    timer.start()
