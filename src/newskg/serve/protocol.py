"""The SPARQL 1.1 Protocol's side of `newskg serve`: result formats by `Accept`, and the service
description.

Results of SELECT and ASK are written in the W3C SPARQL JSON, XML, CSV or TSV formats, the graph
of CONSTRUCT and DESCRIBE as Turtle, N-Triples, JSON-LD or RDF/XML — all by pyoxigraph's own
serializers; the first of each list is what a request gets when its `Accept` allows anything.
"""
from __future__ import annotations

import pyoxigraph as ox

#: formats of SELECT / ASK results, the default first
RESULT_FORMATS = (ox.QueryResultsFormat.JSON, ox.QueryResultsFormat.XML,
                  ox.QueryResultsFormat.CSV, ox.QueryResultsFormat.TSV)
#: formats of CONSTRUCT / DESCRIBE graphs, the default first
GRAPH_FORMATS = (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.JSON_LD,
                 ox.RdfFormat.RDF_XML)

#: the SPARQL 1.1 Service Description vocabulary
SD_NS = "http://www.w3.org/ns/sparql-service-description#"


class NotAcceptable(ValueError):
    """No format the request accepts can carry this kind of answer (HTTP 406)."""


def accepted(header: str | None) -> list[str]:
    """The media types of an `Accept` header, most preferred first (q=0 left out).

    >>> accepted("text/csv;q=0.5, application/sparql-results+json, */*;q=0.1")
    ['application/sparql-results+json', 'text/csv', '*/*']
    >>> accepted(None), accepted("text/csv;q=0")
    (['*/*'], [])
    """
    if not header or not header.strip():
        return ["*/*"]
    ranked = []
    for n, part in enumerate(header.split(",")):
        media, *params = [x.strip() for x in part.split(";")]
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media and q > 0:
            ranked.append((-q, n, media.lower()))
    return [media for _, _, media in sorted(ranked)]


def choose(kind: str, media_types: list[str]):
    """The format for an answer of `kind` ("results" for SELECT/ASK, "graph" for CONSTRUCT/
    DESCRIBE) that the request accepts, in its order of preference; NotAcceptable otherwise.

    >>> choose("results", ["text/csv"]).name, choose("graph", ["*/*"]).name
    ('SPARQL Results in CSV', 'Turtle')
    >>> choose("results", ["application/json"]).name, choose("graph", ["application/json"]).name
    ('SPARQL Results in JSON', 'JSON-LD')
    >>> choose("graph", ["text/csv"])
    Traceback (most recent call last):
    ...
    newskg.serve.protocol.NotAcceptable: cannot answer a CONSTRUCT or DESCRIBE query as text/csv; \
this server writes text/turtle, application/n-triples, application/ld+json, application/rdf+xml
    """
    offered = RESULT_FORMATS if kind == "results" else GRAPH_FORMATS
    parse = ox.QueryResultsFormat.from_media_type if kind == "results" \
        else ox.RdfFormat.from_media_type
    for media in media_types:
        if media == "*/*":
            return offered[0]
        if media.endswith("/*"):
            found = next((f for f in offered if f.media_type.startswith(media[:-1])), None)
        else:
            found = parse(media)
            found = found if found in offered else None
        if found is not None:
            return found
    what = "SELECT or ASK" if kind == "results" else "CONSTRUCT or DESCRIBE"
    raise NotAcceptable(f"cannot answer a {what} query as {', '.join(media_types) or 'nothing'}; "
                        f"this server writes {', '.join(_bare(f) for f in offered)}")


def _bare(fmt) -> str:
    return fmt.media_type.split(";")[0]


def service_description(endpoint: str, update: bool) -> bytes:
    """The SPARQL 1.1 Service Description of the endpoint at URL `endpoint`, as Turtle."""
    from rdflib import BNode, Graph, Namespace, URIRef      # not in the query workers
    from rdflib.namespace import RDF
    SD = Namespace(SD_NS)
    g = Graph()
    g.bind("sd", SD)
    me, dataset, default = URIRef(endpoint), BNode(), BNode()
    g.add((me, RDF.type, SD.Service))
    g.add((me, SD.endpoint, me))
    g.add((me, SD.supportedLanguage, SD.SPARQL11Query))
    if update:
        g.add((me, SD.supportedLanguage, SD.SPARQL11Update))
    for fmt in (*RESULT_FORMATS, *GRAPH_FORMATS):
        g.add((me, SD.resultFormat, URIRef(fmt.iri)))
    g.add((me, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, SD.defaultGraph, default))       # the merge of all article graphs, not
    g.add((default, RDF.type, SD.Graph))             # their union (no sd:UnionDefaultGraph)
    return g.serialize(format="turtle", encoding="utf-8")
