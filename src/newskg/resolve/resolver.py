"""Deciding which existing node each entity and event of a new article is.

Entities, in this order (always within one type: a Person never joins a Country):
1. a Wikidata QID — from the gazetteer, else from the offline link table by name or alias — gives the
   IRI `{base}{type}/{QID}`; an older node of the same name without a QID is renamed to it;
2. a node whose label or alternative label is the name (case and accents ignored), if only one;
3. people: a node whose name has the same words after titles are dropped and spellings normalised
   (Erdogan / Erdoğan, Zelensky / Zelenskyy, "Retno L.P. Marsudi" / "Retno Marsudi"), or whose name
   holds all the words of the new one or the other way round ("Yuri Ushakov" / "Ushakov"); a bare
   surname or given name joins a node only when exactly one person node in the graph has that word
   in its name, so two Bidens stay apart until a full name tells them apart;
4. otherwise a new node `{base}{type}/{slug(name)}`.
When a fuller name joins a node named by a bare word, the node is renamed after the fuller name.

Events: see `newskg.resolve.events`; they are matched against the graph's events as they will be
once this article's entity renames are made.  A summit gets the IRI `{base}event/{hash(organiser,
year)}`, another event a hash of what its article says (with the IRIs its entities have in an empty
graph, `Resolution.local_iris`); an event several articles report is named by the smallest of the
IRIs its reports would give it (the node is renamed when a smaller one arrives), so the same event
gets the same IRI whichever article comes first.  What still depends on order: a short name (a bare
surname, an alias two nodes could share) is resolved against the nodes the graph holds when it arrives.

An article's own graph says what the article says: its names, and its events' participants, places,
dates and status, the same whether the article is read alone or in a corpus (up to the IRIs of nodes
shared with other articles).  What the merge (the default graph) gives a node several articles report
— one label, one date, one status, its most precise places — is in `Resolution.merged`
(see `newskg.resolve.merge`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import Literal, URIRef

from .. import resources
from ..facts import OCCURRED, Event, Facts
from ..vocab.iris import entity_iri, fact_iri, short_hash
from ..vocab.namespaces import NKG, RDFS
from ..nlp.gazetteer import fold
from .events import EventReport, Places, best_match
from .index import EntityNode, EventNode, GraphIndex, label_words, partial_date
from .links import LinkTable
from .labels import best_label, name_lang
from .merge import EventValues, merge_event, merged_event_label, summit_name
from .names import is_more_complete, person_key

#: what `Resolver.remerge` reads of each article's graph about a node
REPORT_PREDICATES = (RDFS.label, NKG.participant, NKG.location, NKG.organizer, NKG.date, NKG.status,
                     NKG.qualifier)


@dataclass
class Resolution:
    """How one article's facts map onto the graph: the nodes its entities and events are, the names
    its own graph gives them, the nodes to rename first and the merge's values of shared nodes."""
    entity_iris: dict[str, URIRef] = field(default_factory=dict)     # entity key -> IRI
    entity_names: dict[str, str] = field(default_factory=dict)       # entity key -> its own label
    merged_names: dict[str, str] = field(default_factory=dict)       # entity key -> the merge's label
    entity_qids: dict[str, str] = field(default_factory=dict)        # entity key -> QID
    entity_langs: dict[str, str] = field(default_factory=dict)       # entity key -> its label's language
    extra_alts: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # key -> more (altLabel, language)
    # entity key -> the IRI it would have in an empty graph: what the article's own event,
    # position and quote IRIs are made from, so that they do not depend on what came before
    local_iris: dict[str, URIRef] = field(default_factory=dict)
    publisher: tuple[URIRef, str, str] | None = None                  # (IRI, label, language)
    current_labels: dict[URIRef, tuple[str, str]] = field(default_factory=dict)  # IRI -> the merge's (label, language) so far
    event_iris: dict[str, URIRef] = field(default_factory=dict)      # event key -> IRI
    renames: list[tuple[URIRef, URIRef]] = field(default_factory=list)
    # (node, predicate) -> the only values the merge (default graph) gives it, whatever each
    # article's graph states: the merged view of nodes other articles report too
    merged: dict[tuple[URIRef, URIRef], tuple] = field(default_factory=dict)

    def pin(self, node: URIRef, predicate: URIRef, values, *stated) -> None:
        """Record `values` as the merge's values of (node, predicate) when they are not simply what
        the merge holds and the article states (`stated`, None for nothing) put together."""
        values = tuple(sorted(set(values), key=str))
        if set(values) != set(stated) - {None}:
            self.merged[node, predicate] = values


