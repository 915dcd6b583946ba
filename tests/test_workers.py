"""Extraction in worker processes and on a Dask cluster gives the graph one process gives."""
from __future__ import annotations

import os

import pytest

from newskg import KnowledgeGraph
from newskg.nlp.pipeline import use_models
from newskg.workers import BATCH, _batches

from .corpus import write_corpus

RULES = {"id": "rules", "en": "rules"}   # the bundled rules only: fast, and the same in every worker


@pytest.fixture
def rules_only():
    previous = use_models(RULES)
    yield
    use_models(previous)


def build(corpus, tmp_path, name, **how) -> bytes:
    kg = KnowledgeGraph()
    items = list(kg.ingest([corpus], **how))
    assert kg.errors == [] and len(items) == kg.counts["added"] > 0
    return kg.serialize(tmp_path / f"{name}.nq").read_bytes()


def test_worker_processes_give_the_same_graph_as_one_process(rules_only, tmp_path):
    corpus = write_corpus(tmp_path / "c.jsonl", 3 * BATCH + 2)     # batches, and a partial one
    assert build(corpus, tmp_path, "one") == build(corpus, tmp_path, "two", jobs=2)


def test_dask_local_cluster_gives_the_same_graph_as_one_process(rules_only, tmp_path):
    pytest.importorskip("dask.distributed", reason="newskg[dask] is not installed")
    corpus = write_corpus(tmp_path / "c.jsonl", 2 * BATCH + 3)
    assert build(corpus, tmp_path, "one") == build(corpus, tmp_path, "dask", dask="local", jobs=2)


def test_results_come_back_in_input_order_whatever_finishes_first():
    from concurrent.futures import Future

    from newskg.article import Article
    from newskg.workers import _in_order

    items = [Article(text=f"a{i}") for i in range(2 * BATCH)] + ["error"] + [Article(text="last")]
    submitted = []

    def submit(batch):               # finishes batches in reverse order of submission
        future = Future()
        submitted.append((future, batch))
        if len(submitted) > 1:
            f, b = submitted[-2]
            if not f.done():
                f.set_result([x.text.upper() for x in b])
        return future

    out = []
    for item, result in _in_order(items, submit, workers=1):
        for f, b in submitted:
            if not f.done():
                f.set_result([x.text.upper() for x in b])
        out.append((item if isinstance(item, str) else item.text, result))
    assert [o[0] for o in out] == [x if isinstance(x, str) else x.text for x in items]
    assert all(r == t.upper() for t, r in out if t != "error")


def test_batches_keep_input_order():
    from newskg.article import Article
    arts = [Article(text=str(i)) for i in range(BATCH + 1)]
    runs = list(_batches([arts[0], "x", *arts[1:]], BATCH))
    assert [len(r) for r in runs] == [1, 1, BATCH]
    assert [x for r in runs for x in r] == [arts[0], "x", *arts[1:]]


def _descendants(pid: int) -> set[int]:
    """Every process under `pid` (read from /proc)."""
    from pathlib import Path
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _running(pid: int) -> bool:
    from pathlib import Path
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not __import__("sys").platform.startswith("linux"), reason="reads /proc")
def test_workers_forkserver_and_tracker_exit_when_the_main_process_is_killed(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    from .corpus import write_corpus
    corpus = write_corpus(tmp_path / "c.jsonl", 400)
    proc = subprocess.Popen([sys.executable, "-m", "newskg.cli", "extract", str(corpus), "--into",
                             str(tmp_path / "store"), "--jobs", "2", "-q", "--model", "en=rules",
                             "--model", "id=rules"], stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    helpers: set[int] = set()
    while len(helpers) < 4 and proc.poll() is None and time.monotonic() < deadline:
        helpers = _descendants(proc.pid)        # forkserver, two workers, resource tracker
        time.sleep(0.2)
    assert len(helpers) >= 4, f"the pool did not start ({helpers})"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 30
    while any(_running(p) for p in helpers) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = [p for p in helpers if _running(p)]
    for p in left:                               # do not leave them to the next test
        os.kill(p, signal.SIGKILL)
    assert not left, f"{len(left)} of {len(helpers)} helper processes outlived the main one"


def test_the_vocabulary_keeps_its_first_new_words_then_stops_growing(rules_only, monkeypatch):
    """Batches are read outside spaCy's memory zone until the vocabulary has grown by
    KEEP_STRINGS strings; after that each batch's new words are let go again."""
    from newskg import workers
    from newskg.article import Article
    from newskg.nlp.pipeline import get_pipeline

    def batch(k: int) -> list[Article]:     # made-up words, new in every batch
        return [Article(text=f"Menteri Budi bertemu Wakil Zorbak{k}x{i} di Qelmar{k}y{i}.", lang="id")
                for i in range(4)]

    monkeypatch.setattr(workers, "_warm", {})
    monkeypatch.setattr(workers, "KEEP_STRINGS", 40)   # about two batches
    strings = get_pipeline("id").vocab.strings
    sizes = []
    for k in range(6):
        assert all(not isinstance(r, Exception) for r in workers.extract_many(batch(k)))
        sizes.append(len(strings))
    grown = [b - a for a, b in zip(sizes, sizes[1:])]
    assert grown[0] > 0                          # the first new words are kept
    assert grown[-2:] == [0, 0], sizes           # past KEEP_STRINGS, a batch leaves nothing behind
