"""The ``retro`` command line: the entry point and one module per command."""

from retrotui.cli.entry import main

__all__ = ["main"]
