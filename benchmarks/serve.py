"""`newskg serve` against `oxigraph serve-read-only` on one big store folder, under bounded
concurrent clients on localhost (issue 12: within 1.5× of Oxigraph's own server).

    python benchmarks/serve.py STORE [--clients 8] [--requests 200] [--names 10] [--seed 1]
    python benchmarks/serve.py ../shared/data --store /tmp/bigstore     # builds STORE first

STORE is an Oxigraph store folder made by `newskg extract --into` (`benchmarks/big_store.py`
builds one of ~1.1M quads from every unique IndoSum and BBC article; given the shared data folder
instead, this script builds it at `--store` when that folder does not exist yet).

The requests are a mix of the saved queries (`src/newskg/queries/*.rq`), each kind equally likely:
every query without parameters, `quotes` with and without `speakerName`, and `timeline` /
`entity_profile` with `name` — the parameters are picked from the store: the `--names` entities
mentioned in most articles, and the speakers quoted most.  Each query is bound by
`newskg.graph.queries.bind_in_text` (the values written in as escaped terms, as newskg does for any
endpoint), so both servers get exactly the same SPARQL text, POSTed as
`application/sparql-query` with `Accept: application/sparql-results+json`.  Each client is a thread
with one keep-alive HTTP connection, sending its requests one after another (a fixed random
sequence, the same for both servers).

For each server, in turn, on a free port of 127.0.0.1, with its default settings (`newskg serve`:
2 worker processes; Oxigraph: its own threads): started, warmed with every distinct request once
(the row counts of the two servers are compared), each distinct request timed once more alone
(one at a time: the answer time without queueing), then the clients timed: requests/s, p50 / p95 /
max latency, errors (any answer other than 200), and the CPU seconds the server's processes used.
Prints a JSON report with the ratios newskg / Oxigraph.
"""
from __future__ import annotations

import argparse
import http.client
import json
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).parent))
from servers import free_port, stop, wait_until_answering  # noqa: E402

NKG = "https://w3id.org/newskg/ontology#"


# -- the requests ---------------------------------------------------------------------------------

def picks(store: Path, n: int) -> tuple[list[str], list[str]]:
    """(names of the n entities mentioned in most articles, names of the n most quoted speakers)."""
    import pyoxigraph as ox
    st = ox.Store.read_only(str(store))
    names = [r["label"].value for r in st.query(f"""
        SELECT ?label (COUNT(?a) AS ?n) WHERE {{
          ?e <{NKG}mentionedIn> ?a ; <http://www.w3.org/2000/01/rdf-schema#label> ?label ;
             a ?t FILTER(?t IN (<{NKG}Person>, <{NKG}Organization>, <{NKG}Country>))
        }} GROUP BY ?label ORDER BY DESC(?n) ?label LIMIT {n}""")]
    speakers = [r["label"].value for r in st.query(f"""
        SELECT ?label (COUNT(?q) AS ?n) WHERE {{
          ?q <{NKG}speaker> ?p . ?p <http://www.w3.org/2000/01/rdf-schema#label> ?label
        }} GROUP BY ?label ORDER BY DESC(?n) ?label LIMIT {n}""")]
    del st
    return names, speakers


def requests_of(store: Path, n: int) -> list[list[tuple[str, str]]]:
    """The mix: one list per kind of request, each of (label, SPARQL text)."""
    from rdflib import Literal

    from newskg.graph.queries import bind_in_text, parameters, saved_queries
    names, speakers = picks(store, n)
    kinds = []
    for name, path in saved_queries().items():
        text = path.read_text(encoding="utf-8")
        params = parameters(text)
        if not params or not all(p.required for p in params):
            kinds.append([(name, text)])
        for p in params:
            values = speakers if p.name == "speakerName" else names
            kinds.append([(f"{name}?{p.name}={v}", bind_in_text(text, {p.name: Literal(v)}))
                          for v in values])
    return kinds


def sequences(kinds, clients: int, per_client: int, seed: int) -> list[list[tuple[str, str]]]:
    rng = random.Random(seed)
    return [[rng.choice(rng.choice(kinds)) for _ in range(per_client)] for _ in range(clients)]


# -- the servers ----------------------------------------------------------------------------------

