"""Every saved query parses, declares itself, and answers the seed-shaped graph on both stores."""
import pytest
from rdflib import URIRef
from rdflib.plugins.sparql import prepareQuery

from newskg.api import KnowledgeGraph
from newskg.facts import Event, PartialDate
from newskg.vocab.namespaces import NKG, XSD
from newskg.graph.queries import QueryError, parameters, resolve_query, saved_queries, summary
from newskg.graph.backends import STORES

ID = "https://w3id.org/newskg/id/"
PUTIN = URIRef(ID + "person/Q7747")
EXPECTED = {"meetings", "summits", "partnerships", "positions", "quotes", "timeline", "network",
            "event_sources", "entity_profile"}


@pytest.fixture(params=STORES)
def kg(request, facts):
    g = KnowledgeGraph(store=request.param)
    g.add_facts(facts)
    return g


@pytest.fixture(params=STORES)
def kg2(request, facts, facts_en):
    g = KnowledgeGraph(store=request.param)
    g.add_facts(facts)
    g.add_facts(facts_en)
    return g


def strs(rows, *cols):
    return [tuple(None if r[c] is None else str(r[c]) for c in cols) for r in rows]


def test_all_saved_queries_exist_parse_and_say_what_they_answer():
    saved = saved_queries()
    assert EXPECTED <= set(saved)
    for name, path in saved.items():
        text = path.read_text(encoding="utf-8")
        assert text.startswith("#"), name
        assert summary(text), name
        prepareQuery(text)       # a SPARQL 1.1 parser accepts it


def test_declared_parameters():
    params = {name: parameters(p.read_text()) for name, p in saved_queries().items()}
    assert [(p.name, p.required) for p in params["timeline"]] == [("name", True)]
    assert [(p.name, p.required) for p in params["entity_profile"]] == [("name", True)]
    assert [(p.name, p.required) for p in params["quotes"]] == [("speakerName", False)]
    assert params["meetings"] == []


def test_meetings(kg):
    rows = kg.query("meetings")
    assert strs(rows, "who", "withWhom", "place", "date", "status", "article") == [
        ("Vladimir Putin", "Xi Jinping", "Samarkand", "2022-09-14", str(NKG.Planned),
         ID + "article/contoh-2022-09-12-putin-xi")]
    assert rows[0]["date"].datatype == XSD.date


def test_summits_list_attendees_of_meetings_held_within(kg):
    rows = kg.query("summits")
    assert len(rows) == 1
    r = rows[0]
    assert (str(r["organizer"]), str(r["place"]), str(r["date"])) == (
        "Shanghai Cooperation Organisation", "Samarkand", "2022-09")
    assert r["date"].datatype == XSD.gYearMonth
    assert str(r["attendees"]) == "Vladimir Putin, Xi Jinping"
    assert r["status"] == NKG.Planned


def test_summit_without_attendees_still_listed(kg, facts):
    facts.events = [Event("s1", "Summit", [], date=PartialDate(2023), name="G20 summit 2023")]
    facts.events[0].evidence = []
    facts.article.id = "other"
    facts.article.text += "\n"        # another article (the same text again would change nothing)
    kg.add_facts(facts)
    names = strs(kg.query("summits"), "name", "attendees")
    assert ("Summit: G20 summit 2023", None) in names


def test_partnerships(kg):
    assert strs(kg.query("partnerships"), "parties", "qualifier", "status") == [
        ("China, Russia", "no limits", str(NKG.Occurred))]


def test_positions(kg):
    assert strs(kg.query("positions"), "person", "title", "of", "articles") == [
        ("Vladimir Putin", "President", "Russia", "1"),
        ("Xi Jinping", "President", "China", "1"),
        ("Yuri Ushakov", "foreign policy aide", "Vladimir Putin", "1"),
    ]


def test_quotes_all_and_by_speaker_name_or_alias_any_case(kg):
    every = kg.query("quotes")
    assert len(every) == 2 and set(every.column("speaker")) == {"George Magnus"}
    assert {t[:8] for t in every.column("text")} == {"Xi ingin", "Saya kir"}
    for name in ("george magnus", "MAGNUS", "George Magnus"):
        assert len(kg.query("quotes", {"speakerName": name})) == 2
    assert kg.query("quotes", {"speakerName": "Vladimir Putin"}) == []


def test_timeline_in_date_order_across_articles(kg2):
    rows = kg2.query("timeline", {"name": "xi jinping"})
    assert strs(rows, "date", "type") == [("2022-02-04", str(NKG.Meeting)),
                                          ("2022-09-14", str(NKG.Meeting))]
    place = kg2.query("timeline", {"name": "Samarkand"})
    assert {str(r["type"]) for r in place} == {str(NKG.Meeting), str(NKG.Summit)}


