"""KnowledgeGraph: the small public surface — add articles, query with SPARQL, write the graph.

>>> from newskg.article import Article
>>> from newskg.facts import Entity, Facts, Span
>>> kg = KnowledgeGraph()
>>> art = Article(text="Putin tiba di Samarkand.", id="a1", lang="id")
>>> kg.add_facts(Facts(art, entities=[Entity("e1", "Person", "Vladimir Putin", [Span(0, 5, "Putin")])]))
'https://w3id.org/newskg/id/article/a1'
>>> rows = kg.query("SELECT ?name WHERE { ?p a nkg:Person ; rdfs:label ?name }")
>>> rows.vars, [str(r["name"]) for r in rows]
(['name'], ['Vladimir Putin'])
"""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Identifier

from .article import Article
from .errors import GraphClosed, InputError, StoreError
from .facts import Facts
from .graph.backends import DEFAULT_STORE, STORES, open_store
from .graph.build import article_node, facts_to_quads
from .graph.files import load_graph, write_graph
from .graph.layout import MERGED_PREDICATES
from .graph.queries import QueryError, check_bindings, resolve_query
from .graph.remote import Endpoint
from .graph.results import Rows
from .vocab.iris import all_prefixes, check_base
from .vocab.namespaces import DEFAULT_BASE, NKG

__all__ = ["KnowledgeGraph", "Rows"]

Binding = Identifier | str | int | float | bool | date | datetime


def _open_only(method):
    """`method` of a KnowledgeGraph, refused with GraphClosed once the graph was closed."""
    @functools.wraps(method)
    def checked(self, *args, **kwargs):
        if self._closed:
            raise GraphClosed(f"KnowledgeGraph is closed: {method.__name__} needs an open graph "
                              f"(make a new KnowledgeGraph, or call close() last)")
        return method(self, *args, **kwargs)
    return checked


