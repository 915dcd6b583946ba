"""Incremental, idempotent ingest: the same articles twice change nothing; a new text of an article
replaces its own named graph only."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import URIRef

from newskg import KnowledgeGraph
from newskg.cli import main

from .test_resolver import facts_en, facts_id

ID = "https://w3id.org/newskg/id/"


def quads(kg):
    return set(kg.graph.quads((None, None, None, None)))


def open_graph(store, tmp_path):
    """A graph on `store`, or ("folder") in a store folder, whose resolution index is kept in SQLite."""
    return KnowledgeGraph(path=tmp_path / "store") if store == "folder" else KnowledgeGraph(store=store)


@pytest.mark.parametrize("store", ["memory", "oxigraph-disk", "folder"])
def test_adding_the_same_articles_again_changes_nothing(store, tmp_path):
    kg = open_graph(store, tmp_path)
    kg.add_facts(facts_id())
    kg.add_facts(facts_en())
    before = quads(kg)
    assert kg.add_facts(facts_en()) == ID + "article/en1"
    kg.add_facts(facts_id())
    assert quads(kg) == before
    assert kg.counts == {"added": 2, "unchanged": 2, "replaced": 0}


@pytest.mark.parametrize("store", ["memory", "oxigraph-disk", "folder"])
def test_a_changed_article_replaces_only_its_own_graph(store, tmp_path):
    kg = open_graph(store, tmp_path)
    kg.add_facts(facts_id())
    kg.add_facts(facts_en())
    other = URIRef(ID + "article/id1")
    other_before = set(kg.graph.graph(other).triples((None, None, None)))
    changed = facts_en()
    changed.article.text += " Reuters reported it."
    kg.add_facts(changed)
    assert kg.counts["replaced"] == 1
    assert set(kg.graph.graph(other).triples((None, None, None))) == other_before
    mine = URIRef(ID + "article/en1")
    hashes = set(kg.graph.default_graph.objects(mine, URIRef(
        "https://w3id.org/newskg/ontology#contentHash")))
    assert {str(h) for h in hashes} == {changed.article.content_hash}   # the old text's statements are gone


def test_a_store_folder_resolves_like_a_temporary_store(tmp_path, monkeypatch):
    """The SQLite-kept index of a store folder and the in-memory one give the same graph, the
    folder flushed and reopened after every article."""
    import newskg.graph.oxigraph
    monkeypatch.setattr(newskg.graph.oxigraph, "FLUSH_EVERY", 1)
    reopened = []
    original = newskg.graph.oxigraph.OxigraphStore.reopen
    monkeypatch.setattr(newskg.graph.oxigraph.OxigraphStore, "reopen",
                        lambda self, *a: reopened.append(1) or original(self, *a))
    graphs = []
    for store in ("oxigraph-disk", "folder"):
        kg = open_graph(store, tmp_path)
        kg.add_facts(facts_id())
        kg.add_facts(facts_en())
        changed = facts_en()
        changed.article.text += " Reuters reported it."
        kg.add_facts(changed)
        graphs.append(quads(kg))
    assert graphs[0] == graphs[1] and len(graphs[0]) > 50
    assert len(reopened) == 3


TEXT_A = ("Putin and Xi meet in Samarkand\n\nRussian President Vladimir Putin met Chinese President "
          "Xi Jinping in Samarkand on Thursday, the Kremlin said.\n")
TEXT_B = ("Xi visits Astana\n\nChinese President Xi Jinping arrived in Astana on Tuesday for talks "
          "with Kazakh President Kassym-Jomart Tokayev.\n")


def test_extract_into_the_same_file_twice_gives_the_same_quads(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    import json
    corpus.write_text("\n".join(json.dumps(r) for r in [
        {"id": "a", "text": TEXT_A, "published": "2022-09-16"},
        {"id": "b", "text": TEXT_B, "published": "2022-09-14"}]) + "\n", encoding="utf-8")
    graph = tmp_path / "graph.trig"
    runner = CliRunner()
    counts = []
    for _ in range(2):
        result = runner.invoke(main, ["extract", str(corpus), "--into", str(graph)])
        assert result.exit_code == 0, result.output
        counts.append(len(KnowledgeGraph.load(graph, store="memory").graph))
    assert counts[0] == counts[1] > 0
    assert "0 added, 2 unchanged" in result.output


def test_extract_into_a_store_folder_keeps_the_graph(tmp_path):
    folder = tmp_path / "store"
    article = tmp_path / "a.txt"
    article.write_text(TEXT_A, encoding="utf-8")
    runner = CliRunner()
    first = runner.invoke(main, ["extract", str(article), "--into", str(folder)])
    assert first.exit_code == 0, first.output
    second = runner.invoke(main, ["extract", str(article), "--into", str(folder)])
    assert "0 added, 1 unchanged" in second.output
    kg = KnowledgeGraph(path=folder)
    assert kg.query("ASK { ?p a nkg:Person ; rdfs:label 'Vladimir Putin'@en }")
