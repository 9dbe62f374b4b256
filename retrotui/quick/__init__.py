"""Minor incidents: the questionary flow, the note document, promotion to a full postmortem."""
