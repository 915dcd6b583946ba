"""The explorer's pages and the JSON they read (`/api/…`), on a real `newskg serve` of the seed
article plus two short articles written here that report one meeting: search by any name or alias
in either language, the entity and event pages' data, evidence sentences with their own article,
the network with its filters and top-N limit, paging, and clear 400s for bad parameters."""
from __future__ import annotations

import json
import urllib.parse

import pyoxigraph as ox
import pytest

from .server import request, running

NKG = "https://w3id.org/newskg/ontology#"
ID = "https://w3id.org/newskg/id/"
PUTIN, XI = ID + "person/Q7747", ID + "person/Q15031"
BALI_1 = ("President Joe Biden met Chinese President Xi Jinping in Bali on Monday, the White House "
          "said.")
BALI_2 = "Xi Jinping and Joe Biden held talks in Bali on November 14, 2022, officials said."


@pytest.fixture(scope="module")
def graphs(tmp_path_factory):
    """The graph as TriG (one named graph per article) and as Turtle (the merge only)."""
    from newskg.api import KnowledgeGraph
    from newskg.paths import EXAMPLE_ARTICLE

    kg = KnowledgeGraph()
    kg.add_file(EXAMPLE_ARTICLE)
    kg.add_article(BALI_1, published="2022-11-15", id="bali-1", url="https://news.example/bali-1")
    kg.add_article(BALI_2, published="2022-11-16", id="bali-2", url="https://news.example/bali-2")
    assert not kg.errors
    folder = tmp_path_factory.mktemp("explorer")
    kg.serialize(folder / "g.trig")
    kg.serialize(folder / "g.ttl")
    kg.close()
    return folder / "g.trig", folder / "g.ttl"


@pytest.fixture(scope="module")
def server(graphs):
    with running(graphs[0]) as url:
        yield url


def get(server, path, **params):
    status, headers, body = request(f"{server}{path}?" + urllib.parse.urlencode(params))
    return status, headers, body


def api(server, name, **params):
    status, _, body = get(server, f"/api/{name}", **params)
    assert status == 200, body
    return json.loads(body)


def values(rows, *names):
    return [tuple(r.get(n, {}).get("value") for n in names) for r in rows]


def test_the_root_leads_to_the_search_page_and_the_pages_are_served(server):
    status, headers, _ = request(f"{server}/", method="GET")
    assert status == 200              # urllib followed the redirect to /explore/
    status, headers, body = get(server, "/explore/")
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert b'id="search"' in body and b'href="network.html"' in body
    # only this server's own scripts run in the pages, whatever got into them
    policy = headers["content-security-policy"]
    assert "script-src 'self';" in policy and "connect-src 'self';" in policy
    assert headers["x-content-type-options"] == "nosniff"
    for page in ("entity.html", "event.html", "network.html", "query.html"):
        status, headers, body = get(server, f"/explore/{page}")
        assert status == 200 and b"<nav>" in body, page
    status, headers, body = get(server, "/explore/vendor/vis-timeline/vis-timeline-graph2d.min.js")
    assert status == 200 and "javascript" in headers["content-type"] and len(body) > 100_000
    assert get(server, "/explore/../pyproject.toml")[0] == 404


@pytest.mark.parametrize("q, entity", [
    ("putin", PUTIN),                     # an alias, any case
    ("VLADIMIR", PUTIN),                  # part of a name
    ("Rusia", ID + "country/Q159"),       # the Indonesian name of Russia
    ("russia", ID + "country/Q159"),      # its English one
    ("Samarkand", ID + "place/Q5753"),
    ("kerjasama shahai", ID + "organization/Q485207"),   # as the article misspells it
])
def test_search_finds_any_name_or_alias_in_either_language(server, q, entity):
    rows = api(server, "search", q=q)["rows"]
    assert values(rows, "entity")[0] == (entity,)


