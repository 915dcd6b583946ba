"""`newskg serve` speaks the SPARQL 1.1 Protocol to real clients (SPARQLWrapper, curl, and
newskg's own endpoint client): every query form and result format, the service description,
clear 400 / 403 / 406 answers.  The server runs in a subprocess on the seed graph."""
from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import urllib.error
import urllib.parse
import xml.etree.ElementTree as ET

import pytest
from rdflib import Graph, URIRef

from .server import request, running

SPARQLWrapper = pytest.importorskip("SPARQLWrapper")
from SPARQLWrapper import (CSV, JSON, JSONLD, POST, POSTDIRECTLY, TSV, TURTLE,  # noqa: E402
                           XML)
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed  # noqa: E402

MEETING = """PREFIX nkg: <https://w3id.org/newskg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?who ?withWhom ?date WHERE {
  ?m a nkg:Meeting ; nkg:participant ?a, ?b ; nkg:date ?date .
  ?a rdfs:label ?who . ?b rdfs:label ?withWhom FILTER(?who < ?withWhom) }"""
ASK_PUTIN = 'ASK { ?p <http://www.w3.org/2000/01/rdf-schema#label> "Vladimir Putin"@en }'
ASK_NOBODY = 'ASK { ?p <http://www.w3.org/2000/01/rdf-schema#label> "Nobody" }'
CONSTRUCT = """PREFIX nkg: <https://w3id.org/newskg/ontology#>
CONSTRUCT { ?m nkg:participant ?p } WHERE { ?m a nkg:Meeting ; nkg:participant ?p }"""
PUTIN = "https://w3id.org/newskg/id/person/Q7747"
ROW = ("Vladimir Putin", "Xi Jinping", "2022-09-14")
SD = "http://www.w3.org/ns/sparql-service-description#"


@pytest.fixture(scope="module")
def server(seed_graph):
    with running(seed_graph) as url:
        yield url


def wrapper(server, query, fmt, method=None):
    sw = SPARQLWrapper.SPARQLWrapper(f"{server}/sparql")
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    if method == "form":
        sw.setMethod(POST)
    elif method == "direct":
        sw.setMethod(POST)
        sw.setRequestMethod(POSTDIRECTLY)
    return sw.query().convert()


@pytest.mark.parametrize("method", [None, "form", "direct"])
def test_select_as_json_by_get_and_both_posts(server, method):
    res = wrapper(server, MEETING, JSON, method)
    assert res["head"]["vars"] == ["who", "withWhom", "date"]
    [b] = res["results"]["bindings"]
    assert (b["who"]["value"], b["withWhom"]["value"], b["date"]["value"]) == ROW
    assert b["date"]["datatype"] == "http://www.w3.org/2001/XMLSchema#date"


def test_select_as_xml_csv_tsv(server):
    doc = wrapper(server, MEETING, XML)          # SPARQLWrapper parses XML into a DOM
    values = [n.firstChild.data for n in doc.getElementsByTagName("literal")]
    assert tuple(values) == ROW
    rows = list(csv.reader(io.StringIO(wrapper(server, MEETING, CSV).decode())))
    assert rows == [["who", "withWhom", "date"], list(ROW)]
    lines = wrapper(server, MEETING, TSV).decode().splitlines()
    assert lines[0] == "?who\t?withWhom\t?date"
    assert lines[1].split("\t")[:2] == ['"Vladimir Putin"@en', '"Xi Jinping"@en']


def test_ask_as_json_and_xml(server):
    assert wrapper(server, ASK_PUTIN, JSON)["boolean"] is True
    assert wrapper(server, ASK_NOBODY, JSON)["boolean"] is False
    doc = wrapper(server, ASK_PUTIN, XML)
    assert doc.getElementsByTagName("boolean")[0].firstChild.data == "true"


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_construct_and_describe_as_turtle_ntriples_jsonld(server):
    turtle = wrapper(server, CONSTRUCT, TURTLE)
    g = Graph().parse(data=turtle, format="turtle")
    assert len(g) == 2 and URIRef(PUTIN) in set(g.objects())
    assert set(wrapper(server, CONSTRUCT, JSONLD)) == set(g)   # SPARQLWrapper parses JSON-LD
    status, headers, body = request(f"{server}/sparql?" + urllib.parse.urlencode(
        {"query": f"DESCRIBE <{PUTIN}>"}), headers={"Accept": "application/n-triples"})
    assert status == 200 and headers["content-type"].startswith("application/n-triples")
    described = Graph().parse(data=body, format="nt")
    assert (URIRef(PUTIN), None, None) in described and len(described) > 3


