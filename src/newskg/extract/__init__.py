"""Pure functions from a spaCy Doc to Facts: entities, events, roles, quotes, dates, modality."""
