"""How long validation takes: HermiT on the ontology alone, and SHACL + HermiT on synthetic data.

Run:  PYTHONPATH=src python benchmarks/validate_timing.py [TRIPLES]
The data graph is made up (articles, persons, places, meetings with spans), about TRIPLES triples
(default 2000), shaped like what the graph builder writes.  Prints seconds per step.
"""
from __future__ import annotations

import hashlib
import sys
import time

from rdflib import Graph, Literal, URIRef

from newskg.vocab import namespaces as ns
from newskg.graph import validate as v

NKG = ns.NKG


def synthetic(target: int) -> Graph:
    """A well-formed graph of about `target` triples: per article 3 persons, a place, a meeting."""
    g = Graph()
    i = 0
    while len(g) < target:
        art = URIRef(f"{ns.DEFAULT_BASE}article/a{i}")
        g.add((art, ns.RDF.type, NKG.Article))
        g.add((art, NKG.contentHash, Literal(hashlib.sha256(str(i).encode()).hexdigest())))
        g.add((art, NKG.published, Literal(f"2022-09-{1 + i % 28:02d}", datatype=ns.XSD.date)))
        people = []
        for k in range(3):
            p = URIRef(f"{ns.DEFAULT_BASE}person/p{(i * 3 + k) % 200}")
            people.append(p)
            g.add((p, ns.RDF.type, NKG.Person))
            g.add((p, ns.RDFS.label, Literal(f"Person {(i * 3 + k) % 200}", lang="en")))
            g.add((p, NKG.mentionedIn, art))
        place = URIRef(f"{ns.DEFAULT_BASE}place/c{i % 50}")
        g.add((place, ns.RDF.type, NKG.Place))
        g.add((place, ns.RDFS.label, Literal(f"City {i % 50}", lang="en")))
        g.add((place, NKG.mentionedIn, art))
        ev = URIRef(f"{ns.DEFAULT_BASE}event/e{i}")
        sp = URIRef(f"{art}/span/10-90")
        g.add((sp, ns.RDF.type, NKG.TextSpan))
        g.add((sp, NKG.beginIndex, Literal(10, datatype=ns.XSD.nonNegativeInteger)))
        g.add((sp, NKG.endIndex, Literal(90, datatype=ns.XSD.nonNegativeInteger)))
        g.add((sp, NKG.inArticle, art))
        g.add((ev, ns.RDF.type, NKG.Meeting))
        g.add((ev, ns.RDFS.label, Literal(f"Meeting {i}", lang="en")))
        g.add((ev, NKG.status, NKG.Occurred if i % 3 else NKG.Planned))
        g.add((ev, NKG.date, Literal("2022-09", datatype=ns.XSD.gYearMonth)))
        g.add((ev, NKG.location, place))
        for p in people[:2]:
            g.add((ev, NKG.participant, p))
        g.add((ev, NKG.mentionedIn, art))
        g.add((ev, NKG.evidence, Literal(f"Sentence {i}.", lang="en")))
        g.add((ev, NKG.evidenceSpan, sp))
        i += 1
    return g


def main(target: int) -> None:
    print(f"Java: {'yes' if v.java_available() else 'NO (OWL timings skipped)'}")
    if v.java_available():
        runs = [v.reasoner_time() for _ in range(3)]
        print(f"HermiT, ontology alone: {min(runs):.2f} s best of 3 ({', '.join(f'{r:.2f}' for r in runs)})")
    data = synthetic(target)
    print(f"data: {len(data)} triples")
    if v.java_available():
        runs = [v.reasoner_time(data) for _ in range(3)]
        print(f"HermiT, ontology + data: {min(runs):.2f} s best of 3 ({', '.join(f'{r:.2f}' for r in runs)})")
    started = time.perf_counter()
    report = v.validate(data, reasoning=False)
    print(f"SHACL (pySHACL, RDFS inference): {time.perf_counter() - started:.2f} s, "
          f"conforms={report.conforms}")
    started = time.perf_counter()
    report = v.validate(data)
    print(f"validate() total: {time.perf_counter() - started:.2f} s, conforms={report.conforms}, "
          f"ok={report.ok}")
    for line in report.violations[:5]:
        print("  ", line)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