class Server:
    """A server process on a free port: `newskg serve STORE` or `oxigraph serve-read-only`."""

    def __init__(self, kind: str, store: Path, workers: int | None = None):
        self.kind, self.port = kind, free_port()
        bind = f"127.0.0.1:{self.port}"
        if kind == "newskg":
            command = [sys.executable, "-m", "newskg.cli", "serve", str(store), "--bind", bind]
            command += ["--workers", str(workers)] if workers else []
            self.path = "/sparql"
        else:
            oxigraph = Path(sys.executable).with_name("oxigraph")
            command = [str(oxigraph), "serve-read-only", "--location", str(store), "--bind", bind]
            self.path = "/query"
        # the server's log goes to a file: a pipe nobody reads would fill and stop the server
        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=self.log)
        probe = "/sparql" if kind == "newskg" else "/query?query=ASK%7B%7D"
        wait_until_answering(self.proc, f"http://127.0.0.1:{self.port}{probe}", kind, 300,
                             log=self._log_text)

    def _log_text(self) -> str:
        self.log.seek(0)
        return self.log.read().decode()

    def ask(self, text: str) -> tuple[int, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
        try:
            return post(conn, self.path, text)
        finally:
            conn.close()

    def cpu(self) -> float:
        """CPU seconds of the server and every process under it (the query workers)."""
        total = 0.0
        root = psutil.Process(self.proc.pid)
        for p in [root, *root.children(recursive=True)]:
            try:
                t = p.cpu_times()
                total += t.user + t.system
            except psutil.NoSuchProcess:
                pass
        return total

    def stop(self) -> None:
        stop(self.proc)
        self.log.close()


def post(conn: http.client.HTTPConnection, path: str, text: str) -> tuple[int, bytes]:
    conn.request("POST", path, body=text.encode("utf-8"),
                 headers={"Content-Type": "application/sparql-query",
                          "Accept": "application/sparql-results+json"})
    resp = conn.getresponse()
    return resp.status, resp.read()


def rows(body: bytes) -> int:
    return len(json.loads(body)["results"]["bindings"])


def run(server: Server, kinds, seqs) -> dict:
    warm_started = time.perf_counter()
    counts = {}
    for kind in kinds:
        for label, text in kind:
            status, body = server.ask(text)
            counts[label] = rows(body) if status == 200 else f"HTTP {status}"
    warm = time.perf_counter() - warm_started
    alone = 0.0                  # every distinct request once more, one at a time: no queueing
    for kind in kinds:
        for label, text in kind:
            t0 = time.perf_counter()
            server.ask(text)
            alone += time.perf_counter() - t0
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def client(seq):
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=600)
        mine, bad = [], []
        for label, text in seq:
            t0 = time.perf_counter()
            try:
                status, body = post(conn, server.path, text)
            except (OSError, http.client.HTTPException) as exc:
                bad.append(f"{label}: {exc!r}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=600)
                continue
            mine.append(time.perf_counter() - t0)
            if status != 200:
                bad.append(f"{label}: HTTP {status} {body[:200]!r}")
        conn.close()
        with lock:
            latencies.extend(mine)
            errors.extend(bad)

    cpu0 = server.cpu()
    threads = [threading.Thread(target=client, args=(s,)) for s in seqs]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    cpu = server.cpu() - cpu0
    latencies.sort()
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
    total = sum(len(s) for s in seqs)
    return {"requests": total, "seconds": round(wall, 1), "requests_per_s": round(total / wall, 2),
            "p50_ms": round(q[49] * 1000, 1), "p95_ms": round(q[94] * 1000, 1),
            "max_ms": round(latencies[-1] * 1000, 1), "errors": len(errors),
            "error_examples": errors[:5], "server_cpu_s": round(cpu, 1),
            "warm_up_s": round(warm, 1), "one_at_a_time_s": round(alone, 2), "rows": counts}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", type=Path, help="a store folder, or the shared data folder")
    ap.add_argument("--store", type=Path, help="with a data folder: the store to build or reuse")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--requests", type=int, default=200, help="requests per client")
    ap.add_argument("--names", type=int, default=10, help="parameter values per parameter")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--servers", nargs="+", default=["newskg", "oxigraph"],
                    choices=["newskg", "oxigraph"])
    ap.add_argument("--workers", type=int, help="newskg serve --workers (default: its own)")
    a = ap.parse_args(argv)

    store = a.path
    if not (store / "CURRENT").exists():
        if a.store is None:
            ap.error(f"{store} is no store folder: give the data folder with --store DIR")
        store = a.store
        if not (store / "CURRENT").exists():
            sys.path.insert(0, str(Path(__file__).parent))
            from big_store import main as build
            if build([str(a.path), "--store", str(store)]) != 0:
                return 1
    kinds = requests_of(store, a.names)
    seqs = sequences(kinds, a.clients, a.requests, a.seed)
    report = {"store": str(store), "clients": a.clients, "requests_per_client": a.requests,
              "kinds": len(kinds), "distinct_requests": sum(len(k) for k in kinds)}
    for kind in a.servers:
        server = Server(kind, store, a.workers)
        try:
            report[kind] = run(server, kinds, seqs)
        finally:
            server.stop()
        print(f"{kind}: {report[kind]['requests_per_s']} requests/s, p50 "
              f"{report[kind]['p50_ms']} ms, p95 {report[kind]['p95_ms']} ms, "
              f"{report[kind]['errors']} errors", file=sys.stderr)
    if "newskg" in report and "oxigraph" in report:
        n, o = report["newskg"], report["oxigraph"]
        report["rows_differ"] = {k: [n["rows"][k], o["rows"].get(k)] for k in n["rows"]
                                 if n["rows"][k] != o["rows"].get(k)}
        def ratio(a, b):
            return round(a / b, 2) if b else None
        report["ratio"] = {
            "throughput_oxigraph_over_newskg": ratio(o["requests_per_s"], n["requests_per_s"]),
            "p50_newskg_over_oxigraph": ratio(n["p50_ms"], o["p50_ms"]),
            "p95_newskg_over_oxigraph": ratio(n["p95_ms"], o["p95_ms"]),
            "one_at_a_time_newskg_over_oxigraph": ratio(n["one_at_a_time_s"], o["one_at_a_time_s"]),
            "server_cpu_newskg_over_oxigraph": ratio(n["server_cpu_s"], o["server_cpu_s"])}
    for kind in a.servers:              # the row count of each distinct request: a summary
        counts = report[kind]["rows"]
        report[kind]["rows"] = {"distinct_requests": len(counts),
                                "rows": sum(c for c in counts.values() if isinstance(c, int))}
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
