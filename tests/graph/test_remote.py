"""A remote SPARQL 1.1 store: a real Oxigraph server started by the tests (see conftest.py)."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef

from newskg import KnowledgeGraph
from newskg.cli import main
from newskg.graph.queries import QueryError, bind_in_text, parameters, saved_queries
from newskg.graph.remote import Endpoint, EndpointError

from ..resolve.test_resolver import facts_en, facts_id

ID = "https://w3id.org/newskg/id/"


def quads(kg) -> set:
    """Every quad as N-Triples text (the same from any store)."""
    from newskg.graph.terms import DEFAULT, term_text
    return {" ".join(term_text(t) if t != DEFAULT else "DEFAULT" for t in q)
            for q in kg.backend.match()}


def rows(kg, name):
    b = {p.name: "Vladimir Putin" for p in parameters(saved_queries()[name].read_text())}
    return sorted(tuple(v.n3() if v is not None else "" for v in r.values()) for r in kg.query(name, b))


def test_saved_queries_give_the_same_rows_on_every_store(endpoint, tmp_path, facts, facts_en):
    graphs = [KnowledgeGraph(store="memory"), KnowledgeGraph(store="oxigraph"), KnowledgeGraph(),
              KnowledgeGraph(path=tmp_path / "store"), KnowledgeGraph(endpoint=endpoint)]
    for kg in graphs:
        kg.add_facts(facts)
        kg.add_facts(facts_en)
    for name in saved_queries():
        results = [rows(kg, name) for kg in graphs]
        assert all(r == results[0] for r in results), name
    assert len({len(kg) for kg in graphs}) == 1
    # the quotes query with and without its optional parameter
    remote = graphs[-1]
    assert len(remote.query("quotes")) == 2
    assert remote.query("quotes", {"speakerName": "george magnus"}) == graphs[0].query(
        "quotes", {"speakerName": "george magnus"})


def test_resolution_and_replacement_work_the_same_on_an_endpoint(endpoint, tmp_path):
    remote, local = KnowledgeGraph(endpoint=endpoint), KnowledgeGraph(store="memory")
    for kg in (remote, local):
        kg.add_facts(facts_id())
        kg.add_facts(facts_en())
        kg.add_facts(facts_en())                      # the same text: nothing changes
        changed = facts_en()
        changed.article.text += " Reuters reported it."
        kg.add_facts(changed)                         # same id, new text: its graph is replaced
    assert remote.counts == local.counts == {"added": 2, "unchanged": 1, "replaced": 1}
    assert quads(remote) == quads(local)
    assert remote.serialize(tmp_path / "r.trig").read_bytes() == \
        local.serialize(tmp_path / "l.trig").read_bytes()


@pytest.mark.parametrize("evil", ['"} ; DROP ALL ; SELECT * { ?s ?p ?o', "putin' || true || '",
                                  "> } INSERT DATA { <x> <y> <z> } #", 'a\\" } DROP ALL #'])
def test_bound_values_sent_to_an_endpoint_are_only_ever_literals(endpoint, facts, evil):
    kg = KnowledgeGraph(endpoint=endpoint)
    kg.add_facts(facts)
    size = len(kg)
    for name, param in (("timeline", "name"), ("quotes", "speakerName"), ("entity_profile", "name")):
        assert kg.query(name, {param: evil}) == []
    assert len(kg) == size
    assert kg.query("timeline", {"name": "putin"})          # and a real value still works
    with pytest.raises(QueryError, match="not a valid IRI"):
        kg.query("SELECT ?x WHERE { ?x ?p ?o }", {"x": URIRef("http://x/> } DROP ALL #")})


def test_bind_in_text_keeps_projected_columns_and_refuses_assignments():
    q = ("SELECT ?name ?e WHERE { { SELECT ?name ?e WHERE { ?e <p> ?a FILTER(?a = ?name) } } "
         "?e <q> ?name2 } GROUP BY ?name ?e ORDER BY DESC(?name) ?name")
    out = bind_in_text(q, {"name": Literal("Xi")})
    assert out.startswith("SELECT ?name ?e WHERE { { SELECT (\"Xi\" AS ?name) ?e")
    assert 'FILTER(?a = "Xi")' in out and "?name2" in out            # other variables untouched
    assert out.endswith('GROUP BY ("Xi") ?e ORDER BY DESC("Xi") ("Xi")')
    assert bind_in_text("# ?name in a comment\nASK { ?s ?p '?name' }", {"name": Literal("x")}) == \
        "# ?name in a comment\nASK { ?s ?p '?name' }"
    with pytest.raises(QueryError, match="assigns it"):
        bind_in_text("SELECT (1 AS ?name) WHERE {}", {"name": Literal("x")})


def test_endpoint_urls_and_errors():
    assert Endpoint.from_url("http://h:7878/query") == Endpoint(
        "http://h:7878/query", "http://h:7878/update", "http://h:7878/store")
    assert Endpoint.from_url("http://h:7200/repositories/news", update="http://h:7200/u").update_url \
        == "http://h:7200/u"
    with pytest.raises(EndpointError, match="cannot reach the SPARQL endpoint http://127.0.0.1:9/query"):
        KnowledgeGraph(endpoint="http://127.0.0.1:9").query("ASK {}")


def test_cli_extract_into_an_endpoint_and_query_it(endpoint, pipeline, tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "a", "text": "Joko Widodo met Anthony Albanese in Jakarta."}\n'
                      '{"id": "b", "text": "Anthony Albanese thanked Joko Widodo."}\n', encoding="utf-8")
    runner = CliRunner()
    first = runner.invoke(main, ["extract", str(corpus), "--into", endpoint])
    assert first.exit_code == 0, first.output
    assert f"2 articles (2 added, 0 unchanged, 0 replaced), 0 errors → {endpoint}" in first.stderr
    again = runner.invoke(main, ["extract", str(corpus), "--store", endpoint])   # --store URL = --into
    assert "0 added, 2 unchanged" in again.stderr
    local = runner.invoke(main, ["extract", str(corpus), "-o", str(tmp_path / "g.trig")])
    assert local.exit_code == 0
    query = "SELECT ?n WHERE { ?p a nkg:Person ; rdfs:label ?n } ORDER BY ?n"
    remote_out = runner.invoke(main, ["query", endpoint, query, "--format", "csv"])
    assert remote_out.exit_code == 0, remote_out.output
    assert remote_out.stdout.splitlines() == ["n", "Anthony Albanese", "Joko Widodo"]
    assert remote_out.stdout == runner.invoke(main, ["query", str(tmp_path / "g.trig"), query,
                                                     "--format", "csv"]).stdout
    bad = runner.invoke(main, ["query", "http://127.0.0.1:9", "meetings"])
    assert bad.exit_code == 1 and "cannot reach" in bad.stderr