def qid_iri(type_: str, qid: str, base: str) -> URIRef:
    """The IRI of an entity linked to Wikidata: `{base}{type}/{QID}`.

    >>> str(qid_iri("Person", "Q7747", "https://w3id.org/newskg/id/"))
    'https://w3id.org/newskg/id/person/Q7747'
    """
    return URIRef(f"{base}{type_.lower()}/{qid}")


def summit_iri(organizer: URIRef, year: int, base: str) -> URIRef:
    """The IRI of a summit identified by its organiser and year."""
    return URIRef(f"{base}event/{short_hash('Summit', str(organizer), str(year))}")


@lru_cache(maxsize=1)
def _country_of_place() -> dict[str, str]:
    """Canonical place name (folded) → canonical country name, from the gazetteer registry."""
    out = {}
    for r in resources.read_tsv_dir("common", "gazetteer"):
        if r.get("type") == "Place" and r.get("country"):
            out[fold(r["name"])] = r["country"]
    return out


class Resolver:
    """Resolves articles' facts against a GraphIndex (which the caller keeps up to date)."""

    def __init__(self, index: GraphIndex, base: str, links: LinkTable | None = None):
        self.index, self.base = index, base
        self.links = links if links is not None else LinkTable.load()

    # -- entities -----------------------------------------------------------------------------
    def resolve(self, facts: Facts) -> Resolution:
        """The Resolution of one article's facts (nothing in the graph is changed here)."""
        res = Resolution()
        lang = facts.article.lang
        for e in facts.entities:
            self._entity(e, res, lang)
        self._labels(facts, res, lang)
        self._events(facts, res)
        return res

    def _labels(self, facts: Facts, res: Resolution, lang: str | None) -> None:
        """One label per node in the article's graph and in the merge: the best of the names
        (`newskg.resolve.labels`); an entity whose own name is not its node's label in the article
        keeps that name as an altLabel."""
        by_iri: dict[URIRef, list] = {}
        for e in facts.entities:
            by_iri.setdefault(res.entity_iris[e.key], []).append(e)
        publisher = facts.article.publisher
        pub_iri = self._publisher_iri(publisher) if publisher else None
        if pub_iri is not None and pub_iri not in by_iri:
            by_iri[pub_iri] = []
            node = self.index.entities.get(pub_iri)
            if node is not None and node.label:
                res.current_labels[pub_iri] = (node.label, node.label_lang)
        for iri, ents in by_iri.items():
            type_ = ents[0].type if ents else "Organization"
            names = [(res.entity_names[e.key], name_lang(type_, res.entity_names[e.key], lang))
                     for e in ents]
            if iri == pub_iri:
                names.append((publisher, name_lang(type_, publisher, lang)))
            own = best_label(type_, names)
            if iri == pub_iri:
                res.publisher = (pub_iri, *own)
            current = res.current_labels.get(iri)
            merged = best_label(type_, [*names, *([current] if current else [])])
            for e in ents:
                mine = res.entity_names[e.key]
                if mine != own[0]:
                    res.extra_alts.setdefault(e.key, []).append(
                        (mine, name_lang(type_, mine, lang)))
                res.entity_names[e.key], res.entity_langs[e.key] = own
                res.merged_names[e.key] = merged[0]
            res.pin(iri, RDFS.label, [Literal(merged[0], lang=merged[1] or None)],
                    Literal(own[0], lang=own[1] or None),
                    Literal(current[0], lang=current[1] or None) if current else None)

    def remerge(self, node: URIRef, reports: list[dict]) -> Resolution:
        """The merge's values of an entity or event node again, from what the articles' graphs that
        report it say (`reports`: one dict predicate → objects per graph, read from the graphs'
        REPORT_PREDICATES; the label is the best of every name, `newskg.resolve.labels`);
        in `merged` of the Resolution returned, where they differ from the merge's now."""
        res = Resolution()
        entity, event = self.index.entities.get(node), self.index.events.get(node)
        if entity is not None:
            label = best_label(entity.type, [(str(name), getattr(name, "language", None) or "")
                                             for r in reports for name in r.get(RDFS.label, ())])
            if label is not None:
                res.pin(node, RDFS.label, [Literal(label[0], lang=label[1] or None)],
                        Literal(entity.label, lang=entity.label_lang or None)
                        if entity.label else None)
        elif event is not None and len(reports) == 1:       # one article: the merge is its say
            for predicate, now in _terms_now(event).items():
                res.pin(node, predicate, reports[0].get(predicate, ()), *now)
        elif event is not None and reports:
            places, names = self._places(), _Names(self.index, {})
            merged = None
            for r in reports:
                day = partial_date(r[NKG.date][0]) if r.get(NKG.date) else None
                label = str(r[RDFS.label][0]) if r.get(RDFS.label) else None
                organizers = frozenset(r.get(NKG.organizer, ()))
                values = EventValues(
                    event.type, frozenset(r.get(NKG.participant, ())),
                    frozenset(r.get(NKG.location, ())), organizers, day,
                    NKG.Occurred in r.get(NKG.status, ()),
                    summit_name(label, day) if event.type == "Summit" and organizers else None,
                    str(r[NKG.qualifier][0]) if r.get(NKG.qualifier) else None)
                merged = values if merged is None else merge_event(merged, values, places)
            self._pin_event(event, merged, None, None, res, names)
        return res

    def _standalone_iri(self, e) -> URIRef:
        """The IRI entity `e` gets in an empty graph (its QID's, else its name's)."""
        qid = e.qid
        if not qid:
            link = self.links.lookup(e.type, e.name, *e.aliases)
            qid = link.qid if link is not None else None
        return qid_iri(e.type, qid, self.base) if qid else entity_iri(e.type, e.name, self.base)

    def _publisher_iri(self, publisher: str) -> URIRef:
        """The Organization node of an article's publisher: its QID's, else its name's."""
        link = self.links.lookup("Organization", publisher)
        return qid_iri("Organization", link.qid, self.base) if link else \
            entity_iri("Organization", publisher, self.base)

    def _entity(self, e, res: Resolution, lang: str | None = None) -> None:
        forms = [e.name, *e.aliases]
        qid, name = e.qid, e.name
        if not qid:
            link = self.links.lookup(e.type, *forms)
            if link is not None and e.type == "Person" and len(person_key(e.name)) == 1:
                # a bare name links only when no other person of the graph has that name too
                word = person_key(e.name)[0]
                owners = {n.iri for n in self.index.people_with_word(word)
                          if link.qid not in n.qids}
                if owners:
                    link = None
            if link is not None:
                qid, name = link.qid, link.name
        current = None       # the node whose label the merge has so far
        if qid:
            node = self.index.entity_by_qid(e.type, qid)
            iri = node.iri if node is not None else qid_iri(e.type, qid, self.base)
            if node is None:
                old = self._match_name(e.type, name, forms, unlinked_only=True)
                if old is not None and old.iri != iri:
                    res.renames.append((old.iri, iri))
                    current = old
            else:
                current = node
        else:
            node = self._match_name(e.type, name, forms)
            if node is None:
                iri = entity_iri(e.type, name, self.base)
            elif e.type == "Person" and not node.qids and is_more_complete(name, node.label):
                iri = entity_iri(e.type, name, self.base)
                res.renames.append((node.iri, iri))
            else:
                iri = node.iri
            if node is None:        # a new name may still be a node's IRI (a name two nodes share)
                node = self.index.entities.get(iri)
            current = node
        res.entity_iris[e.key] = iri
        res.local_iris[e.key] = self._standalone_iri(e)
        res.entity_names[e.key] = name
        if current is not None and current.label and iri not in res.current_labels:
            res.current_labels[iri] = (current.label, current.label_lang)
        if qid:
            res.entity_qids[e.key] = qid
        if fold(e.name) != fold(name) and e.name not in e.aliases:
            res.extra_alts[e.key] = [(e.name, name_lang(e.type, e.name, lang))]

    def _match_name(self, type_: str, name: str, forms: list[str],
                    unlinked_only: bool = False) -> EntityNode | None:
        """The one existing node of `type_` this name stands for, or None."""
        def ok(nodes):
            nodes = [n for n in nodes if not (unlinked_only and n.qids)]
            return nodes[0] if len({n.iri for n in nodes}) == 1 else None

        exact = ok(self.index.entities_named(type_, name))
        if exact is not None:
            return exact
        if type_ != "Person":
            hits = {n.iri: n for f in forms for n in self.index.entities_named(type_, f)}
            return ok(list(hits.values()))
        key = person_key(name)
        if len(key) >= 2:
            same = ok(self.index.people_by_key(key))
            if same is not None:
                return same
            words = set(key)
            related = []
            near = {n.iri: n for w in words for n in self.index.people_with_word(w)}
            for _, n in sorted(near.items()):
                other = label_words(n)
                if not other:
                    continue
                if (len(words & other) >= 2 and (words <= other or other <= words)) or \
                        (len(other) == 1 and other <= words):
                    related.append(n)
            return ok(related)
        if len(key) == 1:
            word = key[0]
            owners = self.index.people_with_word(word) + [
                n for n in self.index.entities_named("Person", name)
                if any(fold(a) == fold(name) for a in n.alts)]
            return ok(owners)
        return None

    # -- events -------------------------------------------------------------------------------
    def _places(self, more_countries: dict | None = None) -> Places:
        """Place → country IRIs for the graph's places (looked up as asked); `more_countries`
        (folded label → IRI) adds the countries of the article being resolved."""
        return Places(_CountryOf(self.index, dict(more_countries or {})))

    def _events(self, facts: Facts, res: Resolution) -> None:
        article = facts.article
        published = article.published_date
        table = _country_of_place()
        countries = {fold(res.merged_names[e.key]): res.entity_iris[e.key]
                     for e in facts.entities if e.type == "Country"}
        places = self._places(countries)
        # country IRIs of this article's places too (a new place node is not in the index yet)
        for e in facts.entities:
            if e.type == "Place":
                c = table.get(fold(res.merged_names[e.key]))
                iri = countries.get(fold(c)) if c else None
                if iri is None and c:
                    iri = self.index.country_named(c)
                if iri is not None:
                    places.country_of[res.entity_iris[e.key]] = iri
        ent = res.entity_iris
        renamed = dict(res.renames)             # entity renames this article brings
        was = {}                                # new IRI -> the old IRIs renamed into it
        for old, new in res.renames:
            was.setdefault(new, set()).add(old)
        used: set[URIRef] = set()
        names = _Names(self.index, {ent[e.key]: res.merged_names[e.key] for e in facts.entities})
        for ev in facts.events:
            for k in [*ev.participants, ev.location, ev.organizer]:
                if k and k not in ent:
                    raise ValueError(f"{article.source}: event {ev.key} names entity key {k!r}, "
                                     f"which is not among the article's entities")
            report = EventReport(ev.type, frozenset(ent[k] for k in ev.participants),
                                 ent.get(ev.location) if ev.location else None,
                                 ent.get(ev.organizer) if ev.organizer else None,
                                 ev.date, published, ev.qualifier)
            # only events sharing an entity and within a month can match (see GraphIndex)
            # the graph's events as they are once this article's renames are made
            mine = report.participants | {report.location, report.organizer} - {None}
            near = self.index.candidate_events(
                ev.type, mine | {o for e in mine for o in was.get(e, ())},
                ev.date, published, standing=ev.type == "Partnership")
            pool = [(n.iri, self._report(n, renamed)) for n in near if n.iri not in used]
            match = best_match(report, pool, places)
            iri = None
            if ev.type == "Summit" and report.organizer is not None:
                year = ev.date.year if ev.date else (published.year if published else None)
                if year is not None:
                    iri = summit_iri(res.local_iris[ev.organizer], year, self.base)
                    if match is None and (iri in self.index.events or iri in res.event_iris.values()):
                        iri = None     # that key is taken by a summit this one is not
            if iri is None:
                iri = self._local_event_iri(ev, article, res.local_iris)
            if match is not None:
                # one event several articles report is named by the smallest of the IRIs its
                # reports would give it: the same node whichever article came first
                node = self.index.events[match]
                if iri < match and iri not in self.index.events and iri not in used:
                    res.renames.append((match, iri))
                else:
                    iri = match
                used.add(match)
                used.add(iri)
                res.event_iris[ev.key] = iri
                self._merge_event(ev, report, node, res, places, names, iri)
                continue
            res.event_iris[ev.key] = iri

    def _report(self, node: EventNode, renamed: dict | None = None) -> EventReport:
        r = renamed or {}

        def first(iris):
            return next(iter(sorted(r.get(i, i) for i in iris)), None)

        return EventReport(node.type, frozenset(r.get(i, i) for i in node.participants),
                           first(node.location), first(node.organizer),
                           node.date, node.published, node.qualifier)

    def _local_event_iri(self, ev: Event, article, ent) -> URIRef:
        parts = sorted(str(ent[k]) for k in ev.participants)
        return fact_iri("event", article.key, ev.type, " ".join(parts),
                        str(ent[ev.location]) if ev.location else "",
                        str(ent[ev.organizer]) if ev.organizer else "",
                        ev.date.iso if ev.date else "", ev.name or "",
                        *([ev.qualifier] if ev.qualifier else []), base=self.base)   # each listed agreement its own

    def _merge_event(self, ev: Event, report: EventReport, node: EventNode, res: Resolution,
                     places: Places, names, iri: URIRef) -> None:
        """The merge's date, status, places and label of an event now reported once more."""
        from ..vocab.literals import event_label

        own = EventValues(ev.type, report.participants, frozenset({report.location} - {None}),
                          frozenset({report.organizer} - {None}), ev.date, ev.status == OCCURRED,
                          ev.name if ev.type == "Summit" else None, ev.qualifier)
        own_label = event_label(ev, {k: res.entity_names[k]
                                     for k in [*ev.participants, ev.location, ev.organizer] if k})
        self._pin_event(node, merge_event(self._values(node, res), own, places), own, own_label,
                        res, names, iri)

    @staticmethod
    def _values(node: EventNode, res: Resolution) -> EventValues:
        """What the merge says of an event node so far (entities this article renames renamed)."""
        renamed = dict(res.renames)

        def iris(nodes):
            return frozenset(renamed.get(i, i) for i in nodes)

        name = summit_name(node.label, node.date) if node.type == "Summit" and node.organizer \
            else None
        return EventValues(node.type, iris(node.participants), iris(node.location),
                           iris(node.organizer), node.date, node.status == NKG.Occurred,
                           name, node.qualifier)

    @staticmethod
    def _pin_event(node: EventNode, merged: EventValues, own: EventValues | None,
                   own_label: str | None, res: Resolution, names, iri: URIRef | None = None) -> None:
        """Record the merge's values of an event where the merge so far and the article's own
        values together are not them already (`own` None: no article adds any)."""
        final = _terms(merged, merged_event_label(merged, names))
        mine = _terms(own, own_label) if own is not None else {}
        renamed = dict(res.renames)
        for predicate, now in _terms_now(node).items():
            now = [renamed.get(t, t) for t in now]
            res.pin(iri or node.iri, predicate, final[predicate], *now, *mine.get(predicate, ()))


