"""What a graph already holds, indexed for resolution: entity nodes by name, person key, name word and
QID; event nodes by the entities they involve and the month they fall in.

The index is read from the graph's triples (so a graph file loaded with `--into` resolves the same way
as one built in this process) and kept up to date as quads are added, nodes renamed and values set.
Its tables live in Python dicts or, for long runs, in an SQLite file that keeps memory flat
(`newskg.resolve.tables`).  Every lookup is a keyed access (no scan over all nodes), so resolving
one article costs about the same in a graph of ten articles or of a million: an event is only
compared with events that share an entity with it and lie within a month of it — every event
`newskg.resolve.events.match_score` could accept (see `candidate_events`).  Articles are not held here: whether a graph holds an article is asked
of the store (`newskg.graph.store.Store.find_article`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Iterable

from rdflib import Literal, URIRef

from ..facts import ENTITY_TYPES, EVENT_TYPES, PartialDate
from ..vocab.namespaces import NKG, OWL, RDF, RDFS, SKOS, WD
from ..nlp.gazetteer import fold as _fold_uncached
from .names import name_words, person_key, spelling_key
from .tables import MemoryTables

_ENTITY_CLASSES = {NKG[t]: t for t in ENTITY_TYPES}
_EVENT_CLASSES = {NKG[t]: t for t in EVENT_TYPES}
#: (predicate, object) patterns of the type statements the index reads (entity and event classes)
TYPE_PATTERNS = tuple((RDF.type, c) for c in (*_ENTITY_CLASSES, *_EVENT_CLASSES))
#: predicates of the other statements the index reads; everything else is irrelevant to resolution
PREDICATES = (RDFS.label, SKOS.altLabel, OWL.sameAs, NKG.participant, NKG.location, NKG.organizer,
              NKG.date, NKG.status, NKG.qualifier)
_WD = str(WD)
# the predicates as plain constants: an rdflib namespace builds a new term on every attribute access
_TYPE, _LABEL, _ALT, _SAME = RDF.type, RDFS.label, SKOS.altLabel, OWL.sameAs
_PUBLISHED, _MENTIONED_IN = NKG.published, NKG.mentionedIn
_PARTICIPANT, _LOCATION, _ORGANIZER = NKG.participant, NKG.location, NKG.organizer
_DATE, _QUALIFIER, _STATUS = NKG.date, NKG.qualifier, NKG.status
#: every predicate `_statement` reads
_READ = frozenset(PREDICATES) | {_PUBLISHED, _MENTIONED_IN}


@lru_cache(maxsize=1 << 13)
def fold(text: str) -> str:
    """`newskg.nlp.gazetteer.fold`, cached: the index folds the same names again and again."""
    return _fold_uncached(text)


@dataclass(slots=True, eq=False)
class EntityNode:
    iri: URIRef
    type: str
    label: str = ""
    alts: set[str] = field(default_factory=set)      # surface forms as written
    qids: set[str] = field(default_factory=set)
    label_lang: str = ""                             # the label's language tag

    def forms(self) -> set[str]:
        return {self.label, *self.alts} - {""}


@dataclass(slots=True, eq=False)
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
    published: date | None = None      # the earliest publication date of the articles reporting it
    keys: tuple = ()                   # where the index files it (see GraphIndex._event_keys)
    linked: tuple = ()                 # the entities it was filed under


    def entities(self) -> set[URIRef]:
        return self.participants | self.location | self.organizer


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


def published_date(lit) -> date | None:
    """The date of an article's nkg:published literal (xsd:date or xsd:dateTime), else None."""
    v = lit.toPython() if isinstance(lit, Literal) else None
    return v.date() if isinstance(v, datetime) else v if isinstance(v, date) else None


def _month(d: PartialDate | None, published: date | None) -> tuple[int, int] | None:
    """(year, month) an event is filed under: its date's, else its first report's publication
    date's; month 0 for a date known only to the year; None when it has neither."""
    if d is not None:
        return d.year, d.month or 0
    if published is not None:
        return published.year, published.month
    return None


def nearby_months(d: PartialDate | None, published: date | None) -> list[tuple[int, int]]:
    """The (year, month) buckets an event of this date could match in: its month and the months
    on either side, and its year's "year only" bucket (a whole year: every month of it).

    >>> nearby_months(PartialDate(2023, 1, 5), None)
    [(2022, 12), (2023, 1), (2023, 2), (2023, 0)]
    >>> len(nearby_months(PartialDate(2023), None)), nearby_months(None, None)
    (13, [])
    """
    ref = _month(d, published)
    if ref is None:
        return []
    y, m = ref
    if m == 0:
        return [(y, mm) for mm in range(13)]
    out = []
    for dm in (-1, 0, 1):
        yy, mm = y, m + dm
        if mm == 0:
            yy, mm = y - 1, 12
        elif mm == 13:
            yy, mm = y + 1, 1
        out.append((yy, mm))
    return out + [(y, 0)]


