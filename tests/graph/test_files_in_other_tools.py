"""A .trig / .nq file newskg writes answers every saved query the same in other RDF tools that load
it as it is — rdflib's Dataset and pyoxigraph's Store (as Jena and Oxigraph server do) — as in
`newskg query` (issue 11, finding 9): the file carries the merge in its default graph."""
import pyoxigraph as ox
import pytest
from rdflib import Dataset, Literal

from newskg.api import KnowledgeGraph
from newskg.graph.queries import parameters, saved_queries
from newskg.vocab.iris import all_prefixes

FORMATS = {".trig": (ox.RdfFormat.TRIG, "trig"), ".nq": (ox.RdfFormat.N_QUADS, "nquads")}


def bindings(name):
    return {p.name: "Vladimir Putin" for p in parameters(saved_queries()[name].read_text())}


def plain(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value.value
    return str(value)


@pytest.mark.parametrize("suffix", FORMATS)
def test_every_saved_query_gives_newskg_rows_in_rdflib_and_oxigraph(facts, facts_en, tmp_path, suffix):
    kg = KnowledgeGraph()
    kg.add_facts(facts)
    kg.add_facts(facts_en)
    path = kg.serialize(tmp_path / f"g{suffix}")
    ox_format, rdflib_format = FORMATS[suffix]
    newskg = KnowledgeGraph.load(path)
    rdflib_ds = Dataset(default_union=False)
    rdflib_ds.parse(path, format=rdflib_format)
    oxigraph = ox.Store()
    oxigraph.load(path=str(path), format=ox_format)
    prefixes = all_prefixes()
    nonempty = 0
    for name, query_file in saved_queries().items():
        text, given = query_file.read_text(), bindings(name)
        ours = newskg.query(name, given)
        want = sorted(tuple(plain(r[v]) for v in ours.vars) for r in ours)
        nonempty += bool(want)
        result = rdflib_ds.query(text, initNs=prefixes,
                                 initBindings={k: Literal(v) for k, v in given.items()})
        got = sorted(tuple(plain(row[v]) for v in ours.vars) for row in result)
        assert got == want, f"rdflib, {name}"
        solutions = oxigraph.query(text, prefixes=prefixes,
                                   substitutions={ox.Variable(k): ox.Literal(v) for k, v in given.items()})
        got = sorted(tuple(plain(sol[v]) for v in ours.vars) for sol in solutions)
        assert got == want, f"pyoxigraph, {name}"
    assert nonempty >= 3          # the queries do find something in this graph


def test_positions_sort_in_rdflib_when_offices_name_no_country(tmp_path):
    """Two holders of one name and title, neither office of anything: rdflib's ORDER BY must not
    compare two unbound values (it raised TypeError on a 300-article export)."""
    nkg = "https://w3id.org/newskg/ontology#"
    data = "\n".join(f"<http://ex.org/h{i}> <{nkg}holds> <http://ex.org/p{i}> ; "
                     f"<http://www.w3.org/2000/01/rdf-schema#label> \"Ahmad\" . "
                     f"<http://ex.org/p{i}> <http://www.w3.org/2000/01/rdf-schema#label> \"Minister\" ."
                     for i in (1, 2))
    ds = Dataset(default_union=False)
    ds.parse(data=data, format="turtle")
    rows = list(ds.query(saved_queries()["positions"].read_text(), initNs=all_prefixes()))
    assert len(rows) == 2


def server_rows(url: str, text: str, variables: list[str]) -> list[tuple]:
    """A query's rows as an Oxigraph server answers it (SPARQL 1.1 Protocol, JSON results)."""
    import json
    import urllib.parse
    import urllib.request
    text = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in all_prefixes().items()) + text
    request = urllib.request.Request(f"{url}/query", data=urllib.parse.urlencode({"query": text}).encode(),
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=60) as answer:
        rows = json.load(answer)["results"]["bindings"]
    return sorted(tuple(row[v]["value"] if v in row else "" for v in variables) for row in rows)


def test_oxigraph_server_on_the_loaded_seed_export_gives_newskg_rows(seed_graph, endpoint):
    """The seed's .trig, loaded as it is into a real Oxigraph server (Graph Store Protocol, no
    graph named: every graph of the file where the file puts it), answers every saved query
    with `newskg query`'s rows on the same file (issue 11's must-show)."""
    import urllib.request
    from newskg.graph.queries import bind_in_text
    load = urllib.request.Request(f"{endpoint}/store", data=seed_graph.read_bytes(), method="POST",
                                  headers={"Content-Type": "application/trig"})
    urllib.request.urlopen(load, timeout=60).close()
    newskg = KnowledgeGraph.load(seed_graph)
    nonempty = 0
    for name, query_file in saved_queries().items():
        given = bindings(name)
        ours = newskg.query(name, given)
        want = sorted(tuple(plain(r[v]) for v in ours.vars) for r in ours)
        nonempty += bool(want)
        text = bind_in_text(query_file.read_text(), {k: Literal(v) for k, v in given.items()})
        assert server_rows(endpoint, text, ours.vars) == want, name
    newskg.close()
    assert nonempty >= 3
