import copy
from datetime import date, datetime

import pytest
from rdflib import Literal, URIRef

from newskg.facts import Event, PartialDate
from newskg.graph.build import article_node, date_literal, event_label, facts_to_quads
from newskg.vocab.namespaces import DCTERMS, NKG, OWL, RDF, RDFS, SCHEMA, SKOS, WD, XSD

ID = "https://w3id.org/newskg/id/"
PUTIN, XI = URIRef(ID + "person/Q7747"), URIRef(ID + "person/Q15031")
SAMARKAND, RUSSIA = URIRef(ID + "place/Q5753"), URIRef(ID + "country/Q159")
SCO = URIRef(ID + "organization/Q485207")


def triples(quads):
    return {(s, p, o) for s, p, o, _ in quads}


def objects(quads, s, p):
    return {o for s2, p2, o, _ in quads if s2 == s and p2 == p}


def subjects(quads, p, o):
    return {s for s, p2, o2, _ in quads if p2 == p and o2 == o}


def one(values):
    assert len(values) == 1, values
    return next(iter(values))


def test_same_facts_give_same_quads_in_same_order(facts):
    first = facts_to_quads(facts)
    assert first == facts_to_quads(copy.deepcopy(facts))
    assert len(first) == len(set(first))


def test_every_quad_is_in_the_articles_named_graph(facts):
    quads = facts_to_quads(facts)
    article = URIRef(ID + "article/contoh-2022-09-12-putin-xi")
    assert article_node(facts.article) == article
    assert {g for *_, g in quads} == {article}


def test_article_metadata(facts):
    q = facts_to_quads(facts)
    a = article_node(facts.article)
    assert (a, RDF.type, NKG.Article) in triples(q)
    assert one(objects(q, a, DCTERMS.title)) == Literal("Putin Segera Bertemu Xi Jinping di Samarkand")
    assert one(objects(q, a, DCTERMS.identifier)) == Literal("contoh-2022-09-12-putin-xi")
    assert one(objects(q, a, SCHEMA.url)) == URIRef("https://contoh.example/2022/09/12/putin-xi")
    published = one(objects(q, a, NKG.published))
    assert published.datatype == XSD.date and published.toPython() == date(2022, 9, 12)
    assert one(objects(q, a, DCTERMS.language)) == Literal("id")
    assert one(objects(q, a, NKG.editor)) == Literal("Redaksi Contoh")
    assert one(objects(q, a, NKG.relatedLink)) == Literal("Harga Energi Naik Lagi")
    assert one(objects(q, a, NKG.contentHash)) == Literal(facts.article.content_hash)


def test_publisher_is_an_organization_node_not_mentioned_in_the_article(facts):
    q = facts_to_quads(facts)
    pub = one(objects(q, article_node(facts.article), NKG.publisher))
    assert pub == URIRef(ID + "organization/contoh-com")
    assert (pub, RDF.type, NKG.Organization) in triples(q)
    # the name as the (Indonesian) article writes it: tagged with the article's language
    assert one(objects(q, pub, RDFS.label)) == Literal("Contoh.com", lang="id")
    assert not objects(q, pub, NKG.mentionedIn)
    # credits and editors are literals on the article, never entities
    assert not subjects(q, RDFS.label, Literal("Redaksi Contoh", lang="en"))


def test_cited_outlet_is_an_organization_mentioned_in_the_article(facts):
    q = facts_to_quads(facts)
    a = article_node(facts.article)
    reuters = URIRef(ID + "organization/Q130879")
    assert objects(q, a, NKG.cites) == {reuters}
    assert (reuters, RDF.type, NKG.Organization) in triples(q)
    assert objects(q, reuters, NKG.mentionedIn) == {a}


def test_entities_have_type_labels_aliases_sameas_and_mention(facts):
    q = facts_to_quads(facts)
    a = article_node(facts.article)
    assert (PUTIN, RDF.type, NKG.Person) in triples(q)
    assert objects(q, PUTIN, RDFS.label) == {Literal("Vladimir Putin", lang="en")}
    assert objects(q, PUTIN, SKOS.altLabel) == {Literal("Putin", lang="id"),
                                               Literal("Vladimir Putin", lang="id")}
    assert objects(q, PUTIN, OWL.sameAs) == {WD.Q7747}
    assert objects(q, PUTIN, NKG.mentionedIn) == {a}
    assert (RUSSIA, RDF.type, NKG.Country) in triples(q)
    assert objects(q, RUSSIA, SKOS.altLabel) == {Literal("Rusia", lang="id")}
    assert not objects(q, URIRef(ID + "person/yuri-ushakov"), OWL.sameAs)


def test_meeting_with_participants_place_date_status_and_summit(facts):
    q = facts_to_quads(facts)
    meeting = one(subjects(q, RDF.type, NKG.Meeting))
    summit = one(subjects(q, RDF.type, NKG.Summit))
    assert objects(q, meeting, NKG.participant) == {PUTIN, XI}
    assert objects(q, meeting, NKG.location) == {SAMARKAND}
    assert objects(q, meeting, NKG.date) == {Literal("2022-09-14", datatype=XSD.date)}
    assert objects(q, meeting, NKG.status) == {NKG.Planned}
    assert objects(q, meeting, NKG.partOf) == {summit}
    assert objects(q, meeting, RDFS.label) == {
        Literal("Meeting: Vladimir Putin – Xi Jinping, 2022-09-14", lang="en")}
    assert objects(q, summit, NKG.organizer) == {SCO}
    assert objects(q, summit, NKG.date) == {Literal("2022-09", datatype=XSD.gYearMonth)}
    partnership = one(subjects(q, RDF.type, NKG.Partnership))
    assert objects(q, partnership, NKG.qualifier) == {Literal("no limits")}
    assert objects(q, partnership, NKG.status) == {NKG.Occurred}
    assert not objects(q, partnership, NKG.date)