def test_search_puts_the_exact_name_first_and_pages(server):
    assert values(api(server, "search", q="xi")["rows"], "entity", "rank")[0] == (XI, "0")
    first = api(server, "search", q="a", limit=3)
    assert len(first["rows"]) == 3 and first["more"] is True
    second = api(server, "search", q="a", limit=3, offset=3)
    assert not set(values(first["rows"], "entity")) & set(values(second["rows"], "entity"))
    everything = api(server, "search", q="a")["rows"]
    assert values(everything, "entity")[:6] == values(first["rows"] + second["rows"], "entity")


def test_entity_data_types_names_wikidata_positions(server):
    rows = api(server, "entity", iri=f"<{PUTIN}>")["rows"]
    facts = {(r["facet"]["value"], r["value"]["value"], r["value"].get("xml:lang"),
              r.get("ofLabel", {}).get("value")) for r in rows}
    assert ("type", NKG + "Person", None, None) in facts
    assert ("label", "Vladimir Putin", "en", None) in facts
    assert ("altLabel", "Putin", "id", None) in facts
    assert ("sameAs", "http://www.wikidata.org/entity/Q7747", None, None) in facts
    assert ("position", "President", "en", "Russia") in facts
    # an office several articles name (one position node each) is listed once
    rows = api(server, "entity", iri=f"<{XI}>")["rows"]
    positions = values([r for r in rows if r["facet"]["value"] == "position"], "value", "ofLabel")
    assert ("President", None) in positions and len(positions) == len(set(positions))


def test_entity_events_for_the_timeline(server):
    rows = api(server, "entity_events", iri=f"<{PUTIN}>")["rows"]
    got = values(rows, "type", "date", "status", "placeLabel", "label")
    assert (NKG + "Meeting", "2022-09-14", NKG + "Planned", "Samarkand",
            "Meeting: Vladimir Putin – Xi Jinping, 2022-09-14") in got
    assert [d for _, d, *_ in got] == sorted(d for _, d, *_ in got)        # in date order
    xi = values(api(server, "entity_events", iri=f"<{XI}>")["rows"], "date", "placeLabel")
    assert ("2022-11-14", "Bali") in xi and ("2022-09-14", "Samarkand") in xi


def test_entity_quotes_and_articles(server):
    magnus = ID + "person/george-magnus"
    quotes = api(server, "entity_quotes", iri=f"<{magnus}>")["rows"]
    assert len(quotes) == 2 and all("Xi" in q["text"]["value"] for q in quotes)
    articles = api(server, "entity_articles", iri=f"<{XI}>")["rows"]
    assert {r["article"]["value"].rsplit("/", 1)[1] for r in articles} >= {"bali-1", "bali-2"}
    assert values(articles, "published")[0][0].startswith("2022-11-16")     # newest first


def meeting(server, who):
    rows = api(server, "entity_events", iri=f"<{who}>")["rows"]
    return next(r["event"]["value"] for r in rows if r["type"]["value"] == NKG + "Meeting")


def test_event_data(server):
    rows = api(server, "event", iri=f"<{meeting(server, PUTIN)}>")["rows"]
    facts = set(values(rows, "facet", "valueLabel", "value"))
    assert {("participant", "Vladimir Putin", PUTIN), ("participant", "Xi Jinping", XI),
            ("location", "Samarkand", ID + "place/Q5753"), ("date", None, "2022-09-14"),
            ("status", None, NKG + "Planned")} <= facts
    assert any(f == "partOf" and label.startswith("Summit:") for f, label, _ in facts)


