"""The GraphIndex's lookups: every event that could match is among the candidates, and names,
keys and QIDs follow renames and new labels."""
from __future__ import annotations

import random
from datetime import date, timedelta

from rdflib import Literal, URIRef

from newskg.facts import PartialDate
from newskg.graph.namespaces import NKG, OWL, RDF, RDFS, SKOS, WD
from newskg.resolve.events import EventReport, Places, match_score, standing_partnership
from newskg.resolve.index import GraphIndex
from newskg.resolve.names import person_key, spelling_key

E = lambda n: URIRef(f"https://ex.org/e/{n}")


def random_date(rng) -> PartialDate | None:
    day = date(2022, 11, 1) + timedelta(days=rng.randrange(120))
    return rng.choice([None, PartialDate(day.year, day.month, day.day),
                       PartialDate(day.year, day.month), PartialDate(day.year)])


def random_event(rng, i):
    pool = [E(k) for k in range(6)]
    return dict(type=rng.choice(["Meeting", "Visit", "Summit", "Partnership"]),
                participants=frozenset(rng.sample(pool, rng.randint(0, 3))),
                location=rng.choice([None, *pool]), organizer=rng.choice([None, *pool]),
                date=random_date(rng), qualifier=rng.choice([None, "no limits"]),
                published=rng.choice([None, date(2022, 11, 1) + timedelta(days=rng.randrange(120))]))


def test_candidates_hold_every_event_that_could_match():
    rng = random.Random(7)
    idx, reports = GraphIndex(), {}
    for i in range(400):
        ev, iri = random_event(rng, i), URIRef(f"https://ex.org/ev/{i}")
        art = URIRef(f"https://ex.org/a/{i}")
        quads = [(iri, RDF.type, NKG[ev["type"]], art), (iri, NKG.mentionedIn, art, art)]
        quads += [(iri, NKG.participant, p, art) for p in ev["participants"]]
        for pred, key in ((NKG.location, "location"), (NKG.organizer, "organizer")):
            if ev[key]:
                quads.append((iri, pred, ev[key], art))
        if ev["date"]:
            quads.append((iri, NKG.date, Literal(ev["date"].iso), art))
        if ev["qualifier"]:
            quads.append((iri, NKG.qualifier, Literal(ev["qualifier"]), art))
        if ev["published"]:
            quads.append((art, NKG.published, Literal(ev["published"]), art))
        idx.add_quads(quads)
        reports[iri] = EventReport(ev["type"], ev["participants"], ev["location"], ev["organizer"],
                                   ev["date"], ev["published"], ev["qualifier"])
    places, checked = Places({}), 0
    for _ in range(400):
        new = EventReport(**{k: v for k, v in random_event(rng, -1).items()})
        found = {n.iri for n in idx.candidate_events(
            new.type, new.participants | {new.location, new.organizer} - {None}, new.date,
            new.published, standing=new.type == "Partnership")}
        for iri, old in reports.items():
            if match_score(new, old, places) is not None or standing_partnership(new, old):
                checked += 1
                assert iri in found, (new, old)
    assert checked > 50          # the random events do match now and then


def test_lookups_follow_labels_renames_and_qids():
    idx = GraphIndex()
    a, b, g = E("ushakov"), E("yuri-ushakov"), URIRef("https://ex.org/a/1")
    idx.add_quads([(a, RDF.type, NKG.Person, g), (a, RDFS.label, Literal("Ushakov"), g),
                   (a, SKOS.altLabel, Literal("Ushakov"), g)])
    assert [n.iri for n in idx.people_with_word("ushakov")] == [a]
    idx.rename(a, b)
    idx.set_value(b, RDFS.label, Literal("Yuri Ushakov"))
    assert [n.iri for n in idx.people_with_word(spelling_key("yuri"))] == [b]
    assert [n.iri for n in idx.entities_named("Person", "ushakov")] == [b]     # still an alias
    assert [n.iri for n in idx.people_by_key(person_key("Yuri Ushakov"))] == [b]
    assert idx.entities_named("Person", "Yuri Ushakov")[0].label == "Yuri Ushakov"
    c = E("uzbekistan")
    idx.add_quads([(c, RDF.type, NKG.Country, g), (c, RDFS.label, Literal("Uzbekistan"), g),
                   (c, OWL.sameAs, WD.Q265, g)])
    assert idx.entity_by_qid("Country", "Q265").iri == c and idx.country_named("UZBEKISTAN") == c
    assert idx.entity_by_qid("Person", "Q265") is None
