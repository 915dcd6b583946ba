from datetime import date, datetime

import pytest
from rdflib import Dataset, Graph, Literal, URIRef

import newskg
from newskg.api import KnowledgeGraph
from newskg.errors import InputError
from newskg.vocab.namespaces import NKG
from newskg.graph.queries import QueryError
from newskg.graph.backends import STORES

ID = "https://w3id.org/newskg/id/"


def test_kg_is_importable_from_the_package():
    assert newskg.KnowledgeGraph is KnowledgeGraph


def test_add_article_returns_its_iri_and_passes_metadata(pipeline):
    kg = KnowledgeGraph()
    iri = kg.add_article("Joko Widodo bertemu Anthony Albanese.", url="https://ex.org/a",
                         published="2022-09-12", lang="id", id="A 1")
    assert iri == ID + "article/A%201"
    call = pipeline.calls[-1]
    assert call["published"] == date(2022, 9, 12) and call["lang"] == "id" and call["id"] == "A 1"
    names = kg.query("SELECT ?n WHERE { ?p a nkg:Person ; rdfs:label ?n } ORDER BY ?n").column("n")
    assert names == ["Anthony Albanese", "Joko Widodo"]
    assert (URIRef(iri), NKG.published, Literal(date(2022, 9, 12))) in kg.graph


def test_add_article_parses_datetimes_and_rejects_bad_dates(pipeline):
    kg = KnowledgeGraph()
    kg.add_article("Some text.", published="2022-09-12T10:10:00+07:00")
    assert isinstance(pipeline.calls[-1]["published"], datetime)
    with pytest.raises(InputError, match="not an ISO date"):
        kg.add_article("Some text.", published="12/09/2022")


def test_readding_an_article_changes_nothing(pipeline):
    kg = KnowledgeGraph()
    kg.add_article("Joko Widodo arrived.", id="x")
    size = len(kg)
    kg.add_article("Joko Widodo arrived.", id="x")
    assert len(kg) == size


def test_add_file_and_corpus_record_errors_and_go_on(pipeline, tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"text": "Joko Widodo spoke.", "id": "r1"}\n'
                      'not json\n'
                      '{"text": "EXPLODE Prabowo Subianto", "id": "r3"}\n'
                      '{"text": "Sri Mulyani spoke.", "id": "r4"}\n')
    kg = KnowledgeGraph()
    iris = kg.add_corpus(corpus)
    assert iris == [ID + "article/r1", ID + "article/r4"]
    assert [str(e) for e in kg.errors] == [
        f"{corpus}:2: not valid JSON",
        f"{corpus}:3: could not extract facts (RuntimeError: extractor fell over)"]
    txt = tmp_path / "a.txt"
    txt.write_text("Retno Marsudi visited.")
    assert len(kg.add_file(txt)) == 1


def test_strict_raises_the_first_error(pipeline, tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"text": "Joko Widodo"}\nbroken\n')
    with pytest.raises(InputError, match=":2: not valid JSON"):
        KnowledgeGraph().add_corpus(corpus, strict=True)


def test_named_graph_per_article(pipeline):
    kg = KnowledgeGraph()
    a = kg.add_article("Joko Widodo arrived.", id="a")
    b = kg.add_article("Joko Widodo left.", id="b")
    graphs = {str(g.identifier) for g in kg.graph.graphs() if len(g)}
    assert {a, b} <= graphs
    joko = URIRef(ID + "person/Q563")
    assert {str(o) for o in kg.graph.objects(joko, NKG.mentionedIn)} == {a, b}


@pytest.mark.parametrize("store", STORES)
def test_query_results_ask_and_construct(facts, store):
    kg = KnowledgeGraph(store=store)
    kg.add_facts(facts)
    rows = kg.query("SELECT ?p ?name WHERE { ?p a nkg:Person ; rdfs:label ?name } ORDER BY STR(?name)")
    assert rows.vars == ["p", "name"]
    assert rows[0] == {"p": URIRef(ID + "person/george-magnus"),       # as the Indonesian text writes it
                       "name": Literal("George Magnus", lang="id")}
    assert kg.query("ASK { ?m a nkg:Meeting }") is True
    g = kg.query("CONSTRUCT { ?p rdfs:label ?n } WHERE { ?p a nkg:Country ; rdfs:label ?n }")
    assert isinstance(g, Graph) and len(g) == 3


@pytest.mark.parametrize("store", STORES)
def test_bindings_accept_strings_numbers_and_terms(facts, store):
    kg = KnowledgeGraph(store=store)
    kg.add_facts(facts)
    q = ("SELECT ?person ?label WHERE { ?person rdfs:label ?label ; nkg:holds ?pos } ")
    rows = kg.query(q, {"person": URIRef(ID + "person/yuri-ushakov")})
    assert rows.column("label") == ["Yuri Ushakov"]
    q2 = ("SELECT ?span ?begin WHERE { ?span nkg:beginIndex ?begin }")
    begin = int(kg.query(q2)[0]["begin"])
    assert len(kg.query(q2, {"begin": begin})) >= 1
    # plain strings are literals: no string ever becomes query text
    assert kg.query(q, {"person": str(ID + "person/yuri-ushakov")}) == []


@pytest.mark.parametrize("store", ["oxigraph", "oxigraph-disk"])
def test_parameter_outside_select_is_explained_on_oxigraph(facts, store):
    kg = KnowledgeGraph(store=store)
    kg.add_facts(facts)
    with pytest.raises(QueryError, match="SELECT clause"):
        kg.query("SELECT ?p WHERE { ?p rdfs:label ?l }", {"l": "x"})


def test_serialize_picks_format_and_graph_property(facts, tmp_path):
    kg = KnowledgeGraph()
    kg.add_facts(facts)
    assert isinstance(kg.graph, Dataset)
    out = kg.serialize(tmp_path / "g.trig")
    assert out.read_text().count("{") >= 1
    with pytest.raises(ValueError, match="unknown suffix"):
        kg.serialize(tmp_path / "g.txt")


def test_custom_base_and_bad_base(facts):
    kg = KnowledgeGraph(base="https://example.org/kg/")
    iri = kg.add_facts(facts)
    assert iri == "https://example.org/kg/article/contoh-2022-09-12-putin-xi"
    assert kg.prefixes["person"] == "https://example.org/kg/person/"
    with pytest.raises(ValueError, match="must end with"):
        KnowledgeGraph(base="https://example.org/kg")
    with pytest.raises(ValueError, match="unknown store"):
        KnowledgeGraph(store="sqlite")


def test_load_reads_a_written_graph(facts, tmp_path):
    kg = KnowledgeGraph()
    kg.add_facts(facts)
    path = kg.serialize(tmp_path / "g.nq")
    again = KnowledgeGraph.load(path, store="memory")
    assert len(again) == len(kg)
    assert again.query("meetings") == kg.query("meetings")


@pytest.mark.parametrize("store", STORES)
def test_a_statement_made_by_many_articles_is_seen_once(facts, facts_en, store):
    kg = KnowledgeGraph(store=store)
    kg.add_facts(facts)
    kg.add_facts(facts_en)
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?p rdfs:label ?l ; a nkg:Person . FILTER(STR(?l) = 'Vladimir Putin') }"
    assert int(kg.query(q)[0]["n"]) == 1
    per_article = kg.query("SELECT ?g WHERE { GRAPH ?g { person:Q7747 rdfs:label ?l } }")
    assert len(per_article) == 2
