"""The ontology file: parses, declares every term newskg uses, is bilingual, aligned and consistent."""
from __future__ import annotations

from functools import lru_cache

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH as SHACL

import newskg.vocab.namespaces as ns
from newskg import resources
from newskg.graph import validate as v
from newskg.vocab.namespaces import NKG, SEM
from newskg.paths import ONTOLOGY_FILE, SHAPES_FILE

DECLARATION_TYPES = {ns.OWL.Class, ns.OWL.ObjectProperty, ns.OWL.DatatypeProperty,
                     ns.OWL.AnnotationProperty, ns.OWL.NamedIndividual}

# "Ontology core (must exist with these IRIs)" in CONTRACT.md
CONTRACT_CLASSES = ["Article", "Person", "Organization", "Country", "Place", "Event", "Meeting",
                    "Summit", "Visit", "Partnership", "Position", "Quote"]
CONTRACT_OBJECT_PROPERTIES = ["participant", "location", "status", "partOf", "organizer", "holds",
                              "of", "speaker", "mentionedIn", "publisher"]
CONTRACT_DATATYPE_PROPERTIES = ["date", "text", "evidence", "published"]
CONTRACT_INDIVIDUALS = ["Planned", "Occurred"]


@lru_cache(maxsize=None)
def onto() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@lru_cache(maxsize=None)
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


def declared(term: URIRef) -> set[URIRef]:
    return set(onto().objects(term, ns.RDF.type)) & DECLARATION_TYPES


def nkg_terms_declared() -> set[URIRef]:
    return {s for s in onto().subjects(ns.RDF.type, None)
            if isinstance(s, URIRef) and s.startswith(str(NKG))}


def namespace_constants() -> dict[str, URIRef]:
    return {name: value for name, value in vars(ns).items()
            if isinstance(value, URIRef) and value.startswith(str(NKG))}


def superclasses(cls: URIRef) -> set[URIRef]:
    return set(onto().transitive_objects(cls, ns.RDFS.subClassOf)) - {cls}


def disjoint_pairs() -> set[frozenset]:
    pairs = {frozenset(p) for p in onto().subject_objects(ns.OWL.disjointWith)}
    for axiom in onto().subjects(ns.RDF.type, ns.OWL.AllDisjointClasses):
        members = list(Collection(onto(), onto().value(axiom, ns.OWL.members)))
        pairs |= {frozenset((a, b)) for a in members for b in members if a != b}
    return pairs


def test_ontology_parses_with_header_and_version():
    header = URIRef(ns.ONTOLOGY_IRI)
    assert (header, ns.RDF.type, ns.OWL.Ontology) in onto()
    assert onto().value(header, ns.OWL.versionInfo) is not None
    assert str(onto().value(header, ns.OWL.versionIRI)).startswith(ns.ONTOLOGY_IRI + "/")


def test_every_namespace_constant_is_declared_in_the_ontology():
    missing = {name for name, term in namespace_constants().items() if not declared(term)}
    assert not missing, f"namespaces.py names terms newskg.ttl does not declare: {sorted(missing)}"


def test_every_ontology_term_has_a_namespace_constant():
    constants = set(namespace_constants().values())
    missing = nkg_terms_declared() - constants
    assert not missing, f"newskg.ttl declares terms namespaces.py lacks: {sorted(missing)}"


def test_every_nkg_term_in_the_shapes_exists_in_the_ontology():
    used = {t for triple in shapes() for t in triple
            if isinstance(t, URIRef) and t.startswith(str(NKG))}
    assert NKG.status in used and NKG.Event in used     # the scan does see the shapes' terms
    assert {t for t in used if not declared(t)} == set()


@pytest.mark.parametrize("term", sorted(nkg_terms_declared()), ids=lambda t: t.split("#")[1])
def test_every_term_has_english_and_indonesian_label_and_comment(term):
    for prop in (ns.RDFS.label, ns.RDFS.comment):
        langs = {o.language for o in onto().objects(term, prop) if isinstance(o, Literal)}
        assert {"en", "id"} <= langs, f"{term} {prop} has languages {langs}"


def test_contract_core_terms_exist_with_the_right_kind():
    for name in CONTRACT_CLASSES:
        assert ns.OWL.Class in declared(NKG[name]), name
    for name in CONTRACT_OBJECT_PROPERTIES:
        assert ns.OWL.ObjectProperty in declared(NKG[name]), name
    for name in CONTRACT_DATATYPE_PROPERTIES:
        assert ns.OWL.DatatypeProperty in declared(NKG[name]), name
    for name in CONTRACT_INDIVIDUALS:
        assert (NKG[name], ns.RDF.type, NKG.EventStatus) in onto(), name


def test_country_is_a_place_and_event_kinds_are_events():
    assert NKG.Place in superclasses(NKG.Country)
    for kind in ("Meeting", "Summit", "Visit", "Partnership"):
        assert NKG.Event in superclasses(NKG[kind])


