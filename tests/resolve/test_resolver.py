"""Resolution across articles on short hand-made articles: people, places, events, order."""
from __future__ import annotations

from datetime import date

import pytest
from rdflib import URIRef

from newskg import KnowledgeGraph
from newskg.vocab.namespaces import NKG, OWL, RDF, RDFS, WD

from .conftest import D, make_facts

ID = "https://w3id.org/newskg/id/"


def nodes(kg, cls):
    return set(kg.graph.default_graph.subjects(RDF.type, NKG[cls]))


def labels(kg, cls):
    return sorted(str(kg.graph.default_graph.value(n, RDFS.label)) for n in nodes(kg, cls))


@pytest.mark.parametrize("first, second, bare", [
    ("Oleksiy Hrytsenko", "Oleksii Hrytsenko", "Hrytsenko"),   # a name the link table does not know
    ("Volodymyr Zelensky", "Volodymyr Zelenskyy", "Zelensky"),
    ("Recep Tayyip Erdogan", "Recep Tayyip Erdoğan", "Erdogan"),
])
def test_spelling_variants_of_one_person_are_one_node(first, second, bare):
    kg = KnowledgeGraph(store="memory")
    kg.add_facts(make_facts("a1", f"{first} spoke in Kyiv.", [("e1", "Person", first, [first])]))
    kg.add_facts(make_facts("a2", f"{second} flew to Warsaw.", [("e1", "Person", second, [second])]))
    kg.add_facts(make_facts("a3", f"President {bare} thanked the allies.",
                            [("e1", "Person", bare, [bare])]))
    [node] = nodes(kg, "Person")
    alts = {str(a) for a in kg.graph.default_graph.objects(node, URIRef(
        "http://www.w3.org/2004/02/skos/core#altLabel"))}
    assert {first, second, bare} <= alts | {str(kg.graph.default_graph.value(node, RDFS.label))}
    assert len(set(kg.graph.default_graph.objects(node, NKG.mentionedIn))) == 3


def test_a_bare_surname_joins_only_when_one_known_person_has_it():
    kg = KnowledgeGraph(store="memory")
    kg.add_facts(make_facts("a1", "Joe Biden and Hunter Biden arrived.",
                            [("e1", "Person", "Joe Biden", ["Joe Biden"]),
                             ("e2", "Person", "Hunter Biden", ["Hunter Biden"])]))
    kg.add_facts(make_facts("a2", "Biden said nothing.", [("e1", "Person", "Biden", ["Biden"])]))
    assert labels(kg, "Person") == ["Biden", "Hunter Biden", "Joe Biden"]   # ambiguous: kept apart
    kg.add_facts(make_facts("a3", "Yuri Ushakov briefed reporters.",
                            [("e1", "Person", "Yuri Ushakov", ["Yuri Ushakov"])]))
    kg.add_facts(make_facts("a4", "Ushakov said the talks went well.",
                            [("e1", "Person", "Ushakov", ["Ushakov"])]))
    assert "Ushakov" not in labels(kg, "Person") and "Yuri Ushakov" in labels(kg, "Person")


def test_a_fuller_name_later_renames_the_node_of_a_bare_one():
    kg = KnowledgeGraph(store="memory")
    kg.add_facts(make_facts("a1", "Ushakov said the talks went well.",
                            [("e1", "Person", "Ushakov", ["Ushakov"])]))
    kg.add_facts(make_facts("a2", "Kremlin aide Yuri Ushakov briefed reporters.",
                            [("e1", "Person", "Yuri Ushakov", ["Yuri Ushakov"])]))
    assert labels(kg, "Person") == ["Yuri Ushakov"]
    node = next(iter(nodes(kg, "Person")))
    assert node == URIRef(ID + "person/yuri-ushakov")
    assert {str(a).rsplit("/", 1)[-1] for a in kg.graph.default_graph.objects(node, NKG.mentionedIn)} \
        == {"a1", "a2"}
    # the merge has the one canonical label; each article's graph the name that article gives
    assert {str(o) for o in kg.graph.default_graph.objects(node, RDFS.label)} == {"Yuri Ushakov"}
    for g, name in (("a1", "Ushakov"), ("a2", "Yuri Ushakov")):
        assert {str(o) for o in kg.graph.graph(URIRef(ID + "article/" + g)).objects(node, RDFS.label)} \
            == {name}


def test_types_keep_namesakes_apart():
    kg = KnowledgeGraph(store="memory")
    kg.add_facts(make_facts("a1", "Georgia and Armenia signed a deal.",
                            [("e1", "Country", "Georgia", ["Georgia"], "Q230")]))
    kg.add_facts(make_facts("a2", "Georgia Meloni won.",
                            [("e1", "Person", "Georgia", ["Georgia"])]))
    assert labels(kg, "Country") == ["Georgia"] and labels(kg, "Person") == ["Georgia"]
    person = next(iter(nodes(kg, "Person")))
    assert not set(kg.graph.default_graph.objects(person, OWL.sameAs))


