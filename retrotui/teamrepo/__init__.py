"""The team repository: postmortems as files in git, synced with ``retro sync``.

Headless; git is run as a command (``git.py``) so the user's SSH agent,
credential helpers and config apply on every jump host.
"""
