"""Labels carry the language they were read in, one rdfs:label per node (in each article's graph and
in the merge), chosen by a rule that does not depend on the order articles arrive; other names are
skos:altLabel (issue 11, finding 8)."""
from __future__ import annotations

from itertools import permutations

import pytest
from rdflib import Literal, URIRef

from newskg import KnowledgeGraph
from newskg.vocab.namespaces import RDFS, SKOS
from newskg.graph.validate import validate

from .conftest import make_facts

ID = "https://w3id.org/newskg/id/"


def labels(graph, node):
    return sorted(graph.objects(URIRef(node), RDFS.label), key=lambda o: (o.language or "", str(o)))


def alt_labels(graph, node):
    return set(graph.objects(URIRef(node), SKOS.altLabel))


def test_a_name_read_in_an_indonesian_article_is_tagged_id_and_a_canonical_name_en():
    kg = KnowledgeGraph(store="memory")
    text = "Majelis Hakim di Korea Utara memutus perkara itu."
    kg.add_facts(make_facts("k1", text, [
        ("e1", "Organization", "Majelis Hakim", ["Majelis Hakim"]),
        ("e2", "Country", "North Korea", ["Korea Utara"], "Q423")], lang="id"))
    art = kg.graph.graph(URIRef(ID + "article/k1"))
    assert labels(art, ID + "organization/majelis-hakim") == [Literal("Majelis Hakim", lang="id")]
    assert labels(art, ID + "country/Q423") == [Literal("North Korea", lang="en")]
    assert Literal("Korea Utara", lang="id") in alt_labels(art, ID + "country/Q423")
    assert labels(kg.graph.default_graph, ID + "organization/majelis-hakim") == \
        [Literal("Majelis Hakim", lang="id")]


def test_names_of_one_node_in_one_article_that_differ_in_case_give_one_label():
    kg = KnowledgeGraph(store="memory")
    text = "Majelis hakim membacakan putusan. Ketua Majelis Hakim lalu menutup sidang."
    kg.add_facts(make_facts("k1", text, [
        ("e1", "Organization", "Majelis hakim", ["Majelis hakim"]),
        ("e2", "Organization", "Majelis Hakim", ["Majelis Hakim"])], lang="id"))
    node = ID + "organization/majelis-hakim"
    for graph in (kg.graph.graph(URIRef(ID + "article/k1")), kg.graph.default_graph):
        assert labels(graph, node) == [Literal("Majelis Hakim", lang="id")]
        assert Literal("Majelis hakim", lang="id") in alt_labels(graph, node)
    report = validate(kg.graph, reasoning=False)
    assert report.conforms, report.violations


ARTICLES = [
    ("p1", "Direktur PT Pelindo I. bertemu Menteri Gobel di Medan.",
     [("e1", "Organization", "PT Pelindo I.", ["PT Pelindo I."]),
      ("e2", "Person", "Gobel", ["Gobel"])]),
    ("p2", "PT Pelindo I menandatangani kontrak dengan Rachmat Gobel.",
     [("e1", "Organization", "PT Pelindo I", ["PT Pelindo I"]),
      ("e2", "Person", "Rachmat Gobel", ["Rachmat Gobel"])]),
    ("p3", "Program KJP plus diteruskan, kata Gobel.",
     [("e1", "Organization", "KJP plus", ["KJP plus"]), ("e2", "Person", "Gobel", ["Gobel"])]),
    ("p4", "Dana KJP Plus naik.", [("e1", "Organization", "KJP Plus", ["KJP Plus"])]),
]


def merged_labels(order):
    kg = KnowledgeGraph(store="memory")
    for i in order:
        key, text, ents = ARTICLES[i]
        kg.add_facts(make_facts(key, text, ents, lang="id"))
    default = kg.graph.default_graph
    return {n: labels(default, ID + n) for n in
            ("organization/pt-pelindo-i", "organization/kjp-plus", "person/rachmat-gobel")}, kg


@pytest.mark.parametrize("order", list(permutations(range(4)))[::5])
def test_the_merge_has_one_best_label_whatever_order_the_articles_come_in(order):
    got, kg = merged_labels(order)
    assert got == {"organization/pt-pelindo-i": [Literal("PT Pelindo I", lang="id")],
                   "organization/kjp-plus": [Literal("KJP Plus", lang="id")],
                   "person/rachmat-gobel": [Literal("Rachmat Gobel", lang="id")]}
    report = validate(kg.graph, reasoning=False)
    assert report.conforms, report.violations


def test_a_node_both_languages_name_has_one_label_and_keeps_the_other_as_alt_label():
    kg = KnowledgeGraph(store="memory")
    kg.add_facts(make_facts("i1", "Komisi Yudisial memeriksa hakim.",
                            [("e1", "Organization", "Komisi Yudisial", ["Komisi Yudisial"])],
                            lang="id"))
    kg.add_facts(make_facts("e1", "The Komisi Yudisial said so.",
                            [("e1", "Organization", "Komisi Yudisial", ["Komisi Yudisial"])],
                            lang="en"))
    node = ID + "organization/komisi-yudisial"
    assert labels(kg.graph.default_graph, node) == [Literal("Komisi Yudisial", lang="en")]
    assert Literal("Komisi Yudisial", lang="id") in alt_labels(kg.graph.default_graph, node)
    assert labels(kg.graph.graph(URIRef(ID + "article/i1")), node) == \
        [Literal("Komisi Yudisial", lang="id")]


def test_the_label_a_removed_article_gave_goes_with_it():
    kg = KnowledgeGraph(store="memory")
    first = make_facts("p4", "Dana KJP Plus naik.",
                       [("e1", "Organization", "KJP Plus", ["KJP Plus"])], lang="id")
    kg.add_facts(first)
    kg.add_facts(make_facts("p3", "Program KJP plus diteruskan.",
                            [("e1", "Organization", "KJP plus", ["KJP plus"])], lang="id"))
    changed = make_facts("p4", "Dana program itu naik.", [], lang="id")
    kg.add_facts(changed)
    assert labels(kg.graph.default_graph, ID + "organization/kjp-plus") == \
        [Literal("KJP plus", lang="id")]
