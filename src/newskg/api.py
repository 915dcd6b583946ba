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

import os
from datetime import date, datetime
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from rdflib import Dataset, Graph, Literal
from rdflib.term import Identifier

from .article import Article
from .errors import InputError
from .facts import Facts
from .graph.build import facts_to_quads
from .graph.iris import check_base
from .graph.namespaces import DEFAULT_BASE
from .graph.queries import QueryError, mentions_variable, parameters, resolve_query
from .graph.results import Rows, rows_from_result
from .graph.store import (DEFAULT_STORE, STORES, add_quads, all_prefixes, load_graph, new_dataset,
                          triple_count, write_graph)

__all__ = ["KnowledgeGraph", "Rows"]

Binding = Identifier | str | int | float | bool | date | datetime


class KnowledgeGraph:
    """An in-memory knowledge graph of news articles: one named graph per article.

    `base` is where instance IRIs are minted (must end in "/" or "#"); `store` is
    "oxigraph-disk" (default: Oxigraph on a temporary folder, fastest to query), "oxigraph"
    (Oxigraph in memory) or "memory" (rdflib's pure-Python store); benchmarks/RESULTS.md compares
    them.  Whatever the store, nothing is kept after the program ends: `serialize` writes a file.

    Inputs that cannot be read do not raise from `add_file` / `add_corpus`: each is recorded as an
    `InputError` in `errors` (file and line in its message) and the rest goes on; pass
    `strict=True` to raise the first one instead.
    """

    def __init__(self, base: str = DEFAULT_BASE, store: str = DEFAULT_STORE,
                 models: Mapping[str, str] | None = None):
        if models:
            from .nlp.pipeline import use_models
            use_models(models)   # e.g. {"en": "en_core_web_trf"}: per process, like the pipelines
        if store not in STORES:
            raise ValueError(f"unknown store {store!r}; choose one of: {', '.join(STORES)}")
        self.base = check_base(base)
        self.store = store
        self._dataset = new_dataset(store, self.base)
        self.errors: list[InputError] = []

    # -- reading -----------------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | os.PathLike, base: str = DEFAULT_BASE,
             store: str = DEFAULT_STORE) -> "KnowledgeGraph":
        """A KnowledgeGraph holding the graph file at `path` (.ttl, .trig, .nq, .nt, .jsonld, .rdf).

        Raises InputError naming the file when it is missing or not well-formed.
        """
        kg = cls(base=base, store=store)
        load_graph(path, kg._dataset)
        return kg

    def add_facts(self, facts: Facts) -> str:
        """Add what was read from one article; returns the article's IRI (its graph's name)."""
        quads = facts_to_quads(facts, self.base)
        add_quads(self._dataset, quads)
        return str(quads[0][3])

    def add_article(self, text: str, url: str | None = None,
                    published: str | date | datetime | None = None, lang: str | None = None,
                    id: str | None = None) -> str:
        """Read one article's text and add its facts; returns the article's IRI.

        `published` is a date, a datetime or an ISO string ("2022-09-12", "2022-09-12T10:10");
        `lang` is "id" or "en" (None: detected). Raises InputError when the text cannot be read
        (e.g. an unsupported language).
        """
        from .extract import extract_facts
        from .ingest import article_from_text

        article = article_from_text(text, id=id, url=url, published=_as_date(published),
                                    lang=lang)
        return self.add_facts(extract_facts(article))

    def ingest(self, paths: Iterable[str | os.PathLike], lang: str | None = None,
               strict: bool = False) -> Iterator[tuple[Article, str] | InputError]:
        """Add every article found in `paths` (.txt, .html, .jsonl files or folders of them).

        Yields `(article, IRI)` for each article added and the `InputError` of each input that
        failed (also appended to `errors`), in input order; with `strict` the first error is raised.
        """
        from .ingest import read_inputs

        try:
            items = read_inputs([str(p) for p in paths], lang=lang)
            for item in items:
                if isinstance(item, InputError):
                    yield self._failed(item, strict)
                    continue
                try:
                    iri = self.add_facts(_extract(item))
                except InputError as err:
                    yield self._failed(err, strict)
                    continue
                except Exception as exc:  # one bad article must not stop a corpus
                    if strict:
                        raise
                    err = InputError(item.source, f"could not extract facts "
                                                  f"({type(exc).__name__}: {exc})")
                    err.__cause__ = exc
                    yield self._failed(err, strict)
                    continue
                yield item, iri
        except InputError as err:   # a reader that raises instead of yielding
            yield self._failed(err, strict)

    def add_file(self, path: str | os.PathLike, lang: str | None = None,
                 strict: bool = False) -> list[str]:
        """Add the article(s) of one file (.txt, .html/.htm, .jsonl); returns their IRIs.

        Failures are recorded in `errors` (or raised with `strict=True`).
        """
        return [item[1] for item in self.ingest([path], lang, strict)
                if not isinstance(item, InputError)]

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
    def query(self, sparql: str, bindings: Mapping[str, Binding] | None = None
              ) -> Rows | bool | Graph:
        """Run a SPARQL query over all articles (the default graph is the merge of all graphs).

        `sparql` is query text, a saved query name ("meetings", see queries/README.md) or a .rq
        path.  `bindings` maps variable names (without "?") to values: strings and numbers become
        literals, rdflib terms are used as they are.  They are bound by the engine, never pasted
        into the query text.  Returns Rows (a list of dicts, with `.vars`) for SELECT, a bool for
        ASK, an rdflib Graph for CONSTRUCT / DESCRIBE.  Raises QueryError (a ValueError) for an
        unknown saved query, an unknown parameter, or a missing required one.

        >>> kg = KnowledgeGraph()
        >>> kg.query("ASK { ?s ?p ?o }")
        False
        >>> kg.query("positions").vars
        ['person', 'title', 'of', 'articles', 'holder']
        """
        text, name = resolve_query(sparql)
        values = {k.lstrip("?$"): _as_term(v) for k, v in (bindings or {}).items()}
        what = f"saved query {name!r}" if name else "the query"
        for var in values:
            if not mentions_variable(text, var):
                raise QueryError(f"{what} has no variable ?{var} to bind")
        for p in parameters(text):
            if p.required and p.name not in values:
                raise QueryError(f"{what} needs the parameter ?{p.name} ({p.description})")
        try:
            result = self._dataset.query(text, initBindings=values)
        except RuntimeError as exc:
            if "projection" in str(exc):
                raise QueryError(f"cannot bind {', '.join('?' + v for v in values)}: a parameter "
                                 f"must be listed in the query's SELECT clause ({exc})") from exc
            raise
        if result.type == "ASK":
            return bool(result.askAnswer)
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            return result.graph
        return rows_from_result(result)

    # -- writing -----------------------------------------------------------------------------
    def serialize(self, path: str | os.PathLike) -> Path:
        """Write the graph to `path`, format from the suffix; returns the path.

        `.trig` / `.nq` / `.jsonld`: one named graph per article; `.ttl` / `.nt` / `.rdf`: all
        triples merged.  The file is replaced atomically (never left half-written).
        """
        return write_graph(self._dataset, path, self.base)

    @property
    def graph(self) -> Dataset:
        """The rdflib Dataset underneath: one named graph per article, and a default graph that
        holds the merge of them all (what queries without GRAPH see)."""
        return self._dataset

    @property
    def prefixes(self) -> dict[str, str]:
        """Prefix → namespace of the vocabularies and of this graph's instance IRIs."""
        return all_prefixes(self.base)

    def __len__(self) -> int:
        """The number of distinct statements (a statement made by two articles counts once)."""
        return triple_count(self._dataset)

    def __repr__(self) -> str:
        return f"KnowledgeGraph(base={self.base!r}, store={self.store!r})"


def _extract(article: Article) -> Facts:
    from .extract import extract_facts
    return extract_facts(article)


def _as_term(value: Binding) -> Identifier:
    """An rdflib term for a binding value: terms as they are, anything else a typed literal."""
    if isinstance(value, Identifier):
        return value
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
