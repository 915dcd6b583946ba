"""Which store should KnowledgeGraph use by default?  Times both on a synthetic newskg-shaped graph.

A few thousand synthetic articles (people, countries, places, organisations; meetings, summits,
visits, partnerships with evidence spans; positions; quotes) go through the real Facts → quads
code, then each store is timed on: adding the quads, writing and re-loading a TriG file, and
running saved queries.  Each store runs in its own process; a query that takes longer than the
timeout is reported as such.

    python benchmarks/store_choice.py                 # ~2,500 articles, ~300k quads
    python benchmarks/store_choice.py --articles 250  # quick run

Results and the decision: benchmarks/RESULTS.md.
"""
from __future__ import annotations

import argparse
import json
import random
import signal
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from newskg.article import Article
from newskg.facts import (ENTITY_TYPES, EVENT_TYPES, OCCURRED, PLANNED, Entity, Event, Facts,
                          PartialDate, Position, Quote, Span)

QUERIES = [("meetings", {}), ("network", {}), ("timeline", {"name": "Person 7"}),
           ("entity_profile", {"name": "person 7"}), ("positions", {})]
POOL = {"Person": 3000, "Country": 190, "Place": 1500, "Organization": 600}
TITLES = ["President", "Prime Minister", "Foreign Minister", "spokesperson", "ambassador",
          "Secretary-General", "aide", "Chancellor"]
SYLL = ["ka", "ri", "mo", "su", "ne", "ta", "lo", "vi", "de", "an", "jo", "pu", "xi", "ra", "be"]


def name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLL) for _ in range(rng.randint(2, 4))).capitalize()


def synthetic_facts(i: int, rng: random.Random) -> Facts:
    """One article's Facts: 6–14 entities, 1–4 events, 0–3 positions, 0–3 quotes."""
    sentences = [f"Sentence {k} of article {i}, about {name(rng)} and {name(rng)}." for k in range(20)]
    text = "\n".join(sentences)
    offsets, pos = [], 0
    for s in sentences:
        offsets.append(Span(pos, pos + len(s), s))
        pos += len(s) + 1
    published = date(2020, 1, 1) + timedelta(days=rng.randrange(1500))
    article = Article(text=text, id=f"bench-{i}", url=f"https://news.example/{i}",
                      title=sentences[0], published=published, publisher=rng.choice(
                          ["Contoh.com", "Wire", "Harian", "Daily Post", "Kabar"]),
                      lang=rng.choice(["id", "en"]), editors=[name(rng)])
    entities = []
    for k in range(rng.randint(6, 14)):
        typ = rng.choices(ENTITY_TYPES, weights=[5, 2, 3, 2])[0]
        # a skewed choice: a few entities appear in many articles, as in news
        n = min(int(rng.paretovariate(1.2)) - 1, POOL[typ] - 1)
        ent_name = f"{typ} {n}"
        mentions = [rng.choice(offsets) for _ in range(rng.randint(1, 3))]
        entities.append(Entity(f"e{k}", typ, ent_name,
                               [Span(m.start, m.start + 5, ent_name.split()[0] + f" {n}")
                                for m in mentions],
                               qid=f"Q{1000 + n}" if rng.random() < 0.6 else None))
    entities = list({e.name: e for e in entities}.values())
    agents = [e.key for e in entities if e.type != "Place"] or [entities[0].key]
    places = [e.key for e in entities if e.type in ("Place", "Country")]
    people = [e.key for e in entities if e.type == "Person"]
    events = []
    for k in range(rng.randint(1, 4)):
        typ = rng.choice(EVENT_TYPES)
        parts = rng.sample(agents, min(len(agents), rng.randint(1, 3)))
        d = published + timedelta(days=rng.randint(-10, 10))
        pdate = rng.choice([PartialDate(d.year, d.month, d.day), PartialDate(d.year, d.month)])
        events.append(Event(f"v{k}", typ, parts if typ != "Summit" else [],
                            location=rng.choice(places) if places else None, date=pdate,
                            status=rng.choice([PLANNED, OCCURRED]),
                            organizer=parts[0] if typ == "Summit" else None,
                            qualifier="strategic" if typ == "Partnership" else None,
                            evidence=rng.sample(offsets, rng.randint(1, 2))))
    summits = [e.key for e in events if e.type == "Summit"]
    for e in events:
        if e.type == "Meeting" and summits:
            e.part_of = summits[0]
    positions = [Position(f"p{k}", h, rng.choice(TITLES), of=rng.choice(agents),
                          evidence=[rng.choice(offsets)])
                 for k, h in enumerate(rng.sample(people, min(len(people), rng.randint(0, 3))))]
    quotes = [Quote(f"q{k}", f"Quote {k} of article {i}.", rng.choice(people),
                    evidence=[rng.choice(offsets)])
              for k in range(rng.randint(0, 3) if people else 0)]
    return Facts(article, entities, events, positions, quotes)


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout


def worker(store: str, articles: int, timeout: int) -> dict:
    from newskg.api import KnowledgeGraph
    from newskg.graph.build import facts_to_quads
    from newskg.graph.files import load_graph, write_graph

    rng = random.Random(7)
    t = time.perf_counter()
    quads = [q for i in range(articles) for q in facts_to_quads(synthetic_facts(i, rng))]
    out = {"store": store, "articles": articles, "quads": len(quads),
           "facts_to_quads_s": time.perf_counter() - t}
    kg = KnowledgeGraph(store=store)
    t = time.perf_counter()
    kg.backend.add(quads)
    out["add_s"] = time.perf_counter() - t
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        path = write_graph(kg.backend, Path(tmp) / "bench.trig")
        out["write_trig_s"] = time.perf_counter() - t
        t = time.perf_counter()
        loaded = load_graph(path, kind=store)
        out["load_trig_s"] = time.perf_counter() - t
        del loaded
    signal.signal(signal.SIGALRM, _alarm)
    for qname, bindings in QUERIES:
        signal.alarm(timeout)
        t = time.perf_counter()
        try:
            rows = kg.query(qname, bindings)
            out[f"{qname}_s"] = time.perf_counter() - t
            out[f"{qname}_rows"] = len(rows)
        except Timeout:
            out[f"{qname}_s"] = f"> {timeout}"
        finally:
            signal.alarm(0)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=2500)
    ap.add_argument("--timeout", type=int, default=300, help="seconds per query")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--stores", default="oxigraph,memory", help="comma-separated store names")
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.articles, args.timeout)))
        return
    results = []
    for store in args.stores.split(","):
        proc = subprocess.run([sys.executable, __file__, "--worker", store, "--articles",
                               str(args.articles), "--timeout", str(args.timeout)],
                              capture_output=True, text=True, check=True)
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    keys = [k for k in results[0] if k not in ("store",)]
    print("| measure | " + " | ".join(r["store"] for r in results) + " |")
    print("|---|" + "---|" * len(results))
    for k in keys:
        cells = [f"{r[k]:.2f}" if isinstance(r[k], float) else str(r[k]) for r in results]
        print(f"| {k} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