def test_timeline_needs_its_parameter(kg):
    with pytest.raises(QueryError, match=r"\?name"):
        kg.query("timeline")


def test_network_counts_shared_events(kg2):
    rows = kg2.query("network")
    pairs = {(str(r["entity1"]), str(r["entity2"])): int(r["sharedEvents"]) for r in rows}
    # the two meetings are two events; the "no limits" partnership both articles name is one
    assert pairs == {("Vladimir Putin", "Xi Jinping"): 2, ("China", "Russia"): 1}


def test_event_sources(kg2):
    rows = kg2.query("event_sources")
    assert len(rows) == 5                       # 3 events in one article, 2 in the other
    by_publisher = {}
    for r in rows:
        by_publisher.setdefault(str(r["publisher"]), set()).add(str(r["url"]))
    assert by_publisher == {"Contoh.com": {"https://contoh.example/2022/09/12/putin-xi"},
                            "Wire": {"https://wire.example/2022/02/04/xi-putin"}}
    assert {str(r["published"]) for r in rows} == {"2022-09-12", "2022-02-04"}


def test_entity_profile(kg2):
    rows = kg2.query("entity_profile", {"name": "putin"})
    assert {r["entity"] for r in rows} == {PUTIN}
    facets = {}
    for r in rows:
        facets.setdefault(str(r["facet"]), set()).add(str(r["value"]))
    assert facets["type"] == {str(NKG.Person)}
    assert facets["label"] == {"Vladimir Putin"}
    assert facets["sameAs"] == {"http://www.wikidata.org/entity/Q7747"}
    assert facets["position"] == {"President of Russia"}
    assert len(facets["event"]) == 2
    assert facets["article"] == {"Putin Segera Bertemu Xi Jinping di Samarkand",
                                 "Xi and Putin declare partnership"}
    assert {"Putin", "Vladimir Putin"} <= facets["altLabel"]


@pytest.mark.parametrize("evil", [
    '"} ; DROP ALL ; SELECT * { ?s ?p ?o',
    'putin") || true || ("',
    "putin' || true || '",
    "> } INSERT DATA { <x> <y> <z> } #",
])
def test_bound_values_are_only_ever_literals(kg, evil):
    size = len(kg)
    assert kg.query("timeline", {"name": evil}) == []
    assert kg.query("quotes", {"speakerName": evil}) == []
    assert kg.query("entity_profile", {"name": evil}) == []
    assert len(kg) == size


def test_unknown_binding_or_query_name_is_an_error(kg):
    with pytest.raises(QueryError, match=r"no variable \?nme"):
        kg.query("timeline", {"nme": "Putin"})
    with pytest.raises(QueryError, match="saved queries: .*meetings"):
        kg.query("meeting")


def test_every_store_gives_the_same_rows(facts, facts_en):
    results = []
    for store in STORES:
        g = KnowledgeGraph(store=store)
        g.add_facts(facts)
        g.add_facts(facts_en)
        out = {}
        for name, path in saved_queries().items():
            b = {p.name: "Vladimir Putin" for p in parameters(path.read_text())}
            rows = g.query(name, b)
            out[name] = sorted(tuple(v.n3() if v is not None else "" for v in r.values())
                               for r in rows)
        results.append(out)
    assert results[0] == results[1] == results[2]


@pytest.mark.parametrize("suffix", [".trig", ".ttl", ".nq", ".nt", ".jsonld"])
def test_queries_answer_the_same_from_any_file_format(kg2, tmp_path, suffix):
    path = kg2.serialize(tmp_path / f"g{suffix}")
    loaded = KnowledgeGraph.load(path)
    for name in ("meetings", "positions", "network"):
        assert kg2.query(name) == loaded.query(name)


def test_resolve_query_reads_rq_files(tmp_path):
    f = tmp_path / "mine.rq"
    f.write_text("SELECT ?s WHERE { ?s ?p ?o }")
    assert resolve_query(str(f)) == ("SELECT ?s WHERE { ?s ?p ?o }", None)


def test_one_sided_meeting_is_one_row_without_counterpart(kg, facts):
    facts.article.id = "one-sided"
    facts.article.text += "\n"
    facts.events = [Event("m", "Meeting", ["e8"], location="e3", date=PartialDate(2022, 9, 13))]
    kg.add_facts(facts)
    rows = [r for r in kg.query("meetings") if str(r["who"]) == "Yuri Ushakov"]
    assert strs(rows, "who", "withWhom", "place") == [("Yuri Ushakov", None, "Samarkand")]
