"""A graph of ≥ 1M triples from real news: saved-query latency (rdflib Memory vs Oxigraph) and bulk load.

    python benchmarks/big_graph.py ../shared/data --work /tmp/newskg-big [--triples 1000000]

1. build: every unique article of IndoSum and BBC (`benchmarks/news.py`) is extracted once (the
   Facts are cached in WORK), then the Facts are replicated — the k-th copy of an article gets the
   id `<id>~r<k>`, a last line "(r<k>)" and every date (publication and events) moved k × 61 days
   later — and added through newskg's resolution into an Oxigraph store folder until the graph
   holds TRIPLES distinct statements.  People, places and organisations recur across copies as in
   a longer stretch of news; events of different copies lie in different months and stay apart.
   The graph is also written as N-Quads (streamed).
2. queries: every saved query (queries/*.rq; parameters bound to the graph's most reported person
   and most quoted speaker) is timed on the Oxigraph store folder (newskg's default engine) and
   on rdflib's Memory store holding the same N-Quads, each store in its own process, with a
   timeout per query; rows must agree.
3. bulk: the N-Quads file loaded by `newskg.graph.files.load_graph` into an empty store folder
   (Oxigraph's bulk loader, named graphs plus the merge), by pyoxigraph's `Store.bulk_load` alone,
   and by the `oxigraph load` command, in triples (distinct statements) and quads per second.

Times are wall-clock seconds with the CPU seconds of the process beside them (the machine may be
shared: CPU time is what the work itself cost).
"""
from __future__ import annotations

import argparse
import gc
import copy
import json
import os
import pickle
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from news import english, indonesian  # noqa: E402

SHIFT_DAYS = 61


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


# -- 1. build ---------------------------------------------------------------------------------------