def _terms(values: EventValues, label: str | None) -> dict:
    """An event's label, date, status and places as RDF terms, by predicate."""
    from ..vocab.literals import date_literal
    return {RDFS.label: [Literal(label, lang="en")] if label else [],
            NKG.date: [date_literal(values.date)] if values.date else [],
            NKG.status: [NKG.Occurred if values.occurred else NKG.Planned],
            NKG.location: list(values.locations)}


def _terms_now(node: EventNode) -> dict:
    """What the merge says of an event node so far, as RDF terms by predicate."""
    from ..vocab.literals import date_literal
    return {RDFS.label: [Literal(node.label, lang="en")] if node.label else [],
            NKG.date: [date_literal(node.date)] if node.date else [],
            NKG.status: [node.status] if node.status else [],
            NKG.location: list(node.location)}

class _CountryOf(dict):
    """Place IRI → IRI of the country it lies in, looked up in the index when first asked (the
    gazetteer registry names each place's country; the graph's node of that name is the IRI).
    Entries set by hand (the article's own new places) come first."""

    def __init__(self, index: GraphIndex, more_countries: dict):
        super().__init__()
        self.index, self.more = index, more_countries

    def get(self, place, default=None):
        if place in self:
            return self[place]
        node = self.index.entities.get(place)
        found = None
        if node is not None and node.type == "Place":
            c = _country_of_place().get(fold(node.label))
            if c:
                found = self.more.get(fold(c)) or self.index.country_named(c)
        self[place] = found
        return found if found is not None else default


class _Names:
    """Entity IRI → label: the article's own names first, then the index's labels."""

    def __init__(self, index: GraphIndex, own: dict):
        self.index, self.own = index, own

    def get(self, iri, default=None):
        if iri in self.own:
            return self.own[iri]
        node = self.index.entities.get(iri)
        return node.label if node is not None else default
