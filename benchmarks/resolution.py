"""Measures cross-article resolution on a graph built from gold-annotated articles.

usage: python benchmarks/resolution.py GOLD_DIR --graph GRAPH [--score PATH/TO/score.py] [-v]

- duplicates: a real thing (a gold canonical entity name — the gold names are canonical across files)
  that appears as two or more nodes. Each article's nodes (`nkg:mentionedIn` it) are matched to its gold
  entities the way the evaluation's score.py does (it is imported from --score, by default next to
  GOLD_DIR); the count is, over all names, nodes − 1.
- summits: gold Summit events grouped by organiser and year across files; a group found as two or more
  summit nodes is a duplicate summit.
- owl:sameAs against the gold `wikidata` fields, per (article, entity): matched by labels only (not by
  QID, which would be circular). precision = right QIDs / nodes with a QID; recall = right QIDs / gold
  entities with a QID.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
from collections import defaultdict
from pathlib import Path


def load_score(path: Path):
    spec = importlib.util.spec_from_file_location("newskg_eval_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--graph", required=True)
    ap.add_argument("--score", type=Path)
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    score = load_score(a.score or a.gold.parent / "score.py")
    import rdflib

    golds = [json.load(open(f, encoding="utf-8")) for f in sorted(a.gold.glob("*.json"))]
    ds = rdflib.Dataset()
    ds.parse(a.graph, format=rdflib.util.guess_format(a.graph) or "turtle")
    g = rdflib.Graph()
    for q in ds.quads((None, None, None, None)):
        g.add(q[:3])
    desc = score.class_closure(g)
    NKG = score.NKG
    typed = set()
    for t in score.ENTITY_TYPES:
        typed |= score.typed_nodes(g, t, desc)

    nodes_of = defaultdict(set)          # gold name -> nodes
    same = {"tp": 0, "fp": 0, "fn_unlinked": 0, "fn_missing": 0, "unjudged": 0}
    wrong = []
    for gold in golds:
        gi = score.GoldIndex(gold)
        art = score.article_node(g, gold["id"])
        if art is None:
            continue
        mentioned = set(g.subjects(NKG.mentionedIn, art)) & typed
        found = {}
        for n in mentioned:
            labels, qids = score.node_labels(g, n)
            name = gi.resolve(labels, qids)
            if name is not None:
                nodes_of[name].add(n)
            by_label = gi.resolve(labels, ())
            if by_label is not None:
                found.setdefault(by_label, set()).add(n)
        for e in gold["entities"]:
            want = e.get("wikidata")
            got = set()
            for n in found.get(e["name"], ()):
                got |= set(score.node_labels(g, n)[1])
            if not want:
                same["unjudged"] += bool(got)
                continue
            if not found.get(e["name"]):
                same["fn_missing"] += 1
            elif want in got:
                same["tp"] += 1
                if len(got) > 1:
                    same["fp"] += 1
            elif got:
                same["fp"] += 1
                wrong.append((gold["id"], e["name"], want, sorted(got)))
            else:
                same["fn_unlinked"] += 1
    dups = {n: sorted(map(str, v)) for n, v in nodes_of.items() if len(v) > 1}
    dup_nodes = sum(len(v) - 1 for v in dups.values())

    # summits: organiser + year across files
    summit_groups = defaultdict(list)
    for gold in golds:
        for ev in gold.get("events", []):
            if ev["type"] == "Summit" and ev.get("organizer") and ev.get("date"):
                summit_groups[(ev["organizer"], ev["date"][:4])].append(gold["id"])
    summit_nodes = defaultdict(set)
    for gold in golds:
        art = score.article_node(g, gold["id"])
        gi = score.GoldIndex(gold)
        for ev in score.typed_nodes(g, "Summit", desc) & set(g.subjects(NKG.mentionedIn, art)):
            for org in g.objects(ev, NKG.organizer):
                labels, qids = score.node_labels(g, org)
                name = gi.resolve(labels, qids)
                d = min((str(o)[:10] for o in g.objects(ev, NKG.date)), default=None)   # as score.py reads it
                if name and d:
                    summit_nodes[(name, d[:4])].add(ev)
    multi = {k: v for k, v in summit_groups.items() if len(set(v)) > 1}
    summit_dups = {f"{k[0]} {k[1]}": len(summit_nodes.get(k, ())) for k in multi}

    p = same["tp"] / (same["tp"] + same["fp"]) if same["tp"] + same["fp"] else 0.0
    gold_q = same["tp"] + same["fn_unlinked"] + same["fn_missing"] + len(wrong)
    r = same["tp"] / gold_q if gold_q else 0.0
    result = {
        "gold_names": len(nodes_of), "names_with_duplicates": len(dups), "duplicate_nodes": dup_nodes,
        "summits_in_several_files": summit_dups,
        "sameAs": dict(same, precision=round(p, 3), recall=round(r, 3), gold_with_qid=gold_q),
    }
    if a.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"real things matched: {len(nodes_of)}; with 2+ nodes: {len(dups)}; duplicate nodes: {dup_nodes}")
        print("summits reported by several files (nodes found): " +
              ", ".join(f"{k}: {v}" for k, v in sorted(summit_dups.items())))
        print(f"owl:sameAs: precision {p:.3f}, recall {r:.3f} ({same['tp']} right of {gold_q} gold "
              f"QIDs; {same['fp']} wrong, {same['fn_unlinked']} found unlinked, {same['fn_missing']} "
              f"not found; {same['unjudged']} links where the gold gives no QID)")
    if a.verbose:
        for name, iris in sorted(dups.items()):
            print(f"  dup {name}: {', '.join(iris)}")
        for w in wrong:
            print(f"  wrong QID {w}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
