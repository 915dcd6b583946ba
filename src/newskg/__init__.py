"""newskg: news articles → a knowledge graph of who met whom, under a small OWL ontology."""
__version__ = "0.1.0"

__all__ = ["KnowledgeGraph"]


def __getattr__(name: str):
    """`newskg.KnowledgeGraph`, imported on first use (keeps `import newskg.article` light)."""
    if name == "KnowledgeGraph":
        from .api import KnowledgeGraph
        return KnowledgeGraph
    raise AttributeError(f"module 'newskg' has no attribute {name!r}")
