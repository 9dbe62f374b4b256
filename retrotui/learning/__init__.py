"""Learning across postmortems: search and "this happened before".

Headless: the CLI (and later the app) hands in postmortems read through the
Store and gets ranked results back. rapidfuzz is imported inside the functions
that rank, so importing this package costs nothing.
"""
