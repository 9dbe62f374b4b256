"""Bringing in what already exists: Markdown postmortems and timeline evidence."""
