"""Resolution: deciding which existing node of the graph each entity and event of a new article is.

Data flows ingest → nlp → extract → resolve → graph.  `Resolver(index, base).resolve(facts)` gives a
`Resolution` (entity and event IRIs, the article's own names, QIDs, the renames the graph needs and the
merged view of nodes other articles report too); `newskg.graph.build.facts_to_quads(facts, base,
resolution)` writes the article with it.
`GraphIndex` holds what the graph already has; `LinkTable` the offline Wikidata links;
`find_duplicates` lists nodes a person should check.
"""
from .index import GraphIndex
from .links import LinkTable
from .resolver import Resolution, Resolver, qid_iri

__all__ = ["GraphIndex", "LinkTable", "Resolution", "Resolver", "qid_iri"]
