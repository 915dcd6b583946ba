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
"""
from __future__ import annotations

import io
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Dataset
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

from ..errors import NewskgError

#: most quads sent in one SPARQL Update request
BATCH_QUADS = 20_000
_TIMEOUT = 600


class EndpointError(NewskgError):
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


def remote_dataset(endpoint: Endpoint) -> Dataset:
    """An rdflib Dataset over the endpoint (rdflib's SPARQLUpdateStore), carrying the Endpoint; newskg
    itself talks to the endpoint directly (`endpoint_of`), the Dataset is for users of rdflib."""
    store = SPARQLUpdateStore(endpoint.query_url, endpoint.update_url, autocommit=True,
                              returnFormat="json")
    store.newskg_endpoint = endpoint
    return Dataset(store=store, default_union=False)


def endpoint_of(dataset) -> Endpoint | None:
    """The Endpoint under a remote Dataset, None for a local store."""
    return getattr(getattr(dataset, "store", None), "newskg_endpoint", None)


def query_endpoint(endpoint: Endpoint, text: str, bindings: dict | None = None,
                   prefixes: dict[str, str] | None = None):
    """Run a query on the endpoint, bindings written in as terms (`bind_in_text`): Rows for
    SELECT, a bool for ASK, an rdflib Graph for CONSTRUCT / DESCRIBE.  `prefixes` the query uses
    without declaring them (newskg's, as in a local store) are declared in front of it."""
    import re

    from rdflib import Graph

    from .queries import bind_in_text, query_form
    from .results import Rows, plain
    from .store import _from_ox
    text = bind_in_text(text, bindings or {})
    declared = {m.group(1) for m in re.finditer(r"PREFIX\s+([\w.-]*):", text, re.IGNORECASE)}
    head = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in (prefixes or {}).items()
                   if p not in declared)
    text = head + text
    form = query_form(text)
    if form == "ASK":
        return endpoint.ask(text)
    if form in ("CONSTRUCT", "DESCRIBE"):
        graph = Graph()
        for t in endpoint.construct(text):
            graph.add((_from_ox(t.subject), _from_ox(t.predicate), _from_ox(t.object)))
        return graph
    solutions = endpoint.select(text)
    names = [v.value for v in solutions.variables]
    return Rows(names, ({n: plain(_from_ox(sol[n])) if sol[n] is not None else None for n in names}
                        for sol in solutions))
