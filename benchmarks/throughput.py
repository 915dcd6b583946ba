"""End-to-end extraction speed against the bare spaCy pipeline of the same models, on real news.

usage: python benchmarks/throughput.py ../shared/data [--articles 500] [--lang id en]
                                       [--jobs 1 2] [--profile] [--json]

For each language it takes the first N articles of the unlabelled news (IndoSum for Indonesian,
BBC for English; `benchmarks/news.py`, never copied anywhere) and times on the same texts:
- bare: the trained spaCy pipeline newskg uses for that language (`spacy.load` of
  `newskg.nlp.pipeline.model_for(lang)` — the bundled model, or spaCy's blank language when none
  is bundled), `nlp.pipe` over the texts;
- newskg: `KnowledgeGraph.ingest` of the same articles as a .jsonl corpus: reading, metadata lines,
  newskg's pipeline, extraction, resolution and writing into the default store — everything
  `newskg extract` does.
Start-up (loading pipelines) is timed separately and left out of these rates.  The bare pipeline
is also timed on the texts in newskg's own batches (8 articles, at most 16,000 characters, long
articles in pieces — which keep newskg's memory flat), on a freshly loaded copy whose vocabulary
has not seen the texts yet (as newskg's has not): that column compares newskg with it.  The last
column uses the copy that has just read the texts (warm vocabulary, the comparison used before
2026-12-06; spaCy spends ~5 % creating lexemes for new words, which the warm copy skips).  Wall seconds and
CPU seconds are both given: on a shared machine the CPU ratio is the steadier one.

`--jobs 1 2` then times whole runs of `newskg extract CORPUS --into STORE --jobs N` (both languages,
start-up included, a fresh process each) — how far more processes go.
`--profile` prints where newskg's time goes, by package, and the top functions of nlp/ and extract/.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from news import corpus, english, indonesian, write_jsonl  # noqa: E402


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def bare_pipeline(lang: str):
    import spacy

    from newskg.nlp.pipeline import model_for
    model = model_for(lang)
    return (spacy.load(model) if model else spacy.blank(lang)), model or f"blank:{lang}"


def measure(lang: str, records: list[dict], tmp: Path, profile: bool) -> dict:
    from newskg.api import KnowledgeGraph
    from newskg.nlp.pipeline import get_pipeline

    texts = [r["text"] for r in records]
    words = sum(len(t.split()) for t in texts)
    t0 = time.perf_counter()
    bare, model = bare_pipeline(lang)
    bare_load = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), cpu()
    for _ in bare.pipe(texts, batch_size=32):
        pass
    bare_s, bare_cpu = time.perf_counter() - t0, cpu() - c0
    # The same bare pipeline again, fed newskg's batches. Timed twice: on a freshly loaded copy,
    # whose vocabulary has not yet seen these texts (as newskg's pipeline has not: spaCy creates a
    # lexeme for every new word, ~5 % of the time), and on the copy that has just read them all
    # (the warm figure, which the ratio before 2026-12-06 used).
    fresh, _ = bare_pipeline(lang)
    t0, c0 = time.perf_counter(), cpu()
    for batch in same_batches(texts):
        for _ in fresh.pipe(batch, batch_size=len(batch)):
            pass
    same_s, same_cpu = time.perf_counter() - t0, cpu() - c0
    del fresh
    t0 = time.perf_counter()
    for batch in same_batches(texts):
        for _ in bare.pipe(batch, batch_size=len(batch)):
            pass
    warm_s = time.perf_counter() - t0

    path = write_jsonl(records, tmp / f"{lang}.jsonl")
    t0 = time.perf_counter()
    get_pipeline(lang)
    kg = KnowledgeGraph()
    newskg_load = time.perf_counter() - t0
    profiler = None
    if profile:
        import cProfile
        profiler = cProfile.Profile()
        profiler.enable()
    t0, c0 = time.perf_counter(), cpu()
    n = sum(1 for _ in kg.ingest([path]))
    newskg_s, newskg_cpu = time.perf_counter() - t0, cpu() - c0
    if profiler is not None:
        profiler.disable()
    row = {"lang": lang, "model": model, "articles": n, "words": words,
           "bare_load_s": round(bare_load, 2), "bare_s": round(bare_s, 2), "bare_cpu_s": round(bare_cpu, 2),
           "bare_words_per_s": round(words / bare_s), "newskg_load_s": round(newskg_load, 2),
           "newskg_s": round(newskg_s, 2), "newskg_cpu_s": round(newskg_cpu, 2),
           "newskg_words_per_s": round(words / newskg_s), "newskg_articles_per_s": round(n / newskg_s, 1),
           "ratio": round(newskg_s / bare_s, 2), "cpu_ratio": round(newskg_cpu / bare_cpu, 2),
           "bare_same_batches_s": round(same_s, 2), "same_batches_ratio": round(newskg_s / same_s, 2),
           "same_batches_cpu_ratio": round(newskg_cpu / same_cpu, 2),
           "bare_same_batches_warm_s": round(warm_s, 2), "warm_same_batches_ratio": round(newskg_s / warm_s, 2),
           "quads": len(kg), "errors": len(kg.errors)}
    if profiler is not None:
        row["profile"] = summarise(profiler, newskg_s)
    return row


def same_batches(texts: list[str]) -> list[list[str]]:
    """The texts (long ones in pieces) in the batches newskg gives spaCy: `newskg.workers.BATCH`
    articles at a time, cut by `newskg.nlp.pieces.batches`."""
    from newskg.nlp.pieces import batches
    from newskg.workers import BATCH
    return [b for i in range(0, len(texts), BATCH) for b in batches(texts[i:i + BATCH], BATCH)]


GROUPS = [("newskg.nlp", "/newskg/nlp/"), ("newskg.extract", "/newskg/extract/"),
          ("newskg.resolve", "/newskg/resolve/"), ("newskg.graph", "/newskg/graph/"),
          ("newskg.ingest", "/newskg/ingest/"), ("newskg.api/workers", "/newskg/")]


def summarise(profiler, total: float) -> dict:
    """Own time (tottime) by package, and the top own-time functions in nlp/ and extract/."""
    import pstats
    stats = pstats.Stats(profiler).stats
    by_group: dict[str, float] = {}
    top = []
    for (path, line, func), (_, _, tottime, _, _) in stats.items():
        group = next((g for g, frag in GROUPS if frag in path), None)
        if group is None:
            group = "spacy" if ("spacy" in path or "thinc" in path) else (
                "pyoxigraph/oxrdflib/rdflib" if any(k in path for k in ("oxigraph", "rdflib")) else
                "python and other libraries")
        by_group[group] = by_group.get(group, 0.0) + tottime
        if "/newskg/nlp/" in path or "/newskg/extract/" in path:
            top.append((tottime, f"{path.split('/src/')[-1]}:{line} {func}"))
    top.sort(reverse=True)
    return {"by_package_s": {k: round(v, 2) for k, v in sorted(by_group.items(), key=lambda x: -x[1])},
            "profiled_s": round(total, 2),
            "top_nlp_extract": [(round(t, 2), name) for t, name in top[:15]]}


def jobs_run(data: Path, n: int, jobs: int, tmp: Path) -> dict:
    path = tmp / "mixed.jsonl"
    if not path.exists():
        write_jsonl(corpus(data, n), path)
    store = tmp / f"store-{jobs}"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "newskg.cli", "extract", str(path), "--into", str(store),
                          "-q", "--jobs", str(jobs)], capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if out.returncode:
        print(out.stderr, file=sys.stderr)
    return {"jobs": jobs, "articles": n, "wall_s": round(wall, 1), "cpu_s": round(used, 1),
            "articles_per_s": round(n / wall, 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path, help="the shared data folder (news-id/, news-en/)")
    ap.add_argument("--articles", type=int, default=500, help="articles per language")
    ap.add_argument("--lang", nargs="+", default=["id", "en"])
    ap.add_argument("--jobs", type=int, nargs="*", default=[], help="also time whole runs with these --jobs")
    ap.add_argument("--jobs-articles", type=int, default=1000, help="articles of the --jobs runs")
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    readers = {"id": indonesian, "en": english}
    with tempfile.TemporaryDirectory(prefix="newskg-speed-") as tmp:
        rows = [measure(lang, readers[lang](a.data, a.articles), Path(tmp), a.profile) for lang in a.lang]
        runs = [jobs_run(a.data, a.jobs_articles, j, Path(tmp)) for j in a.jobs]
    if a.json:
        print(json.dumps({"languages": rows, "jobs": runs}, indent=1))
        return 0
    print("| lang | model | articles | words | bare words/s | newskg words/s | newskg articles/s "
          "| newskg/bare wall | newskg/bare CPU | newskg/bare in newskg's batches (wall, CPU) | same, bare vocabulary warm |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['lang']} | {Path(r['model']).name} | {r['articles']} | {r['words']:,} "
              f"| {r['bare_words_per_s']:,} | {r['newskg_words_per_s']:,} | {r['newskg_articles_per_s']} "
              f"| {r['ratio']}× | {r['cpu_ratio']}× | {r['same_batches_ratio']}×, {r['same_batches_cpu_ratio']}× | {r['warm_same_batches_ratio']}× |")
    print("(start-up: " + ", ".join(f"{r['lang']} bare {r['bare_load_s']} s, newskg {r['newskg_load_s']} s"
                                    for r in rows) + ")")
    for r in rows:
        if "profile" in r:
            p = r["profile"]
            print(f"\n{r['lang']}: own time by package ({p['profiled_s']} s profiled):")
            for k, v in p["by_package_s"].items():
                print(f"  {k:<28} {v:>7.2f} s")
            print("  top functions in newskg.nlp / newskg.extract (own time):")
            for t, name in p["top_nlp_extract"]:
                print(f"    {t:>6.2f} s  {name}")
    if runs:
        print("\n| --jobs | articles | wall s | CPU s | articles/s |")
        print("|---|---|---|---|---|")
        for r in runs:
            print(f"| {r['jobs']} | {r['articles']:,} | {r['wall_s']} | {r['cpu_s']} | {r['articles_per_s']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