class KnowledgeGraph:
    """An in-memory knowledge graph of news articles: one named graph per article.

    `base` is where instance IRIs are minted (must end in "/" or "#"); `store` is
    "oxigraph-disk" (default: Oxigraph on a temporary folder, fastest to query), "oxigraph"
    (Oxigraph in memory) or "memory" (rdflib's pure-Python store); benchmarks/RESULTS.md compares
    them.  Whatever the store, nothing is kept after the program ends: `serialize` writes a file.

    Inputs that cannot be read do not raise from `add_file` / `add_corpus`: each is recorded as an
    `InputError` in `errors` (file and line in its message) and the rest goes on; pass
    `strict=True` to raise the first one instead.

    Adding is incremental and idempotent: each article's entities and events are resolved against
    what the graph holds (one node per real thing, see `newskg.resolve`); an article already in the
    graph (same text) changes nothing; an article whose id or URL is in the graph with another text
    replaces its own named graph.  `counts` tallies "added", "unchanged" and "replaced".
    Where the graph lives:
    - `path`: an Oxigraph store folder, kept on disk (created if missing, reopened otherwise);
      every article is written in one transaction (one of more than 10,000 quads in parts, its
      own statements last), so an interrupted run loses nothing written and leaves no half
      article that counts as written;
      `read_only=True` opens it for reading while another process writes to it;
    - `endpoint`: a remote SPARQL 1.1 store, its URL (see `newskg.graph.remote.Endpoint.from_url`)
      or an `Endpoint`; queries are sent to it, articles written with SPARQL Update;
    - otherwise `store` (temporary: nothing is kept after the program ends, `serialize` writes a
      file).
    The graph holds one store (`backend`, a `newskg.graph.store.Store`), which owns the handle it
    opened: a store folder that is lost or cannot be reopened, a full disk or an unreachable
    endpoint raises `StoreError`, never a quiet fallback; it ends `ingest` (what was written stays).
    """

    def __init__(self, base: str = DEFAULT_BASE, store: str = DEFAULT_STORE,
                 path: str | os.PathLike | None = None, models: Mapping[str, str] | None = None,
                 endpoint: str | Endpoint | None = None, read_only: bool = False):
        if models:
            from .nlp.pipeline import use_models
            use_models(models)   # e.g. {"en": "en_core_web_trf"}: per process, like the pipelines
        if store not in STORES:
            raise ValueError(f"unknown store {store!r}; choose one of: {', '.join(STORES)}")
        if path is not None and endpoint is not None:
            raise ValueError("give a store folder (path) or an endpoint, not both")
        self.base = check_base(base)
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        self.endpoint = (endpoint if isinstance(endpoint, Endpoint) or endpoint is None
                         else Endpoint.from_url(endpoint))
        self._store = open_store(store, self.base, path=path, endpoint=self.endpoint,
                                 read_only=read_only)
        self.store = "endpoint" if self.endpoint is not None else (
            "oxigraph-disk" if path is not None else store)
        self._index = None
        self.errors: list[InputError] = []
        self.counts = {"added": 0, "unchanged": 0, "replaced": 0}
        self._closed = False

    # -- reading -----------------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | os.PathLike, base: str = DEFAULT_BASE,
             store: str = DEFAULT_STORE) -> "KnowledgeGraph":
        """A KnowledgeGraph holding the graph file at `path` (.ttl, .trig, .nq, .nt, .jsonld, .rdf).

        Raises InputError naming the file when it is missing or not well-formed.
        """
        kg = cls(base=base, store=store)
        load_graph(path, kg._store)
        return kg

    def _graph_index(self):
        """What the graph holds, indexed for resolution (read from the graph the first time).

        A store folder's or an endpoint's index lives in a temporary SQLite file (long runs keep
        a flat memory footprint); a temporary store's in memory (faster for small work)."""
        if self._index is None:
            from .resolve.index import GraphIndex
            from .resolve.tables import SqliteTables
            from .resolve.index import PREDICATES, TYPE_PATTERNS
            tables = SqliteTables() if self._store.persistent else None
            events = [NKG[t] for t in ("Meeting", "Summit", "Visit", "Partnership")]
            self._index = GraphIndex.from_triples(
                self._store.index_statements(TYPE_PATTERNS, PREDICATES, events),
                types_first=True, tables=tables)
        return self._index

    def _drop_index(self) -> None:
        if self._index is not None:
            self._index.close()
            self._index = None

    @_open_only
    def find_article(self, article: Article) -> tuple[str, str | None]:
        """Whether the graph holds `article`: ("unchanged", IRI) for the same text, ("changed", IRI)
        for the same id or URL with another text, ("partial", IRI) when a cut-off write left part
        of it (it is then written afresh), ("new", None) otherwise (asked of the store: the answer
        costs the same in a graph of any size).

        Raises InputError when the article's IRI is taken by an article of another id and URL (a
        graph written before ids were kept apart, where "Story 1" and "story-1" shared an IRI):
        an article is replaced only by one of the same id or URL."""
        state, found = self._store.find_article(article.content_hash, article_node(article, self.base),
                                                article.id, article.url)
        if state == "taken":
            raise InputError(article.source, f"its IRI {found} already names another article "
                                             f"(of another id and URL); give this one another id")
        return state, found

    @_open_only
    def add_facts(self, facts: Facts) -> str:
        """Add what was read from one article; returns the article's IRI (its graph's name).

        Its entities and events join the nodes the graph already has for them.  Adding an article
        the graph already holds changes nothing; a new text for an article already there (same id
        or URL) replaces that article's named graph.
        """
        from .resolve import Resolver

        state, old = self.find_article(facts.article)
        if state == "unchanged":
            self.counts["unchanged"] += 1
            return old
        if state in ("changed", "partial"):    # partial: what a cut-off write left goes first
            self._remove_article(old, facts.article.source)
        index = self._graph_index()
        res = Resolver(index, self.base).resolve(facts)
        for before, after in res.renames:
            self._store.rename(before, after)
            index.rename(before, after)
        quads = facts_to_quads(facts, self.base, res)
        self._store.add(quads, res.merged)
        index.add_quads(quads, res.merged)
        self.counts["replaced" if state == "changed" else "added"] += 1
        self._store.wrote(len(quads))      # the store's flush policy (it may reopen a folder)
        return str(quads[0][3])

    def _remove_article(self, iri: str, source: str) -> None:
        """Take an article's graph out, and its say out of the merge: the nodes it shared with other
        articles get their merged values again from those articles' graphs."""
        from .resolve import Resolver
        from .resolve.resolver import REPORT_PREDICATES

        graph = URIRef(iri)
        quads = self._store.graph_quads(graph)
        if not quads:
            raise InputError(source, f"a new text of {iri}, which this graph holds without its own "
                                     f"named graph (a Turtle or N-Triples file): it cannot be "
                                     f"replaced; keep graphs as .trig, .nq or a store folder")
        self._store.remove_graph(graph)
        self._drop_index()      # re-read: nodes only that article mentioned are gone
        index = self._graph_index()
        resolver, merged, published = Resolver(index, self.base), {}, {}
        for node in sorted({s for s, p, _, _ in quads if p in MERGED_PREDICATES}):
            if node not in index.entities and node not in index.events:
                # no other article reports it: nothing of it stays in the merge
                merged.update({(node, p): () for p in MERGED_PREDICATES})
                continue
            reports = self._store.statements_by_graph(node, REPORT_PREDICATES)
            # an event keeps the first summit name given: the articles count in order of publication
            for g in reports:
                if g not in published:
                    published[g] = self._published(g)
            order = sorted(reports, key=lambda g: (published[g], str(g)))
            merged.update(resolver.remerge(node, [reports[g] for g in order]).merged)
        self._store.set_values(merged)
        index.add_quads([], merged)

    def _published(self, article) -> str:
        """An article's publication date or date-time as its graph states it ("~" if it does not:
        after every date)."""
        said = self._store.statements_by_graph(article, [NKG.published])
        return min((str(o) for by in said.values() for o in by.get(NKG.published, ())), default="~")

    @_open_only
    def add_article(self, text: str, url: str | None = None,
                    published: str | date | datetime | None = None, lang: str | None = None,
                    id: str | None = None) -> str:
        """Read one article's text and add its facts; returns the article's IRI.

        `published` is a date, a datetime or an ISO string ("2022-09-12", "2022-09-12T10:10");
        `lang` is "id" or "en" (None: detected). Raises InputError when the text cannot be read
        (e.g. an unsupported language), TypeError when `text` is not a str (bytes: decode them).
        """
        from .extract import extract_facts
        from .ingest import article_from_text

        if not isinstance(text, str):
            raise TypeError(f"add_article: text must be a str (the article's text), not "
                            f"{type(text).__name__}" + ("; decode bytes first, e.g. "
                            "data.decode('utf-8'), or use add_file" if isinstance(
                                text, bytes | bytearray) else ""))
        for name, value in (("url", url), ("lang", lang), ("id", id)):
            if value is not None and not isinstance(value, str):
                raise TypeError(f"add_article: {name} must be a str or None, not "
                                f"{type(value).__name__}")
        article = article_from_text(text, id=id, url=url, published=_as_date(published),
                                    lang=lang)
        return self.add_facts(extract_facts(article))

    @_open_only
    def ingest(self, paths: Iterable[str | os.PathLike], lang: str | None = None,
               strict: bool = False, jobs: int = 1, dask: str | None = None
               ) -> Iterator[tuple[Article, str] | InputError]:
        """Add every article found in `paths` (.txt, .html, .jsonl files or folders of them).

        Yields `(article, IRI)` for each article added and the `InputError` of each input that
        failed (also appended to `errors`), in input order; with `strict` the first error is raised.
        Articles are read as a stream; one the graph already holds (same text) is not read again.
        `jobs` > 1 extracts in that many worker processes, `dask` on a Dask cluster (its scheduler's
        address, or "local"); resolution and writing stay here, in input order, so the graph is
        the same whatever the number of workers (see `newskg.workers`).
        """
        from .ingest import read_inputs
        from .workers import ExtractionFailed, extract_in_order

        if isinstance(paths, str | os.PathLike):   # one path, not its characters
            paths = [paths]

        def unread():
            try:
                for item in read_inputs([str(p) for p in paths], lang=lang):
                    if isinstance(item, Article):
                        try:
                            state, known = self.find_article(item)
                        except Exception as exc:   # this article only: the batch goes on
                            item = _as_input_error(exc, item.source, "could not look it up in "
                                                                     "the graph")
                        else:
                            if state == "unchanged":   # nothing to read: the graph has this text
                                item = _Known(item, known)
                    yield item
            except InputError as err:   # a reader that raises instead of yielding
                yield err

        for item, result in extract_in_order(unread(), jobs=jobs, dask=dask):
            if isinstance(item, InputError):
                yield self._failed(item, strict)
                continue
            if isinstance(item, _Known):
                self.counts["unchanged"] += 1
                yield item.article, item.iri
                continue
            if isinstance(result, ExtractionFailed):
                result = (InputError(item.source, result.message, line=result.line)
                          if result.input_error else result)
            if isinstance(result, Exception):
                if strict and not isinstance(result, InputError | ExtractionFailed):
                    raise result
                yield self._failed(_as_input_error(result, item.source, "could not extract "
                                                                        "facts"), strict)
                continue
            try:
                iri = self.add_facts(result)
            except StoreError:        # not this article's fault: the store cannot go on
                raise
            except Exception as exc:  # one bad article must not stop a corpus
                if strict and not isinstance(exc, InputError):
                    raise
                yield self._failed(_as_input_error(exc, item.source, "could not add it to the "
                                                                     "graph"), strict)
                continue
            yield item, iri

    @_open_only
    def add_file(self, path: str | os.PathLike, lang: str | None = None,
                 strict: bool = False) -> list[str]:
        """Add the article(s) of one file (.txt, .html/.htm, .jsonl); returns their IRIs.

        Failures are recorded in `errors` (or raised with `strict=True`).
        """
        return [item[1] for item in self.ingest([path], lang, strict)
                if not isinstance(item, InputError)]

    @_open_only
    def add_corpus(self, path: str | os.PathLike, lang: str | None = None,
                   strict: bool = False) -> list[str]:
        """Add every article of a `.jsonl` corpus or a folder; returns their IRIs.

        Failures are recorded in `errors` (or raised with `strict=True`).
        """
        return self.add_file(path, lang, strict)

    def _failed(self, err: InputError, strict: bool) -> InputError:
        if strict:
            raise err
        self.errors.append(err)
        return err

    # -- querying ----------------------------------------------------------------------------
    @_open_only
    def query(self, sparql: str, bindings: Mapping[str, Binding] | None = None
              ) -> Rows | bool | Graph:
        """Run a SPARQL query over all articles (the default graph is the merge of all graphs).

        `sparql` is query text, a saved query name ("meetings", see queries/README.md) or a .rq
        path.  `bindings` maps variable names (without "?") to values: strings and numbers become
        literals, rdflib terms are used as they are.  They are bound by the engine, never pasted
        into the query text.  Returns Rows (a list of dicts, with `.vars`) for SELECT, a bool for
        ASK, an rdflib Graph for CONSTRUCT / DESCRIBE.  Raises QueryError (a ValueError) for an
        unknown saved query, an unknown parameter, or a missing required one; TypeError naming the
        argument for a `sparql` that is no str, ValueError for a binding to None.

        >>> kg = KnowledgeGraph()
        >>> kg.query("ASK { ?s ?p ?o }")
        False
        >>> kg.query("positions").vars
        ['person', 'title', 'of', 'articles', 'holder']
        """
        if isinstance(sparql, os.PathLike):
            sparql = os.fspath(sparql)
        if not isinstance(sparql, str):
            raise TypeError(f"query: sparql must be a str (SPARQL text, a saved query's name or a "
                            f".rq path), not {type(sparql).__name__}")
        if bindings is not None and not isinstance(bindings, Mapping):
            raise TypeError(f"query: bindings must be a mapping of variable names to values, not "
                            f"{type(bindings).__name__}")
        text, name = resolve_query(sparql)
        values = {k.lstrip("?$"): _as_term(k, v) for k, v in (bindings or {}).items()}
        check_bindings(text, name, values)
        try:
            return self._store.query(text, values, self.prefixes)
        except (RuntimeError, SyntaxError) as exc:
            if "projection" in str(exc):
                raise QueryError(f"cannot bind {', '.join('?' + v for v in values)}: a parameter "
                                 f"must be listed in the query's SELECT clause ({exc})") from exc
            raise

    # -- writing -----------------------------------------------------------------------------
    @_open_only
    def serialize(self, path: str | os.PathLike) -> Path:
        """Write the graph to `path`, format from the suffix; returns the path.

        `.trig` / `.nq` / `.jsonld`: one named graph per article; `.ttl` / `.nt` / `.rdf`: all
        triples merged.  The file is replaced atomically (never left half-written).
        """
        return write_graph(self._store, path, self.base)

    @_open_only
    def flush(self) -> None:
        """Make sure a store folder (`path`) has everything written to disk."""
        self._store.flush()

    def close(self) -> None:
        """Write a store folder out and let it go (another process or graph may then open it;
        see `newskg.graph.oxigraph.OxigraphStore.close`).  Any use of the graph afterwards raises
        GraphClosed ("KnowledgeGraph is closed")."""
        if self._closed:          # closing twice is fine, as for files
            return
        self._closed = True
        try:
            self._store.close()
        finally:
            self._drop_index()

    @_open_only
    def duplicates(self, threshold: float = 90.0) -> list:
        """Pairs of nodes a person should check: same type and the same Wikidata QID, or
        near-identical labels (see `newskg.resolve.review.find_duplicates`)."""
        from .resolve.review import find_duplicates
        return find_duplicates(self._graph_index(), threshold)

    @property
    @_open_only
    def graph(self) -> Dataset:
        """The rdflib Dataset underneath: one named graph per article, and a default graph that
        holds the merge of them all (what queries without GRAPH see)."""
        return self._store.dataset

    @property
    def backend(self):
        """The store the graph lives in (a `newskg.graph.store.Store`: one class per backend)."""
        return self._store

    @property
    def prefixes(self) -> dict[str, str]:
        """Prefix → namespace of the vocabularies and of this graph's instance IRIs."""
        return all_prefixes(self.base)

    @_open_only
    def __len__(self) -> int:
        """The number of distinct statements (a statement made by two articles counts once)."""
        return self._store.count()

    def __repr__(self) -> str:
        return f"KnowledgeGraph(base={self.base!r}, store={self.store!r})"


