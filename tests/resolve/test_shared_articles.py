"""Real text: the seed and the development articles about the 2022 SCO summit and Putin–Xi contacts
make one Putin node, one Xi node and one SCO 2022 summit node (skipped without the shared kit)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from newskg import KnowledgeGraph

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DEV = SHARED / "eval" / "dev"
SEED = SHARED / "seed" / "nextren-2022-09-12-putin-xi.txt"
pytestmark = pytest.mark.skipif(not (DEV.is_dir() and SEED.is_file()), reason="shared kit not present")


def about_sco_2022_or_putin_xi(gold: dict) -> bool:
    names = {e["name"] for e in gold["entities"]}
    sco = any(ev["type"] == "Summit" and ev.get("organizer") == "Shanghai Cooperation Organisation"
              and (ev.get("date") or "").startswith("2022") for ev in gold["events"])
    return sco or {"Vladimir Putin", "Xi Jinping"} <= names


@pytest.fixture(scope="module")
def kg():
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(DEV.glob("*.json"))]
    chosen = [g for g in golds if about_sco_2022_or_putin_xi(g)]
    assert len(chosen) >= 3
    graph = KnowledgeGraph()
    graph.add_file(SEED)
    for g in chosen:
        graph.add_article(g["text"], url=g.get("url"), published=g.get("published"), id=g["id"])
    return graph


def count(kg, query):
    return int(kg.query(query)[0]["n"])


def test_one_putin_and_one_xi(kg):
    for name in ("Putin", "Xi Jinping"):
        n = count(kg, "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a nkg:Person ; rdfs:label|skos:altLabel ?l "
                      f"FILTER(CONTAINS(LCASE(STR(?l)), '{name.lower()}')) }}")
        assert n == 1, name


def test_one_sco_2022_summit_reported_by_several_articles(kg):
    rows = kg.query("""SELECT ?s (COUNT(DISTINCT ?a) AS ?n) WHERE {
        ?s a nkg:Summit ; nkg:organizer ?o ; nkg:date ?d ; nkg:mentionedIn ?a .
        ?o rdfs:label "Shanghai Cooperation Organisation"@en .
        FILTER(STRSTARTS(STR(?d), "2022")) } GROUP BY ?s""")
    assert len(rows) == 1
    assert int(rows[0]["n"]) >= 2


def test_each_article_gives_the_same_named_graph_alone_and_among_the_others(kg):
    """What resolution merges from other articles stays out of an article's own graph."""
    from rdflib import URIRef

    from .test_article_graphs import canonical
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(DEV.glob("*.json"))]
    for g in [g for g in golds if about_sco_2022_or_putin_xi(g)]:
        alone = KnowledgeGraph(store="memory")
        iri = URIRef(alone.add_article(g["text"], url=g.get("url"), published=g.get("published"),
                                       id=g["id"]))
        assert canonical(set(kg.graph.graph(iri).triples((None, None, None)))) == \
            canonical(set(alone.graph.graph(iri).triples((None, None, None)))), g["id"]
