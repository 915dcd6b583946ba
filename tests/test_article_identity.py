"""An article's IRI is unique per distinct id; a replacement happens only for the same id or URL."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Literal, URIRef

from newskg.api import KnowledgeGraph
from newskg.cli import main
from newskg.errors import InputError
from newskg.vocab.namespaces import DCTERMS, NKG, RDF

ID = "https://w3id.org/newskg/id/"
COLLIDING = ["Story 1", "story-1", "STORY_1", "étoile", "etoile"]


def article_graphs(kg: KnowledgeGraph) -> set[str]:
    return {str(r["a"]) for r in kg.query("SELECT ?a WHERE { ?a a nkg:Article }")}


def test_ids_differing_in_case_spacing_punctuation_or_accents_are_different_articles(pipeline):
    kg = KnowledgeGraph()
    iris = [kg.add_article(f"Joko Widodo met Person Number{i}.", id=id_)
            for i, id_ in enumerate(COLLIDING)]
    assert len(set(iris)) == 5 and article_graphs(kg) == set(iris)
    assert kg.counts == {"added": 5, "unchanged": 0, "replaced": 0}
    assert iris[1] == ID + "article/story-1"          # an id that is a slug keeps its IRI


def test_a_new_text_replaces_only_the_article_of_the_same_id_or_url(pipeline):
    kg = KnowledgeGraph()
    first = kg.add_article("Joko Widodo met Anthony Albanese.", id="Story 1")
    kg.add_article("Joko Widodo met Fumio Kishida.", id="story-1")
    again = kg.add_article("Joko Widodo met Xi Jinping.", id="Story 1")
    assert again == first and kg.counts == {"added": 2, "unchanged": 0, "replaced": 1}
    by_url = kg.add_article("Retno Marsudi met Penny Wong.", url="https://ex.org/a")
    assert kg.add_article("Retno Marsudi met Wang Yi.", url="https://ex.org/a") == by_url
    assert kg.counts["replaced"] == 2 and len(article_graphs(kg)) == 3


def test_an_iri_taken_by_another_id_is_a_conflict_not_a_replacement(pipeline, tmp_path):
    """A graph written before ids were kept apart holds "Story 1" at article/story-1."""
    legacy = URIRef(ID + "article/story-1")
    ds = Dataset()
    for triple in [(legacy, RDF.type, NKG.Article), (legacy, DCTERMS.identifier, Literal("Story 1")),
                   (legacy, NKG.contentHash, Literal("0" * 64))]:
        ds.graph(legacy).add(triple)
        ds.default_graph.add(triple)
    ds.serialize(tmp_path / "old.trig", format="trig")
    kg = KnowledgeGraph.load(tmp_path / "old.trig")
    with pytest.raises(InputError, match="already names another article"):
        kg.add_article("Joko Widodo met Fumio Kishida.", id="story-1")
    # the article of that id is still replaced by its own new text
    assert kg.add_article("Joko Widodo met Xi Jinping.", id="Story 1") == ID + "article/Story%201"
    assert kg.counts["replaced"] == 1


def test_colliding_ids_through_extract_into_a_store(pipeline, tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(f'{{"id": "{id_}", "text": "Joko Widodo met Person Number{i}."}}\n'
                              for i, id_ in enumerate(COLLIDING)), encoding="utf-8")
    out = CliRunner().invoke(main, ["extract", str(corpus), "--into", str(tmp_path / "store")])
    assert out.exit_code == 0, out.output
    assert "5 articles (5 added, 0 unchanged, 0 replaced)" in out.output
    kg = KnowledgeGraph(path=tmp_path / "store", read_only=True)
    assert len(article_graphs(kg)) == 5
    kg.close()
