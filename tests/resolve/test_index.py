"""The GraphIndex's lookups: every event that could match is among the candidates, and names,
keys and QIDs follow renames and new labels."""
from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from rdflib import Literal, URIRef

from newskg.facts import PartialDate
from newskg.vocab.namespaces import NKG, OWL, RDF, RDFS, SKOS, WD
from newskg.resolve.events import EventReport, Places, match_score, standing_partnership
from newskg.resolve.index import GraphIndex
from newskg.resolve.names import person_key, spelling_key
from newskg.resolve.tables import MemoryTables, SqliteTables

E = lambda n: URIRef(f"https://ex.org/e/{n}")


@pytest.fixture(params=["dicts", "sqlite"])
def tables(request):
    """Both places an index keeps its tables; SQLite with a two-node cache, so nodes are written
    out and read back between every batch."""
    if request.param == "dicts":
        yield MemoryTables()
    else:
        t = SqliteTables(node_cache=2)
        yield t
        t.close()


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


def test_candidates_hold_every_event_that_could_match(tables):
    rng = random.Random(7)
    idx, reports = GraphIndex(tables), {}
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


def test_lookups_follow_labels_renames_and_qids(tables):
    idx = GraphIndex(tables)
    a, b, g = E("ushakov"), E("yuri-ushakov"), URIRef("https://ex.org/a/1")
    idx.add_quads([(a, RDF.type, NKG.Person, g), (a, RDFS.label, Literal("Ushakov"), g),
                   (a, SKOS.altLabel, Literal("Ushakov"), g)])
    assert [n.iri for n in idx.people_with_word("ushakov")] == [a]
    idx.rename(a, b)
    idx.add_quads([], {(b, RDFS.label): (Literal("Yuri Ushakov"),)})     # the merge's label
    assert [n.iri for n in idx.people_with_word(spelling_key("yuri"))] == [b]
    assert [n.iri for n in idx.entities_named("Person", "ushakov")] == [b]     # still an alias
    assert [n.iri for n in idx.people_by_key(person_key("Yuri Ushakov"))] == [b]
    assert idx.entities_named("Person", "Yuri Ushakov")[0].label == "Yuri Ushakov"
    c = E("uzbekistan")
    idx.add_quads([(c, RDF.type, NKG.Country, g), (c, RDFS.label, Literal("Uzbekistan"), g),
                   (c, OWL.sameAs, WD.Q265, g)])
    assert idx.entity_by_qid("Country", "Q265").iri == c and idx.country_named("UZBEKISTAN") == c
    assert idx.entity_by_qid("Person", "Q265") is None
    idx.rename(c, E("republic-of-uzbekistan"))
    assert idx.country_named("Uzbekistan") == E("republic-of-uzbekistan")
    assert idx.entity_by_qid("Country", "Q265").iri == E("republic-of-uzbekistan")
    assert c not in idx.entities and len([n for n in idx.entities.values()]) == 2


def test_events_follow_a_renamed_participant(tables):
    idx, g = GraphIndex(tables), URIRef("https://ex.org/a/1")
    a, b, ev = E("xi"), E("xi-jinping"), URIRef("https://ex.org/ev/1")
    idx.add_quads([(a, RDF.type, NKG.Person, g), (a, RDFS.label, Literal("Xi"), g),
                   (ev, RDF.type, NKG.Meeting, g), (ev, NKG.participant, a, g),
                   (ev, NKG.date, Literal("2022-09-15"), g)])
    idx.rename(a, b)
    found = idx.candidate_events("Meeting", [b], PartialDate(2022, 9, 20), None)
    assert [e.iri for e in found] == [ev] and found[0].participants == {b}
    assert idx.candidate_events("Meeting", [a], PartialDate(2022, 9, 20), None) == []
