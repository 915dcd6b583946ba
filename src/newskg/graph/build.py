"""Facts → RDF quads under the newskg ontology, one named graph per article.

Every quad's graph is the article's IRI, so a TriG or N-Quads file keeps which article said what;
every event, position and quote also points at the sentences it was read from (`nkg:evidence`,
and an `nkg:TextSpan` with character offsets into the article text).  The quads state what the
article says — its own names, participants, places, dates and status — whatever other articles say
of the same nodes: read alone or in a corpus, an article gives the same quads up to the IRIs of the
nodes it shares (the merge of what several articles say is resolution's, `Resolution.merged`).
A node has one rdfs:label in the article's graph, tagged with the language it was read in (the
name and its tag are resolution's: `newskg.resolve.labels`); its other names are skos:altLabel.
"""
from __future__ import annotations

import re

from rdflib import Literal, URIRef
from rdflib.term import Node

from ..article import Article
from ..facts import EVENT_TYPES, PLANNED, Facts, Span
from ..vocab.iris import article_iri, entity_iri, fact_iri, span_iri
from ..vocab.literals import date_literal, event_label, url_node
from ..vocab.namespaces import DCTERMS, DEFAULT_BASE, NKG, OWL, RDF, RDFS, SCHEMA, SKOS, WD, XSD

Quad = tuple[Node, Node, Node, URIRef]

_QID = re.compile(r"Q[1-9][0-9]*")


def facts_to_quads(facts: Facts, base: str = DEFAULT_BASE, resolution=None) -> list[Quad]:
    """The quads stating `facts`, all in the named graph of the article (no duplicates).

    `resolution` (a `newskg.resolve.Resolution`) says which existing nodes the article's entities and
    events are, and the names the article gives them; without one, the facts are resolved against an
    empty graph (QIDs and the offline link table still apply).  The same Facts and resolution always
    give the same quads in the same order.

    >>> from newskg.facts import Entity
    >>> art = Article(text="Putin tiba.", id="a1", lang="id")
    >>> quads = facts_to_quads(Facts(art, entities=[Entity("e1", "Person", "Vladimir Putin",
    ...                                                     [Span(0, 5, "Putin")])]))
    >>> {str(g) for *_, g in quads}
    {'https://w3id.org/newskg/id/article/a1'}
    >>> [o.n3() for s, p, o, g in quads if p == SKOS.altLabel]
    ['"Putin"@id']
    """
    if resolution is None:
        from ..resolve import GraphIndex, Resolver
        resolution = Resolver(GraphIndex(), base).resolve(facts)
    return list(dict.fromkeys(_Builder(facts, base, resolution).quads()))


def article_node(article: Article, base: str = DEFAULT_BASE) -> URIRef:
    """The IRI of the article (also the name of its graph)."""
    return article_iri(article.id, article.url, article.text, base)