def test_linked_entities_get_qid_iris_and_aliases_of_other_languages_resolve():
    kg = KnowledgeGraph(store="memory")
    kg.add_facts(make_facts("a1", "Tiongkok dan Amerika Serikat bertemu.",
                            [("e1", "Country", "Tiongkok", ["Tiongkok"]),
                             ("e2", "Country", "Amerika Serikat", ["Amerika Serikat"])], lang="id"))
    kg.add_facts(make_facts("a2", "China and the United States met.",
                            [("e1", "Country", "China", ["China"]),
                             ("e2", "Country", "United States", ["United States"])]))
    assert nodes(kg, "Country") == {URIRef(ID + "country/Q148"), URIRef(ID + "country/Q30")}
    assert kg.graph.default_graph.value(URIRef(ID + "country/Q148"), OWL.sameAs) == WD.Q148
    assert labels(kg, "Country") == ["China", "United States"]


SUMMIT_EN = ("Xi Jinping and Vladimir Putin met in Samarkand on Thursday at the Shanghai Cooperation "
             "Organisation summit.")
SUMMIT_ID = "Putin dan Xi bertemu di Uzbekistan pada KTT SCO pekan ini."


def facts_en():
    return make_facts("en1", SUMMIT_EN,
                      [("e1", "Person", "Xi Jinping", ["Xi Jinping"], "Q15031"),
                       ("e2", "Person", "Vladimir Putin", ["Vladimir Putin"], "Q7747"),
                       ("e3", "Place", "Samarkand", ["Samarkand"], "Q5753"),
                       ("e4", "Organization", "Shanghai Cooperation Organisation",
                        ["Shanghai Cooperation Organisation"], "Q485207")],
                      [("v1", "Meeting", ["e1", "e2"], "e3", D(2022, 9, 15), "Occurred"),
                       ("v2", "Summit", [], "e3", D(2022, 9, 15), "Occurred", "e4")],
                      published=date(2022, 9, 16))


def facts_id():
    return make_facts("id1", SUMMIT_ID,
                      [("e1", "Person", "Vladimir Putin", ["Putin"], "Q7747"),
                       ("e2", "Person", "Xi Jinping", ["Xi"], "Q15031"),
                       ("e3", "Country", "Uzbekistan", ["Uzbekistan"], "Q265"),
                       ("e4", "Organization", "Shanghai Cooperation Organisation", ["SCO"], "Q485207")],
                      [("v1", "Meeting", ["e1", "e2"], "e3", D(2022, 9, 14), "Planned"),
                       ("v2", "Summit", [], "e3", D(2022, 9), "Planned", "e4")],
                      published=date(2022, 9, 12), lang="id")


def test_one_event_node_per_real_event_with_every_source_and_one_date_status_label():
    kg = KnowledgeGraph(store="memory")
    kg.add_facts(facts_id())
    kg.add_facts(facts_en())
    g = kg.graph.default_graph
    for cls in ("Meeting", "Summit"):
        [ev] = nodes(kg, cls)
        assert {str(a).rsplit("/", 1)[-1] for a in g.objects(ev, NKG.mentionedIn)} == {"id1", "en1"}
        assert list(g.objects(ev, NKG.status)) == [NKG.Occurred]          # a later report: held
        assert [str(d) for d in g.objects(ev, NKG.date)] == ["2022-09-15"]
        assert len(list(g.objects(ev, RDFS.label))) == 1
        assert list(g.objects(ev, NKG.location)) == [URIRef(ID + "place/Q5753")]  # the city
        assert len(list(g.objects(ev, NKG.evidence))) == 2
    from newskg.resolve.index import PREDICATES  # noqa: F401  (the index reads these)


def test_iris_do_not_depend_on_the_order_articles_arrive_in():
    def iris(order):
        kg = KnowledgeGraph(store="memory")
        for f in order:
            kg.add_facts(f())
        return nodes(kg, "Summit") | nodes(kg, "Person") | nodes(kg, "Organization")
    assert iris([facts_en, facts_id]) == iris([facts_id, facts_en])


def test_different_meetings_of_the_same_pair_stay_apart():
    kg = KnowledgeGraph(store="memory")
    kg.add_facts(facts_en())
    later = make_facts("en2", "Xi Jinping met Vladimir Putin in Moscow.",
                       [("e1", "Person", "Xi Jinping", ["Xi Jinping"], "Q15031"),
                        ("e2", "Person", "Vladimir Putin", ["Vladimir Putin"], "Q7747"),
                        ("e3", "Place", "Moscow", ["Moscow"], "Q649")],
                       [("v1", "Meeting", ["e1", "e2"], "e3", D(2023, 3, 21), "Occurred")],
                       published=date(2023, 3, 21))
    kg.add_facts(later)
    assert len(nodes(kg, "Meeting")) == 2


def test_two_summits_of_one_organiser_in_a_year_stay_apart():
    def asean(id, place, qid, day):
        return make_facts(id, f"ASEAN leaders met in {place}.",
                          [("e1", "Organization", "Association of Southeast Asian Nations", ["ASEAN"],
                            "Q7768"), ("e2", "Place", place, [place], qid)],
                          [("v1", "Summit", [], "e2", day, "Occurred", "e1")], published=day and date(
                              day.year, day.month, day.day))
    kg = KnowledgeGraph(store="memory")
    kg.add_facts(asean("a1", "Labuan Bajo", None, D(2023, 5, 10)))
    kg.add_facts(asean("a2", "Jakarta", "Q3630", D(2023, 9, 5)))
    assert len(nodes(kg, "Summit")) == 2
