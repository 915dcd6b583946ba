"""What `newskg infer` costs: the targeted materialisation (newskg.graph.infer) on a graph of
synthetic newskg-shaped articles (`store_choice.synthetic_facts`, added through the public
`KnowledgeGraph.add_facts`), beside owlrl's RDFS closure (the general reasoner) on a smaller one.

    python benchmarks/infer.py                       # 5,000 articles, owlrl on 200
    python benchmarks/infer.py --articles 500 --owlrl 100

Prints JSON: triples before and after, entailed triples, seconds (wall and CPU).  Results:
benchmarks/RESULTS.md, "Inference".
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from store_choice import synthetic_facts  # noqa: E402

from newskg.api import KnowledgeGraph  # noqa: E402
from newskg.graph.infer import materialise  # noqa: E402


def build(articles: int, store: str) -> KnowledgeGraph:
    rng = random.Random(7)
    kg = KnowledgeGraph(store=store)
    for i in range(articles):
        kg.add_facts(synthetic_facts(i, rng))
    return kg


def timed(fn) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def targeted(articles: int, store: str) -> dict:
    kg = build(articles, store)
    before = len(kg)
    wall, cpu = timed(lambda: materialise(kg.graph))
    after = len(kg)
    again, _ = timed(lambda: materialise(kg.graph))
    assert len(kg) == after, "a second run added statements"
    return {"reasoner": "newskg.graph.infer", "store": store, "articles": articles,
            "triples": before, "entailed": after - before, "wall_s": round(wall, 3),
            "cpu_s": round(cpu, 3), "second_run_s": round(again, 3)}


def owlrl_closure(articles: int) -> dict:
    import owlrl
    from rdflib import Graph

    from newskg.paths import ONTOLOGY_FILE

    kg = build(articles, "memory")
    graph = Graph()
    for triple in kg.graph.default_graph:
        graph.add(triple)
    before = len(graph)
    graph.parse(ONTOLOGY_FILE)      # owlrl needs the axioms in the graph it closes
    with_ontology = len(graph)
    wall, cpu = timed(lambda: owlrl.DeductiveClosure(owlrl.RDFS_Semantics).expand(graph))
    return {"reasoner": "owlrl RDFS_Semantics", "store": "rdflib memory", "articles": articles,
            "triples": before, "entailed": len(graph) - with_ontology, "wall_s": round(wall, 3),
            "cpu_s": round(cpu, 3)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--owlrl", type=int, default=200, help="articles for owlrl's closure (0: skip)")
    args = ap.parse_args()
    print(json.dumps(targeted(args.articles, "oxigraph-disk")), flush=True)
    if args.owlrl:
        print(json.dumps(targeted(args.owlrl, "oxigraph-disk")), flush=True)
        print(json.dumps(owlrl_closure(args.owlrl)), flush=True)


if __name__ == "__main__":
    main()
