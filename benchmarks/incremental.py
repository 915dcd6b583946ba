"""Incremental = batch on 300 real articles: one run, three runs, (and the reverse order), then validate.

    python benchmarks/incremental.py ../shared/data [--per-language 150] [--jobs 2] [--reversed]

The corpus is the one `benchmarks/real_articles.py` reads: the first 150 unique IndoSum articles and
the first 150 BBC politics stories (read from the shared data folder each run; nothing is copied into
the repository, the .jsonl lives in a temporary folder).  It is added with `newskg extract CORPUS
--into DIR` once, and in three runs of a third each into another store folder (`--reversed`: also
once in reverse order).  The stores are exported as N-Quads and their sorted lines compared; then
`newskg validate` runs on the one-run export (SHACL and HermiT), timed.

The one-run store is also exported as TriG, and every saved query is run on both exports by
`newskg query`, by rdflib's Dataset, by a pyoxigraph Store loading the file as it is, and by the real
Oxigraph server (the `oxigraph` command of the PyPI `oxigraph` package, in the test extra): `oxigraph
load` of the file into a fresh folder, then `oxigraph serve-read-only` on it, asked over HTTP (the
SPARQL 1.1 Protocol); the row counts are printed per query.

Exit status 0 when the three-run graph equals the one-run graph, the four tools agree on every
saved query (three when the `oxigraph` command is not installed: said so), and validate says it
conforms.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from news import write_jsonl  # noqa: E402
from real_articles import build_corpus  # noqa: E402
from servers import free_port, stop, wait_until_answering  # noqa: E402


def newskg(*args: str) -> subprocess.CompletedProcess:
    """Run the command line in a fresh process (as a user would)."""
    return subprocess.run([sys.executable, "-m", "newskg.cli", *args], capture_output=True,
                          text=True)


def add(parts: list[Path], store: Path, jobs: int) -> float:
    """Add each part in its own run; returns the seconds taken."""
    started = time.perf_counter()
    for part in parts:
        done = newskg("extract", str(part), "--into", str(store), "-q", "--jobs", str(jobs))
        if done.returncode != 0:
            raise SystemExit(f"extract {part} failed:\n{done.stderr}")
    return time.perf_counter() - started


def open_read_only(store: Path):
    from newskg import KnowledgeGraph
    return KnowledgeGraph(path=store, read_only=True)


def export(store: Path, out: Path) -> list[str]:
    """The store's quads as sorted N-Quads lines (also written to `out`)."""
    from newskg import KnowledgeGraph
    kg = KnowledgeGraph(path=store, read_only=True)
    kg.serialize(out)
    kg.close()
    return sorted(out.read_text(encoding="utf-8").splitlines())


def oxigraph_binary() -> str | None:
    """The `oxigraph` command (PyPI `oxigraph`), next to this Python or on PATH."""
    here = Path(sys.executable).parent / "oxigraph"
    return str(here) if here.exists() else shutil.which("oxigraph")


