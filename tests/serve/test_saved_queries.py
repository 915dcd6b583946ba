"""`/queries/<name>?param=value` runs a saved query with its parameters bound by the engine, as
`newskg query GRAPH NAME --param` does: the same rows, and a value is only ever one literal."""
from __future__ import annotations

import json
import urllib.parse

import pytest
from click.testing import CliRunner

from newskg.cli import main
from newskg.paths import QUERIES_DIR

from .server import request, running

XI = "Xi Jinping"


@pytest.fixture(scope="module")
def server(seed_graph):
    with running(seed_graph) as url:
        yield url


def rows(server, query, **params):
    status, _, body = request(f"{server}/queries/{query}?" + urllib.parse.urlencode(params),
                              headers={"Accept": "application/sparql-results+json"})
    assert status == 200, body
    res = json.loads(body)
    return sorted(tuple(b.get(v, {}).get("value") for v in res["head"]["vars"])
                  for b in res["results"]["bindings"])


def cli_rows(seed_graph, name, *params):
    out = CliRunner().invoke(main, ["query", str(seed_graph), name, "--format", "json",
                                    *(a for p in params for a in ("--param", p))])
    assert out.exit_code == 0, out.output
    res = json.loads(out.stdout)
    return sorted(tuple(b.get(v, {}).get("value") for v in res["head"]["vars"])
                  for b in res["results"]["bindings"])


def test_a_saved_query_with_a_parameter_gives_the_rows_of_newskg_query(server, seed_graph):
    got = rows(server, "timeline", name=XI)
    assert got == cli_rows(seed_graph, "timeline", f"name={XI}")
    assert {r[0] for r in got} == {XI} and any(r[1] == "2022-09-14" for r in got)
    assert rows(server, "meetings") == cli_rows(seed_graph, "meetings")


@pytest.mark.parametrize("payload", [
    'Xi Jinping" } } DELETE WHERE { ?s ?p ?o } #',
    "Xi Jinping' . ?s ?p ?o } #",
    '"} UNION { ?s ?p ?o }',
    "<https://w3id.org/newskg/id/person/Q15031>",
])
def test_a_value_is_one_term_never_sparql(server, payload):
    assert rows(server, "timeline", name=payload) == []
    assert len(rows(server, "timeline", name=XI)) >= 2          # nothing was changed


def test_parameter_errors_are_400_and_unknown_queries_404(server):
    status, _, body = request(f"{server}/queries/timeline")
    assert status == 400 and b"needs the parameter ?name" in body
    status, _, body = request(f"{server}/queries/meetings?nobody=Xi")
    assert status == 400 and b"has no variable ?nobody" in body
    status, _, body = request(f"{server}/queries/timeline?name=a&name=b")
    assert status == 400
    for name in ("nothing", "..%2Fmeetings", "meetings.rq"):
        status, _, body = request(f"{server}/queries/{name}")
        assert status == 404 and b"SELECT" not in body, name


def test_the_saved_queries_are_listed(server):
    status, _, body = request(f"{server}/queries")
    listed = {q["name"]: q for q in json.loads(body)}
    assert status == 200 and {"meetings", "timeline"} <= set(listed)
    assert listed["timeline"]["parameters"][0] | {"description": ""} == \
        {"name": "name", "required": True, "description": ""}
    assert listed["meetings"]["url"] == f"{server}/queries/meetings"
    # the text too, for the query page's ready tabs
    assert listed["meetings"]["query"] == (QUERIES_DIR / "meetings.rq").read_text()


def test_a_parameter_written_as_an_iri_is_bound_as_an_iri():
    """`<…>` binds an IRI (rdflib's URIRef is a str too: it must not pass for a string)."""
    from newskg.graph.queries import param_value
    from newskg.serve.runner import BadQuery, bound_values
    assert bound_values({"who": param_value("<https://w3id.org/newskg/x>"),
                         "name": param_value("Xi Jinping")}) == {
        "who": ("iri", "https://w3id.org/newskg/x"), "name": ("literal", "Xi Jinping")}
    with pytest.raises(BadQuery, match="not an IRI"):
        bound_values({"who": param_value("<not an iri>")})
