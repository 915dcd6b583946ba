"""Every saved query on the graph of the bundled example article (the seed), with the rows a
reader of that article expects. Runs the real pipeline end to end."""
import pytest

from newskg.api import KnowledgeGraph
from newskg.graph.queries import saved_queries
from newskg.paths import EXAMPLE_ARTICLE


@pytest.fixture(scope="module")
def kg():
    kg = KnowledgeGraph()
    kg.add_file(EXAMPLE_ARTICLE)
    assert not kg.errors
    return kg


def text(rows, var):
    return [str(r[var]) if r.get(var) is not None else None for r in rows]


def test_every_saved_query_is_covered_here():
    assert set(saved_queries()) == {"meetings", "summits", "partnerships", "positions", "quotes", "timeline",
                                    "network", "event_sources", "entity_profile", "same_qid"}


def test_meetings(kg):
    rows = kg.query("meetings")
    assert len(rows) == 1
    r = rows[0]
    assert {str(r["who"]), str(r["withWhom"])} == {"Vladimir Putin", "Xi Jinping"}
    assert (str(r["place"]), str(r["date"]), str(r["status"]).rsplit("#")[-1]) == ("Samarkand", "2022-09-14", "Planned")


def test_summits(kg):
    rows = kg.query("summits")
    assert text(rows, "organizer") == ["Shanghai Cooperation Organisation"]
    assert text(rows, "place") == ["Samarkand"] and text(rows, "date") == ["2022-09"]
    assert set(str(rows[0]["attendees"]).split(", ")) == {"Vladimir Putin", "Xi Jinping"}


def test_partnerships(kg):
    rows = kg.query("partnerships")
    assert len(rows) == 1 and set(str(rows[0]["parties"]).split(", ")) == {"China", "Russia"}


def test_positions(kg):
    found = {(str(r["person"]), str(r["title"]), str(r["of"]) if r.get("of") else None) for r in kg.query("positions")}
    assert ("Vladimir Putin", "President", "Russia") in found
    assert any(p == "Yuri Ushakov" and of == "Vladimir Putin" for p, _, of in found)


def test_quotes_by_person(kg):
    rows = kg.query("quotes", bindings={"speakerName": "George Magnus"})
    assert len(rows) == 2 and all(str(r["speaker"]) == "George Magnus" for r in rows)
    assert any(str(r["text"]).startswith("Ini semua tentang Xi Jinping") for r in rows)


def test_timeline_is_in_date_order(kg):
    rows = kg.query("timeline", bindings={"name": "Xi Jinping"})
    dates = text(rows, "date")
    assert len(rows) == 3 and dates == sorted(dates)
    assert {str(r["type"]).rsplit("#")[-1] for r in rows} == {"Meeting", "Summit", "Visit"}


def test_network(kg):
    rows = kg.query("network")
    pairs = {frozenset((str(r["entity1"]), str(r["entity2"]))): int(r["sharedEvents"]) for r in rows}
    assert pairs[frozenset(("Vladimir Putin", "Xi Jinping"))] >= 2


def test_event_sources(kg):
    rows = kg.query("event_sources")
    assert len(rows) == 4
    assert set(text(rows, "publisher")) == {"Nextren.com"}
    assert all(str(r["published"]).startswith("2022-09-12") for r in rows)


def test_entity_profile_by_surface_form(kg):
    rows = kg.query("entity_profile", bindings={"name": "Putin"})
    facets = {(str(r["facet"]), str(r["value"])) for r in rows}
    assert ("label", "Vladimir Putin") in facets
    assert ("sameAs", "http://www.wikidata.org/entity/Q7747") in facets or \
        any(f == "sameAs" and v.endswith("Q7747") for f, v in facets)
    assert any(f == "position" and "President" in v for f, v in facets)


def test_same_qid_finds_nothing_on_one_resolved_article(kg):
    assert len(kg.query("same_qid")) == 0


def test_same_qid_lists_two_nodes_with_one_qid():
    from rdflib import Literal, URIRef
    from newskg import KnowledgeGraph
    from newskg.vocab.namespaces import NKG, OWL, RDF, RDFS, WD

    kg = KnowledgeGraph(store="memory")
    g = URIRef("https://w3id.org/newskg/id/article/x")
    a, b = URIRef("https://w3id.org/newskg/id/person/a"), URIRef("https://w3id.org/newskg/id/person/b")
    kg.backend.add([(n, p, o, g) for n, label in ((a, "Jokowi"), (b, "Joko Widodo"))
                         for p, o in ((RDF.type, NKG.Person), (RDFS.label, Literal(label, lang="en")),
                                      (OWL.sameAs, WD.Q563))])
    rows = kg.query("same_qid")
    assert [(str(r["label"]), str(r["otherLabel"])) for r in rows] == [("Jokowi", "Joko Widodo")]
