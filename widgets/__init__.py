"""Reusable Textual widgets for retro's screens."""
