"""Running git as a command, with failures turned into one line for the user."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from retrotui.errors import RetroError


class GitError(RetroError):
    """git failed; the message is one line naming what to do."""


class PushRejected(GitError):
    """The remote has commits this clone has not merged yet."""


# stderr phrases, worst first, and the line the user gets for them.
_NO_NETWORK = "no network: {remote} cannot be reached ({detail}); sync later"
_KNOWN = (
    ("could not resolve host", _NO_NETWORK),
    ("failed to connect", _NO_NETWORK),
    ("connection refused", _NO_NETWORK),
    ("connection timed out", _NO_NETWORK),
    ("network is unreachable", _NO_NETWORK),
    ("no route to host", _NO_NETWORK),
    ("permission denied", "{remote} refused access (check your SSH key): {detail}"),
    ("authentication failed", "{remote} refused the credentials: {detail}"),
    ("does not appear to be a git repository", "{remote} is not a git repository"),
    ("not found", "{remote} not found: {detail}"),
    ("could not read from remote", "cannot reach {remote}: {detail}"),
    (
        "please tell me who you are",
        "git does not know who you are: run "
        "git config --global user.name 'Your Name' and user.email you@example.com",
    ),
)


def git(
    clone: Path | None, *args: str, check: bool = True, remote: str = "the remote"
) -> subprocess.CompletedProcess[str]:
    """Run ``git args`` in ``clone``; a failure raises GitError with one line."""
    done = subprocess.run(
        _command(clone, args),
        capture_output=True,
        text=True,
        env=_env(),
        stdin=subprocess.DEVNULL,
    )
    if check and done.returncode != 0:
        raise GitError(failure_line(args[0], done.stderr, remote))
    return done


def cat_files(clone: Path, names: list[str]) -> list[bytes | None]:
    """The contents of each ``commit:path`` in ``names`` from one git process
    (one ``git show`` each cost a second per hundred files); None where the
    path is not in that commit."""
    if not names:
        return []
    done = subprocess.run(
        _command(clone, ("cat-file", "--batch")),
        input="".join(f"{name}\n" for name in names).encode(),
        capture_output=True,
        env=_env(),
    )
    if done.returncode != 0:
        stderr = done.stderr.decode("utf-8", "replace")
        raise GitError(failure_line("cat-file", stderr, "the clone"))
    found: list[bytes | None] = []
    data, at = done.stdout, 0
    for _ in names:
        end = data.index(b"\n", at)
        header = data[at:end].split()
        at = end + 1
        if len(header) != 3:  # "<name> missing"
            found.append(None)
            continue
        size = int(header[2])
        found.append(data[at : at + size] if header[1] == b"blob" else None)
        at += size + 1
    return found


def _command(clone: Path | None, args: tuple[str, ...]) -> list[str]:
    exe = shutil.which("git")
    if exe is None:
        raise GitError("git is not installed (or not on PATH); install git to sync")
    return [exe, *(["-C", str(clone)] if clone is not None else []), *args]


def _env() -> dict[str, str]:
    return {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}


def failure_line(step: str, stderr: str, remote: str) -> str:
    """One line for a failed git ``step``, from its stderr."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    for phrase, message in _KNOWN:
        said = [line for line in lines if phrase in line.lower()]
        if said:
            # The line that says it ("ssh: connect to host ...: Connection
            # refused"), not git's generic "Could not read from remote".
            return message.format(remote=remote, detail=_detail(said))
    return f"git {step} failed: {_detail(lines) or 'no message'}"


def _detail(lines: list[str]) -> str:
    """The most telling stderr line: a remote's own words, else an error line."""
    for prefix in ("remote: ", "fatal: ", "error: "):
        found = [line for line in lines if line.lower().startswith(prefix)]
        if found:
            text = found[0] if prefix != "remote: " else found[-1]
            return text[len(prefix) :].strip()[:200]
    return lines[-1][:200] if lines else ""


def out(clone: Path, *args: str) -> str:
    """The stdout of a git command that must succeed, stripped."""
    return git(clone, *args).stdout.strip()


def rev(clone: Path, name: str) -> str | None:
    """The commit ``name`` names, or None (an unborn branch, no such ref)."""
    done = git(
        clone, "rev-parse", "--verify", "--quiet", f"{name}^{{commit}}", check=False
    )
    return done.stdout.strip() or None
