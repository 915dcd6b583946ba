"""A remote SPARQL 1.1 store (Oxigraph server, Fuseki, GraphDB, Virtuoso …) as a newskg graph.

Reading uses the SPARQL 1.1 Protocol (query endpoint), writing SPARQL 1.1 Update (update endpoint), and
one article's graph is read with the SPARQL 1.1 Graph Store HTTP Protocol.  Only the standard
library's HTTP client is used.  The layout is the same as in a local store: one named graph per
article and the merge of all of them in the default graph, so the saved queries answer the same
(the server must *not* be in union-default-graph mode: the default graph is where the merge lives).

`Endpoint.from_url` guesses the three URLs from the one a user gives:

- a server root (`http://host:7878`): Oxigraph server's `/query`, `/update` and `/store`;
- a URL ending in `/query` or `/sparql`: the update endpoint is its sibling `update`, the graph
  store its sibling `store` for `/query` (Oxigraph) and `data` for `/sparql` (Fuseki's names);
- any other URL (a Fuseki dataset `http://host:3030/ds`, a GraphDB repository): the URL itself for
  all three, as Fuseki and GraphDB accept every operation on the dataset URL.

Pass `update=` / `store=` (CLI: `--update-url`, `--store-url`) when a server lays them out otherwise.

`EndpointStore` is the store protocol (`newskg.graph.store`) over an `Endpoint`: each operation
is one request where SPARQL allows (an article and the merge's values it changes go in one update,
so they change together).
"""
from __future__ import annotations

import io
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal, URIRef

from ..errors import StoreError
from ..vocab.literals import url_node
from ..vocab.namespaces import DCTERMS, DEFAULT_BASE, NKG, SCHEMA
from .queries import bind_in_text, query_form
from .results import Rows, plain
from .store import Store
from .terms import DEFAULT, TermCache, from_ox, term_text, to_ox, to_ox_quad

#: most quads sent in one SPARQL Update request
BATCH_QUADS = 20_000
_TIMEOUT = 600


class EndpointError(StoreError):
    """The endpoint could not be reached, or refused a request (the message says which and why)."""


def is_endpoint_url(text: str) -> bool:
    """True for an http(s) URL (a remote store), False for a file or folder path.

    >>> is_endpoint_url("http://localhost:7878"), is_endpoint_url("graph.trig")
    (True, False)
    """
    return str(text).lower().startswith(("http://", "https://"))