def extract_all(data: Path, cache: Path, jobs: int) -> list:
    """Facts of every unique article (cached)."""
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    from newskg.api import KnowledgeGraph
    from newskg.ingest import read_inputs
    from newskg.workers import extract_in_order
    from news import write_jsonl
    from itertools import zip_longest
    records = [r for g in zip_longest(indonesian(data), english(data)) for r in g if r]
    corpus = write_jsonl(records, cache.with_suffix(".jsonl"))
    facts = []
    t0 = time.perf_counter()
    for item, result in extract_in_order(read_inputs([corpus]), jobs=jobs):
        if result is not None and not isinstance(result, Exception):
            facts.append(result)
    print(f"extracted {len(facts)} articles in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    cache.write_bytes(pickle.dumps(facts))
    return facts


def _shift_partial(d, k: int):
    from newskg.facts import PartialDate
    if d is None:
        return None
    if d.day is not None:
        x = date(d.year, d.month, d.day) + timedelta(days=SHIFT_DAYS * k)
        return PartialDate(x.year, x.month, x.day)
    months = d.year * 12 + ((d.month or 1) - 1) + 2 * k
    return PartialDate(months // 12, months % 12 + 1 if d.month else None)


def replica(facts, k: int):
    """The k-th copy of an article's Facts (k = 0: the article itself)."""
    if k == 0:
        return facts
    f = copy.deepcopy(facts)
    a = f.article
    a.id = f"{a.id}~r{k}"
    a.url = None
    a.text = a.text.rstrip() + f"\n\n(r{k})\n"
    if isinstance(a.published, (date, datetime)):
        a.published = a.published + timedelta(days=SHIFT_DAYS * k)
    f.events = [replace(e, date=_shift_partial(e.date, k)) for e in f.events]
    return f


def build(data: Path, work: Path, triples: int, jobs: int) -> dict:
    from newskg.api import KnowledgeGraph
    store, nq = work / "store", work / "graph.nq"
    meta = work / "build.json"
    if meta.exists() and store.exists() and nq.exists():
        return json.loads(meta.read_text())
    facts = extract_all(data, work / "facts.pickle", jobs)
    shutil.rmtree(store, ignore_errors=True)
    kg = KnowledgeGraph(path=store)
    t0, c0, n, k = time.perf_counter(), cpu(), 0, 0
    while True:
        for f in facts:
            kg.add_facts(replica(f, k))
            n += 1
        k += 1
        size = len(kg)
        print(f"{n} articles, {size:,} triples", file=sys.stderr, flush=True)
        if size >= triples:
            break
    add_s, add_cpu = time.perf_counter() - t0, cpu() - c0
    t0 = time.perf_counter()
    kg.serialize(nq)
    write_s = time.perf_counter() - t0
    import pyoxigraph as ox
    native_quads = sum(1 for _ in ox.parse(path=str(nq), format=ox.RdfFormat.N_QUADS))
    info = {"articles": n, "copies": k, "unique_articles": len(facts), "triples": len(kg),
            "quads_in_file": native_quads, "add_s": round(add_s, 1), "add_cpu_s": round(add_cpu, 1),
            "write_nq_s": round(write_s, 1)}
    kg.close()
    meta.write_text(json.dumps(info))
    return info


# -- 2. queries -------------------------------------------------------------------------------------

def query_plan(store: Path) -> list[tuple[str, dict]]:
    """Every saved query, with parameters bound to the graph's most reported person and most quoted
    speaker."""
    from newskg.api import KnowledgeGraph
    from newskg.graph.queries import parameters, saved_queries
    kg = KnowledgeGraph(path=store, read_only=True)
    person = str(kg.query("""SELECT ?name (COUNT(?a) AS ?n) WHERE { ?p a nkg:Person ; rdfs:label ?name ;
        nkg:mentionedIn ?a } GROUP BY ?name ORDER BY DESC(?n) LIMIT 1""")[0]["name"])
    speaker = str(kg.query("""SELECT ?name (COUNT(?q) AS ?n) WHERE { ?q nkg:speaker ?p . ?p rdfs:label ?name }
        GROUP BY ?name ORDER BY DESC(?n) LIMIT 1""")[0]["name"])
    plan = []
    for name, path in saved_queries().items():
        params = parameters(path.read_text(encoding="utf-8"))
        if not params:
            plan.append((name, {}))
            continue
        values = {p.name: speaker if "speaker" in p.name.lower() else person for p in params}
        plan.append((name, values))
        if any(not p.required for p in params):
            plan.append((name, {}))
    return plan


def time_queries(which: str, store: Path, nq: Path, plan: list, timeout: float, repeat: int) -> dict:
    """Run in a child process: load (rdflib) or open (Oxigraph) the graph, time each query."""
    import signal

    from newskg.api import KnowledgeGraph
    from newskg.graph.files import load_graph

    class Timeout(Exception):
        pass

    def alarm(*_):
        raise Timeout

    signal.signal(signal.SIGALRM, alarm)
    t0, c0 = time.perf_counter(), cpu()
    if which == "rdflib":
        kg = KnowledgeGraph(store="memory")
        load_graph(nq, kg.backend)
    else:
        kg = KnowledgeGraph(path=store, read_only=True)
    out = {"open_s": round(time.perf_counter() - t0, 1), "open_cpu_s": round(cpu() - c0, 1),
           "queries": []}
    for name, params in plan:
        best = None
        for _ in range(repeat):
            signal.setitimer(signal.ITIMER_REAL, timeout)
            t0, c0 = time.perf_counter(), cpu()
            try:
                rows = kg.query(name, params)
                wall, used = time.perf_counter() - t0, cpu() - c0
            except Timeout:
                wall, used, rows = None, None, None
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            if wall is None:
                best = {"s": None, "cpu_s": None, "rows": None}
                break
            if best is None or wall < best["s"]:
                best = {"s": round(wall, 3), "cpu_s": round(used, 3), "rows": len(rows)}
            if wall > 10:
                break           # a slow query's best of several would take long and vary little
        out["queries"].append({"query": name, "params": params, **best})
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return out


# -- 3. bulk load -----------------------------------------------------------------------------------

def bulk(nq: Path, work: Path, triples: int) -> list[dict]:
    import pyoxigraph as ox

    from newskg.graph.files import load_graph
    rows = []
    quads = sum(1 for _ in ox.parse(path=str(nq), format=ox.RdfFormat.N_QUADS))
    target = work / "bulk"

    shutil.rmtree(target, ignore_errors=True)
    t0, c0 = time.perf_counter(), cpu()
    store = ox.Store(str(target))
    store.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    wall, used = time.perf_counter() - t0, cpu() - c0
    rows.append({"how": "pyoxigraph Store.bulk_load (quads as in the file)", "s": wall,
                 "cpu_s": used, "quads": quads})
    del store

    from newskg.graph.backends import open_store
    shutil.rmtree(target, ignore_errors=True)
    t0, c0 = time.perf_counter(), cpu()
    ds = load_graph(nq, open_store(path=target))
    wall, used = time.perf_counter() - t0, cpu() - c0
    loaded = ds.count()
    rows.append({"how": "newskg load_graph (bulk loader: named graphs and their merge)", "s": wall,
                 "cpu_s": used, "quads": 2 * quads, "triples": loaded})
    del ds

    # the merged graph alone as N-Triples (what a dump of the default graph gives): parallel parts
    nt = work / "merged.nt"
    if not nt.exists():
        with open(nt, "wb") as fh:
            ox.Store.read_only(str(work / "store")).dump(fh, format=ox.RdfFormat.N_TRIPLES,
                                                        from_graph=ox.DefaultGraph())
    gc.collect()                      # the store folders above are let go before the next load
    shutil.rmtree(target, ignore_errors=True)
    t0, c0 = time.perf_counter(), cpu()
    ds = load_graph(nt, open_store(path=target))
    wall, used = time.perf_counter() - t0, cpu() - c0
    rows.append({"how": "newskg load_graph of the merge as N-Triples (parallel parts)", "s": wall,
                 "cpu_s": used, "quads": ds.count(), "triples": ds.count()})
    del ds
    gc.collect()

    binary = Path(sys.executable).parent / "oxigraph"
    if binary.exists():
        shutil.rmtree(target, ignore_errors=True)
        t0 = time.perf_counter()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([str(binary), "load", "--location", str(target), "--file", str(nq)],
                       check=True, capture_output=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        rows.append({"how": "oxigraph load (the CLI, quads as in the file)",
                     "s": time.perf_counter() - t0,
                     "cpu_s": (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime),
                     "quads": quads})
    shutil.rmtree(target, ignore_errors=True)
    for r in rows:
        r["triples_per_s"] = round(triples / r["s"])
        r["quads_per_s"] = round(r["quads"] / r["s"])
        r["s"], r["cpu_s"] = round(r["s"], 1), round(r["cpu_s"], 1)
    return rows


def times(ratio: float) -> str:
    """A ratio as "12.3×" (one decimal below 100, where the 10× mark is decided), else "1,234×"."""
    return f"{ratio:.1f}×" if ratio < 100 else f"{ratio:,.0f}×"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path, help="the shared data folder (news-id/, news-en/)")
    ap.add_argument("--work", type=Path, required=True, help="a folder for the cache, store and files")
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--jobs", type=int, default=2, help="processes for the one-off extraction")
    ap.add_argument("--timeout", type=float, default=600, help="seconds per query and store")
    ap.add_argument("--repeat", type=int, default=3,
                    help="runs per query and store, best kept (one for a query over 10 s)")
    ap.add_argument("--skip", nargs="*", default=[], choices=["queries", "bulk"])
    ap.add_argument("--child", nargs=2, metavar=("STORE", "PLAN"), help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    a.work.mkdir(parents=True, exist_ok=True)
    if a.child:
        which, plan = a.child[0], json.loads(Path(a.child[1]).read_text())
        print(json.dumps(time_queries(which, a.work / "store", a.work / "graph.nq", plan,
                                      a.timeout, a.repeat)))
        return 0
    info = build(a.data, a.work, a.triples, a.jobs)
    print(f"graph: {info['triples']:,} triples ({info['quads_in_file']:,} quads in graph.nq) from "
          f"{info['articles']:,} articles ({info['unique_articles']:,} real ones × {info['copies']}); "
          f"added with resolution in {info['add_s']} s ({info['add_cpu_s']} s CPU), "
          f"{info['articles'] / info['add_s']:.0f} articles/s")
    if "queries" not in a.skip:
        plan = query_plan(a.work / "store")
        plan_file = a.work / "plan.json"
        plan_file.write_text(json.dumps(plan))
        results = {}
        for which in ("oxigraph", "rdflib"):
            out = subprocess.run([sys.executable, __file__, str(a.data), "--work", str(a.work),
                                  "--timeout", str(a.timeout), "--repeat", str(a.repeat),
                                  "--child", which, str(plan_file)], capture_output=True, text=True)
            if out.returncode:
                print(out.stderr, file=sys.stderr)
            results[which] = json.loads(out.stdout)
        ox_, rd = results["oxigraph"], results["rdflib"]
        print(f"\nopen/load: Oxigraph store folder {ox_['open_s']} s; rdflib Memory {rd['open_s']} s "
              f"({rd['open_cpu_s']} s CPU, peak {rd['peak_rss_mb']} MB)\n")
        print("| query | parameters | rows | rdflib Memory s (CPU) | Oxigraph s (CPU) | ratio |")
        print("|---|---|---|---|---|---|")
        for o, r in zip(ox_["queries"], rd["queries"]):
            params = ", ".join(f"{k}={v!r}" for k, v in o["params"].items()) or "—"
            if r["s"] is None:
                rtime, ratio = f"> {a.timeout:.0f} (timed out)", f"> {times(a.timeout / max(o['s'], 1e-3))}"
            else:
                rtime, ratio = f"{r['s']} ({r['cpu_s']})", times(r["s"] / max(o["s"], 1e-3))
            agree = "" if r["rows"] is None or r["rows"] == o["rows"] else " (rows differ!)"
            print(f"| `{o['query']}` | {params} | {o['rows']:,}{agree} | {rtime} | {o['s']} ({o['cpu_s']}) | {ratio} |")
    if "bulk" not in a.skip:
        print("\n| bulk load of graph.nq | s (CPU) | quads/s | triples/s |")
        print("|---|---|---|---|")
        for r in bulk(a.work / "graph.nq", a.work, info["triples"]):
            print(f"| {r['how']} | {r['s']} ({r['cpu_s']}) | {r['quads_per_s']:,} | {r['triples_per_s']:,} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