@pytest.mark.parametrize("cls, external", [
    ("Article", ns.SCHEMA.NewsArticle), ("Article", ns.PROV.Entity), ("Person", ns.SCHEMA.Person),
    ("Person", SEM.Actor), ("Organization", ns.SCHEMA.Organization), ("Place", ns.SCHEMA.Place),
    ("Place", SEM.Place), ("Country", ns.SCHEMA.Country), ("Event", SEM.Event),
    ("Event", ns.SCHEMA.Event), ("Quote", ns.SCHEMA.Quotation)])
def test_classes_are_aligned_to_schema_org_sem_and_prov(cls, external):
    assert external in superclasses(NKG[cls])


def test_properties_are_aligned_where_a_counterpart_exists():
    sub = lambda p: set(onto().objects(p, ns.RDFS.subPropertyOf))  # noqa: E731
    assert SEM.hasActor in sub(NKG.participant)
    assert SEM.hasPlace in sub(NKG.location)
    assert SEM.subEventOf in sub(NKG.partOf)
    assert (NKG.mentionedIn, ns.OWL.inverseOf, ns.SCHEMA.mentions) in onto()


def test_every_external_term_referred_to_is_declared():
    # OWL 2 DL wants every entity typed; a reasoner then sees no undeclared vocabulary
    referred = set()
    for p in (ns.RDFS.subClassOf, ns.RDFS.subPropertyOf, ns.OWL.inverseOf, ns.OWL.equivalentClass):
        referred |= {o for o in onto().objects(None, p) if isinstance(o, URIRef)}
    undeclared = {t for t in referred if not declared(t)}
    assert not undeclared, sorted(undeclared)


def test_kinds_of_things_are_disjoint():
    pairs = disjoint_pairs()
    top = [NKG.Person, NKG.Organization, NKG.Place, NKG.Event]
    for a in top:
        for b in top:
            if a != b:
                assert frozenset((a, b)) in pairs, (a, b)
    assert frozenset((NKG.Meeting, NKG.Summit)) in pairs
    # a country is a place: they must not be declared disjoint
    assert frozenset((NKG.Country, NKG.Place)) not in pairs


def test_shapes_forbid_the_same_type_combinations_as_the_ontology():
    in_shapes = set()
    for prop in shapes().subjects(SHACL.qualifiedMaxCount, Literal(1)):
        assert shapes().value(prop, SHACL.path) == ns.RDF.type
        kinds = list(Collection(shapes(), shapes().value(
            shapes().value(prop, SHACL.qualifiedValueShape), SHACL["in"])))
        in_shapes |= {frozenset((a, b)) for a in kinds for b in kinds if a != b}
    assert in_shapes == disjoint_pairs()


def test_event_status_has_exactly_two_different_values():
    one_of = [o for e in onto().objects(NKG.EventStatus, ns.OWL.equivalentClass)
              if isinstance(e, BNode) for o in [onto().value(e, ns.OWL.oneOf)] if o is not None]
    assert len(one_of) == 1
    assert set(Collection(onto(), one_of[0])) == {NKG.Planned, NKG.Occurred}
    assert (NKG.Planned, ns.OWL.differentFrom, NKG.Occurred) in onto()
    assert (NKG.status, ns.RDF.type, ns.OWL.FunctionalProperty) in onto()


def test_ontology_uses_only_datatypes_a_dl_reasoner_accepts():
    allowed = {URIRef(r["datatype"]) for r in resources.read_tsv("common", "owl2_datatypes.tsv")}
    assert ns.XSD.dateTime in allowed and ns.XSD.date not in allowed     # the table is the OWL 2 map
    used = {o for o in onto().objects(None, ns.RDFS.range) if str(o).startswith(str(ns.XSD))}
    used |= {o.datatype for o in onto().objects() if isinstance(o, Literal) and o.datatype}
    assert used <= allowed, sorted(used - allowed)


def test_shapes_allow_partial_dates_the_ontology_range_cannot_name():
    date_shape = next(shapes().subjects(SHACL.path, NKG.date))
    datatypes = {shapes().value(alt, SHACL.datatype)
                 for alt in Collection(shapes(), shapes().value(date_shape, SHACL["or"]))}
    assert datatypes == {ns.XSD.date, ns.XSD.dateTime, ns.XSD.gYearMonth, ns.XSD.gYear}
    assert onto().value(NKG.date, ns.RDFS.range) == ns.RDFS.Literal


needs_java = pytest.mark.skipif(not v.java_available(), reason="no Java for HermiT")


@needs_java
def test_hermit_finds_the_ontology_consistent():
    assert v.consistency_of_ontology() is True


@needs_java
def test_no_class_of_the_ontology_is_unsatisfiable():
    assert v.unsatisfiable_classes() == []