def test_evidence_sentence_and_span_point_into_the_text(facts):
    q = facts_to_quads(facts)
    text = facts.article.text
    meeting = one(subjects(q, RDF.type, NKG.Meeting))
    sentence = one(objects(q, meeting, NKG.evidence))
    assert "dijadwalkan bertemu" in sentence
    span = one(objects(q, meeting, NKG.evidenceSpan))
    assert (span, RDF.type, NKG.TextSpan) in triples(q)
    begin = one(objects(q, span, NKG.beginIndex))
    end = one(objects(q, span, NKG.endIndex))
    assert begin.datatype == XSD.integer and int(begin) >= 0
    assert text[int(begin):int(end)] == str(sentence)
    assert objects(q, span, NKG.inArticle) == {article_node(facts.article)}
    assert str(span) == f"{article_node(facts.article)}/span/{int(begin)}-{int(end)}"


def test_positions_link_holder_title_and_whose(facts):
    q = facts_to_quads(facts)
    ushakov = URIRef(ID + "person/yuri-ushakov")
    pos = one(objects(q, ushakov, NKG.holds))
    assert (pos, RDF.type, NKG.Position) in triples(q)
    assert objects(q, pos, RDFS.label) == {Literal("foreign policy aide", lang="en")}
    assert objects(q, pos, SKOS.altLabel) == {Literal("Penasihat kebijakan luar negeri", lang="id")}
    assert objects(q, pos, NKG.of) == {PUTIN}
    assert objects(q, pos, NKG.mentionedIn) == {article_node(facts.article)}
    assert "Yuri Ushakov" in one(objects(q, pos, NKG.evidence))
    putin_pos = one(objects(q, PUTIN, NKG.holds))
    assert objects(q, putin_pos, NKG.of) == {RUSSIA}


def test_two_quotes_by_one_speaker(facts):
    q = facts_to_quads(facts)
    magnus = URIRef(ID + "person/george-magnus")
    quotes = subjects(q, NKG.speaker, magnus)
    assert len(quotes) == 2
    texts = {str(one(objects(q, x, NKG.text))) for x in quotes}
    assert any(t.startswith("Xi ingin") for t in texts) and any("cemas" in t for t in texts)
    for x in quotes:
        assert (x, RDF.type, NKG.Quote) in triples(q)
        assert one(objects(q, x, NKG.evidence)) and one(objects(q, x, NKG.evidenceSpan))


def test_one_entity_iri_across_articles_and_separate_graphs(facts, facts_en):
    qa, qb = facts_to_quads(facts), facts_to_quads(facts_en)
    assert PUTIN in {s for s, *_ in qa} and PUTIN in {s for s, *_ in qb}
    assert {g for *_, g in qa} != {g for *_, g in qb}
    # events are per article: the two meetings are two nodes
    assert subjects(qa, RDF.type, NKG.Meeting).isdisjoint(subjects(qb, RDF.type, NKG.Meeting))


def test_article_without_id_is_named_by_its_url(facts_en):
    a = article_node(facts_en.article)
    assert str(a).startswith(ID + "article/") and len(str(a).rsplit("/", 1)[1]) == 16


def test_base_is_configurable(facts):
    base = "https://example.org/kg/"
    quads = facts_to_quads(facts, base=base)
    vocab = ("https://w3id.org/newskg/ontology#", "http://www.w3.org/", "http://purl.org/",
             "https://schema.org/", "http://www.wikidata.org/", "https://contoh.example/")
    for s, p, o, g in quads:
        assert str(g).startswith(base)
        for term in (s, o):
            if isinstance(term, URIRef):
                assert str(term).startswith(base) or str(term).startswith(vocab), term


@pytest.mark.parametrize("value, datatype, lexical", [
    (PartialDate(2022, 9, 14), XSD.date, "2022-09-14"),
    (PartialDate(2022, 9), XSD.gYearMonth, "2022-09"),
    (PartialDate(2022), XSD.gYear, "2022"),
    (date(2022, 9, 12), XSD.date, "2022-09-12"),
    (datetime(2022, 9, 12, 10, 10), XSD.dateTime, "2022-09-12T10:10:00"),
])
def test_dates_are_typed(value, datatype, lexical):
    lit = date_literal(value)
    assert (lit.datatype, str(lit)) == (datatype, lexical)


def test_published_datetime_is_xsd_datetime(facts):
    facts.article.published = datetime(2022, 9, 12, 10, 10)
    q = facts_to_quads(facts)
    assert one(objects(q, article_node(facts.article), NKG.published)).datatype == XSD.dateTime


def test_event_label_without_participants_uses_place():
    ev = Event("v", "Visit", location="e1", date=PartialDate(2023))
    assert event_label(ev, {"e1": "Jakarta"}) == "Visit: in Jakarta, 2023"


def test_unknown_entity_key_is_a_clear_error(facts):
    facts.events.append(Event("v9", "Meeting", ["e1", "e404"]))
    with pytest.raises(ValueError, match="event v9 names entity key 'e404'"):
        facts_to_quads(facts)


def test_url_with_spaces_becomes_a_valid_iri(facts):
    facts.article.url = "https://contoh.example/berita/putin xi"
    url = one(objects(facts_to_quads(facts), article_node(facts.article), SCHEMA.url))
    assert str(url) == "https://contoh.example/berita/putin%20xi"


def test_article_without_language_leaves_aliases_untagged(facts):
    facts.article.lang = None
    q = facts_to_quads(facts)
    assert Literal("Putin") in objects(q, PUTIN, SKOS.altLabel)
