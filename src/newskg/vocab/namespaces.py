"""Every IRI newskg writes comes from here; a test checks each term against ontology/newskg.ttl."""
from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

ONTOLOGY_IRI = "https://w3id.org/newskg/ontology"
NKG = Namespace(ONTOLOGY_IRI + "#")
SHAPES = Namespace("https://w3id.org/newskg/shapes#")   # names of the SHACL shapes in shapes.ttl
DEFAULT_BASE = "https://w3id.org/newskg/id/"
WD = Namespace("http://www.wikidata.org/entity/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
SCHEMA = SDO  # https://schema.org/

# classes (contract core)
Article, Person, Organization, Country, Place = (NKG.Article, NKG.Person, NKG.Organization,
                                                 NKG.Country, NKG.Place)
Event, Meeting, Summit, Visit, Partnership = (NKG.Event, NKG.Meeting, NKG.Summit, NKG.Visit,
                                              NKG.Partnership)
Position, Quote = NKG.Position, NKG.Quote
# classes (vocabulary)
EventStatus, TextSpan = NKG.EventStatus, NKG.TextSpan
# status individuals
Planned, Occurred = NKG.Planned, NKG.Occurred

# properties: events
participant, location, date, status = NKG.participant, NKG.location, NKG.date, NKG.status
partOf, organizer, qualifier = NKG.partOf, NKG.organizer, NKG.qualifier
# properties: positions and quotes
holds, of = NKG.holds, NKG.of
speaker, text = NKG.speaker, NKG.text
# properties: provenance
mentionedIn, evidence, evidenceSpan = NKG.mentionedIn, NKG.evidence, NKG.evidenceSpan
beginIndex, endIndex, inArticle = NKG.beginIndex, NKG.endIndex, NKG.inArticle
# properties: article metadata
publisher, published, author, editor, credit = (NKG.publisher, NKG.published, NKG.author,
                                                NKG.editor, NKG.credit)
cites, relatedLink, tag, contentHash = NKG.cites, NKG.relatedLink, NKG.tag, NKG.contentHash

__all__ = ["NKG", "SHAPES", "WD", "SEM", "NIF", "SCHEMA", "DCTERMS", "ORG", "OWL", "PROV", "RDF",
           "RDFS", "SKOS", "XSD", "ONTOLOGY_IRI", "DEFAULT_BASE"]