def _as_input_error(exc: Exception, source: str, doing: str) -> InputError:
    """An exception raised over one article as the InputError naming it: InputErrors as they are,
    anything else as "`doing` (Kind: message)", on one line."""
    from .workers import ExtractionFailed
    if isinstance(exc, InputError):
        return exc
    kind, message = ((exc.kind, exc.message) if isinstance(exc, ExtractionFailed)
                     else (type(exc).__name__, str(exc)))
    err = InputError(source, f"{doing} ({kind}: {' '.join(message.split())})")
    err.__cause__ = exc
    return err


@dataclass(frozen=True)
class _Known:
    """An article the graph already holds (same text), passed along in its place unread."""
    article: Article
    iri: str


def _as_term(name: str, value: Binding) -> Identifier:
    """An rdflib term for the binding of ?`name`: terms as they are, strings, numbers, booleans and
    dates typed literals; None (which would match nothing) a ValueError, others a TypeError."""
    if isinstance(value, Identifier):
        return value
    if value is None:
        raise ValueError(f"bindings: ?{name} is None; give it a value, or leave it out of "
                         f"bindings (an optional parameter is then unbound)")
    if not isinstance(value, str | int | float | bool | date | datetime):
        raise TypeError(f"bindings: ?{name} must be a str, number, bool, date, datetime or rdflib "
                        f"term, not {type(value).__name__}")
    return Literal(value)


def _as_date(value: str | date | datetime | None) -> date | datetime | None:
    """A date or datetime from an ISO string (date-only strings give a date)."""
    if value is None or isinstance(value, (date, datetime)):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
    except ValueError:
        raise InputError("<text>", f"published: {value!r} is not an ISO date or date-time "
                                   f"(e.g. 2022-09-12 or 2022-09-12T10:10)") from None
