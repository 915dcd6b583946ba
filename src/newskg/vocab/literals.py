"""RDF literals and nodes made from values newskg reads: dates, event labels, URLs."""
from __future__ import annotations

from datetime import date, datetime
from urllib.parse import quote

from rdflib import Literal, URIRef

from ..facts import Event, PartialDate
from .namespaces import XSD

_IRI_SAFE = ":/?#[]@!$&'()*+,;=%~-._"


def date_literal(d: PartialDate | date | datetime) -> Literal:
    """A typed literal for a date: xsd:dateTime, xsd:date, xsd:gYearMonth or xsd:gYear.

    >>> date_literal(PartialDate(2022, 9)).n3()
    '"2022-09"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>'
    >>> date_literal(date(2022, 9, 14)).n3()
    '"2022-09-14"^^<http://www.w3.org/2001/XMLSchema#date>'
    """
    if isinstance(d, PartialDate):
        return Literal(d.iso, datatype=XSD[d.xsd_type])
    if isinstance(d, datetime):
        return Literal(d.isoformat(), datatype=XSD.dateTime)
    return Literal(d.isoformat(), datatype=XSD.date)


def event_label(event: Event, names: dict[str, str]) -> str:
    """A readable label: "Meeting: Vladimir Putin – Xi Jinping, 2022-09-14".

    `names` maps entity keys to canonical names.

    >>> event_label(Event("v1", "Meeting", ["e1", "e2"], date=PartialDate(2022, 9, 14)),
    ...             {"e1": "Vladimir Putin", "e2": "Xi Jinping"})
    'Meeting: Vladimir Putin – Xi Jinping, 2022-09-14'
    >>> event_label(Event("v2", "Summit", name="SCO summit 2022", date=PartialDate(2022, 9, 15)), {})
    'Summit: SCO summit 2022'
    >>> event_label(Event("v3", "Partnership", ["e1", "e2"], qualifier="no limits"),
    ...             {"e1": "China", "e2": "Russia"})
    'Partnership: China – Russia (no limits)'
    """
    if event.name:
        core = event.name
    elif event.participants:
        core = " – ".join(names[k] for k in event.participants)
    elif event.location:
        core = f"in {names[event.location]}"
    elif event.organizer:
        core = f"organised by {names[event.organizer]}"
    else:
        core = "unnamed"
    label = f"{event.type}: {core}"
    if event.qualifier:
        label += f" ({event.qualifier})"
    if event.date and not (event.name and str(event.date.year) in event.name):
        label += f", {event.date.iso}"
    return label


def url_node(url: str) -> URIRef | Literal:
    """The URL as an IRI node, percent-encoding characters an IRI cannot hold (spaces, quotes);
    a URL that is no absolute IRI ("www.example.com/x", "/news/1") stays a plain literal.

    >>> url_node("https://example.com/a b").n3(), url_node("www.example.com/x").n3()
    ('<https://example.com/a%20b>', '"www.example.com/x"')
    """
    import pyoxigraph
    iri = quote(url.strip(), safe=_IRI_SAFE)
    try:
        pyoxigraph.NamedNode(iri)     # an RFC 3987 parser: what every RDF store accepts
    except ValueError:
        return Literal(url.strip())
    return URIRef(iri)