def test_every_evidence_sentence_comes_with_its_own_article(server, graphs):
    rows = api(server, "entity_events", iri=f"<{XI}>")["rows"]
    bali = next(r["event"]["value"] for r in rows if r.get("placeLabel", {}).get("value") == "Bali")
    got = set(values(api(server, "event_evidence", iri=f"<{bali}>")["rows"],
                     "sentence", "url", "published"))
    assert got == {(BALI_1, "https://news.example/bali-1", "2022-11-15"),
                   (BALI_2, "https://news.example/bali-2", "2022-11-16")}
    seed = values(api(server, "event_evidence", iri=f"<{meeting(server, PUTIN)}>")["rows"],
                  "sentence", "publisher", "title")
    assert ("Pertemuan Vladimir Putin dan Xi Jinping dijadwalkan pada hari Rabu (14/9).",
            "Nextren.com", "Kekalahan Perang Rusia di Depan Mata, Putin Segera Bertemu Xi "
            "Jinping, Bahas Taktik Baru?") in seed
    # a Turtle file has no article graphs: an event one article reports still gets it
    from newskg.serve.explorer import PAGE_QUERIES
    store = ox.Store()
    store.load(path=str(graphs[1]), format=ox.RdfFormat.TURTLE)
    text = (PAGE_QUERIES / "event_evidence.rq").read_text()
    found = list(store.query(text, substitutions={
        ox.Variable("iri"): ox.NamedNode(meeting(server, PUTIN))}))
    assert found and {s["title"].value for s in found} == {seed[0][2]}
    assert list(store.query(text, substitutions={ox.Variable("iri"): ox.NamedNode(bali)}))


def network(server, **params):
    data = api(server, "network", **params)
    names = {n["id"]: n["label"] for n in data["nodes"]}
    return data, {n["label"]: n["events"] for n in data["nodes"]}, \
        {frozenset((names[e["from"]], names[e["to"]])): e["shared"] for e in data["edges"]}


def test_the_network_counts_shared_events_and_filters(server):
    data, nodes, edges = network(server)
    assert nodes["Xi Jinping"] == 3 and nodes["Vladimir Putin"] == 2
    assert edges[frozenset(("Vladimir Putin", "Xi Jinping"))] == 2      # the summit and the meeting
    assert edges[frozenset(("Joe Biden", "Xi Jinping"))] == 1
    assert data["total"] == len(nodes) and data["limit"] == 50
    _, nodes, edges = network(server, eventType=f"<{NKG}Partnership>")
    assert set(nodes) == {"China", "Russia"}
    _, nodes, _ = network(server, **{"from": "2022-11-01"})
    assert nodes == {"Joe Biden": 1, "Xi Jinping": 1}
    _, nodes, _ = network(server, to="2022-09-13")                     # the summit's month only
    assert nodes == {"Vladimir Putin": 1, "Xi Jinping": 1}
    _, nodes, _ = network(server, **{"from": "2022-09", "to": "2022-09"})
    assert nodes == {"Vladimir Putin": 2, "Xi Jinping": 2}


def test_the_network_shows_the_top_nodes_with_the_limit(server):
    data, nodes, edges = network(server, limit=2)
    assert data["limit"] == 2 and data["total"] > 2 and len(nodes) == 2
    assert "Xi Jinping" in nodes
    assert all(e["from"] in {n["id"] for n in data["nodes"]} for e in data["edges"])


@pytest.mark.parametrize("path, params, status, message", [
    ("/api/entity", {}, 400, b"needs the parameter ?iri"),
    ("/api/entity", {"iri": "<a b>"}, 400, b"is not an IRI"),
    ("/api/entity", {"iri": "<x:y>", "who": "x"}, 400, b"has no parameter who"),
    ("/api/search", {"q": "a", "limit": "21"}, 400, b"limit must be a whole number"),
    ("/api/search", {"q": "a", "offset": "-1"}, 400, b"offset must be a whole number"),
    ("/api/nothing", {}, 404, b"no explorer query named 'nothing'"),
    ("/api/network_edges", {}, 404, b"read through /api/network"),
    ("/api/network", {"from": "last week"}, 400, b"from must be a date"),
    ("/api/network", {"limit": "201"}, 400, b"limit must be a whole number from 1 to 200"),
])
def test_bad_parameters_get_clear_errors(server, path, params, status, message):
    got, _, body = get(server, path, **params)
    assert got == status and message in body, body
