"""Every IRI newskg writes comes from here; a test checks each term against ontology/newskg.ttl."""
from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

ONTOLOGY_IRI = "https://w3id.org/newskg/ontology"
NKG = Namespace(ONTOLOGY_IRI + "#")
DEFAULT_BASE = "https://w3id.org/newskg/id/"
WD = Namespace("http://www.wikidata.org/entity/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
SCHEMA = SDO  # https://schema.org/

# classes (contract core)
Article, Person, Organization, Country, Place = (NKG.Article, NKG.Person, NKG.Organization,
                                                 NKG.Country, NKG.Place)
Event, Meeting, Summit, Visit, Partnership = (NKG.Event, NKG.Meeting, NKG.Summit, NKG.Visit,
                                              NKG.Partnership)
Position, Quote = NKG.Position, NKG.Quote
# status individuals
Planned, Occurred = NKG.Planned, NKG.Occurred

__all__ = ["NKG", "WD", "SEM", "SCHEMA", "DCTERMS", "OWL", "PROV", "RDF", "RDFS", "SKOS", "XSD",
           "ONTOLOGY_IRI", "DEFAULT_BASE"]
