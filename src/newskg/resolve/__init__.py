"""Resolution: deciding which existing node of the graph each entity and event of a new article is.

Data flows ingest → nlp → extract → resolve → graph.  `Resolver(index, base).resolve(facts)` gives a
`Resolution` (entity and event IRIs, canonical names, QIDs, and the renames and value updates the graph
needs); `newskg.graph.build.facts_to_quads(facts, base, resolution)` writes the article with it.
`GraphIndex` holds what the graph already has; `LinkTable` the offline Wikidata links;
`find_duplicates` lists nodes a person should check.
"""
from .index import GraphIndex
from .links import LinkTable
from .resolver import Resolution, Resolver, qid_iri

__all__ = ["GraphIndex", "LinkTable", "Resolution", "Resolver", "qid_iri"]
