"""Peak memory of `newskg extract` at growing corpus sizes: does resolution state stay flat?

    python benchmarks/memory.py ../shared/data --sizes 1000 10000 [--jobs 1] [--to store|nq]

For each size it builds a corpus of real news (`benchmarks/news.py`: IndoSum and BBC interleaved,
cycled with distinct ids past the ~5.6k unique articles) in a temporary folder, then runs
`newskg extract CORPUS --into STORE -q` (or `-o graph.nq`) in a fresh process and reports its peak
resident memory (the kernel's high-water mark, from wait4), wall time, articles/s, and its resident
memory sampled every few seconds (to see whether it grows with the articles read).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from news import corpus, write_jsonl  # noqa: E402


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def run(data: Path, n: int, jobs: int, to: str, models: list[str], every: float) -> dict:
    with tempfile.TemporaryDirectory(prefix="newskg-mem-") as tmp:
        path = write_jsonl(corpus(data, n), Path(tmp) / "corpus.jsonl")
        target = ["--into", str(Path(tmp) / "store")] if to == "store" else ["-o", str(Path(tmp) / "graph.nq")]
        cmd = [sys.executable, "-m", "newskg.cli", "extract", str(path), *target, "-q",
               "--jobs", str(jobs), *[x for m in models for x in ("--model", m)]]
        start = time.perf_counter()
        log = open(Path(tmp) / "stderr.txt", "w+")
        proc = subprocess.Popen(cmd, stderr=log)
        samples = []
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            r = rss_mb(proc.pid)
            if r is not None:
                samples.append((round(time.perf_counter() - start), round(r)))
            time.sleep(every)
        wall = time.perf_counter() - start
        log.seek(0)
        err = log.read()
        quads = None
        if to == "store":
            import pyoxigraph as ox
            quads = len(ox.Store.read_only(str(Path(tmp) / "store")))
    return {"articles": n, "jobs": jobs, "to": to, "wall_s": round(wall, 1),
            "articles_per_s": round(n / wall, 1), "peak_rss_mb": round(usage.ru_maxrss / 1024),
            "quads": quads, "samples": samples, "errors": err.count("error:")}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path, help="the shared data folder (news-id/, news-en/)")
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--to", choices=["store", "nq"], default="store")
    ap.add_argument("--model", action="append", default=[], metavar="LANG=PIPELINE")
    ap.add_argument("--every", type=float, default=5.0, help="seconds between memory samples")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    rows = []
    for n in a.sizes:
        rows.append(run(a.data, n, a.jobs, a.to, a.model, a.every))
        print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    if a.json:
        print(json.dumps(rows, indent=1))
        return 0
    print("| articles | quads | wall s | articles/s | peak RSS MB |")
    print("|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['articles']:,} | {r['quads'] or '':,} | {r['wall_s']} | {r['articles_per_s']} "
              f"| {r['peak_rss_mb']} |")
    if len(rows) > 1:
        print(f"\npeak at {rows[-1]['articles']:,} / peak at {rows[0]['articles']:,}: "
              f"{rows[-1]['peak_rss_mb'] / rows[0]['peak_rss_mb']:.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
