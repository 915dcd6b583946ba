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
