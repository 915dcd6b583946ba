"""`newskg serve` stops a query past `--timeout` (503) while it answers others meanwhile, and
serves a store folder that `newskg extract --into` is writing, new articles appearing without a
restart."""
from __future__ import annotations

import subprocess
import sys
import threading
import time
import urllib.parse

from ..corpus import write_corpus
from .server import request, running

# a four-way cross product of every statement: hours on the seed graph
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
RULES = ["--model", "id=rules", "--model", "en=rules"]
ARTICLES = ("SELECT (COUNT(?a) AS ?n) WHERE { ?a a <https://w3id.org/newskg/ontology#Article> }")


def get(url: str, query: str) -> tuple[int, bytes, float]:
    start = time.monotonic()
    status, _, body = request(f"{url}/sparql?" + urllib.parse.urlencode({"query": query}),
                              headers={"Accept": "text/csv"})
    return status, body, time.monotonic() - start


def test_a_query_past_the_time_limit_is_503_while_others_are_answered(seed_graph):
    with running(seed_graph, "--timeout", "2", "--workers", "2") as url:
        slow = {}
        thread = threading.Thread(target=lambda: slow.update(zip("sbt", get(url, SLOW))))
        thread.start()
        time.sleep(0.3)
        status, body, took = get(url, "ASK { ?s ?p ?o }")
        assert status == 200 and b"true" in body and took < 1.5
        assert thread.is_alive()                         # the slow one is still running
        thread.join(30)
        assert slow["s"] == 503 and b"time limit of 2 s" in slow["b"]
        assert 2 <= slow["t"] < 6
        for _ in range(3):                               # the stopped worker was replaced
            status, body, took = get(url, "ASK { ?s ?p ?o }")
            assert status == 200 and b"true" in body


def articles(url: str) -> int:
    status, body, _ = get(url, ARTICLES)
    assert status == 200, body
    return int(body.decode().splitlines()[1])


def test_a_store_folder_being_written_is_served(tmp_path):
    store = tmp_path / "store"
    first = write_corpus(tmp_path / "first.jsonl", 2)
    more = write_corpus(tmp_path / "more.jsonl", 30, start=2)
    done = subprocess.run([sys.executable, "-m", "newskg.cli", "extract", str(first), "--into",
                           str(store), "-q", *RULES], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    with running(store) as url:
        assert articles(url) == 2
        writer = subprocess.Popen([sys.executable, "-m", "newskg.cli", "extract", str(more),
                                   "--into", str(store), "-q", *RULES], stderr=subprocess.PIPE)
        seen, answered_while_writing = {2}, 0
        try:
            while writer.poll() is None:
                seen.add(articles(url))
                answered_while_writing += 1
                time.sleep(0.2)
            assert writer.returncode == 0, writer.stderr.read().decode()[-500:]
        finally:
            if writer.poll() is None:
                writer.kill()
            writer.wait()
            writer.stderr.close()
        # no restart needed, and every worker answers from the finished folder at once
        assert [articles(url) for _ in range(6)] == [32] * 6, sorted(seen)
        assert answered_while_writing > 0 and all(2 <= n <= 32 for n in seen)
