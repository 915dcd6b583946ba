"""Conversion between rdflib terms (newskg's API, resolution, rdflib users) and pyoxigraph terms
(Oxigraph's engine, parsers and serialisers, and the endpoint client): one place, both ways.

A quad here is (subject, predicate, object, graph) with graph `DEFAULT` for the default graph
(newskg's merge of all article graphs) and an IRI for an article's named graph.
"""
from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from ..vocab.namespaces import XSD

#: the graph id of the default graph (newskg's merge), as rdflib names it
DEFAULT = DATASET_DEFAULT_GRAPH_ID


#: pyoxigraph nodes of IRIs written lately: an article's quads repeat a few predicates, classes,
#: graph and entity IRIs, and building the node again cost a quarter of writing them
_NAMED: dict[str, ox.NamedNode] = {}
_NAMED_MAX = 50_000


def to_ox(term):
    """The pyoxigraph term for an rdflib one.

    >>> to_ox(Literal("x", lang="id"))
    <Literal value=x language=id>
    """
    if type(term) is URIRef or isinstance(term, URIRef):
        iri = str(term)     # a plain str hashes in C; rdflib's URIRef hash is Python code
        node = _NAMED.get(iri)
        if node is None:
            if len(_NAMED) >= _NAMED_MAX:
                _NAMED.clear()
            node = _NAMED[iri] = ox.NamedNode(iri)
        return node
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot write RDF term {term!r}")


def from_ox(term):
    """The rdflib term for a pyoxigraph one (an xsd:string literal becomes a plain one).

    >>> from_ox(ox.Literal("x")) == Literal("x"), from_ox(ox.NamedNode("http://ex.org/a"))
    (True, rdflib.term.URIRef('http://ex.org/a'))
    """
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == str(XSD.string):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"cannot read RDF term {term!r}")


def graph_id(g):
    """The graph id of a graph name, rdflib Graph or None (None and the default graph: DEFAULT)."""
    gid = getattr(g, "identifier", g)
    return DEFAULT if gid is None else gid


def to_ox_graph(g):
    """The pyoxigraph graph name for a graph id."""
    gid = graph_id(g)
    return ox.DefaultGraph() if gid is DEFAULT or gid == DEFAULT else to_ox(gid)


def to_ox_quad(q) -> ox.Quad:
    """The pyoxigraph Quad for an rdflib (s, p, o, graph) quad."""
    s, p, o, g = q
    return ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox_graph(g))


def to_ox_quads(quads) -> list[ox.Quad]:
    """The pyoxigraph Quads for rdflib quads, each term object converted once: an article's
    quads go to its graph and to the merge as the same term objects."""
    quads = list(quads)     # keeps every term alive, so no id() is reused while converting
    memo: dict[int, object] = {}
    default = ox.DefaultGraph()

    def conv(term):
        node = memo.get(id(term))
        if node is None:
            node = memo[id(term)] = to_ox(term)
        return node

    return [ox.Quad(conv(s), conv(p), conv(o),
                    default if g is DEFAULT or g == DEFAULT else conv(g)) for s, p, o, g in quads]


def from_ox_quad(q: ox.Quad) -> tuple:
    """The rdflib (s, p, o, graph id) quad for a pyoxigraph Quad."""
    g = DEFAULT if isinstance(q.graph_name, ox.DefaultGraph) else from_ox(q.graph_name)
    return from_ox(q.subject), from_ox(q.predicate), from_ox(q.object), g


def term_text(term) -> str:
    """A term in N-Triples syntax, for a query or update sent to an endpoint.

    >>> term_text(Literal('say "hi"'))
    '"say \\\\"hi\\\\""'
    """
    return str(to_ox(term))


class TermCache:
    """pyoxigraph → rdflib conversion that converts each distinct term once (query rows repeat
    names and titles: on the saved queries over a million triples this took a fifth of the time)."""

    def __init__(self):
        self.memo: dict = {}

    def __call__(self, term):
        if term is None:
            return None
        found = self.memo.get(term)
        if found is None:
            found = self.memo[term] = from_ox(term)
        return found
