"""One store folder of real news, ≥ 1M quads, for the serving, inference and validation benchmarks.

    python benchmarks/big_store.py ../shared/data --store /tmp/bigstore [--articles 7000] [--jobs 2]
                                   [--export OUT.nq]

The first `--articles` of the shared news (`benchmarks/news.py`'s `corpus`: IndoSum, 3,463 unique
articles, and BBC, 2,225, interleaved; past the 5,688 unique ones it cycles, a repeat getting the
id `<id>~k` and a last line "(k)") are written to a temporary .jsonl (never into the repository)
and added with `newskg extract CORPUS --into STORE --jobs N` in a fresh process, as a user would.
The 5,688 unique articles give ~0.95M quads; 7,000 (the default) give more than 1.1M.  An existing STORE is added to (a re-run adds nothing and finishes fast).  Prints the
articles, the seconds taken and the store's quads (all graphs) and triples (the default graph, the
merge that queries read), as JSON.  `--export OUT` also writes the store to a graph file
(`newskg export`'s sibling: `KnowledgeGraph.serialize`, format from the suffix).

It takes ~15–20 min of two cores: build it once and keep the folder.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from news import corpus, write_jsonl  # noqa: E402


def counts(store: Path) -> dict:
    """Quads in every graph and triples in the default graph of a store folder (read-only)."""
    import pyoxigraph
    st = pyoxigraph.Store.read_only(str(store))
    quads = len(st)
    triples = next(iter(st.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"].value
    articles = next(iter(st.query(
        "SELECT (COUNT(*) AS ?n) WHERE { ?a a <https://w3id.org/newskg/ontology#Article> }")))["n"].value
    return {"quads": quads, "triples": int(triples), "articles_in_store": int(articles)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path, help="the shared data folder (holding news-id/, news-en/)")
    ap.add_argument("--store", type=Path, required=True, help="the store folder to build (or add to)")
    ap.add_argument("--articles", type=int, default=7000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--export", type=Path, help="also write the store to this graph file")
    a = ap.parse_args(argv)

    records = corpus(a.data, a.articles)
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = write_jsonl(records, Path(tmp) / "news.jsonl")
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "newskg.cli", "extract", str(jsonl), "--into",
                               str(a.store), "--jobs", str(a.jobs), "-q"],
                              capture_output=True, text=True)
        seconds = time.perf_counter() - t0
    if done.returncode not in (0, 1):
        sys.stderr.write(done.stderr)
        return done.returncode
    result = {"records": len(records), "extract_seconds": round(seconds, 1),
              "error_lines": sum(1 for line in done.stderr.splitlines() if line.startswith("error:")),
              "summary": done.stdout.strip().splitlines()[-2:]}
    result.update(counts(a.store))
    if a.export:
        from newskg.api import KnowledgeGraph
        t0 = time.perf_counter()
        kg = KnowledgeGraph(path=str(a.store), read_only=True)
        kg.serialize(a.export)
        kg.close()
        result["export"] = str(a.export)
        result["export_seconds"] = round(time.perf_counter() - t0, 1)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
