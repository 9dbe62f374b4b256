"""The interview: its script as data."""
