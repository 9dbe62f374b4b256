"""The postmortem document: model, vocabulary, ids, text cleaning, migration, time and due-date parsing."""
