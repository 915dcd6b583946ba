"""What a graph already holds, indexed for resolution: entity nodes by name and QID, event nodes by
type, and articles by identifier, URL and content hash.

The index is read from the graph's triples (so a graph file loaded with `--into` resolves the same way
as one built in this process) and kept up to date as quads are added, nodes renamed and values set.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Iterable

from rdflib import Literal, URIRef

from ..facts import ENTITY_TYPES, EVENT_TYPES, PartialDate
from ..graph.namespaces import DCTERMS, NKG, OWL, RDF, RDFS, SCHEMA, SKOS, WD
from ..nlp.gazetteer import fold
from .names import name_words, person_key, spelling_key

_ENTITY_CLASSES = {NKG[t]: t for t in ENTITY_TYPES}
_EVENT_CLASSES = {NKG[t]: t for t in EVENT_TYPES}
# the predicates the index reads; everything else in a graph is irrelevant to resolution
PREDICATES = (RDF.type, RDFS.label, SKOS.altLabel, OWL.sameAs, NKG.participant, NKG.location,
              NKG.organizer, NKG.date, NKG.status, NKG.qualifier, NKG.mentionedIn, NKG.contentHash,
              DCTERMS.identifier, SCHEMA.url, NKG.published)


@dataclass
class EntityNode:
    iri: URIRef
    type: str
    label: str = ""
    alts: set[str] = field(default_factory=set)      # surface forms as written
    qids: set[str] = field(default_factory=set)

    def forms(self) -> set[str]:
        return {self.label, *self.alts} - {""}


@dataclass
class EventNode:
    iri: URIRef
    type: str
    participants: set[URIRef] = field(default_factory=set)
    location: set[URIRef] = field(default_factory=set)
    organizer: set[URIRef] = field(default_factory=set)
    date: PartialDate | None = None
    status: URIRef | None = None
    qualifier: str | None = None
    label: str = ""
    articles: set[URIRef] = field(default_factory=set)


@dataclass
class ArticleRecord:
    iri: URIRef
    content_hash: str = ""
    identifier: str = ""
    url: str = ""
    published: date | None = None


def partial_date(lit) -> PartialDate | None:
    """The PartialDate of an xsd:date / dateTime / gYearMonth / gYear literal.

    >>> from rdflib import XSD
    >>> partial_date(Literal("2022-09", datatype=XSD.gYearMonth)), partial_date(Literal("2022-09-14T10:00:00", datatype=XSD.dateTime))
    (PartialDate(year=2022, month=9, day=None), PartialDate(year=2022, month=9, day=14))
    """
    text = str(lit)[:10]
    parts = text.split("-")
    try:
        nums = [int(p) for p in parts if p]
    except ValueError:
        return None
    if not nums:
        return None
    return PartialDate(*nums[:3])


class GraphIndex:
    """Entity, event and article nodes of one graph."""

    def __init__(self):
        self.entities: dict[URIRef, EntityNode] = {}
        self.events: dict[URIRef, EventNode] = {}
        self.articles: dict[URIRef, ArticleRecord] = {}
        self._pending_types: dict[URIRef, list[tuple]] = {}

    # -- building -----------------------------------------------------------------------------
    @classmethod
    def from_triples(cls, triples: Iterable[tuple]) -> "GraphIndex":
        """An index of the given (s, p, o) triples (any order)."""
        idx = cls()
        triples = list(triples)
        for s, p, o in triples:          # types first, so every other statement finds its node
            if p == RDF.type:
                idx._type(s, o)
        for s, p, o in triples:
            if p != RDF.type:
                idx._statement(s, p, o)
        return idx

    def add_quads(self, quads: Iterable[tuple]) -> None:
        """Take in quads just added to the graph."""
        quads = list(quads)
        for s, p, o, _ in quads:
            if p == RDF.type:
                self._type(s, o)
        for s, p, o, _ in quads:
            if p != RDF.type:
                self._statement(s, p, o)

    def _type(self, s, o) -> None:
        if o in _ENTITY_CLASSES and s not in self.entities:
            self.entities[s] = EntityNode(s, _ENTITY_CLASSES[o])
        elif o in _EVENT_CLASSES and s not in self.events:
            self.events[s] = EventNode(s, _EVENT_CLASSES[o])
        elif o == NKG.Article and s not in self.articles:
            self.articles[s] = ArticleRecord(s)

    def _statement(self, s, p, o) -> None:
        ent, ev, art = self.entities.get(s), self.events.get(s), self.articles.get(s)
        if ent is not None:
            if p == RDFS.label:
                ent.label = str(o)
            elif p == SKOS.altLabel:
                ent.alts.add(str(o))
            elif p == OWL.sameAs and str(o).startswith(str(WD)):
                ent.qids.add(str(o)[len(str(WD)):])
        if ev is not None:
            if p == NKG.participant:
                ev.participants.add(o)
            elif p == NKG.location:
                ev.location.add(o)
            elif p == NKG.organizer:
                ev.organizer.add(o)
            elif p == NKG.date:
                ev.date = partial_date(o)
            elif p == NKG.status:
                ev.status = o
            elif p == NKG.qualifier:
                ev.qualifier = str(o)
            elif p == RDFS.label:
                ev.label = str(o)
            elif p == NKG.mentionedIn:
                ev.articles.add(o)
        if art is not None:
            if p == NKG.contentHash:
                art.content_hash = str(o)
            elif p == DCTERMS.identifier:
                art.identifier = str(o)
            elif p == SCHEMA.url:
                art.url = str(o)
            elif p == NKG.published:
                v = o.toPython() if isinstance(o, Literal) else None
                art.published = v.date() if isinstance(v, datetime) else v if isinstance(v, date) else None

    # -- changes ------------------------------------------------------------------------------
    def set_value(self, node: URIRef, predicate: URIRef, value) -> None:
        """Follow a value made the only one of (node, predicate) in the graph."""
        ev = self.events.get(node)
        if ev is not None and predicate == NKG.location:
            ev.location = {value}
            return
        self._statement(node, predicate, value)

    def rename(self, old: URIRef, new: URIRef) -> None:
        """Follow a node renamed in the graph (merging into `new` if both exist)."""
        if old in self.entities:
            node = self.entities.pop(old)
            node.iri = new
            target = self.entities.get(new)
            if target is None:
                self.entities[new] = node
            else:
                target.alts |= node.alts | ({node.label} - {target.label, ""})
                target.qids |= node.qids
            for ev in self.events.values():
                for attr in (ev.participants, ev.location, ev.organizer):
                    if old in attr:
                        attr.discard(old)
                        attr.add(new)

    # -- lookups ------------------------------------------------------------------------------
    def entity_by_qid(self, type_: str, qid: str) -> EntityNode | None:
        for node in self.entities.values():
            if node.type == type_ and qid in node.qids:
                return node
        return None

    def entities_named(self, type_: str, form: str) -> list[EntityNode]:
        """Nodes of `type_` whose label or an alternative label is `form` (case and accents ignored)."""
        key = fold(form)
        return [n for n in self.entities.values()
                if n.type == type_ and any(fold(f) == key for f in n.forms())]

    def people_by_key(self, key: tuple[str, ...]) -> list[EntityNode]:
        """Person nodes one of whose names (label or alias) has this person key."""
        return [n for n in self.entities.values() if n.type == "Person"
                and any(person_key(f) == key for f in n.forms())]

    def people(self) -> list[EntityNode]:
        return [n for n in self.entities.values() if n.type == "Person"]

    def article_published(self, article: URIRef) -> date | None:
        rec = self.articles.get(article)
        return rec.published if rec else None


def label_words(node: EntityNode) -> set[str]:
    """Spelling keys of every word of a person node's label."""
    return {spelling_key(w) for w in name_words(node.label)}
