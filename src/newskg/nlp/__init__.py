"""Building and caching one spaCy pipeline per language, and newskg's spaCy components."""
