"""Errors the front doors turn into one line for the user."""


class RetroError(Exception):
    """An operation was refused or failed; the message is for the user."""


class UsageError(RetroError):
    """The command line was wrong (exit status 2)."""


class StoreError(RetroError):
    """The database file cannot be used; the message names it."""


class NotFound(RetroError):
    """No postmortem has the id asked for."""
