"""An article's named graph says what that article says: read alone or inside a corpus it is the same
graph, up to the IRIs of the nodes it shares with other articles; the merged view of those nodes lives
in the default graph.  Short English articles written for these tests."""
from __future__ import annotations

from datetime import date

import pytest
from rdflib import Literal, URIRef

from newskg import KnowledgeGraph
from newskg.facts import ENTITY_TYPES
from newskg.vocab.namespaces import NKG, RDF, RDFS, SKOS, XSD

from .conftest import D, make_facts

ID = "https://w3id.org/newskg/id/"

# two reports of one meeting: planned, in the country, next week; then held, in a city, on Monday —
# and a minister by his bare name, then by his full name
ARTICLES = [
    ("plan", "2023-05-03",
     "Widodo to meet Anwar\n\nIndonesian President Joko Widodo will meet Malaysian Prime Minister "
     "Anwar Ibrahim in Indonesia next week, the palace said on Wednesday. Foreign Minister Zambry "
     "said the two leaders would discuss the border.\n"),
    ("report", "2023-05-09",
     "Widodo and Anwar meet in Bogor\n\nIndonesian President Joko Widodo met Malaysian Prime "
     "Minister Anwar Ibrahim in Bogor on Monday. Malaysian Foreign Minister Zambry Abdul Kadir said "
     "the talks went well.\n"),
    ("astana", "2023-05-10",
     "Xi visits Astana\n\nChinese President Xi Jinping arrived in Astana on Tuesday for talks with "
     "Kazakh President Kassym-Jomart Tokayev.\n"),
]


def article_graph(kg: KnowledgeGraph, iri: str) -> set:
    return set(kg.graph.graph(URIRef(iri)).triples((None, None, None)))


def canonical(triples: set) -> set:
    """The triples with each node the article may share (entities, events, positions, quotes) named
    by what the graph itself says of it — an entity by its types and surface forms, anything else by
    its types, the spans it was read from and the entities it links — so that two graphs compare
    equal exactly up to those nodes' IRIs."""
    triples = {tuple(Literal(str(t)) if isinstance(t, Literal) and t.datatype == XSD.string else t
                     for t in triple) for triple in triples}      # as every store gives them
    said: dict = {}
    for s, p, o in triples:
        said.setdefault(s, []).append((p, o))
        said.setdefault(o, []).append((p, s))      # inverse links too (a position's holder)

    def types(node):
        return tuple(sorted(str(o) for p, o in said.get(node, []) if p == RDF.type))

    def entity(node):
        return types(node), tuple(sorted(str(o) for p, o in said.get(node, []) if p == SKOS.altLabel))

    classes = {NKG[t] for t in ENTITY_TYPES}
    entities = {n for n in said if any(p == RDF.type and o in classes for p, o in said[n])}

    def signature(node):
        if node in entities:
            return entity(node)
        facts = said[node]
        spans = sorted(str(o).rsplit("/span/", 1)[-1] for p, o in facts if p == NKG.evidenceSpan)
        linked = sorted(entity(o) for p, o in facts if o in entities)
        return types(node), tuple(spans), tuple(linked)

    shared = {n for n in said if isinstance(n, URIRef) and str(n).startswith(ID)
              and not str(n).startswith(ID + "article/")}
    names = {n: ("node", signature(n)) for n in shared}
    assert len(set(names.values())) == len(names), "two nodes of one graph look alike"
    return {tuple(names.get(t, t) for t in triple) for triple in triples}


@pytest.fixture(scope="module")
def graphs():
    """Each article's graph read alone, and the graph of the three read as one corpus."""
    alone = {}
    for id, published, text in ARTICLES:
        kg = KnowledgeGraph(store="memory")
        alone[id] = article_graph(kg, kg.add_article(text, published=published, id=id))
    corpus = KnowledgeGraph(store="memory")
    for id, published, text in ARTICLES:
        corpus.add_article(text, published=published, id=id)
    return alone, corpus


def test_an_article_gives_the_same_named_graph_alone_and_inside_a_corpus(graphs):
    alone, corpus = graphs
    for id, *_ in ARTICLES:
        assert canonical(article_graph(corpus, ID + "article/" + id)) == canonical(alone[id]), id


def meeting(kg, article: str = "plan"):
    """The one meeting the article reports."""
    merge = kg.graph.default_graph
    [node] = set(merge.subjects(RDF.type, NKG.Meeting)) & \
        set(merge.subjects(NKG.mentionedIn, URIRef(ID + "article/" + article)))
    return node


def test_the_merge_holds_the_merged_view_and_each_graph_its_own(graphs):
    _, corpus = graphs
    node, merge = meeting(corpus), corpus.graph.default_graph
    plan = corpus.graph.graph(URIRef(ID + "article/plan"))
    assert [str(d) for d in merge.objects(node, NKG.date)] == ["2023-05-08"]
    assert [str(d) for d in plan.objects(node, NKG.date)] == ["2023-05"]
    assert list(merge.objects(node, NKG.status)) == [NKG.Occurred]
    assert list(plan.objects(node, NKG.status)) == [NKG.Planned]
    [place] = merge.objects(node, NKG.location)
    [country] = plan.objects(node, NKG.location)
    assert merge.value(place, RDFS.label) == Literal("Bogor", lang="en")
    assert merge.value(country, RDFS.label) == Literal("Indonesia", lang="en")
    assert len(list(merge.objects(node, RDFS.label))) == 1
    assert {str(a).rsplit("/", 1)[-1] for a in merge.objects(node, NKG.mentionedIn)} == \
        {"plan", "report"}
    # the minister: one node, the fuller name in the merge, the bare one in the article giving it
    [zambry] = {s for s, o in merge.subject_objects(SKOS.altLabel) if str(o) == "Zambry"}
    assert [str(x) for x in merge.objects(zambry, RDFS.label)] == ["Zambry Abdul Kadir"]
    assert [str(x) for x in plan.objects(zambry, RDFS.label)] == ["Zambry"]


