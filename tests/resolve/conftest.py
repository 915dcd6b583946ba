"""Short hand-made articles for the resolution tests: Facts built from texts written here."""
from __future__ import annotations

from datetime import date

from newskg.article import Article
from newskg.facts import Entity, Event, Facts, PartialDate, Span


def make_facts(id: str, text: str, entities: list[tuple], events: list[tuple] = (),
               published: date | None = date(2022, 9, 16), lang: str = "en") -> Facts:
    """Facts of an article `text`: entities (key, type, name, [surface forms], qid) whose forms
    occur in the text, events (key, type, [participant keys], location key, PartialDate, status,
    organizer key, qualifier)."""
    ents = []
    for key, type_, name, forms, *rest in entities:
        spans = []
        for f in forms:
            i = text.index(f)
            spans.append(Span(i, i + len(f), f))
        ents.append(Entity(key, type_, name, spans, qid=rest[0] if rest else None))
    evs = []
    for key, type_, parts, loc, day, status, *rest in events:
        sent = Span(0, len(text), text)
        evs.append(Event(key, type_, list(parts), location=loc, date=day, status=status,
                         organizer=rest[0] if rest else None,
                         qualifier=rest[1] if len(rest) > 1 else None, evidence=[sent]))
    art = Article(text=text, source=f"{id}.txt", id=id, published=published, lang=lang)
    return Facts(art, ents, evs)


D = PartialDate