@dataclass(frozen=True)
class Endpoint:
    """The URLs of one remote store: SPARQL query, SPARQL update, Graph Store Protocol."""
    query_url: str
    update_url: str
    store_url: str

    @classmethod
    def from_url(cls, url: str, update: str | None = None, store: str | None = None) -> "Endpoint":
        """The endpoint a user means by `url` (see the module docstring).

        >>> Endpoint.from_url("http://localhost:7878")
        Endpoint(query_url='http://localhost:7878/query', update_url='http://localhost:7878/update', store_url='http://localhost:7878/store')
        >>> Endpoint.from_url("http://h:3030/ds/sparql").store_url, Endpoint.from_url("http://h:3030/ds").update_url
        ('http://h:3030/ds/data', 'http://h:3030/ds')
        """
        if not is_endpoint_url(url):
            raise EndpointError(f"{url!r} is not an http(s) URL")
        parts = urllib.parse.urlsplit(url.rstrip("/"))
        path = parts.path
        last = path.rsplit("/", 1)[-1]
        sibling = lambda name: urllib.parse.urlunsplit(
            parts._replace(path=path.rsplit("/", 1)[0] + "/" + name))
        if not path:
            base = url.rstrip("/")
            q, u, s = base + "/query", base + "/update", base + "/store"
        elif last in ("query", "sparql"):
            q, u, s = url, sibling("update"), sibling("store" if last == "query" else "data")
        else:
            q = u = s = url
        return cls(q, update or u, store or s)

    # -- HTTP ---------------------------------------------------------------------------------
    def _open(self, url: str, data: bytes | None = None, headers: dict | None = None,
              method: str | None = None):
        request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
        try:
            return urllib.request.urlopen(request, timeout=_TIMEOUT)
        except urllib.error.HTTPError as exc:
            body = exc.read().decode("utf-8", "replace").strip()
            raise EndpointError(f"{url}: HTTP {exc.code} {exc.reason}"
                                + (f": {body[:500]}" if body else "")) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise EndpointError(f"cannot reach the SPARQL endpoint {url}: {reason}") from None

    def _query(self, text: str, accept: str):
        data = urllib.parse.urlencode({"query": text}).encode("utf-8")
        return self._open(self.query_url, data, {
            "Content-Type": "application/x-www-form-urlencoded; charset=utf-8", "Accept": accept})

    def select(self, text: str) -> ox.QuerySolutions:
        """The solutions of a SELECT query, parsed as they stream in (pyoxigraph terms)."""
        response = self._query(text, "application/sparql-results+json")
        return ox.parse_query_results(response, ox.QueryResultsFormat.JSON)

    def ask(self, text: str) -> bool:
        response = self._query(text, "application/sparql-results+json")
        return bool(ox.parse_query_results(response, ox.QueryResultsFormat.JSON))

    def construct(self, text: str) -> Iterator[ox.Triple]:
        """The triples of a CONSTRUCT or DESCRIBE query, parsed as they stream in."""
        response = self._query(text, "application/n-triples")
        return (q.triple for q in ox.parse(response, ox.RdfFormat.N_TRIPLES))

    def update(self, text: str) -> None:
        """Run a SPARQL Update request (one request: one transaction on the usual servers)."""
        with self._open(self.update_url, text.encode("utf-8"),
                        {"Content-Type": "application/sparql-update; charset=utf-8"}):
            pass

    def graph(self, name: str) -> list[ox.Triple]:
        """The triples of one named graph (Graph Store Protocol GET); [] when there is none."""
        url = f"{self.store_url}?{urllib.parse.urlencode({'graph': name})}"
        try:
            response = self._open(url, headers={"Accept": "application/n-triples"})
        except EndpointError as exc:
            if " HTTP 404 " in f" {exc} ":
                return []
            raise
        with response:
            return [q.triple for q in ox.parse(io.BytesIO(response.read()), ox.RdfFormat.N_TRIPLES)]

    # -- newskg's layout ------------------------------------------------------------------------
    def write(self, quads: Iterable[ox.Quad], clear: Iterable[tuple] = ()) -> int:
        """Add quads, each to its graph (the default graph's to the merge), after removing the
        merge's statements of each (subject, predicate) pair in `clear`; returns how many quads.

        Sent as SPARQL Update requests of at most BATCH_QUADS quads each; the removals go in the
        first, so one article and the merge's values it changes are one request (one transaction
        on the usual servers).
        """
        n = 0
        first = [f"DELETE WHERE {{ {s} {p} ?o }}" for s, p in clear]
        batch: list[ox.Quad] = []
        for q in quads:
            batch.append(q)
            if len(batch) >= BATCH_QUADS:
                n += self._insert(batch, first)
                batch, first = [], []
        if batch or first:
            n += self._insert(batch, first)
        return n

    def _insert(self, quads: list[ox.Quad], before: list[str]) -> int:
        by_graph: dict[str, list[str]] = {}
        default = []
        for q in quads:
            triple = f"{q.subject} {q.predicate} {q.object} ."
            if isinstance(q.graph_name, ox.DefaultGraph):
                default.append(triple)
            else:
                by_graph.setdefault(str(q.graph_name), []).append(triple)
        parts = ["INSERT DATA {"]
        for graph, triples in by_graph.items():
            parts += [f"GRAPH {graph} {{", *triples, "}"]
        parts += [*default, "}"]
        self.update(" ;\n".join([*before, "\n".join(parts)]))
        return len(quads)


