"""`newskg serve --infer`: queries in schema.org / SEM terms find the seed's meetings through the
server, from a graph file and from a store folder (served as a copy: the folder is not written)."""
from __future__ import annotations

import json
import urllib.parse

import pyoxigraph as ox
from click.testing import CliRunner

from newskg.cli import main

from .server import request, running

#: the meeting of the seed article, in SEM and schema.org terms only
SEM_MEETING = """
    SELECT DISTINCT ?who WHERE {
      ?event a schema:Event ; a nkg:Meeting ; sem:hasActor/rdfs:label ?who ; nkg:date ?date
      FILTER(STR(?date) = "2022-09-14")
    } ORDER BY ?who"""


def names(url: str) -> list[str]:
    status, _, body = request(f"{url}/sparql?" + urllib.parse.urlencode({"query": SEM_MEETING}),
                              headers={"Accept": "application/sparql-results+json"})
    assert status == 200, body
    return [b["who"]["value"] for b in json.loads(body)["results"]["bindings"]]


def test_a_graph_file_served_with_infer_answers_in_sem_and_schema_terms(seed_graph):
    with running(seed_graph) as url:
        assert names(url) == []                       # nothing entailed without --infer
    with running(seed_graph, "--infer") as url:
        assert names(url) == ["Vladimir Putin", "Xi Jinping"]


def test_a_store_folder_is_inferred_in_a_copy_and_left_as_it_was(seed_graph, tmp_path):
    folder = tmp_path / "store"
    store = ox.Store(str(folder))
    store.load(path=str(seed_graph), format=ox.RdfFormat.TRIG)
    store.flush()
    before = sorted(map(str, store))
    del store
    with running(folder, "--infer") as url:
        assert names(url) == ["Vladimir Putin", "Xi Jinping"]
    after = ox.Store.read_only(str(folder))
    assert sorted(map(str, after)) == before


def test_infer_with_updates_is_refused(seed_graph, tmp_path):
    token = tmp_path / "token"
    token.write_text("secret")
    out = CliRunner().invoke(main, ["serve", str(seed_graph), "--infer", "--allow-update",
                                    "--token-file", str(token)])
    assert out.exit_code == 2 and "--infer" in out.output
