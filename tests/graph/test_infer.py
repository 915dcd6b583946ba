"""`newskg infer` and `extract --infer` on the graph of the bundled example article (the seed):
queries in schema.org / SEM terms find the Putin–Xi meeting after, none before; the entailed
statements are in the default graph only; newskg's own saved queries answer as before."""
import pytest
from click.testing import CliRunner

from newskg.api import KnowledgeGraph
from newskg.cli import main
from newskg.graph.infer import alignments, entailment_updates
from newskg.graph.queries import saved_queries
from newskg.paths import EXAMPLE_ARTICLE

PUTIN_XI = """
SELECT DISTINCT ?event WHERE {
  ?event a schema:Event ; sem:hasActor ?a , ?b ; nkg:date "2022-09-14"^^xsd:date .
  ?a rdfs:label "Vladimir Putin"@en . ?b rdfs:label "Xi Jinping"@en .
}"""
IN_ARTICLE_GRAPHS = """
SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"""
ENTAILED_IN_ARTICLE_GRAPHS = """
ASK { GRAPH ?g { { ?s a schema:Event } UNION { ?s sem:hasActor ?o } UNION { ?s a nkg:Event } } }"""


@pytest.fixture(scope="module")
def inferred(seed_graph):
    out = seed_graph.with_name("inferred.trig")
    res = CliRunner().invoke(main, ["infer", str(seed_graph), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert res.stderr.strip().endswith(f"→ {out}") and "statements entailed" in res.stderr
    return out


def test_schema_and_sem_queries_find_the_meeting_after_infer_none_before(seed_graph, inferred):
    before, after = KnowledgeGraph.load(seed_graph), KnowledgeGraph.load(inferred)
    assert before.query(PUTIN_XI) == []
    rows = after.query(PUTIN_XI)
    assert len(rows) == 1 and str(rows[0]["event"]).startswith("https://w3id.org/newskg/id/event/")
    assert after.query("SELECT ?e WHERE { ?e a sem:Event , nkg:Event , nkg:Meeting }").column("e") \
        == [str(rows[0]["event"])]
    place = after.query("SELECT ?p WHERE { ?e a nkg:Meeting ; schema:location/rdfs:label ?p }")
    assert place.column("p") == ["Samarkand"]
    assert after.query("ASK { ?c a nkg:Country , nkg:Place , schema:Country }")   # Country ⊑ Place


def test_entailed_statements_go_to_the_default_graph_only(seed_graph, inferred):
    before, after = KnowledgeGraph.load(seed_graph), KnowledgeGraph.load(inferred)
    assert len(after) > len(before)
    assert after.query(IN_ARTICLE_GRAPHS)[0]["n"] == before.query(IN_ARTICLE_GRAPHS)[0]["n"]
    assert not after.query(ENTAILED_IN_ARTICLE_GRAPHS)


def test_infer_twice_adds_nothing(inferred, tmp_path):
    again = tmp_path / "again.nq"
    res = CliRunner().invoke(main, ["infer", str(inferred), "-o", str(again)])
    assert res.exit_code == 0 and "0 statements entailed" in res.stderr
    assert len(KnowledgeGraph.load(again)) == len(KnowledgeGraph.load(inferred))


def test_saved_queries_answer_as_before(seed_graph, inferred):
    """Only the profile, which lists every type of an entity, gains rows (the entailed types)."""
    before, after = KnowledgeGraph.load(seed_graph), KnowledgeGraph.load(inferred)
    params = {"timeline": {"name": "Xi Jinping"}, "entity_profile": {"name": "Xi Jinping"}}
    for name in saved_queries():
        old, new = before.query(name, params.get(name)), after.query(name, params.get(name))
        if name == "entity_profile":
            assert set(map(str, new.column("value"))) > set(map(str, old.column("value")))
        else:
            assert new == old, name


def test_extract_infer_writes_the_entailments(tmp_path):
    out = tmp_path / "seed.ttl"
    res = CliRunner().invoke(main, ["extract", str(EXAMPLE_ARTICLE), "-o", str(out), "--infer"])
    assert res.exit_code == 0, res.output
    assert len(KnowledgeGraph.load(out).query(PUTIN_XI)) == 1


def test_extract_infer_refuses_into(tmp_path):
    res = CliRunner().invoke(main, ["extract", str(EXAMPLE_ARTICLE), "--into", str(tmp_path / "s"),
                                    "--infer"])
    assert res.exit_code == 2 and "--infer writes the entailments into -o OUT only" in res.output
    assert not (tmp_path / "s").exists()


def test_infer_errors_name_the_input(tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text("<http://example.org/a> <b\n")
    res = CliRunner().invoke(main, ["infer", str(broken), "-o", str(tmp_path / "out.ttl")])
    assert res.exit_code == 1 and res.stderr.startswith(f"error: {broken}")
    assert not (tmp_path / "out.ttl").exists()
    res = CliRunner().invoke(main, ["infer", str(tmp_path / "none.ttl"), "-o", str(tmp_path / "o.ttl")])
    assert res.exit_code == 2 and "no such file" in res.output


def test_closure_follows_equivalences_and_chains_and_skips_blank_nodes(tmp_path):
    onto = tmp_path / "o.ttl"
    onto.write_text("""@prefix ex: <http://example.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
ex:A rdfs:subClassOf ex:B . ex:B rdfs:subClassOf ex:C . ex:C owl:equivalentClass ex:D .
ex:A rdfs:subClassOf [ a owl:Restriction ] .
ex:p rdfs:subPropertyOf ex:q . ex:q owl:equivalentProperty ex:r .
""")
    classes, properties = alignments(onto)
    ex = lambda n: f"http://example.org/{n}"
    assert {(str(a), str(b)) for a, b in classes} == {
        (ex("A"), ex("B")), (ex("A"), ex("C")), (ex("A"), ex("D")), (ex("B"), ex("C")),
        (ex("B"), ex("D")), (ex("C"), ex("D")), (ex("D"), ex("C"))}
    assert {(str(a), str(b)) for a, b in properties} == {
        (ex("p"), ex("q")), (ex("p"), ex("r")), (ex("q"), ex("r")), (ex("r"), ex("q"))}
    assert all("INSERT" in u and "GRAPH" not in u for u in entailment_updates(onto))
