"""The Textual app shell's parts, one job each; ``retrotui/app.py`` puts
them together into ``RetroApp``. With ``screens/`` and ``widgets/`` the only
code that imports Textual."""
