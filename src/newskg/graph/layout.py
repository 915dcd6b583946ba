"""newskg's layout of a dataset: one named graph per article, and their merge in the default graph.

Each named graph holds what one article says; the default graph holds every statement once,
whichever articles made it — except the merged view of nodes several articles report
(`MERGED_PREDICATES`): where resolution gives a node's label, date, status or places, the merge
holds those values only, whatever each article's graph states (an article that dates a meeting to
the month keeps that date in its graph; the merge has the day another article gives).  Queries
without `GRAPH` run on that default graph, so the same query answers the same from a TriG file
(named graphs) and a Turtle file (plain triples).  The merge is stored rather than computed per
query because Oxigraph 0.5 returns a triple once per graph holding it when asked for the union
(oxigraph#1919) — a person named in 500 articles turned every join on their label 500-fold.

This module holds the rules of that layout that do not depend on where the quads are stored.
"""
from __future__ import annotations

from typing import Iterable

import pyoxigraph as ox

from ..vocab.namespaces import NKG, RDFS

#: predicates whose values in the merge are the merged view resolution gives a node several articles
#: report (one label, date and status, its most precise places), not every value any graph states
MERGED_PREDICATES = (RDFS.label, NKG.date, NKG.status, NKG.location)
#: the same, as pyoxigraph terms
MERGED_OX = frozenset(ox.NamedNode(str(p)) for p in MERGED_PREDICATES)


def with_merge(quads: list[ox.Quad]) -> list[ox.Quad]:
    """The quads of a graph file and the merge they give: copies of the named quads in the default
    graph, except where the file's default graph states a node's values of a merged predicate
    (those values are the merge's: see `merge_of`).

    >>> n, g = ox.NamedNode("http://ex.org/n"), ox.NamedNode("http://ex.org/g")
    >>> d = ox.NamedNode(str(NKG.date))
    >>> q = [ox.Quad(n, d, ox.Literal("2022-09"), g), ox.Quad(n, d, ox.Literal("2022-09-14"), ox.DefaultGraph())]
    >>> sorted(x.object.value for x in with_merge(q) if x.graph_name == ox.DefaultGraph())
    ['2022-09-14']
    """
    pinned = {(q.subject, q.predicate) for q in quads
              if isinstance(q.graph_name, ox.DefaultGraph) and q.predicate in MERGED_OX}
    default = ox.DefaultGraph()
    return quads + [ox.Quad(q.subject, q.predicate, q.object, default) for q in quads
                    if not isinstance(q.graph_name, ox.DefaultGraph)
                    and (q.subject, q.predicate) not in pinned]


def merge_of(named: Iterable[tuple], default: Iterable[tuple], merged_predicates) -> set:
    """The merge of a dataset's statements: the (s, p, o) triples of its default graph and of its
    named graphs, except that where the default graph states a (subject, merged predicate) pair,
    the named graphs' values of that pair are not the merge's (the default graph's are).  Terms of
    any one library; `merged_predicates` in the same one (`MERGED_PREDICATES` for rdflib terms).

    >>> sorted(merge_of([("n", "date", "2022-09"), ("n", "x", "1")], [("n", "date", "2022-09-14")], {"date"}))
    [('n', 'date', '2022-09-14'), ('n', 'x', '1')]
    """
    default = set(default)
    pinned = {(s, p) for s, p, _ in default if p in merged_predicates}
    return default | {t for t in named if (t[0], t[1]) not in pinned}


def file_quads(quads: Iterable[ox.Quad], named_format: bool) -> list:
    """What a graph file holds of a dataset's quads (in newskg's layout), sorted: for a format with
    named graphs, the article graphs and the default graph; otherwise the merge as triples.

    A file with named graphs carries the whole merge in its default graph, as the store holds it:
    any RDF tool that loads the file as it is (Jena, Oxigraph server, rdflib's Dataset) then
    answers a query without GRAPH as newskg does.
    """
    named, default = set(), set()
    for quad in quads:
        (default if isinstance(quad.graph_name, ox.DefaultGraph) else named).add(quad)
    if named_format:
        return sorted(named | default, key=quad_order)
    return sorted((ox.Triple(*t) for t in merge_of(
        ((q.subject, q.predicate, q.object) for q in named),
        ((q.subject, q.predicate, q.object) for q in default), MERGED_OX)), key=quad_order)


def quad_order(q) -> tuple[str, ...]:
    """Graph first, then subject, predicate, object: each graph and subject written as one block."""
    graph = str(q.graph_name) if isinstance(q, ox.Quad) else ""
    return (graph, str(q.subject), str(q.predicate), str(q.object))
