"""retrotui: blameless postmortems from the terminal (headless core)."""

__version__ = "0.1.0"
