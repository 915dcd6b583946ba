"""newskg: news articles → a knowledge graph of who met whom, under a small OWL ontology."""
__version__ = "0.1.0"
