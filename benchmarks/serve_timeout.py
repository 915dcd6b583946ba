"""What a query stopped at `newskg serve --timeout` costs (issue 12: pyoxigraph cannot cancel a
running query, so the server ends the worker process running it and starts a replacement).

    python benchmarks/serve_timeout.py [GRAPH] [--rounds 5]

Serves GRAPH (default: the bundled example article, extracted to a temporary file) with
`--timeout 1 --workers 1` on a free port of 127.0.0.1 and prints: the median time of a warm
`ASK` (20 requests), how long after the limit the 503 comes, and how long the first query on the
replacement worker takes (the pool's only worker was ended, so it waits for the new one), over
`--rounds` rounds.  Bounded: about 2 s a round.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from servers import free_port, stop, wait_until_answering  # noqa: E402

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
FAST = "ASK { ?s ?p ?o }"


def ask(url: str, query: str) -> tuple[int, float]:
    start = time.monotonic()
    try:
        with urllib.request.urlopen(f"{url}/sparql?" + urllib.parse.urlencode({"query": query}),
                                    timeout=60) as resp:
            resp.read()
            status = resp.status
    except urllib.error.HTTPError as err:
        status = err.code
        err.close()
    return status, time.monotonic() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("graph", nargs="?", type=Path)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        graph = args.graph
        if graph is None:
            from newskg.paths import EXAMPLE_ARTICLE
            graph = Path(tmp) / "seed.trig"
            subprocess.run([sys.executable, "-m", "newskg.cli", "extract", str(EXAMPLE_ARTICLE),
                            "-o", str(graph), "-q"], check=True)
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "newskg.cli", "serve", str(graph),
                                   "--bind", f"127.0.0.1:{port}", "--timeout", "1",
                                   "--workers", "1"], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_until_answering(server, f"{url}/sparql", "newskg serve", 120)
            warm = [ask(url, FAST)[1] for _ in range(20)]
            late, first = [], []
            for _ in range(args.rounds):
                status, took = ask(url, SLOW)
                assert status == 503, status
                late.append(took - 1)
                status, took = ask(url, FAST)
                assert status == 200, status
                first.append(took)
        finally:
            stop(server)
    print(f"warm ASK, median of 20:                    {statistics.median(warm) * 1000:.1f} ms")
    print(f"503 after the 1 s limit, median (max):     {statistics.median(late):.2f} s "
          f"({max(late):.2f} s)")
    print(f"first query on the replacement, median (max): {statistics.median(first):.2f} s "
          f"({max(first):.2f} s)")


if __name__ == "__main__":
    main()