@contextlib.contextmanager
def oxigraph_server(path: Path, folder: Path):
    """The URL of `oxigraph serve-read-only` on a folder `oxigraph load` filled with the file as it
    is (None when the command is not installed); the server is stopped afterwards."""
    binary = oxigraph_binary()
    if binary is None:
        yield None
        return
    loaded = subprocess.run([binary, "load", "--location", str(folder), "--file", str(path)],
                            capture_output=True, text=True)
    if loaded.returncode != 0:
        raise SystemExit(f"oxigraph load {path} failed:\n{loaded.stderr[-1000:]}")
    port = free_port()
    proc = subprocess.Popen([binary, "serve-read-only", "--location", str(folder), "--bind",
                             f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(proc, f"{url}/query?query=ASK%7B%7D", "oxigraph serve-read-only", 60,
                             log=lambda: proc.stderr.read().decode())
        yield url
    finally:
        stop(proc, timeout=10)


def server_rows(url: str, text: str, variables: list[str], prefixes: dict) -> list[tuple]:
    """A query's rows as the server answers it (SPARQL 1.1 Protocol, JSON results); `prefixes`
    the saved queries use undeclared are declared in front."""
    text = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes.items()) + text
    request = urllib.request.Request(f"{url}/query", data=urllib.parse.urlencode({"query": text}).encode(),
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=600) as answer:
        rows = json.load(answer)["results"]["bindings"]
    return sorted(tuple(row[v]["value"] if v in row else "" for v in variables) for row in rows)


def rows_in_other_tools(path: Path, name: str) -> bool:
    """Every saved query on the exported file, as `newskg query` answers it and as rdflib's Dataset,
    a pyoxigraph Store and the Oxigraph server answer it after loading the file as it is (what
    Jena does too); prints the row counts and returns whether all agree on every query."""
    import pyoxigraph as ox
    from rdflib import Dataset, Literal

    from newskg import KnowledgeGraph
    from newskg.graph.queries import bind_in_text, parameters, saved_queries
    from newskg.vocab.iris import all_prefixes

    def plain(v) -> str:
        return "" if v is None else v.value if isinstance(v, (ox.NamedNode, ox.Literal, ox.BlankNode)) else str(v)

    fmt = {".nq": (ox.RdfFormat.N_QUADS, "nquads"), ".trig": (ox.RdfFormat.TRIG, "trig")}[path.suffix]
    ours_kg = KnowledgeGraph.load(path)
    rdf = Dataset(default_union=False)
    rdf.parse(path, format=fmt[1])
    oxs = ox.Store()
    oxs.load(path=str(path), format=fmt[0])
    prefixes, agree = all_prefixes(), True
    with tempfile.TemporaryDirectory(prefix="newskg-oxigraph-server-") as folder, \
            oxigraph_server(path, Path(folder)) as server:
        if server is None:
            print(f"  {name}: the oxigraph command is not installed (pip install oxigraph): "
                  f"Oxigraph server not asked")
        for qname, qfile in saved_queries().items():
            text = qfile.read_text()
            given = {p.name: "Tony Blair" for p in parameters(text)}
            ours = ours_kg.query(qname, given)
            want = sorted(tuple(plain(r[v]) for v in ours.vars) for r in ours)
            got_rdf = sorted(tuple(plain(r[v]) for v in ours.vars) for r in rdf.query(
                text, initNs=prefixes, initBindings={k: Literal(v) for k, v in given.items()}))
            got_ox = sorted(tuple(plain(r[v]) for v in ours.vars) for r in oxs.query(
                text, prefixes=prefixes, substitutions={ox.Variable(k): ox.Literal(v) for k, v in given.items()}))
            got_server = None if server is None else server_rows(
                server, bind_in_text(text, {k: Literal(v) for k, v in given.items()}), ours.vars, prefixes)
            ok = got_rdf == want and got_ox == want and got_server in (None, want)
            agree &= ok
            print(f"  {name} {qname}: newskg {len(want)} rows, rdflib {len(got_rdf)}, pyoxigraph {len(got_ox)}"
                  + ("" if got_server is None else f", oxigraph server {len(got_server)}")
                  + ("" if ok else "  DIFFERENT"))
    ours_kg.close()
    return agree


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path, help="the shared data folder (holding news-id/, news-en/)")
    ap.add_argument("--per-language", type=int, default=150)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--reversed", action="store_true", help="also add the corpus in reverse order")
    a = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="newskg-incremental-") as tmp:
        tmp = Path(tmp)
        records = build_corpus(a.data, a.per_language)
        corpus = write_jsonl(records, tmp / "corpus.jsonl")
        third = -(-len(records) // 3)
        parts = [write_jsonl(records[i:i + third], tmp / f"part{i // third}.jsonl")
                 for i in range(0, len(records), third)]
        print(f"corpus: {len(records)} articles; parts of {[third] * (len(parts) - 1)} + "
              f"{len(records) - third * (len(parts) - 1)}")
        t_one = add([corpus], tmp / "one", a.jobs)
        t_three = add(parts, tmp / "three", a.jobs)
        one = export(tmp / "one", tmp / "one.nq")
        three = export(tmp / "three", tmp / "three.nq")
        same = one == three
        diff = len(set(one) ^ set(three))
        print(f"one run:    {len(one)} quads ({t_one:.0f} s)")
        print(f"three runs: {len(three)} quads ({t_three:.0f} s); sorted N-Quads identical: {same}"
              + ("" if same else f" ({diff} lines differ)"))
        if a.reversed:
            rev = write_jsonl(records[::-1], tmp / "reversed.jsonl")
            add([rev], tmp / "reversed", a.jobs)
            back = export(tmp / "reversed", tmp / "reversed.nq")
            print(f"reversed:   {len(back)} quads; identical: {back == one} "
                  f"({len(set(one) ^ set(back))} lines differ)")
        kg = open_read_only(tmp / "one")
        kg.serialize(tmp / "one.trig")
        kg.close()
        agree = all([rows_in_other_tools(tmp / "one.nq", "one.nq"), rows_in_other_tools(tmp / "one.trig", "one.trig")])
        print(f"saved queries on the exports: rdflib, pyoxigraph and oxigraph server give newskg's "
              f"rows: {agree}")
        started = time.perf_counter()
        checked = newskg("validate", str(tmp / "one.nq"))
        seconds = time.perf_counter() - started
        for line in (checked.stdout + checked.stderr).splitlines():
            print(f"  validate: {line}")
        print(f"validate: exit {checked.returncode} ({seconds:.1f} s, start-up and loading included)")
    return 0 if same and agree and checked.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