class EndpointStore(Store):
    """newskg's layout in a remote SPARQL 1.1 store (see the module docstring)."""
    kind = "endpoint"
    persistent = True

    def __init__(self, endpoint: Endpoint, base: str = DEFAULT_BASE, read_only: bool = False):
        super().__init__(base, read_only)
        self.endpoint = endpoint
        self._dataset = None

    @property
    def where(self) -> str:
        return self.endpoint.query_url

    @property
    def dataset(self) -> Dataset:
        """An rdflib Dataset over the endpoint (rdflib's SPARQLUpdateStore)."""
        self.check_open()
        if self._dataset is None:
            from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore
            view = SPARQLUpdateStore(self.endpoint.query_url, self.endpoint.update_url,
                                     autocommit=True, returnFormat="json")
            self._dataset = Dataset(store=view, default_union=False)
        return self._dataset

    def _live(self) -> Endpoint:
        self.check_open()
        return self.endpoint

    # -- the protocol ------------------------------------------------------------------------------
    def match(self, s=None, p=None, o=None, g=None) -> Iterator[tuple]:
        endpoint = self._live()
        given = (s, p, o)
        pattern = " ".join(term_text(t) if t is not None else f"?{v}" for v, t in zip("spo", given))
        spo = lambda row: tuple(t if t is not None else from_ox(row[v]) for v, t in zip("spo", given))
        if g is None or g != DEFAULT:
            graph = term_text(g) if g is not None else "?g"
            for row in endpoint.select(f"SELECT * WHERE {{ GRAPH {graph} {{ {pattern} }} }}"):
                yield (*spo(row), g if g is not None else from_ox(row["g"]))
        if g is None or g == DEFAULT:
            for row in endpoint.select(f"SELECT * WHERE {{ {pattern} }}"):
                yield (*spo(row), DEFAULT)

    def add_raw(self, quads: Iterable[tuple]) -> None:
        self.check_writable()
        self.endpoint.write(to_ox_quad(q) for q in quads)

    def load_quads(self, quads: list[ox.Quad]) -> None:
        self.check_writable()
        self.endpoint.write(quads)

    def remove_raw(self, quads: Iterable[tuple]) -> None:
        self.check_writable()
        quads = [to_ox_quad(q) for q in quads]
        for i in range(0, len(quads), BATCH_QUADS):
            body = "\n".join(f"GRAPH {q.graph_name} {{ {q.subject} {q.predicate} {q.object} }}"
                             if not isinstance(q.graph_name, ox.DefaultGraph)
                             else f"{q.subject} {q.predicate} {q.object} ."
                             for q in quads[i:i + BATCH_QUADS])
            self.endpoint.update(f"DELETE DATA {{ {body} }}")

    def add(self, quads, merged=None) -> None:
        """One request: the article and the merge change together."""
        self.check_writable()
        quads = list(quads)
        merged = dict(merged or {})
        copies = [(s, p, o, DEFAULT) for s, p, o, g in quads if g != DEFAULT and (s, p) not in merged]
        values = [(s, p, v, DEFAULT) for (s, p), vs in merged.items() for v in vs]
        self.endpoint.write((to_ox_quad(q) for q in [*quads, *copies, *values]),
                            clear=[(to_ox(s), to_ox(p)) for s, p in merged])

    def graph_quads(self, graph: URIRef) -> list[tuple]:
        """Graph Store Protocol: one request."""
        return [(from_ox(t.subject), from_ox(t.predicate), from_ox(t.object), graph)
                for t in self._live().graph(str(graph))]

    def remove_graph(self, graph: URIRef) -> int:
        quads = self.graph_quads(graph)
        self.check_writable()
        g = term_text(graph)
        self.endpoint.update(f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} FILTER NOT EXISTS "
                             f"{{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {g}) }} }} ;\n"
                             f"DROP SILENT GRAPH {g}")
        return len(quads)

    def rename(self, old: URIRef, new: URIRef) -> int:
        """One update request: the server renames in one transaction."""
        if old == new:
            return 0
        self.check_writable()
        o, n = term_text(old), term_text(new)
        count = sum(1 for _ in self.endpoint.select(
            f"SELECT * WHERE {{ {{ GRAPH ?g {{ {o} ?p ?x }} }} UNION {{ GRAPH ?g {{ ?x ?p {o} }} }} "
            f"UNION {{ {o} ?p ?x }} UNION {{ ?x ?p {o} }} }}"))
        if count:
            self.endpoint.update(" ;\n".join([
                f"DELETE {{ GRAPH ?g {{ {o} ?p ?x }} }} INSERT {{ GRAPH ?g {{ {n} ?p ?x }} }} "
                f"WHERE {{ GRAPH ?g {{ {o} ?p ?x }} }}",
                f"DELETE {{ GRAPH ?g {{ ?x ?p {o} }} }} INSERT {{ GRAPH ?g {{ ?x ?p {n} }} }} "
                f"WHERE {{ GRAPH ?g {{ ?x ?p {o} }} }}",
                f"DELETE {{ {o} ?p ?x }} INSERT {{ {n} ?p ?x }} WHERE {{ {o} ?p ?x }}",
                f"DELETE {{ ?x ?p {o} }} INSERT {{ ?x ?p {n} }} WHERE {{ ?x ?p {o} }}"]))
        return count

    def triples(self, patterns: Iterable[tuple]) -> Iterator[tuple]:
        for p, o in patterns:
            obj = term_text(o) if o is not None else "?o"
            text = f"CONSTRUCT {{ ?s {term_text(p)} {obj} }} WHERE {{ ?s {term_text(p)} {obj} }}"
            for t in self._live().construct(text):
                yield from_ox(t.subject), p, from_ox(t.object)

    def has(self, s, p, o) -> bool:
        return self._live().ask(f"ASK {{ {term_text(s)} {term_text(p)} {term_text(o)} }}")

    def find_article(self, content_hash, iri, id, url) -> tuple[str, str | None]:
        """In one request, not four."""
        branches = [f"{{ ?a <{NKG.contentHash}> {term_text(Literal(content_hash))} BIND(0 AS ?rank) }}",
                    f"{{ {term_text(iri)} a <{NKG.Article}> BIND({term_text(iri)} AS ?a) BIND(3 AS ?rank) }}"]
        if id:
            branches.append(f"{{ ?a <{DCTERMS.identifier}> {term_text(Literal(id))} BIND(1 AS ?rank) }}")
        if url:
            branches.append(f"{{ ?a <{SCHEMA.url}> {term_text(url_node(url))} BIND(2 AS ?rank) }}")
        rows = sorted(((int(r["rank"]), str(r["a"])) for r in self.select(
            f"SELECT ?a ?rank WHERE {{ {' UNION '.join(branches)} }}")))
        if not rows:
            return "new", None
        return ("unchanged", "changed", "changed", "taken")[rows[0][0]], rows[0][1]

    def select(self, text: str) -> Iterator[dict]:
        solutions = self._live().select(text)
        names = [v.value for v in solutions.variables]
        for sol in solutions:
            yield {n: (from_ox(sol[n]) if sol[n] is not None else None) for n in names}

    def query(self, text: str, values: Mapping, prefixes: Mapping[str, str]) -> Rows | bool | Graph:
        """Bindings written in as terms (`bind_in_text`); `prefixes` the query uses without
        declaring them are declared in front of it."""
        endpoint = self._live()
        text = bind_in_text(text, dict(values))
        declared = {m.group(1) for m in re.finditer(r"PREFIX\s+([\w.-]*):", text, re.IGNORECASE)}
        text = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes.items()
                       if p not in declared) + text
        form = query_form(text)
        if form == "ASK":
            return endpoint.ask(text)
        term = TermCache()
        if form in ("CONSTRUCT", "DESCRIBE"):
            graph = Graph()
            for t in endpoint.construct(text):
                graph.add((term(t.subject), term(t.predicate), term(t.object)))
            return graph
        solutions = endpoint.select(text)
        names = [v.value for v in solutions.variables]
        return Rows(names, ({n: plain(term(sol[n])) for n in names} for sol in solutions))

    def count(self) -> int:
        solution = next(iter(self._live().select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))
        return int(solution["n"].value)

    def all_quads(self) -> Iterator[ox.Quad]:
        endpoint = self._live()
        for r in endpoint.select("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"):
            yield ox.Quad(r["s"], r["p"], r["o"], r["g"])
        for t in endpoint.construct("CONSTRUCT WHERE { ?s ?p ?o }"):
            yield ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())

    def more_quads_than(self, n: int) -> bool:
        row = next(iter(self._live().select("SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION "
                                            "{ GRAPH ?g { ?s ?p ?o } } }")))
        return int(row["n"].value) > n

    def export_stream(self, named_format: bool) -> Iterator:
        endpoint = self._live()
        if not named_format:
            yield from endpoint.construct("CONSTRUCT WHERE { ?s ?p ?o }")
            return
        for row in endpoint.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"):
            yield ox.Quad(row["s"], row["p"], row["o"], row["g"])
        for t in endpoint.construct("CONSTRUCT WHERE { ?s ?p ?o }"):   # the whole merge
            yield ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())