class GraphIndex:
    """Entity and event nodes of one graph, with the lookups resolution needs."""

    def __init__(self, tables=None):
        """An empty index, its tables in `tables` (a `newskg.resolve.tables` MemoryTables, the
        default, or SqliteTables)."""
        t = self._tables = tables if tables is not None else MemoryTables()
        self.entities = t.nodes("entity")                # IRI -> EntityNode
        self.events = t.nodes("event")                   # IRI -> EventNode
        self._by_qid = t.mapping("by_qid")               # (type, QID) -> first node
        self._by_form = t.multimap("by_form")            # (type, folded form) -> nodes
        self._by_key = t.multimap("by_key")              # person key of a form -> nodes
        self._by_word = t.multimap("by_word")            # person label word -> nodes
        self._countries = t.mapping("countries")         # folded Country label -> node
        self._event_keys = t.multimap("event_keys")      # (entity, year, month) -> events
        self._events_of = t.multimap("events_of")        # entity -> events involving it
        self._dirty: set[URIRef] = set()                            # events to file again
        self._reports: list[tuple[URIRef, URIRef]] = []             # (event, article) to date
        self._published: dict[URIRef, date] = {}                    # article -> date (while reading)

    # -- building -----------------------------------------------------------------------------
    @classmethod
    def from_triples(cls, triples: Iterable[tuple], types_first: bool = False,
                     tables=None) -> "GraphIndex":
        """An index of the given (s, p, o) triples, in any order: a statement about a node whose
        type comes later waits for it.  With `types_first` (every type statement comes before the
        other statements of its node), statements about untyped nodes are dropped as they come,
        so a large graph can be read as a stream.  `tables`: see `GraphIndex()`."""
        idx = cls(tables)
        waiting = []
        for n, (s, p, o) in enumerate(triples, 1):
            if n % 50_000 == 0:
                idx._tables.commit()      # SQLite tables: write the nodes read so far, let them go
            if p == _TYPE:
                idx._type(s, o)
            elif p not in _READ:
                continue
            elif p in (_PUBLISHED, _MENTIONED_IN) or s in idx.entities or s in idx.events:
                idx._statement(s, p, o)
            elif not types_first:
                waiting.append((s, p, o))
        for s, p, o in waiting:
            idx._statement(s, p, o)
        idx._settle()
        return idx

    def add_quads(self, quads: Iterable[tuple], merged=None) -> None:
        """Take in quads just added to the graph, with the merge's values `merged` gives (node,
        predicate) → values, as `newskg.graph.store.Store.add` does."""
        quads, merged = list(quads), dict(merged or {})
        for s, p, o, _ in quads:
            if p == _TYPE:
                self._type(s, o)
        for s, p, o, _ in quads:
            if p in _READ and (s, p) not in merged:
                self._statement(s, p, o)
        for (node, predicate), values in merged.items():
            self._set_values(node, predicate, values)
        self._settle()

    def _type(self, s, o) -> None:
        if o in _ENTITY_CLASSES and s not in self.entities:
            node = self.entities[s] = EntityNode(s, _ENTITY_CLASSES[o])
            self._index_entity(node)
        elif o in _EVENT_CLASSES and s not in self.events:
            self.events[s] = EventNode(s, _EVENT_CLASSES[o])
            self._dirty.add(s)

    def _statement(self, s, p, o) -> None:
        if p == _PUBLISHED:
            d = published_date(o)
            if d is not None:
                self._published[s] = d
            return
        ent = self.entities.get(s)
        if ent is not None:
            if p == _LABEL:
                self._set_label(ent, str(o), getattr(o, "language", None) or "")
            elif p == _ALT:
                alt = str(o)
                if alt not in ent.alts:
                    ent.alts.add(alt)
                    self._add_form(ent, alt)
                    self.entities.changed(ent)
            elif p == _SAME and str(o).startswith(_WD):
                qid = str(o)[len(_WD):]
                ent.qids.add(qid)
                self._by_qid.setdefault((ent.type, qid), ent.iri)
                self.entities.changed(ent)
        ev = self.events.get(s)
        if ev is not None:
            if p == _PARTICIPANT:
                ev.participants.add(o)
            elif p == _LOCATION:
                ev.location.add(o)
            elif p == _ORGANIZER:
                ev.organizer.add(o)
            elif p == _DATE:
                ev.date = partial_date(o)
            elif p == _QUALIFIER:
                ev.qualifier = str(o)
            elif p == _STATUS:
                ev.status = o
                self.events.changed(ev)
                return
            elif p == _LABEL:
                ev.label = str(o)
                self.events.changed(ev)
                return
            elif p == _MENTIONED_IN:
                self._reports.append((s, o))
                return
            else:
                return
            self._dirty.add(s)
        elif p == _MENTIONED_IN:
            self._reports.append((s, o))

    def _settle(self) -> None:
        """Date events by their reports' publication and file changed events again."""
        for ev_iri, article in self._reports:
            ev, d = self.events.get(ev_iri), self._published.get(article)
            if ev is not None and d is not None and (ev.published is None or d < ev.published):
                ev.published = d
                self._dirty.add(ev_iri)      # filed again below, and so written
        self._reports.clear()
        self._published.clear()
        for iri in self._dirty:
            ev = self.events.get(iri)
            if ev is not None:
                self._unfile_event(ev)
                self._file_event(ev)
        self._dirty.clear()
        self._tables.commit()

    # -- entity lookups kept in step ---------------------------------------------------------
    def _add_form(self, node: EntityNode, form: str) -> None:
        if not form:
            return
        self._by_form.add((node.type, fold(form)), node.iri)
        if node.type == "Person":
            key = person_key(form)
            if key:
                self._by_key.add(key, node.iri)

    def _drop_form(self, node: EntityNode, form: str) -> None:
        if not form:
            return
        self._by_form.discard((node.type, fold(form)), node.iri)
        if node.type == "Person":
            key = person_key(form)
            if key and not any(person_key(f) == key for f in node.forms() - {form}):
                self._by_key.discard(key, node.iri)

    def _set_label(self, node: EntityNode, label: str, lang: str = "") -> None:
        old = node.label
        if old == label:
            if node.label_lang != lang:
                node.label_lang = lang
                self.entities.changed(node)
            return
        node.label_lang = lang
        self._unindex_label(node)
        node.label = label
        self.entities.changed(node)
        if old and old not in node.alts and fold(old) not in {fold(f) for f in node.forms()}:
            self._drop_form(node, old)
        self._index_label(node)

    def _index_label(self, node: EntityNode) -> None:
        self._add_form(node, node.label)
        if node.type == "Person":
            for w in label_words(node):
                self._by_word.add(w, node.iri)
        elif node.type == "Country" and node.label:
            self._countries.setdefault(fold(node.label), node.iri)

    def _unindex_label(self, node: EntityNode) -> None:
        if node.type == "Person":
            for w in label_words(node):
                self._by_word.discard(w, node.iri)
        elif node.type == "Country" and node.label:
            self._countries.delete(fold(node.label), node.iri)

    def _index_entity(self, node: EntityNode) -> None:
        self._index_label(node)
        for alt in node.alts:
            self._add_form(node, alt)
        for qid in node.qids:
            self._by_qid.setdefault((node.type, qid), node.iri)

    def _unindex_entity(self, node: EntityNode) -> None:
        self._unindex_label(node)
        for form in node.forms():
            self._by_form.discard((node.type, fold(form)), node.iri)
            if node.type == "Person" and person_key(form):
                self._by_key.discard(person_key(form), node.iri)
        for qid in node.qids:
            self._by_qid.delete((node.type, qid), node.iri)

    # -- event filing ---------------------------------------------------------------------------
    def _file_event(self, ev: EventNode) -> None:
        ref = _month(ev.date, ev.published)
        keys = [(e, *ref) for e in ev.entities()] if ref is not None else []
        if ev.type == "Partnership" and ev.qualifier:       # standing partnerships: any date
            keys += [(e, "standing") for e in ev.participants]
        for k in keys:
            self._event_keys.add(k, ev.iri)
        linked = ev.entities()
        for e in linked:
            self._events_of.add(e, ev.iri)
        ev.keys, ev.linked = tuple(keys), tuple(linked)
        self.events.changed(ev)

    def _unfile_event(self, ev: EventNode) -> None:
        for k in ev.keys:
            self._event_keys.discard(k, ev.iri)
        for e in ev.linked:
            self._events_of.discard(e, ev.iri)
        ev.keys = ev.linked = ()
        self.events.changed(ev)

    # -- changes ------------------------------------------------------------------------------
    def _set_values(self, node: URIRef, predicate: URIRef, values) -> None:
        """Follow the merge's values of (node, predicate) made exactly `values`."""
        ev, ent = self.events.get(node), self.entities.get(node)
        if ev is not None and predicate == _LOCATION:
            ev.location = set(values)
            self._dirty.add(node)
        elif ev is not None and predicate == _DATE:
            ev.date = partial_date(values[0]) if values else None
            self._dirty.add(node)
        elif ev is not None and predicate in (_STATUS, _LABEL):
            if values:
                self._statement(node, predicate, values[0])
            elif predicate == _STATUS:
                ev.status = None
            else:
                ev.label = ""
            self.events.changed(ev)
        elif ent is not None and predicate == _LABEL and values:
            self._set_label(ent, str(values[0]), getattr(values[0], "language", None) or "")

    def rename(self, old: URIRef, new: URIRef) -> None:
        """Follow a node renamed in the graph (merging into `new` if both exist)."""
        if old == new:
            return
        node = self.entities.pop(old, None)
        if node is not None:
            self._unindex_entity(node)
            target = self.entities.get(new)
            if target is None:
                node.iri = new
                self.entities[new] = node
                self._index_entity(node)
            else:
                self._unindex_entity(target)
                target.alts |= node.alts | ({node.label} - {target.label, ""})
                target.qids |= node.qids
                self.entities.changed(target)
                self._index_entity(target)
        event = self.events.pop(old, None)
        if event is not None:      # an event node renamed (see Resolver: the smallest IRI wins)
            self._unfile_event(event)
            event.iri = new
            if new not in self.events:
                self.events[new] = event
                self._file_event(event)
        for ev_iri in sorted(self._events_of.get(old)):
            ev = self.events[ev_iri]
            self._unfile_event(ev)
            for attr in (ev.participants, ev.location, ev.organizer):
                if old in attr:
                    attr.discard(old)
                    attr.add(new)
            self._file_event(ev)
        self._tables.commit()

    def close(self) -> None:
        """Let the tables go (an SQLite file is removed)."""
        self._tables.close()

    # -- lookups ------------------------------------------------------------------------------
    def entity_by_qid(self, type_: str, qid: str) -> EntityNode | None:
        """The node of `type_` linked to `qid` (the first one, should there be several)."""
        iri = self._by_qid.get((type_, qid))
        return self.entities.get(iri) if iri is not None else None

    def entities_named(self, type_: str, form: str) -> list[EntityNode]:
        """Nodes of `type_` whose label or an alternative label is `form` (case and accents ignored)."""
        return self._nodes(self._by_form.get((type_, fold(form))))

    def people_by_key(self, key: tuple[str, ...]) -> list[EntityNode]:
        """Person nodes one of whose names (label or alias) has this person key."""
        return self._nodes(self._by_key.get(key))

    def people_with_word(self, word: str) -> list[EntityNode]:
        """Person nodes whose label has this word (a spelling key, see `label_words`)."""
        return self._nodes(self._by_word.get(word))

    def country_named(self, name: str) -> URIRef | None:
        """The Country node whose label is `name` (case and accents ignored), if any."""
        return self._countries.get(fold(name))

    def people(self) -> list[EntityNode]:
        """Every person node (a scan: resolution itself uses the lookups above)."""
        return [n for n in self.entities.values() if n.type == "Person"]

    def candidate_events(self, type_: str, entities: Iterable[URIRef], day: PartialDate | None,
                         published: date | None, standing: bool = False) -> list[EventNode]:
        """Events of `type_` that share one of `entities` and lie within a month of `day` (or of
        `published` when undated); with `standing`, also partnerships with a qualifier among
        those entities, whatever their dates.  In IRI order."""
        found: set[URIRef] = set()
        months = nearby_months(day, published)
        for e in set(entities):
            for y, m in months:
                found |= self._event_keys.get((e, y, m))
            if standing:
                found |= self._event_keys.get((e, "standing"))
        return [ev for i in sorted(found)
                if (ev := self.events.get(i)) is not None and ev.type == type_]

    def _nodes(self, iris) -> list[EntityNode]:
        return [n for i in sorted(iris) if (n := self.entities.get(i)) is not None]


def label_words(node: EntityNode) -> set[str]:
    """Spelling keys of every word of a person node's label."""
    return {spelling_key(w) for w in name_words(node.label)}
