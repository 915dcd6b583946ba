"""Where newskg's bundled files are: ontology, SHACL shapes, saved queries, the example article.

`ontology/` and `queries/` live at the top of the repository (users read and edit them there);
the package reaches them through symlinks, and wheels carry copies.
"""
from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).parent
ONTOLOGY_DIR = PACKAGE / "ontology"
QUERIES_DIR = PACKAGE / "queries"
EXAMPLES_DIR = PACKAGE / "examples"
MODELS_DIR = PACKAGE / "models"
ONTOLOGY_FILE = ONTOLOGY_DIR / "newskg.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
EXAMPLE_ARTICLE = EXAMPLES_DIR / "nextren-2022-09-12-putin-xi.txt"


def saved_query(name: str) -> Path:
    """The file of a saved query given its name ("meetings") or file name ("meetings.rq")."""
    return QUERIES_DIR / (name if name.endswith(".rq") else name + ".rq")
