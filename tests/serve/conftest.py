"""The seed graph (the bundled example article, extracted by the real pipeline) as a file."""
import pytest


@pytest.fixture(scope="session")
def seed_graph(tmp_path_factory):
    from newskg.api import KnowledgeGraph
    from newskg.paths import EXAMPLE_ARTICLE

    kg = KnowledgeGraph()
    kg.add_file(EXAMPLE_ARTICLE)
    assert not kg.errors
    path = tmp_path_factory.mktemp("seed") / "seed.trig"
    kg.serialize(path)
    kg.close()
    return path
