"""The rdflib backend: newskg's layout in an rdflib `Dataset` on its pure-Python Memory store.

Slow to query (10–80× Oxigraph, benchmarks/RESULTS.md) but it keeps every literal exactly as
written (Oxigraph stores derived datatypes such as xsd:nonNegativeInteger as xsd:integer), which is
what `newskg validate` needs.
"""
from __future__ import annotations

from typing import Iterable, Iterator, Mapping

import pyoxigraph as ox
from rdflib import Dataset, Graph

from ..vocab.namespaces import DEFAULT_BASE
from .results import Rows, rows_from_result
from .store import Store
from .terms import DEFAULT, graph_id, to_ox_quad


class MemoryStore(Store):
    """newskg's layout in an rdflib Dataset this object made.

    >>> from rdflib import URIRef as U, Literal as L
    >>> s = MemoryStore()
    >>> g1, g2, n, p = U("http://ex.org/g1"), U("http://ex.org/g2"), U("http://ex.org/n"), U("http://ex.org/p")
    >>> s.add([(n, p, L("x"), g1), (n, p, L("x"), g2)])
    >>> s.count(), len(list(s.match()))
    (1, 3)
    >>> s.remove_graph(g1), s.count()
    (1, 1)
    """
    kind = "memory"

    def __init__(self, base: str = DEFAULT_BASE):
        super().__init__(base)
        self._ds = Dataset(default_union=False)
        for prefix, ns in self.prefixes.items():
            self._ds.bind(prefix, ns, override=True, replace=True)

    @property
    def dataset(self) -> Dataset:
        self.check_open()
        return self._ds

    def match(self, s=None, p=None, o=None, g=None) -> Iterator[tuple]:
        self.check_open()
        # rdflib's Dataset.quads ignores the graph of the pattern: filter here
        for qs, qp, qo, qg in self._ds.quads((s, p, o, None)):
            gid = graph_id(qg)
            if g is None or gid == g:
                yield qs, qp, qo, gid

    def _graph(self, g) -> Graph:
        return self._ds.default_graph if g == DEFAULT else self._ds.graph(g)

    def add_raw(self, quads: Iterable[tuple]) -> None:
        self.check_writable()
        for s, p, o, g in quads:
            self._graph(g).add((s, p, o))

    def remove_raw(self, quads: Iterable[tuple]) -> None:
        self.check_writable()
        for s, p, o, g in list(quads):
            self._graph(g).remove((s, p, o))

    def select(self, text: str) -> Iterator[dict]:
        self.check_open()
        result = self._ds.query(text)
        for row in result:
            yield {str(v): row[str(v)] for v in result.vars}

    def query(self, text: str, values: Mapping, prefixes: Mapping[str, str]) -> Rows | bool | Graph:
        self.check_open()
        result = self._ds.query(text, initBindings=dict(values))   # prefixes: bound on the Dataset
        if result.type == "ASK":
            return bool(result.askAnswer)
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            return result.graph
        return rows_from_result(result)

    def count(self) -> int:
        self.check_open()
        return len(self._ds.default_graph)

    def all_quads(self) -> Iterator[ox.Quad]:
        self.check_open()
        return (to_ox_quad(q) for q in self._ds.quads((None, None, None, None)))