def test_a_graph_file_grown_article_by_article_is_the_graph_of_one_run(graphs, tmp_path):
    """`extract --into FILE`, one article at a time: the file keeps each article's own graph and
    the merged view, and ends as the file one run writes."""
    _, corpus = graphs
    path = tmp_path / "graph.trig"
    for id, published, text in ARTICLES:
        kg = KnowledgeGraph.load(path) if path.exists() else KnowledgeGraph()
        kg.add_article(text, published=published, id=id)
        kg.serialize(path)
    assert path.read_bytes() == corpus.serialize(tmp_path / "one-run.trig").read_bytes()
    again = KnowledgeGraph.load(path)
    assert [str(d) for d in again.graph.default_graph.objects(meeting(again), NKG.date)] == \
        ["2023-05-08"]
    rows = [r for r in again.query("meetings") if r["meeting"] == meeting(again)]
    assert {(str(r["date"]), str(r["place"]), str(r["status"])) for r in rows} == \
        {("2023-05-08", "Bogor", str(NKG.Occurred))}


# -- replacing an article: what it said leaves the merge too (facts written here, no pipeline) ----

def held(text_extra: str = ""):
    """A report of the Samarkand meeting, dated and held; `text_extra` makes another text of it."""
    text = "Xi Jinping and Vladimir Putin met in Samarkand on Thursday." + text_extra
    return make_facts("held", text,
                      [("e1", "Person", "Xi Jinping", ["Xi Jinping"], "Q15031"),
                       ("e2", "Person", "Vladimir Putin", ["Vladimir Putin"], "Q7747"),
                       ("e3", "Place", "Samarkand", ["Samarkand"], "Q5753")],
                      [("v1", "Meeting", ["e1", "e2"], "e3", D(2022, 9, 15), "Occurred")],
                      published=date(2022, 9, 16))


def planned():
    return make_facts("planned", "Putin dan Xi akan bertemu di Uzbekistan bulan ini.",
                      [("e1", "Person", "Vladimir Putin", ["Putin"], "Q7747"),
                       ("e2", "Person", "Xi Jinping", ["Xi"], "Q15031"),
                       ("e3", "Country", "Uzbekistan", ["Uzbekistan"], "Q265")],
                      [("v1", "Meeting", ["e1", "e2"], "e3", D(2022, 9), "Planned")],
                      published=date(2022, 9, 12), lang="id")


def no_meeting():
    """A new text of the held report that no longer tells of the meeting."""
    return make_facts("held", "Vladimir Putin flew home on Friday.",
                      [("e1", "Person", "Vladimir Putin", ["Vladimir Putin"], "Q7747")],
                      published=date(2022, 9, 16))


@pytest.mark.parametrize("store", ["memory", "oxigraph-disk", "folder"])
def test_replacing_an_article_takes_its_say_out_of_the_merge(store, tmp_path):
    def new(name):
        return KnowledgeGraph(path=tmp_path / name) if store == "folder" else KnowledgeGraph(store=store)

    replaced = new("replaced")
    replaced.add_facts(planned())
    replaced.add_facts(held())
    node = meeting(replaced, "planned")
    assert [str(d) for d in replaced.graph.default_graph.objects(node, NKG.date)] == ["2022-09-15"]
    replaced.add_facts(no_meeting())
    assert replaced.counts["replaced"] == 1
    merge = replaced.graph.default_graph
    assert [str(d) for d in merge.objects(node, NKG.date)] == ["2022-09"]
    assert list(merge.objects(node, NKG.status)) == [NKG.Planned]
    assert list(merge.objects(node, NKG.location)) == [URIRef(ID + "country/Q265")]
    # the same graph as the two articles added in that order
    direct = new("direct")
    direct.add_facts(planned())
    direct.add_facts(no_meeting())
    assert set(replaced.graph.quads((None, None, None, None))) == \
        set(direct.graph.quads((None, None, None, None)))


def test_a_new_text_of_an_article_that_still_tells_of_the_event_merges_again():
    kg = KnowledgeGraph(store="memory")
    kg.add_facts(planned())
    kg.add_facts(held())
    before = set(kg.graph.default_graph.triples((None, None, None)))
    assert [str(d) for d in kg.graph.default_graph.objects(meeting(kg, "planned"), NKG.date)] == \
        ["2022-09-15"]
    kg.add_facts(held(" The two leaders talked for three hours."))
    assert kg.counts["replaced"] == 1
    after = set(kg.graph.default_graph.triples((None, None, None)))
    text = (NKG.contentHash, NKG.evidence, NKG.evidenceSpan)     # what the new text changes
    assert {t for t in after ^ before if t[1] not in text and "/span/" not in str(t[0])} == set()


def test_a_graph_of_two_reports_of_one_event_conforms():
    """Validation reads the merge: one date and one status for the event, whatever each report says."""
    from newskg.graph.validate import validate
    kg = KnowledgeGraph(store="memory")
    kg.add_facts(planned())
    kg.add_facts(held())
    report = validate(kg.graph, reasoning=False)
    assert report.conforms, report.violations