class _Builder:
    """Walks one Facts record and yields its quads."""

    def __init__(self, facts: Facts, base: str, resolution):
        self.facts, self.base, self.res = facts, base, resolution
        self.article = facts.article
        self.graph = article_node(self.article, base)
        self.lang = self.article.lang or None
        self.entity_iris = dict(resolution.entity_iris)
        # what the article's own position and quote IRIs are made from: the IRIs its entities have
        # in an empty graph, so that they do not depend on which articles came before
        self.local_iris = {**self.entity_iris, **getattr(resolution, "local_iris", {})}
        self.names = {e.key: resolution.entity_names.get(e.key, e.name) for e in facts.entities}
        for ev in facts.events:
            if ev.type not in EVENT_TYPES:
                raise ValueError(f"{self.article.source}: event {ev.key} has unknown type {ev.type!r}")
            for k in [*ev.participants, ev.location, ev.organizer]:
                if k:
                    self.ent(k, f"event {ev.key}")
        self.event_iris = dict(resolution.event_iris)

    # -- helpers ---------------------------------------------------------------------------
    def q(self, s: Node, p: Node, o: Node) -> Quad:
        return (s, p, o, self.graph)

    def ent(self, key: str, where: str) -> URIRef:
        try:
            return self.entity_iris[key]
        except KeyError:
            raise ValueError(f"{self.article.source}: {where} names entity key {key!r}, "
                             f"which is not among the article's entities") from None

    def evidence(self, node: URIRef, spans: list[Span]):
        for sp in spans:
            span = span_iri(self.graph, sp.start, sp.end)
            yield self.q(node, NKG.evidence, Literal(sp.text))
            yield self.q(node, NKG.evidenceSpan, span)
            yield self.q(span, RDF.type, NKG.TextSpan)
            # xsd:integer, not xsd:nonNegativeInteger: Oxigraph stores derived datatypes as their
            # primitive one, so only xsd:integer reads back the same from every store
            yield self.q(span, NKG.beginIndex, Literal(sp.start, datatype=XSD.integer))
            yield self.q(span, NKG.endIndex, Literal(sp.end, datatype=XSD.integer))
            yield self.q(span, NKG.inArticle, self.graph)

    # -- parts -----------------------------------------------------------------------------
    def quads(self):
        yield from self.article_quads()
        yield from self.entity_quads()
        yield from self.event_quads()
        yield from self.position_quads()
        yield from self.quote_quads()

    def article_quads(self):
        a, art = self.graph, self.article
        yield self.q(a, RDF.type, NKG.Article)
        if art.title:
            yield self.q(a, DCTERMS.title, Literal(art.title))
        if art.id:
            yield self.q(a, DCTERMS.identifier, Literal(art.id))
        if art.url:
            yield self.q(a, SCHEMA.url, url_node(art.url))
        if art.published:
            yield self.q(a, NKG.published, date_literal(art.published))
        if art.publisher and self.res.publisher is not None:
            org, label, lang = self.res.publisher     # resolution's: one label per node
            yield self.q(a, NKG.publisher, org)
            yield self.q(org, RDF.type, NKG.Organization)
            yield self.q(org, RDFS.label, Literal(label, lang=lang or None))
        for prop, values in ((NKG.author, art.authors), (NKG.editor, art.editors),
                             (NKG.credit, art.credits), (NKG.relatedLink, art.related_links),
                             (NKG.tag, art.tags)):
            for v in values:
                yield self.q(a, prop, Literal(v))
        if art.lang:
            yield self.q(a, DCTERMS.language, Literal(art.lang))
        yield self.q(a, NKG.contentHash, Literal(art.content_hash))
        for key in self.facts.cites:
            yield self.q(a, NKG.cites, self.ent(key, "cites"))

    def entity_quads(self):
        for e in self.facts.entities:
            node = self.entity_iris[e.key]
            yield self.q(node, RDF.type, NKG[e.type])
            label_lang = self.res.entity_langs.get(e.key) or self.lang or "en"
            yield self.q(node, RDFS.label, Literal(self.names[e.key], lang=label_lang))
            for alias in e.aliases:
                yield self.q(node, SKOS.altLabel, Literal(alias, lang=self.lang))
            for alias, lang in self.res.extra_alts.get(e.key, ()):
                yield self.q(node, SKOS.altLabel, Literal(alias, lang=lang or None))
            qid = self.res.entity_qids.get(e.key) or e.qid
            if qid and _QID.fullmatch(qid):
                yield self.q(node, OWL.sameAs, WD[qid])
            yield self.q(node, NKG.mentionedIn, self.graph)

    def event_quads(self):
        for ev in self.facts.events:
            node, where = self.event_iris[ev.key], f"event {ev.key}"
            yield self.q(node, RDF.type, NKG[ev.type])
            yield self.q(node, RDFS.label, Literal(event_label(ev, self.names), lang="en"))
            for k in ev.participants:
                yield self.q(node, NKG.participant, self.ent(k, where))
            if ev.location:
                yield self.q(node, NKG.location, self.ent(ev.location, where))
            if ev.date:
                yield self.q(node, NKG.date, date_literal(ev.date))
            yield self.q(node, NKG.status, NKG.Planned if ev.status == PLANNED else NKG.Occurred)
            if ev.part_of:
                if ev.part_of not in self.event_iris:
                    raise ValueError(f"{self.article.source}: {where} is part of unknown event "
                                     f"{ev.part_of!r}")
                yield self.q(node, NKG.partOf, self.event_iris[ev.part_of])
            if ev.organizer:
                yield self.q(node, NKG.organizer, self.ent(ev.organizer, where))
            if ev.qualifier:
                yield self.q(node, NKG.qualifier, Literal(ev.qualifier))
            yield self.q(node, NKG.mentionedIn, self.graph)
            yield from self.evidence(node, ev.evidence)

    def position_quads(self):
        for pos in self.facts.positions:
            where = f"position {pos.key}"
            holder = self.ent(pos.holder, where)
            of = self.ent(pos.of, where) if pos.of else None
            node = fact_iri("position", self.article.key, str(self.local_iris[pos.holder]),
                            pos.title, str(self.local_iris[pos.of]) if pos.of else "",
                            base=self.base)
            yield self.q(holder, NKG.holds, node)
            yield self.q(node, RDF.type, NKG.Position)
            yield self.q(node, RDFS.label, Literal(pos.title, lang="en"))
            if pos.surface and pos.surface != pos.title:
                yield self.q(node, SKOS.altLabel, Literal(pos.surface, lang=self.lang))
            if of is not None:
                yield self.q(node, NKG.of, of)
            yield self.q(node, NKG.mentionedIn, self.graph)
            yield from self.evidence(node, pos.evidence)

    def quote_quads(self):
        for qt in self.facts.quotes:
            speaker = self.ent(qt.speaker, f"quote {qt.key}") if qt.speaker else None
            node = fact_iri("quote", self.article.key,
                            str(self.local_iris[qt.speaker]) if qt.speaker else "", qt.text,
                            base=self.base)
            yield self.q(node, RDF.type, NKG.Quote)
            yield self.q(node, NKG.text, Literal(qt.text))
            if speaker is not None:
                yield self.q(node, NKG.speaker, speaker)
            yield self.q(node, NKG.mentionedIn, self.graph)
            yield from self.evidence(node, qt.evidence)