def test_rows_are_those_of_newskg_query(server, seed_graph):
    from newskg.api import KnowledgeGraph
    from newskg.graph.queries import saved_queries
    kg = KnowledgeGraph.load(seed_graph)
    for name, path in saved_queries().items():
        if "(required)" in path.read_text():
            continue
        res = wrapper(server, path.read_text(), JSON)
        got = sorted(tuple(b.get(v, {}).get("value") for v in res["head"]["vars"])
                     for b in res["results"]["bindings"])
        rows = kg.query(name)
        want = sorted(tuple(None if r[v] is None else str(r[v]) for v in rows.vars) for r in rows)
        assert got == want, name
    kg.close()


def test_newskg_query_reads_the_endpoint(server):
    from newskg.api import KnowledgeGraph
    kg = KnowledgeGraph(endpoint=f"{server}/sparql")
    rows = kg.query("meetings")
    assert [(str(r["who"]), str(r["withWhom"])) for r in rows] == [ROW[:2]]


def test_service_description_at_the_endpoint(server):
    status, headers, body = request(f"{server}/sparql")
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=body, format="turtle")
    me = URIRef(f"{server}/sparql")
    assert (me, URIRef(SD + "endpoint"), me) in g
    assert URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON") in set(
        g.objects(me, URIRef(SD + "resultFormat")))
    assert (me, URIRef(SD + "supportedLanguage"), URIRef(SD + "SPARQL11Update")) not in g


def test_a_malformed_query_is_400_with_the_parsers_message(server):
    with pytest.raises(QueryBadFormed) as err:
        wrapper(server, "SELECT ?x WHERE { ?x ?p }", JSON)
    assert "malformed query: error at 1:" in str(err.value)


def test_an_update_is_403_and_changes_nothing(server):
    sw = SPARQLWrapper.SPARQLWrapper(f"{server}/sparql", updateEndpoint=f"{server}/update")
    sw.setMethod(POST)
    sw.setQuery("DELETE WHERE { ?s ?p ?o }")
    with pytest.raises(urllib.error.HTTPError) as err:
        sw.query()
    assert err.value.code == 403 and b"read-only" in err.value.read()
    for body, kind in ((b"DROP ALL", "application/sparql-update"),
                       (b"update=CLEAR+ALL", "application/x-www-form-urlencoded")):
        status, _, text = request(f"{server}/sparql", body, {"Content-Type": kind})
        assert status == 403 and b"updates are refused" in text
    assert wrapper(server, ASK_PUTIN, JSON)["boolean"] is True


def test_a_format_the_server_cannot_write_is_406(server):
    status, _, body = request(f"{server}/sparql?" + urllib.parse.urlencode({"query": CONSTRUCT}),
                              headers={"Accept": "text/csv"})
    assert status == 406 and b"text/turtle" in body


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
@pytest.mark.parametrize("accept, check", [
    ("application/sparql-results+json", lambda b: json.loads(b)["results"]["bindings"][0]["who"]["value"] == ROW[0]),
    ("application/sparql-results+xml", lambda b: ET.fromstring(b).tag.endswith("sparql")),
    ("text/csv", lambda b: b.splitlines()[1] == ",".join(ROW)),
    ("text/tab-separated-values", lambda b: b.startswith("?who\t")),
])
def test_curl_every_result_format(server, accept, check):
    out = subprocess.run(["curl", "-sS", "--fail", "-H", f"Accept: {accept}", "--data-urlencode",
                          f"query={MEETING}", f"{server}/sparql"], capture_output=True, text=True,
                         timeout=30)
    assert out.returncode == 0, out.stderr
    assert check(out.stdout)


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_curl_graph_formats_and_errors(server):
    def curl(*args):
        return subprocess.run(["curl", "-sS", "-w", "\n%{http_code}", *args], capture_output=True,
                              text=True, timeout=30).stdout.rsplit("\n", 1)
    for accept, fmt in (("text/turtle", "turtle"), ("application/n-triples", "nt"),
                        ("application/ld+json", "json-ld")):
        body, code = curl("-H", f"Accept: {accept}", "-H", "Content-Type: application/sparql-query",
                          "--data-binary", CONSTRUCT, f"{server}/sparql")
        assert code == "200" and len(Graph().parse(data=body, format=fmt)) == 2
    body, code = curl("--data-urlencode", "query=SELECT WHERE", f"{server}/sparql")
    assert code == "400" and body.startswith("malformed query:")
    body, code = curl("--data-urlencode", "update=DROP ALL", f"{server}/sparql")
    assert code == "403"
