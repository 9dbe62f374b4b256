"""Where postmortems are kept: the TinyDB store, its file format, paths and summaries."""
