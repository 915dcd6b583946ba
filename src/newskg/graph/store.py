"""The store protocol: what newskg asks of the place its quads live, whatever that place is.

A store keeps newskg's layout (`newskg.graph.layout`: one named graph per article, their merge in
the default graph) and offers the few operations newskg needs — add an article's quads, set the
merge's values of a node, remove an article's graph, rename a node, read patterns, run a query,
find an article, count, flush, close.  One class per backend implements it, each owning the handle
it opened (`newskg.graph.oxigraph`, `newskg.graph.memory`, `newskg.graph.remote`;
`newskg.graph.backends.open_store` picks one): a handle that is lost, closed or cannot be reopened
is a `StoreError`, never a quiet switch to another store.  Like rdflib's `Store` and pyoxigraph's
`Store`, operations take and give terms of one library (rdflib's here: newskg's API and resolution
speak them; `newskg.graph.terms` converts), patterns with None for "any", and quads whose graph is
`DEFAULT` for the default graph.

`Store` implements the operations on top of three a backend provides (`match`, `add_raw`,
`remove_raw`); a backend overrides any of them with what its engine does better (an endpoint sends
one request instead of many).
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path
from typing import Iterable, Iterator, Mapping

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal, URIRef

from ..errors import StoreError
from ..vocab.iris import all_prefixes
from ..vocab.literals import url_node
from ..vocab.namespaces import DCTERMS, DEFAULT_BASE, NKG, RDF, SCHEMA
from .layout import MERGED_PREDICATES, with_merge
from .results import Rows
from .terms import DEFAULT, from_ox_quad

__all__ = ["Store", "StoreError", "DEFAULT", "MERGED_PREDICATES"]

Quad = tuple


class Store(ABC):
    """One dataset in newskg's layout, in one backend (see the module docstring).

    `kind` names the backend ("oxigraph-disk", "oxigraph", "memory", "folder", "endpoint");
    `where` is what a user knows it by (a folder, a URL, or the kind) for error messages.
    """

    kind: str = ""
    #: the store is on disk and kept after the program ends (a folder) or remote
    persistent: bool = False

    def __init__(self, base: str = DEFAULT_BASE, read_only: bool = False):
        self.base = base
        self.read_only = read_only
        self.closed = False

    @property
    def where(self) -> str:
        return self.kind

    @property
    def prefixes(self) -> dict[str, str]:
        """Prefix → namespace of the vocabularies and of this store's instance IRIs."""
        return all_prefixes(self.base)

    # -- what a backend provides -------------------------------------------------------------
    @abstractmethod
    def match(self, s=None, p=None, o=None, g=None) -> Iterator[Quad]:
        """(s, p, o, graph id) quads matching a pattern (None: any; g DEFAULT: the merge)."""

    @abstractmethod
    def add_raw(self, quads: Iterable[Quad]) -> None:
        """Add quads as they are, each to its graph (DEFAULT: the merge)."""

    @abstractmethod
    def remove_raw(self, quads: Iterable[Quad]) -> None:
        """Remove quads as they are, each from its graph."""

    @abstractmethod
    def select(self, text: str) -> Iterator[dict]:
        """Rows (dicts of rdflib terms) of a SELECT query run by the store's engine, as they come."""

    @abstractmethod
    def query(self, text: str, values: Mapping, prefixes: Mapping[str, str]) -> Rows | bool | Graph:
        """Run a query: Rows for SELECT, a bool for ASK, an rdflib Graph for CONSTRUCT / DESCRIBE.
        `values` (rdflib terms) are bound by the engine; `prefixes` may be used undeclared."""

    @abstractmethod
    def count(self) -> int:
        """The number of distinct statements (the size of the merged default graph)."""

    @property
    @abstractmethod
    def dataset(self) -> Dataset:
        """An rdflib Dataset over this store (for users of rdflib; newskg itself uses the store)."""

    @abstractmethod
    def all_quads(self) -> Iterator[ox.Quad]:
        """Every quad, as pyoxigraph Quads (for writing a file)."""

    def load_quads(self, quads: list[ox.Quad]) -> None:
        """Add a graph file's quads (pyoxigraph Quads, merge copies included)."""
        self.add_raw(from_ox_quad(q) for q in quads)

    def load_file(self, path: Path, fmt: ox.RdfFormat) -> None:
        """Add a graph file's quads and the merge they give (`layout.with_merge`).  Raises the
        parser's SyntaxError / ValueError / OSError; the whole file is parsed before anything is
        added (a backend that can load faster overrides this)."""
        self.load_quads(with_merge(list(ox.parse(path=str(path), format=fmt))))

    def more_quads_than(self, n: int) -> bool:
        """True when the store holds more than `n` quads (it is then written as a stream)."""
        return False

    def export_stream(self, named_format: bool) -> Iterator:
        """The quads (or, for a format without graphs, the merge's triples) to write, read from the
        store as they are written; only for stores whose `more_quads_than` can be True."""
        raise NotImplementedError

    # -- newskg's operations -------------------------------------------------------------------
    def add(self, quads: Iterable[Quad], merged: Mapping | None = None) -> None:
        """Add (s, p, o, graph IRI) quads: each into its named graph, and into the merge.

        `merged` maps (node, predicate) to the values the merge gives it instead (resolution's
        merged view, `newskg.resolve.Resolution.merged`): the merge's values of that pair become
        exactly those, whatever it held and whatever the quads state of it.
        """
        quads = list(quads)
        merged = dict(merged or {})
        copies = [(s, p, o, DEFAULT) for s, p, o, g in quads
                  if g != DEFAULT and (s, p) not in merged]
        values = [(s, p, v, DEFAULT) for (s, p), vs in merged.items() for v in vs]
        # stale merged values go first: a crash before the article is written leaves a merge without
        # them (the article is read again), never one with two dates for an event
        stale = [q for (s, p), vs in merged.items()
                 for q in self.match(s, p, None, DEFAULT) if q[2] not in vs]
        if stale:
            self.remove_raw(stale)
        # the article's own statements (its type, content hash, id: what `find_article` asks) go
        # last, so a backend that writes a long article in several parts never leaves one that
        # looks written when it was cut off (`find_article` then says "partial")
        articles = {g for *_, g in quads if g != DEFAULT}
        everything = [*quads, *copies, *values]
        self.add_raw([*(q for q in everything if q[0] not in articles),
                      *(q for q in everything if q[0] in articles)])

    def set_values(self, merged: Mapping) -> None:
        """Make the merge's values of each (node, predicate) pair exactly the given ones."""
        self.add([], merged)

    def graph_quads(self, graph: URIRef) -> list[Quad]:
        """The quads of one named graph."""
        return list(self.match(g=graph))

    def remove_graph(self, graph: URIRef) -> int:
        """Remove one named graph (an article), and from the merge every statement no other graph
        makes.  Returns the number of quads removed from the named graph."""
        quads = self.graph_quads(graph)
        self.remove_raw(quads)
        orphans = [(s, p, o, DEFAULT) for s, p, o, _ in quads
                   if not any(g != DEFAULT for *_, g in self.match(s, p, o))]
        self.remove_raw(orphans)
        return len(quads)

    def rename(self, old: URIRef, new: URIRef) -> int:
        """Replace IRI `old` by `new` in every statement of every graph; returns how many changed."""
        if old == new:
            return 0
        quads = set(self.match(s=old)) | set(self.match(o=old))
        if not quads:
            return 0
        self.remove_raw(quads)
        swap = lambda t: new if t == old else t
        self.add_raw({(swap(s), p, swap(o), g) for s, p, o, g in quads})
        return len(quads)

    def triples(self, patterns: Iterable[tuple]) -> Iterator[tuple]:
        """The merge's triples matching each (predicate, object or None) pattern in turn, read as
        they are used (a store of any size streams through)."""
        for p, o in patterns:
            for s, _, obj, _ in self.match(None, p, o, DEFAULT):
                yield s, p, obj

    def has(self, s, p, o) -> bool:
        """True when the merge holds the statement."""
        return next(iter(self.match(s, p, o, DEFAULT)), None) is not None

    def statements_by_graph(self, node: URIRef, predicates: Iterable) -> dict:
        """What each named graph states of `node` with the given predicates: graph IRI →
        predicate → objects (in the store's order)."""
        out: dict = {}
        for p in predicates:
            for _, _, o, g in self.match(node, p):
                if g != DEFAULT:
                    out.setdefault(g, {}).setdefault(p, []).append(o)
        return out

    def find_article(self, content_hash: str, iri: URIRef, id: str | None,
                     url: str | None) -> tuple[str, str | None]:
        """Whether the store holds an article: ("unchanged", IRI) for the same text (content
        hash), ("changed", IRI) for the same id or URL with another text, ("taken", IRI) when its
        IRI names an article of another id and URL, ("partial", IRI) when its graph holds part of
        an article whose writing was cut off (a long one written in parts, see `add`), ("new",
        None) otherwise (asked of the store's indexes: the answer costs the same in a store of any
        size)."""
        for s, _ in self._subjects(NKG.contentHash, Literal(content_hash)):
            return "unchanged", str(s)
        for given, predicate, obj in ((id, DCTERMS.identifier, Literal(id or "")),
                                      (url, SCHEMA.url, url_node(url or ""))):
            if given:
                for s, _ in self._subjects(predicate, obj):
                    return "changed", str(s)
        if self.has(iri, RDF.type, NKG.Article):
            return "taken", str(iri)
        if next(iter(self.match(None, None, None, iri)), None) is not None:
            return "partial", str(iri)
        return "new", None

    def _subjects(self, predicate, obj) -> Iterator[tuple]:
        return ((s, o) for s, _, o in self.triples([(predicate, obj)]))

    def index_statements(self, type_patterns: Iterable[tuple], predicates: Iterable,
                         event_classes: Iterable[URIRef]) -> Iterator[tuple]:
        """The statements resolution's index is built from, types first, read as a stream: the
        merge's triples matching `type_patterns`, then those of `predicates`, then for each event
        of `event_classes` the articles that report it and their publication dates."""
        yield from self.triples(type_patterns)
        yield from self.triples([(p, None) for p in predicates])
        classes = ", ".join(f"<{c}>" for c in event_classes)
        for row in self.select(f"""
                SELECT ?event ?article ?date WHERE {{
                  ?event a ?type . FILTER(?type IN ({classes}))
                  ?event <{NKG.mentionedIn}> ?article . ?article <{NKG.published}> ?date }}"""):
            yield row["event"], NKG.mentionedIn, row["article"]
            yield row["article"], NKG.published, row["date"]

    # -- life cycle ------------------------------------------------------------------------------
    def wrote(self, n: int) -> None:
        """Told after each article that `n` quads were written (a backend may flush on it)."""

    def flush(self) -> None:
        """Make sure everything written is on disk (or sent); nothing to do for most backends."""

    def close(self) -> None:
        """Write out and let the handle go; the store cannot be used afterwards."""
        self.closed = True

    def check_open(self) -> None:
        """Raise StoreError when the store was closed."""
        if self.closed:
            raise StoreError(f"{self.where}: the graph was closed")

    def check_writable(self) -> None:
        """Raise StoreError when the store was opened read-only (or closed)."""
        self.check_open()
        if self.read_only:
            raise StoreError(f"{self.where}: the store was opened read-only")

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.where}>"
