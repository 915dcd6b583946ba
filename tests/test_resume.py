"""An interrupted `extract --into DIR` keeps what it wrote; running it again adds the rest, nothing twice."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from newskg.cli import main

from .corpus import write_corpus

RULES = ["--model", "id=rules", "--model", "en=rules"]
ARTICLE = ox.NamedNode("https://w3id.org/newskg/ontology#Article")
TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def articles_in(folder) -> int:
    """Articles in a store folder, read while another process may be writing to it."""
    try:
        store = ox.Store.read_only(str(folder))
    except (OSError, RuntimeError):      # not there yet, or still being created
        return 0
    return sum(1 for _ in store.quads_for_pattern(None, TYPE, ARTICLE, ox.DefaultGraph()))


def all_quads(folder) -> set:
    return set(ox.Store.read_only(str(folder)).quads_for_pattern(None, None, None, None))


def extract(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newskg.cli", "extract", *args, *RULES],
                          capture_output=True, text=True, timeout=300)


@pytest.mark.skipif(os.name != "posix", reason="kills the process with SIGKILL")
def test_a_killed_extraction_resumes_without_duplicates(tmp_path):
    corpus = write_corpus(tmp_path / "corpus.jsonl", 60)
    clean = tmp_path / "clean"
    assert extract(str(corpus), "--into", str(clean), "-q").returncode == 0

    store = tmp_path / "store"
    proc = subprocess.Popen([sys.executable, "-m", "newskg.cli", "extract", str(corpus), "--into",
                             str(store), "-q", *RULES], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 240
    while articles_in(store) < 5 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)          # no chance to clean up
    proc.wait()
    done = articles_in(store)
    assert 5 <= done < 60, f"the run was not stopped part way ({done} articles written)"

    again = extract(str(corpus), "--into", str(store))
    assert again.returncode == 0, again.stderr
    assert f"60 articles ({60 - done} added, {done} unchanged, 0 replaced)" in again.stderr
    assert all_quads(store) == all_quads(clean)       # the same graph as one clean run


def test_ctrl_c_keeps_the_articles_written_and_says_how_to_go_on(pipeline, tmp_path, monkeypatch):
    """Articles are extracted in batches (workers.BATCH); Ctrl-C loses only the batch in hand."""
    from newskg.workers import BATCH
    n, stop = 2 * BATCH + 4, BATCH + 3          # the interrupt falls inside the second batch
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(f'{{"id": "a{i}", "text": "Joko Widodo met Person Number{i}."}}\n'
                              for i in range(n)), encoding="utf-8")
    extract_facts = pipeline.extract_facts

    def interrupted(article):
        if article.id == f"a{stop}":
            raise KeyboardInterrupt
        return extract_facts(article)

    monkeypatch.setattr("newskg.extract.extract_facts", interrupted)
    store = tmp_path / "store"
    runner = CliRunner()
    first = runner.invoke(main, ["extract", str(corpus), "--into", str(store)])
    assert first.exit_code == 130
    assert (f"interrupted after {BATCH} articles: they are in {store}; run the same command again"
            in first.stderr)
    monkeypatch.setattr("newskg.extract.extract_facts", extract_facts)
    second = runner.invoke(main, ["extract", str(corpus), "--into", str(store)])
    assert f"{n} articles ({n - BATCH} added, {BATCH} unchanged, 0 replaced)" in second.stderr
    graph = tmp_path / "g.trig"
    runner.invoke(main, ["extract", str(corpus), "-o", str(graph)])
    assert all_quads(store) == {q for q in ox.parse(path=str(graph), format=ox.RdfFormat.TRIG)} | {
        ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
        for q in ox.parse(path=str(graph), format=ox.RdfFormat.TRIG)}
